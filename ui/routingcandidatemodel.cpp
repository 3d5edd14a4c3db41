#include "routingcandidatemodel.h"

#include "displayformat.h"
#include "pagewidgets.h"
#include "routingproblem.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QLocale>
#include <algorithm>
#include <cmath>
#include <optional>

namespace finops {

namespace {

QString text(const std::string& s)
{
    return QString::fromStdString(s);
}

constexpr double kTokensPerMtok = 1e6;

} // namespace

RoutingCandidateModel::RoutingCandidateModel(RoutingProblem& problem, QObject* parent)
    : QAbstractTableModel(parent), m_problem(problem)
{
}

void RoutingCandidateModel::reload()
{
    beginResetModel();
    endResetModel();
}

void RoutingCandidateModel::refreshPairs()
{
    if (rowCount() > 0 && columnCount() > FirstTaskColumn)
        emit dataChanged(index(0, FirstTaskColumn), index(rowCount() - 1, columnCount() - 1));
}

int RoutingCandidateModel::addModel()
{
    std::string id;
    for (int n = static_cast<int>(m_problem.models.size()) + 1;; ++n) {
        id = "model-" + std::to_string(n);
        if (m_problem.modelIndex(id) < 0)
            break;
    }
    const int row = static_cast<int>(m_problem.models.size());
    beginInsertRows({}, row, row);
    RoutingModel model;
    model.id = id;
    model.provider = "self-hosted";
    m_problem.models.push_back(model);
    endInsertRows();
    emit modelsChanged();
    emit edited();
    return row;
}

void RoutingCandidateModel::removeModel(int row)
{
    if (row < 0 || row >= rowCount())
        return;
    const std::string id = m_problem.models[static_cast<std::size_t>(row)].id;
    beginRemoveRows({}, row, row);
    m_problem.models.erase(m_problem.models.begin() + row);
    std::erase_if(m_problem.pairs, [&id](const RoutingPair& p) { return p.model == id; });
    for (RoutingTask& t : m_problem.tasks)
        if (t.currentModel == id)
            t.currentModel.reset();
    endRemoveRows();
    emit modelsChanged();
    emit edited();
}

int RoutingCandidateModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_problem.models.size());
}

int RoutingCandidateModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : FirstTaskColumn + static_cast<int>(m_problem.tasks.size());
}

QVariant RoutingCandidateModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const RoutingModel& m = m_problem.models[static_cast<std::size_t>(row)];
    const bool edit = role == Qt::EditRole;
    const int column = index.column();

    if (column >= FirstTaskColumn) {
        const int task = column - FirstTaskColumn;
        const std::string& taskId = m_problem.tasks[static_cast<std::size_t>(task)].id;
        const RoutingPair* pair = m_problem.pair(task, row);
        const bool own = (pair && pair->quality) || m.qualityByTask.count(taskId) > 0;
        const std::optional<double> quality = m_problem.pairQuality(task, row);
        const PairVerdict verdict = m_problem.pairStatus(task, row);
        switch (role) {
        case Qt::DisplayRole:
            return quality ? QString::number(*quality, 'f', 2) : QStringLiteral("—");
        case Qt::EditRole:
            return own && quality ? plainNumber(*quality) : QString();
        case AllowedRole:
            return verdict == PairVerdict::Allowed;
        case Qt::TextAlignmentRole:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        case Qt::ForegroundRole:
            return own ? QVariant() : QVariant(QBrush(QColor(0x80, 0x80, 0x80)));
        case Qt::BackgroundRole:
            return verdict == PairVerdict::Allowed ? QVariant()
                                                   : QVariant(QBrush(QColor(0xf6, 0xd5, 0xd0)));
        case Qt::ToolTipRole: {
            QString tip = own ? tr("Quality of %1 on %2").arg(text(m.id), text(taskId))
                              : tr("The default quality of %1 (no figure for %2)")
                                    .arg(text(m.id), text(taskId));
            if (verdict != PairVerdict::Allowed)
                tip += QStringLiteral("\n") +
                       tr("Not allowed for this task: %1").arg(text(pairVerdictText(verdict)));
            return tip;
        }
        default:
            return {};
        }
    }

    if (role == Qt::TextAlignmentRole)
        return column == Id || column == Provider || column == Region
                   ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                   : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        if (column == Capacity)
            return tr("Million tokens a month the model can serve; empty: unlimited");
        if (column == CachedInputPrice)
            return tr("Price of cached input; empty: the input price");
        if (column == Region)
            return tr("Where the model runs; empty: unknown (not allowed for tasks that restrict "
                      "regions)");
        return {};
    }
    if (role != Qt::DisplayRole && !edit)
        return {};
    auto price = [edit](double usdPerMtok) {
        return edit ? plainNumber(usdPerMtok) : text(formatUnitPrice(usdPerMtok));
    };
    switch (column) {
    case Id:
        return text(m.id);
    case Provider:
        return text(m.provider);
    case InputPrice:
        return price(m.inputUsdPerMtok);
    case OutputPrice:
        return price(m.outputUsdPerMtok);
    case CachedInputPrice:
        return m.cachedInputUsdPerMtok ? price(*m.cachedInputUsdPerMtok) : QString();
    case Latency:
        return m.latencyMs ? (edit ? plainNumber(*m.latencyMs) : text(formatCount(*m.latencyMs)))
                           : QString();
    case Region:
        return m.region ? text(*m.region) : QString();
    case Capacity:
        if (!m.capacity)
            return edit ? QString() : tr("unlimited");
        return edit ? plainNumber(*m.capacity / kTokensPerMtok)
                    : text(formatCount(*m.capacity / kTokensPerMtok));
    case DefaultQuality:
        return m.defaultQuality
                   ? (edit ? plainNumber(*m.defaultQuality) : QString::number(*m.defaultQuality, 'f', 2))
                   : QString();
    default:
        return {};
    }
}

bool RoutingCandidateModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const int row = index.row();
    RoutingModel& m = m_problem.models[static_cast<std::size_t>(row)];
    const QString typed = value.toString().trimmed();
    const std::optional<double> number = parseTypedNumber(typed);
    const int column = index.column();

    if (column >= FirstTaskColumn) {
        const int task = column - FirstTaskColumn;
        const std::string& taskId = m_problem.tasks[static_cast<std::size_t>(task)].id;
        if (!typed.isEmpty() && (!number || *number > 1))
            return false;
        // A pairs entry's quality wins over the model's table (issue 6): edit it there.
        auto pair =
            std::find_if(m_problem.pairs.begin(), m_problem.pairs.end(), [&](const RoutingPair& p) {
                return p.task == taskId && p.model == m.id && p.quality;
            });
        if (pair != m_problem.pairs.end())
            pair->quality = typed.isEmpty() ? std::nullopt : number;
        if (typed.isEmpty())
            m.qualityByTask.erase(taskId);
        else
            m.qualityByTask[taskId] = *number;
        emit dataChanged(index, index);
        emit edited();
        return true;
    }

    switch (column) {
    case Id: {
        const std::string id = typed.toStdString();
        if (id.empty() || (id != m.id && m_problem.modelIndex(id) >= 0))
            return false;
        if (id == m.id)
            return true;
        for (RoutingPair& p : m_problem.pairs)
            if (p.model == m.id)
                p.model = id;
        for (RoutingTask& t : m_problem.tasks)
            if (t.currentModel == m.id)
                t.currentModel = id;
        m.id = id;
        emit dataChanged(index, index);
        emit modelsChanged();
        emit edited();
        return true;
    }
    case Provider:
        if (typed.isEmpty())
            return false;
        m.provider = typed.toStdString();
        break;
    case InputPrice:
    case OutputPrice:
        if (!number)
            return false;
        (column == InputPrice ? m.inputUsdPerMtok : m.outputUsdPerMtok) = *number;
        break;
    case CachedInputPrice:
    case Latency:
    case Capacity:
    case DefaultQuality: {
        if (!typed.isEmpty() && (!number || (column == DefaultQuality && *number > 1)))
            return false;
        std::optional<double>& field = column == CachedInputPrice ? m.cachedInputUsdPerMtok
                                       : column == Latency        ? m.latencyMs
                                       : column == Capacity       ? m.capacity
                                                                  : m.defaultQuality;
        if (typed.isEmpty())
            field.reset();
        else
            field = column == Capacity ? *number * kTokensPerMtok : *number;
        break;
    }
    case Region:
        if (typed.isEmpty())
            m.region.reset();
        else
            m.region = typed.toStdString();
        break;
    default:
        return false;
    }
    // Latency, region and the default quality decide which pairs are allowed.
    emit dataChanged(this->index(row, 0), this->index(row, columnCount() - 1));
    emit edited();
    return true;
}

QVariant RoutingCandidateModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section >= FirstTaskColumn && section < columnCount()) {
        const std::string& id =
            m_problem.tasks[static_cast<std::size_t>(section - FirstTaskColumn)].id;
        if (role == Qt::DisplayRole)
            return text(id);
        if (role == Qt::ToolTipRole)
            return tr("Quality of each model on %1 (0..1)").arg(text(id));
        if (role == Qt::FontRole) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Id:
        return tr("Model");
    case Provider:
        return tr("Provider");
    case InputPrice:
        return tr("Input $/Mtok");
    case OutputPrice:
        return tr("Output $/Mtok");
    case CachedInputPrice:
        return tr("Cached $/Mtok");
    case Latency:
        return tr("Latency (ms)");
    case Region:
        return tr("Region");
    case Capacity:
        return tr("Capacity (Mtok/mo)");
    case DefaultQuality:
        return tr("Quality (default)");
    default:
        return {};
    }
}

Qt::ItemFlags RoutingCandidateModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemIsEditable;
}

} // namespace finops
