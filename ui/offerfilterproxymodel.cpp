#include "offerfilterproxymodel.h"

#include "offertablemodel.h"

namespace finops {

OfferFilterProxyModel::OfferFilterProxyModel(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(OfferTableModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void OfferFilterProxyModel::setText(const QString& text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

void OfferFilterProxyModel::setProvider(const QString& provider)
{
    m_provider = provider;
    invalidateFilter();
}

void OfferFilterProxyModel::setOpenOnly(bool openOnly)
{
    m_openOnly = openOnly;
    invalidateFilter();
}

bool OfferFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QAbstractItemModel* m = sourceModel();
    const QString provider = m->index(sourceRow, OfferTableModel::Provider, sourceParent).data().toString();
    if (!m_provider.isEmpty() && provider != m_provider)
        return false;
    if (m_openOnly && !m->index(sourceRow, 0, sourceParent).data(OfferTableModel::OpenWeightsRole).toBool())
        return false;
    if (m_text.isEmpty())
        return true;
    const QString model = m->index(sourceRow, OfferTableModel::Model, sourceParent).data().toString();
    return provider.contains(m_text, Qt::CaseInsensitive) || model.contains(m_text, Qt::CaseInsensitive);
}

} // namespace finops
