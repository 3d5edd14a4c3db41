#include "routingtaskmodel.h"

#include "displayformat.h"
#include "pagewidgets.h"
#include "routingproblem.h"

#include <QLocale>
#include <QStringList>
#include <algorithm>
#include <cmath>
#include <optional>

namespace finops {

namespace {

QString text(const std::string& s)
{
    return QString::fromStdString(s);
}

} // namespace

RoutingTaskModel::RoutingTaskModel(RoutingProblem& problem, QObject* parent)
    : QAbstractTableModel(parent), m_problem(problem)
{
}

void RoutingTaskModel::reload()
{
    beginResetModel();
    endResetModel();
    emit tasksChanged();
}

int RoutingTaskModel::addTask()
{
    std::string id;
    for (int n = static_cast<int>(m_problem.tasks.size()) + 1;; ++n) {
        id = "task-" + std::to_string(n);
        if (m_problem.taskIndex(id) < 0)
            break;
    }
    const int row = static_cast<int>(m_problem.tasks.size());
    beginInsertRows({}, row, row);
    RoutingTask task;
    task.id = id;
    // A chat-sized task: 100k requests a month, 1,000 tokens in, 200 out.
    task.monthlyRequests = 100000;
    task.inputTokens = 1000;
    task.outputTokens = 200;
    m_problem.tasks.push_back(task);
    endInsertRows();
    emit tasksChanged();
    emit edited();
    return row;
}

void RoutingTaskModel::removeTask(int row)
{
    if (row < 0 || row >= rowCount())
        return;
    const std::string id = m_problem.tasks[static_cast<std::size_t>(row)].id;
    beginRemoveRows({}, row, row);
    m_problem.tasks.erase(m_problem.tasks.begin() + row);
    for (RoutingModel& m : m_problem.models)
        m.qualityByTask.erase(id);
    std::erase_if(m_problem.pairs, [&id](const RoutingPair& p) { return p.task == id; });
    endRemoveRows();
    emit tasksChanged();
    emit edited();
}

void RoutingTaskModel::modelsChanged()
{
    if (rowCount() > 0)
        emit dataChanged(index(0, CurrentModel), index(rowCount() - 1, CurrentModel));
}

int RoutingTaskModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_problem.tasks.size());
}

int RoutingTaskModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RoutingTaskModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RoutingTask& t = m_problem.tasks[static_cast<std::size_t>(index.row())];
    const bool edit = role == Qt::EditRole;
    if (role == Qt::TextAlignmentRole)
        return index.column() == Id || index.column() == Regions || index.column() == CurrentModel
                   ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                   : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        switch (index.column()) {
        case MinQuality:
            return tr("Lowest acceptable quality (0..1); empty: any model");
        case MaxLatency:
            return tr("Highest acceptable latency; empty: any");
        case Regions:
            return tr("Regions the data may go to, comma-separated; empty: any region");
        case CurrentModel:
            return tr("The model the task runs on today, for the current-vs-optimal comparison");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole && !edit)
        return {};
    switch (index.column()) {
    case Id:
        return text(t.id);
    case MonthlyRequests:
        return edit ? plainNumber(t.monthlyRequests) : text(formatCount(t.monthlyRequests));
    case InputTokens:
        return edit ? plainNumber(t.inputTokens) : text(formatCount(t.inputTokens));
    case OutputTokens:
        return edit ? plainNumber(t.outputTokens) : text(formatCount(t.outputTokens));
    case CachedShare:
        return edit ? plainNumber(100 * t.cachedInputShare)
                    : QStringLiteral("%1%").arg(100 * t.cachedInputShare, 0, 'f', 0);
    case MinQuality:
        return t.minQuality ? (edit ? plainNumber(*t.minQuality) : QString::number(*t.minQuality, 'f', 2))
                            : QString();
    case MaxLatency:
        return t.maxLatencyMs ? (edit ? plainNumber(*t.maxLatencyMs) : text(formatCount(*t.maxLatencyMs)))
                              : QString();
    case Regions: {
        QStringList regions;
        for (const std::string& r : t.regions)
            regions << text(r);
        return regions.join(QStringLiteral(", "));
    }
    case CurrentModel:
        return t.currentModel ? text(*t.currentModel) : QString();
    default:
        return {};
    }
}

bool RoutingTaskModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    RoutingTask& t = m_problem.tasks[static_cast<std::size_t>(index.row())];
    const QString typed = value.toString().trimmed();
    const std::optional<double> number = parseTypedNumber(typed);
    switch (index.column()) {
    case Id: {
        const std::string id = typed.toStdString();
        if (id.empty() || (id != t.id && m_problem.taskIndex(id) >= 0))
            return false;
        if (id == t.id)
            return true;
        // The per-task qualities and the pairs name the task: keep them with it.
        for (RoutingModel& m : m_problem.models) {
            if (auto q = m.qualityByTask.extract(t.id)) {
                q.key() = id;
                m.qualityByTask.insert(std::move(q));
            }
        }
        for (RoutingPair& p : m_problem.pairs)
            if (p.task == t.id)
                p.task = id;
        t.id = id;
        emit dataChanged(index, index);
        emit tasksChanged();
        emit edited();
        return true;
    }
    case MonthlyRequests:
    case InputTokens:
    case OutputTokens:
        if (!number)
            return false;
        (index.column() == MonthlyRequests ? t.monthlyRequests
         : index.column() == InputTokens   ? t.inputTokens
                                           : t.outputTokens) = *number;
        break;
    case CachedShare:
        if (!number || *number > 100)
            return false;
        t.cachedInputShare = *number / 100;
        break;
    case MinQuality:
        if (typed.isEmpty())
            t.minQuality.reset();
        else if (number && *number <= 1)
            t.minQuality = *number;
        else
            return false;
        break;
    case MaxLatency:
        if (typed.isEmpty())
            t.maxLatencyMs.reset();
        else if (number)
            t.maxLatencyMs = *number;
        else
            return false;
        break;
    case Regions: {
        t.regions.clear();
        for (const QString& r : typed.split(QLatin1Char(','), Qt::SkipEmptyParts))
            if (!r.trimmed().isEmpty())
                t.regions.push_back(r.trimmed().toStdString());
        break;
    }
    case CurrentModel:
        if (typed.isEmpty())
            t.currentModel.reset();
        else if (m_problem.modelIndex(typed.toStdString()) >= 0)
            t.currentModel = typed.toStdString();
        else
            return false;
        break;
    default:
        return false;
    }
    emit dataChanged(index, index);
    emit edited();
    return true;
}

QVariant RoutingTaskModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Id:
        return tr("Task class");
    case MonthlyRequests:
        return tr("Requests / month");
    case InputTokens:
        return tr("Input tok / req");
    case OutputTokens:
        return tr("Output tok / req");
    case CachedShare:
        return tr("Cached input");
    case MinQuality:
        return tr("Min quality");
    case MaxLatency:
        return tr("Max latency (ms)");
    case Regions:
        return tr("Regions");
    case CurrentModel:
        return tr("Current model");
    default:
        return {};
    }
}

Qt::ItemFlags RoutingTaskModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable;
}

} // namespace finops
