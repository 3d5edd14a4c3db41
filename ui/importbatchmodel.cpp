#include "importbatchmodel.h"

#include "displayformat.h"

#include <QFileInfo>
#include <algorithm>
#include <set>

namespace finops {

namespace {
bool sameBatch(const UsageStore::BatchInfo& a, const UsageStore::BatchInfo& b)
{
    return a.id == b.id && a.file == b.file && a.sha256 == b.sha256 && a.format == b.format &&
           a.importedAt == b.importedAt && a.records == b.records && a.duplicates == b.duplicates &&
           a.rejected == b.rejected;
}

QString count(std::int64_t n)
{
    return QString::fromStdString(formatCount(static_cast<double>(n)));
}
} // namespace

ImportBatchModel::ImportBatchModel(QObject* parent) : QAbstractTableModel(parent) {}

void ImportBatchModel::setBatches(std::vector<UsageStore::BatchInfo> batches)
{
    std::stable_sort(
        batches.begin(), batches.end(),
        [](const UsageStore::BatchInfo& a, const UsageStore::BatchInfo& b) { return a.id > b.id; });
    std::set<std::int64_t> kept;
    for (const auto& b : batches)
        kept.insert(b.id);
    // Remove back to front to keep the indexes valid.
    for (int row = rowCount() - 1; row >= 0; --row) {
        if (kept.count(m_batches[static_cast<std::size_t>(row)].id) == 0) {
            beginRemoveRows({}, row, row);
            m_batches.erase(m_batches.begin() + row);
            endRemoveRows();
        }
    }
    // Both lists are now in the same order and the old one is part of the new: walk them
    // together, inserting what is new and refreshing what changed.
    std::size_t row = 0;
    for (auto& b : batches) {
        if (row < m_batches.size() && m_batches[row].id == b.id) {
            if (!sameBatch(m_batches[row], b)) {
                m_batches[row] = std::move(b);
                emit dataChanged(index(static_cast<int>(row), 0),
                                 index(static_cast<int>(row), ColumnCount - 1));
            }
        } else {
            beginInsertRows({}, static_cast<int>(row), static_cast<int>(row));
            m_batches.insert(m_batches.begin() + static_cast<std::ptrdiff_t>(row), std::move(b));
            endInsertRows();
        }
        ++row;
    }
}

int ImportBatchModel::rowOf(qint64 batchId) const
{
    const auto it =
        std::find_if(m_batches.begin(), m_batches.end(),
                     [batchId](const UsageStore::BatchInfo& b) { return b.id == batchId; });
    return it == m_batches.end() ? -1 : static_cast<int>(it - m_batches.begin());
}

int ImportBatchModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_batches.size());
}

int ImportBatchModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ImportBatchModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const UsageStore::BatchInfo& b = m_batches[static_cast<std::size_t>(index.row())];
    if (role == BatchIdRole)
        return QVariant::fromValue<qint64>(b.id);
    if (role == Qt::TextAlignmentRole) {
        switch (index.column()) {
        case Records:
        case Duplicates:
        case Rejected:
        case BatchId:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case File:
            return QStringLiteral("%1\nSHA-256 %2")
                .arg(QString::fromStdString(b.file), QString::fromStdString(b.sha256));
        case Duplicates:
            return tr("Records already in the store (same source id or content): not added again");
        case Rejected:
            return tr("Bad records skipped with \"Skip bad records\"");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case File: {
        // The name is what people recognise; the folder is in the tooltip.
        const QString name = QFileInfo(QString::fromStdString(b.file)).fileName();
        return name.isEmpty() ? QString::fromStdString(b.file) : name;
    }
    case Format:
        return QString::fromStdString(b.format);
    case ImportedAt:
        return QString::fromStdString(b.importedAt);
    case Records:
        return count(b.records);
    case Duplicates:
        return count(b.duplicates);
    case Rejected:
        return count(b.rejected);
    case BatchId:
        return QString::number(b.id);
    default:
        return {};
    }
}

QVariant ImportBatchModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case File:
        return tr("File");
    case Format:
        return tr("Format");
    case ImportedAt:
        return tr("Imported at (UTC)");
    case Records:
        return tr("Records");
    case Duplicates:
        return tr("Duplicates");
    case Rejected:
        return tr("Rejected");
    case BatchId:
        return tr("Batch");
    default:
        return {};
    }
}

} // namespace finops
