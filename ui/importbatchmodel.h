#pragma once

#include "usagestore.h"

#include <QAbstractTableModel>
#include <vector>

namespace finops {

// The import history of the usage store: one row per import batch, newest first. A new
// list of batches is merged in (rows inserted and removed, changed rows updated), so a
// selection on a batch that is still there survives a refresh. Qt::DisplayRole gives
// formatted text, BatchIdRole the batch id of any cell.
class ImportBatchModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        File,
        Format,
        ImportedAt,
        Records,
        Duplicates,
        Rejected,
        BatchId,
        ColumnCount
    };
    enum Role
    {
        BatchIdRole = Qt::UserRole + 1
    };

    explicit ImportBatchModel(QObject* parent = nullptr);

    // `batches` newest first (descending id), as Workspace::loadUsageOverview gives them.
    void setBatches(std::vector<UsageStore::BatchInfo> batches);
    const UsageStore::BatchInfo& batch(int row) const
    {
        return m_batches[static_cast<std::size_t>(row)];
    }
    // The row of a batch, or -1.
    int rowOf(qint64 batchId) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<UsageStore::BatchInfo> m_batches;
};

} // namespace finops
