#pragma once

#include <QString>
#include <QWidget>
#include <atomic>
#include <memory>

class QBarCategoryAxis;
class QCheckBox;
class QChart;
class QDoubleSpinBox;
class QHorizontalStackedBarSeries;
class QLabel;
class QLineSeries;
class QProgressBar;
class QPushButton;
class QScatterSeries;
class QSpinBox;
class QTableView;
class QTableWidget;
class QTabWidget;
class QValueAxis;
template <typename T> class QFutureWatcher;

namespace finops {

class RoutingCandidateModel;
class RoutingTaskModel;
class Workspace;
struct RoutingProblem;
struct RoutingResult;
struct RoutingSolveOutcome;
struct RoutingUsageOutcome;

// The Routing page (issue 6): which model each task class should go to. The problem is
// edited in three tabs — the task classes (typed in, or built from the workspace's usage
// by tag with "From usage"), the candidate models with their quality per task, and the
// constraints (provider shares, budget, integral, time limit). Solve runs the planner's
// optimizer (planner/routing.h, the function `finops-cli route` calls) on a worker thread
// with a progress bar and Cancel; the result shows current against optimal monthly cost,
// the assignment as a table and as a stacked bar per task, the binding constraints with
// their shadow prices, and the cost–quality frontier. Export writes the assignment as a
// LiteLLM proxy config, JSON or CSV (model/routingexport.h). On first open the page
// builds the problem from the workspace's usage tagged "task" and solves it.
class RoutingPage : public QWidget
{
    Q_OBJECT
public:
    enum class ExportFormat
    {
        Litellm,
        Json,
        Csv
    };

    explicit RoutingPage(Workspace& workspace, QWidget* parent = nullptr);
    ~RoutingPage() override;

    // The problem as edited, with the constraints panel applied.
    RoutingProblem problem() const;
    // Replaces the problem (the constraints panel follows it).
    void setProblem(const RoutingProblem& problem);
    // Shows `problem` as coming from `origin` (e.g. a scenario's routing), discarding a
    // build from usage still running, and solves it when `solveNow`.
    void openProblem(const RoutingProblem& problem, const QString& origin, bool solveNow);
    // The last finished solve, and the problem it solved; nullptr before the first.
    const RoutingResult* result() const { return m_result.get(); }
    const RoutingProblem* solvedProblem() const { return m_solvedProblem.get(); }
    bool isSolving() const;
    bool isLoading() const;

    // Writes the last assignment to `path`; an empty string when done, else why not.
    QString exportAssignment(const QString& path, ExportFormat format) const;

public slots:
    // Solves the problem on a worker thread; solved() tells when the result is shown.
    void solve();
    // Asks a running solve to stop: a MIP keeps its best assignment so far.
    void cancelSolve();
    // Builds the task classes from the workspace's usage by tag (the last 30 days with
    // usage) on a worker thread; problemLoaded() tells when done. Solves when `solveAfter`.
    void loadFromUsage(bool solveAfter = false);
    // Asks for a file and exports the last assignment to it.
    void exportWithDialog(ExportFormat format);
    void openProblemWithDialog();
    void saveProblemWithDialog();

signals:
    void solved();
    // The problem was replaced (from usage or a file); ok false: it could not be built.
    void problemLoaded(bool ok, const QString& message);

private:
    void buildProblemTab(QTabWidget* tabs);
    void buildModelsTab(QTabWidget* tabs);
    void buildConstraintsTab(QTabWidget* tabs);
    QWidget* buildResults();
    void applyConstraintsToPanel();
    void problemEdited();
    void finishSolve();
    void showResult();
    void showAssignment();
    void showShadowPrices();
    void showPareto();
    void setStatus(const QString& text, bool error = false);

    Workspace& m_workspace;
    std::unique_ptr<RoutingProblem> m_problem; // tasks and models; constraints live in the panel
    std::unique_ptr<RoutingProblem> m_solvedProblem;
    std::unique_ptr<RoutingResult> m_result;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    QFutureWatcher<RoutingSolveOutcome>* m_solveWatcher;
    QFutureWatcher<RoutingUsageOutcome>* m_usageWatcher;
    bool m_solveAfterLoad = false;
    bool m_discardLoad = false; // a problem was opened while a build from usage ran
    bool m_loadPending = false; // a build from usage is running or its result not yet applied
    bool m_solveAgain = false;  // solve once the running (cancelled) solve has finished
    bool m_stale = false; // the problem changed since the last solve

    RoutingTaskModel* m_taskModel;
    RoutingCandidateModel* m_candidateModel;
    QTableView* m_taskTable;
    QTableView* m_candidateTable;
    QPushButton* m_fromUsage;
    QLabel* m_sourceNote; // where the task classes came from
    QDoubleSpinBox* m_usageMinQuality;

    QCheckBox* m_maxShareOn;
    QDoubleSpinBox* m_maxShare;
    QTableWidget* m_minShares;
    QCheckBox* m_budgetOn;
    QDoubleSpinBox* m_budget;
    QCheckBox* m_integral;
    QDoubleSpinBox* m_timeLimit;
    QSpinBox* m_paretoPoints;

    QPushButton* m_solve;
    QPushButton* m_cancelButton;
    QProgressBar* m_progress;
    QLabel* m_status;
    QPushButton* m_export;

    QLabel* m_optimalValue;
    QLabel* m_optimalCaption;
    QLabel* m_currentValue;
    QLabel* m_currentCaption;
    QLabel* m_savingValue;
    QLabel* m_savingCaption;
    QLabel* m_qualityValue;
    QLabel* m_qualityCaption;
    QLabel* m_infeasible;

    QTableWidget* m_assignmentTable;
    QChart* m_assignmentChart;
    QHorizontalStackedBarSeries* m_assignmentSeries;
    QBarCategoryAxis* m_assignmentTasks;
    QValueAxis* m_assignmentShares;
    QTableWidget* m_shadowTable;
    QChart* m_paretoChart;
    QLineSeries* m_paretoSeries;
    QScatterSeries* m_paretoPointsSeries;
    QValueAxis* m_paretoX;
    QValueAxis* m_paretoY;
};

} // namespace finops
