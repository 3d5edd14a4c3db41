#pragma once

#include <QAbstractTableModel>

namespace finops {

struct RoutingProblem;

// The task classes of a routing problem as an editable table, one row per task. The model
// edits the RoutingProblem it is given (owned by the caller, which must outlive it).
// Units: requests a month; tokens per request; the cached share and the minimum quality
// 0..1 (the cached share is shown in %); latency in ms; regions a comma-separated list.
// Renaming a task renames it in the models' per-task qualities and in the pairs, so the
// problem stays consistent. Edit and display roles give text; bad text is refused.
class RoutingTaskModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Id,
        MonthlyRequests,
        InputTokens,
        OutputTokens,
        CachedShare,
        MinQuality,
        MaxLatency,
        Regions,
        CurrentModel,
        ColumnCount
    };

    explicit RoutingTaskModel(RoutingProblem& problem, QObject* parent = nullptr);

    // Call after the problem was replaced as a whole.
    void reload();
    // Appends a task with a fresh id and typical volumes; returns its row.
    int addTask();
    // Removes the task of `row` (and its per-task qualities and pairs).
    void removeTask(int row);
    // The candidate models changed (a current model may have been renamed or removed).
    void modelsChanged();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

signals:
    // The set or the ids of the tasks changed (the candidate grid has a column per task).
    void tasksChanged();
    // Anything in the tasks changed.
    void edited();

private:
    RoutingProblem& m_problem;
};

} // namespace finops
