#pragma once

#include <QAbstractTableModel>

namespace finops {

struct RoutingProblem;

// The candidate models of a routing problem as an editable grid: one row per model with
// its provider, prices (USD per million tokens), latency (ms), region, capacity (million
// tokens a month; empty: unlimited) and default quality, then one quality column per task
// class (0..1). A task's cell shows the quality the optimizer uses for the pair: the
// task's own figure, or the default in grey when it has none; typing a figure sets the
// task's own, clearing it falls back to the default. Cells of pairs the task does not
// allow (quality, latency or region) are tinted, with the reason in the tooltip. The model
// edits the RoutingProblem it is given (owned by the caller, which must outlive it).
class RoutingCandidateModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Id,
        Provider,
        InputPrice,
        OutputPrice,
        CachedInputPrice,
        Latency,
        Region,
        Capacity,
        DefaultQuality,
        FirstTaskColumn // then one column per task, in the problem's task order
    };
    // True on the cells of a task column whose pair is allowed.
    static constexpr int AllowedRole = Qt::UserRole + 1;

    explicit RoutingCandidateModel(RoutingProblem& problem, QObject* parent = nullptr);

    // Call after the problem or its set of tasks changed (the task columns follow it).
    void reload();
    // Call after a task's figures changed: the allowed tint of the pairs follows them.
    void refreshPairs();
    // Appends a model with a fresh id; returns its row.
    int addModel();
    // Removes the model of `row` (its pairs, and the current model of tasks on it).
    void removeModel(int row);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

signals:
    // The set or the ids of the models changed.
    void modelsChanged();
    // Anything in the models changed.
    void edited();

private:
    RoutingProblem& m_problem;
};

} // namespace finops
