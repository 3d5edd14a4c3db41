#pragma once

#include <QSortFilterProxyModel>

namespace finops {

// Filters an OfferTableModel by free text (provider or model contains it), by provider
// and to open-weight models; sorts by the model's raw SortRole values.
class OfferFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit OfferFilterProxyModel(QObject* parent = nullptr);

    void setText(const QString& text);
    void setProvider(const QString& provider); // empty: all providers
    void setOpenOnly(bool openOnly);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_text;
    QString m_provider;
    bool m_openOnly = false;
};

} // namespace finops
