#pragma once

#include "usagestore.h"

#include <QAbstractTableModel>
#include <QString>
#include <vector>

namespace finops {

class Workspace;

// Usage records of the workspace store as a table, newest first, loaded lazily: the
// first page when the filter is set, the next whenever a view scrolls to the end
// (canFetchMore / fetchMore) or fetchMore() is called. Pages are read on a worker thread
// (Workspace::loadUsageRecords); a new filter or a refresh supersedes pages still being
// read. Never holds more than what was scrolled to, so millions of records stay cheap.
class UsageRecordModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Time,
        Provider,
        Model,
        Tags,
        Requests,
        Input,
        Cached,
        CacheWrite,
        Output,
        ReportedCost,
        ColumnCount
    };
    static constexpr std::int64_t kPageSize = 500;

    explicit UsageRecordModel(Workspace& workspace, QObject* parent = nullptr);

    // Empties the table and reads the first page of records matching `filter` (its limit
    // and offset are the model's to set).
    void setFilter(const UsageStore::RecordFilter& filter);
    const UsageStore::RecordFilter& filter() const { return m_filter; }
    // Reads the records again from the first page (after the store changed).
    void refresh();

    // Records matching the filter (-1 until the first page is in).
    qint64 totalCount() const { return m_total; }
    bool isLoading() const { return m_loading; }
    const UsageStore::RecordRow& record(int row) const
    {
        return m_rows[static_cast<std::size_t>(row)];
    }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

signals:
    // A page arrived (rows were added, or the table was refilled).
    void loaded();
    void loadFailed(const QString& message);
    void loadingChanged(bool loading);

private:
    void requestPage(bool first);
    void setLoading(bool loading);

    Workspace& m_workspace;
    UsageStore::RecordFilter m_filter;
    std::vector<UsageStore::RecordRow> m_rows;
    qint64 m_total = -1;
    bool m_loading = false;
    quint64 m_generation = 0; // a page of an older request is dropped
};

} // namespace finops
