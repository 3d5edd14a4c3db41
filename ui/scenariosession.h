#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <memory>

class QUndoStack;

namespace finops {

class Workspace;
struct Scenario;
struct ScenarioEvaluation;

// The scenarios of the open workspace as the GUI works with them: the list, the current
// scenario (the toolbar's switcher), its evaluation (planner/scenarioeval.h: the same
// function the CLI and the report call), and the undo stack its edits go through. Every
// edit and every undo/redo is saved at once (autosave); list changes (create, duplicate,
// rename, delete, import) are not undoable and clear the stack.
//
// The store reads behind an evaluation (rollups, catalog) run on the GUI thread and are
// cached per baseline period, catalog date and custom prices; the evaluation itself (the
// routing solve and the forecast) runs on a worker thread. The session waits for it up to
// a short budget (synchronousBudgetMs(), 60 ms): an edit of growth or price trends, or
// switching to a scenario, is then answered at once. A longer evaluation (a hard
// one-model-per-task routing MIP runs up to its 2 s limit) goes on in the background:
// isEvaluating() is true, evaluation() is null meanwhile, evaluationStarted() is emitted,
// and cancelEvaluation() stops the solve; the compare view's evaluations of other
// scenarios (evaluate()) work the same way (the plan then keeps today's routing and says so).
// Evaluations are cached by the scenario's whole JSON; the caches are dropped when usage or
// prices change.
//
// The header keeps the domain types forward-declared: the JSON library they carry is no
// business of moc.
class ScenarioSession : public QObject
{
    Q_OBJECT
public:
    // Opens its own connection to the workspace store. When the store holds no scenario
    // yet, stores the default scenario (defaultScenario()) as "Default".
    explicit ScenarioSession(Workspace& workspace, QObject* parent = nullptr);
    ~ScenarioSession() override;

    QStringList names() const;
    QString currentName() const;
    const Scenario& current() const;
    // nullptr when the current scenario could not be evaluated (see lastError()).
    const ScenarioEvaluation* evaluation() const;
    QString lastError() const;
    QUndoStack* undoStack() const;
    // Milliseconds the last switch of the current scenario took, evaluation included.
    double lastSwitchMs() const;
    // True while the current scenario's evaluation runs in the background.
    bool isEvaluating() const;
    // How long an evaluation may keep the GUI thread waiting before it goes on in the
    // background (0: always in the background).
    int synchronousBudgetMs() const;
    void setSynchronousBudgetMs(int ms);

    // Replaces the current scenario's assumptions with `after` through the undo stack and
    // saves it. Consecutive edits with the same `mergeId` (>= 0; one per field) merge into
    // one undo step, so dragging a spin box is undone at once.
    void edit(const QString& what, const Scenario& after, int mergeId = -1);

    // List actions: an empty string on success, else the error to show. Nothing changes
    // on an error.
    QString create(const QString& name);
    QString duplicate(const QString& from, const QString& to);
    QString rename(const QString& from, const QString& to);
    QString remove(const QString& name);
    QString importFile(const QString& path, QString* importedName = nullptr);
    QString exportFile(const QString& name, const QString& path);

    // Any stored scenario, evaluated (for the compare view); nullptr and *error on failure,
    // or while its evaluation runs in the background past the budget (isEvaluating();
    // evaluated() follows). A cancelled one is shown as cancelled until the caches are
    // dropped, and is never taken as the scenario's answer when it becomes current.
    std::shared_ptr<const ScenarioEvaluation> evaluate(const QString& name,
                                                       QString* error = nullptr);

public slots:
    // Makes `name` current and evaluates it; emits currentChanged() then evaluated().
    void setCurrent(const QString& name);
    // Drops cached store reads and re-evaluates (usage or prices changed).
    void refresh();
    // Stops a background evaluation's routing solve; evaluated() follows.
    void cancelEvaluation();

signals:
    void listChanged();
    void currentChanged(const QString& name);
    // The current scenario's assumptions changed (edit, undo or redo).
    void scenarioEdited();
    // evaluation() is new.
    void evaluated();
    // The current scenario's evaluation went on in the background (isEvaluating()).
    void evaluationStarted();
    void failed(const QString& message);

private:
    friend class ScenarioEditCommand;
    // Saves `scenario` (named `name`) and, when it is the current one, re-evaluates.
    void apply(const QString& name, const Scenario& scenario);
    // Evaluates the current scenario; past the budget it goes on in the background
    // (isEvaluating(); evaluated() follows).
    void reevaluate();

    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace finops
