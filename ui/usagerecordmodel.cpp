#include "usagerecordmodel.h"

#include "displayformat.h"
#include "workspace.h"

#include <QFutureWatcher>
#include <algorithm>

namespace finops {

namespace {
QString count(std::int64_t n)
{
    return QString::fromStdString(formatCount(static_cast<double>(n)));
}
} // namespace

UsageRecordModel::UsageRecordModel(Workspace& workspace, QObject* parent)
    : QAbstractTableModel(parent), m_workspace(workspace)
{
}

void UsageRecordModel::setFilter(const UsageStore::RecordFilter& filter)
{
    m_filter = filter;
    refresh();
}

void UsageRecordModel::refresh()
{
    beginResetModel();
    m_rows.clear();
    m_total = -1;
    endResetModel();
    requestPage(true);
}

void UsageRecordModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}

void UsageRecordModel::requestPage(bool first)
{
    UsageStore::RecordFilter filter = m_filter;
    filter.limit = kPageSize;
    filter.offset = static_cast<std::int64_t>(m_rows.size());
    const quint64 generation = ++m_generation;
    setLoading(true);
    // The page arrives through a watcher this model owns: it reports on this object's thread,
    // and not at all once the model is destroyed. (QFuture::then with a context object
    // asserts in Qt 6.4 when the context dies before the future finishes.)
    auto* watcher = new QFutureWatcher<UsageRecordPage>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, first]() {
        watcher->deleteLater();
        if (generation != m_generation)
            return; // superseded by a newer filter or refresh
        if (watcher->future().resultCount() == 0) {
            setLoading(false); // the load was cancelled
            return;
        }
        const UsageRecordPage page = watcher->result();
        if (!page.error.isEmpty()) {
            setLoading(false);
            emit loadFailed(page.error);
            return;
        }
        // Rows go in while the model still counts as loading, and the total follows them:
        // whoever listens to the insertion (a view, a tester) must not see more to fetch
        // than is really left, or it would ask for these rows again.
        if (!page.rows.empty()) {
            const int at = rowCount();
            beginInsertRows({}, at, at + static_cast<int>(page.rows.size()) - 1);
            m_rows.insert(m_rows.end(), page.rows.begin(), page.rows.end());
            endInsertRows();
        }
        const auto have = static_cast<qint64>(m_rows.size());
        if (first)
            m_total = page.total;
        // A short page is the end, whatever the count said (records removed meanwhile);
        // records added since the count still show up.
        if (static_cast<std::int64_t>(page.rows.size()) < kPageSize)
            m_total = have;
        else
            m_total = std::max(m_total, have);
        setLoading(false);
        emit loaded();
    });
    watcher->setFuture(m_workspace.loadUsageRecords(filter, first));
}

bool UsageRecordModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_loading && m_total > static_cast<qint64>(m_rows.size());
}

void UsageRecordModel::fetchMore(const QModelIndex& parent)
{
    if (canFetchMore(parent))
        requestPage(false);
}

int UsageRecordModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int UsageRecordModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UsageRecordModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const UsageStore::RecordRow& r = m_rows[static_cast<std::size_t>(index.row())];
    const int column = index.column();
    const bool tokenColumn = column >= Requests && column <= Output;
    if (role == Qt::TextAlignmentRole)
        return column >= Requests ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    if (role == Qt::ToolTipRole) {
        if (column == Tags || column == Model)
            return data(index, Qt::DisplayRole); // long values are elided in the view
        if (r.costOnly && (tokenColumn || column == ReportedCost))
            return tr("A billed amount without token detail");
        if (column == ReportedCost && !r.reportedCostNano)
            return tr("The source reported no cost; spend prices the tokens with the catalog");
        if (column == Time)
            return tr("Import batch %1").arg(r.batchId);
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    if (r.costOnly && tokenColumn)
        return QStringLiteral("—");
    switch (column) {
    case Time:
        return QString::fromStdString(formatTimestamp(r.timestampUtc));
    case Provider:
        return QString::fromStdString(r.provider);
    case Model:
        return QString::fromStdString(r.model);
    case Tags:
        return QString::fromStdString(r.tags);
    case Requests:
        return count(r.requests);
    case Input:
        return count(r.inputTokens);
    case Cached:
        return count(r.cachedInputTokens);
    case CacheWrite:
        return count(r.cacheWriteTokens);
    case Output:
        return count(r.outputTokens);
    case ReportedCost:
        return r.reportedCostNano
                   ? QString::fromStdString(formatUsd(nanoToUsd(*r.reportedCostNano)))
                   : QStringLiteral("—");
    default:
        return {};
    }
}

QVariant UsageRecordModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Input:
            return tr("Uncached input tokens");
        case Cached:
            return tr("Input tokens read from the prompt cache");
        case CacheWrite:
            return tr("Input tokens written to the prompt cache");
        case Output:
            return tr("Output tokens, reasoning included");
        case ReportedCost:
            return tr("The cost the source itself reported, exact to the nano-dollar");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time:
        return tr("Time (UTC)");
    case Provider:
        return tr("Provider");
    case Model:
        return tr("Model");
    case Tags:
        return tr("Tags");
    case Requests:
        return tr("Requests");
    case Input:
        return tr("Input");
    case Cached:
        return tr("Cached");
    case CacheWrite:
        return tr("Cache write");
    case Output:
        return tr("Output");
    case ReportedCost:
        return tr("Reported cost");
    default:
        return {};
    }
}

} // namespace finops
