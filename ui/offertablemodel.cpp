#include "offertablemodel.h"

#include "displayformat.h"

#include <limits>

namespace finops {

OfferTableModel::OfferTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void OfferTableModel::setOffers(std::vector<PriceOffer> offers)
{
    beginResetModel();
    m_offers = std::move(offers);
    endResetModel();
}

int OfferTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_offers.size());
}

int OfferTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant OfferTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PriceOffer& o = m_offers[static_cast<std::size_t>(index.row())];
    constexpr double kAbsent = std::numeric_limits<double>::max(); // absent prices sort last
    auto price = [&](const std::optional<double>& v) -> QVariant {
        if (role == SortRole)
            return v.value_or(kAbsent);
        return v ? QString::fromStdString(formatUnitPrice(*v)) : QStringLiteral("—");
    };

    if (role == OpenWeightsRole)
        return o.openWeights;
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case Input:
        case CachedInput:
        case CacheWrite:
        case Output:
        case ContextWindow:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        QString tip = QString::fromStdString(o.source);
        if (!o.sourceDate.empty())
            tip += QStringLiteral(" (as of %1)").arg(QString::fromStdString(o.sourceDate));
        if (!o.aliases.empty()) {
            QStringList aliases;
            for (const auto& a : o.aliases)
                aliases << QString::fromStdString(a);
            tip += QStringLiteral("\nAliases: ") + aliases.join(QStringLiteral(", "));
        }
        return tip;
    }
    if (role != Qt::DisplayRole && role != SortRole)
        return {};

    switch (index.column()) {
    case Provider:
        return QString::fromStdString(o.provider);
    case Model:
        return QString::fromStdString(o.model);
    case Input:
        return price(o.inputUsdPerMtok);
    case CachedInput:
        return price(o.cachedInputUsdPerMtok);
    case CacheWrite:
        return price(o.cacheWriteUsdPerMtok);
    case Output:
        return price(o.outputUsdPerMtok);
    case ContextWindow:
        if (role == SortRole)
            return static_cast<qlonglong>(o.contextWindowTokens.value_or(0));
        return o.contextWindowTokens ? QString::fromStdString(formatCount(static_cast<double>(*o.contextWindowTokens)))
                                     : QStringLiteral("—");
    case OpenWeights:
        if (role == SortRole)
            return o.openWeights;
        return o.openWeights ? tr("open") : tr("closed");
    case EffectiveFrom:
        return QString::fromStdString(o.effectiveFrom.toString());
    case Source:
        return QString::fromStdString(o.source);
    default:
        return {};
    }
}

QVariant OfferTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Provider:
        return tr("Provider");
    case Model:
        return tr("Model");
    case Input:
        return tr("Input $/Mtok");
    case CachedInput:
        return tr("Cached input $/Mtok");
    case CacheWrite:
        return tr("Cache write $/Mtok");
    case Output:
        return tr("Output $/Mtok");
    case ContextWindow:
        return tr("Context");
    case OpenWeights:
        return tr("Weights");
    case EffectiveFrom:
        return tr("Effective from");
    case Source:
        return tr("Source");
    default:
        return {};
    }
}

} // namespace finops
