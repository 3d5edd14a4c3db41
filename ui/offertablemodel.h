#pragma once

#include "priceoffer.h"

#include <QAbstractTableModel>
#include <vector>

namespace finops {

// The price catalog as a table: one row per offer, prices in USD per million tokens.
// Qt::DisplayRole gives formatted text; SortRole the raw value (numbers as numbers, absent
// prices sort last), so a QSortFilterProxyModel sorts correctly.
class OfferTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Provider,
        Model,
        Input,
        CachedInput,
        CacheWrite,
        Output,
        ContextWindow,
        OpenWeights,
        EffectiveFrom,
        Source,
        ColumnCount
    };
    enum Role { SortRole = Qt::UserRole + 1, OpenWeightsRole };

    explicit OfferTableModel(QObject* parent = nullptr);

    void setOffers(std::vector<PriceOffer> offers);
    const PriceOffer& offer(int row) const { return m_offers[static_cast<std::size_t>(row)]; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<PriceOffer> m_offers;
};

} // namespace finops
