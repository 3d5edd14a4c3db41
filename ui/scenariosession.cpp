#include "scenariosession.h"

#include "inputerror.h"
#include "scenarioeval.h"
#include "scenariostore.h"
#include "sqlitedb.h"
#include "workspace.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QThread>
#include <QUndoCommand>
#include <QUndoStack>
#include <QtConcurrent/QtConcurrentRun>
#include <atomic>
#include <map>

namespace finops {

namespace {

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}
std::string s(const QString& q)
{
    return q.toStdString();
}

// An error about a name (no file behind it) reads without the "<input>:0" of a file error.
QString errorText(const std::exception& e)
{
    if (const auto* input = dynamic_cast<const InputError*>(&e); input && input->file().empty())
        return QString::fromStdString(input->reason());
    return QString::fromUtf8(e.what());
}

// What the store reads of a scenario depend on; assumptions outside it only re-run the forecast.
std::string dataKey(const Scenario& sc)
{
    nlohmann::json j = scenarioToJson(sc);
    return nlohmann::json{{"baseline", j["baseline"]},
                          {"as_of", j["catalog_as_of"]},
                          {"custom", j["custom_prices"]},
                          {"task_tag", j["routing"]["task_tag"]},
                          {"today", Clock::today().toString()}}
        .dump();
}

// What evaluation() and evaluate() say while an evaluation runs in the background.
QString stillSolving()
{
    return ScenarioSession::tr("evaluating: the routing optimiser is still solving…");
}

// What a worker thread's evaluation hands back.
struct EvaluationOutcome
{
    std::shared_ptr<const ScenarioEvaluation> evaluation;
    QString error;
    bool cancelled = false;
};

} // namespace

class ScenarioEditCommand : public QUndoCommand
{
public:
    ScenarioEditCommand(ScenarioSession* session, const QString& text, QString name,
                        Scenario before, Scenario after, int mergeId)
        : QUndoCommand(text), m_session(session), m_name(std::move(name)),
          m_before(std::move(before)), m_after(std::move(after)), m_mergeId(mergeId)
    {
    }

    void redo() override { m_session->apply(m_name, m_after); }
    void undo() override { m_session->apply(m_name, m_before); }
    int id() const override { return m_mergeId; }
    bool mergeWith(const QUndoCommand* other) override
    {
        const auto* o = static_cast<const ScenarioEditCommand*>(other);
        if (o->m_name != m_name)
            return false;
        m_after = o->m_after;
        return true;
    }

private:
    ScenarioSession* m_session;
    QString m_name;
    Scenario m_before;
    Scenario m_after;
    int m_mergeId;
};

struct ScenarioSession::Impl
{
    explicit Impl(const QString& dbPath) : store(s(dbPath)), scenarios(store) {}

    Store store;
    ScenarioStore scenarios;
    QUndoStack undo;
    Scenario current = defaultScenario();
    QString currentName;
    std::shared_ptr<const ScenarioEvaluation> evaluation;
    QString error;
    double lastSwitchMs = 0;
    std::map<std::string, std::shared_ptr<const ScenarioData>> dataCache;
    // Evaluations by the scenario's whole JSON: the compare view and switching back and
    // forth re-run nothing that did not change.
    std::map<std::string, std::shared_ptr<const ScenarioEvaluation>> evaluationCache;
    // The current scenario's evaluation: a newer one supersedes (and cancels) an older.
    // `running` is the stop flag of the one going on in the background; null when none is.
    quint64 generation = 0;
    std::shared_ptr<std::atomic<bool>> running;
    int budgetMs = 60;
    // The compare view's evaluations of other scenarios still running, by evaluation key,
    // and the answers of those cancelled (shown as cancelled until the scenario changes;
    // never used as the scenario's answer when it becomes current).
    std::map<std::string, std::shared_ptr<std::atomic<bool>>> comparing;
    std::map<std::string, std::shared_ptr<const ScenarioEvaluation>> cancelledComparisons;

    // Starts evaluating `sc` on a worker thread and waits for it up to the budget.
    QFuture<EvaluationOutcome> start(const Scenario& sc, std::shared_ptr<const ScenarioData> data,
                                     std::shared_ptr<std::atomic<bool>> stop) const
    {
        QFuture<EvaluationOutcome> future =
            QtConcurrent::run([scenario = sc, data, stop]() -> EvaluationOutcome {
                EvaluationOutcome out;
                try {
                    out.evaluation = std::make_shared<const ScenarioEvaluation>(
                        evaluateScenario(scenario, *data, {}, stop.get()));
                    out.cancelled = stop->load();
                } catch (const std::exception& e) {
                    out.error = QString::fromUtf8(e.what());
                }
                return out;
            });
        // Most evaluations take milliseconds: wait for them, so that an edit or a switch is
        // answered in one step without a flash of "evaluating".
        QElapsedTimer waited;
        waited.start();
        while (!future.isFinished() && waited.elapsed() < budgetMs)
            QThread::usleep(200);
        return future;
    }

    static std::string evaluationKey(const Scenario& sc)
    {
        return scenarioToJson(sc).dump() + dataKey(sc);
    }

    void remember(const std::string& key, std::shared_ptr<const ScenarioEvaluation> ev)
    {
        if (evaluationCache.size() > 64)
            evaluationCache.clear(); // edits add one entry each; keep it small
        evaluationCache.emplace(key, std::move(ev));
    }

    std::shared_ptr<const ScenarioData> dataFor(const Scenario& sc)
    {
        const std::string key = dataKey(sc);
        if (auto it = dataCache.find(key); it != dataCache.end())
            return it->second;
        auto data = std::make_shared<const ScenarioData>(loadScenarioData(store, sc));
        dataCache.emplace(key, data);
        return data;
    }
};

ScenarioSession::ScenarioSession(Workspace& workspace, QObject* parent)
    : QObject(parent), d(std::make_unique<Impl>(workspace.dbPath()))
{
    if (d->scenarios.list().empty()) {
        Scenario first = defaultScenario();
        first.name = "Default";
        first.description = "All stored usage with the documented defaults";
        d->scenarios.create(first);
    }
    connect(&workspace, &Workspace::usageChanged, this, &ScenarioSession::refresh);
    connect(&workspace, &Workspace::catalogChanged, this, &ScenarioSession::refresh);
    setCurrent(q(d->scenarios.names().front()));
}

ScenarioSession::~ScenarioSession()
{
    // Background solves stop; their watchers go with this object.
    if (d->running)
        d->running->store(true);
    for (const auto& [key, stop] : d->comparing)
        stop->store(true);
}

QStringList ScenarioSession::names() const
{
    QStringList out;
    for (const std::string& n : d->scenarios.names())
        out << q(n);
    return out;
}

QString ScenarioSession::currentName() const
{
    return d->currentName;
}
const Scenario& ScenarioSession::current() const
{
    return d->current;
}
const ScenarioEvaluation* ScenarioSession::evaluation() const
{
    return d->evaluation.get();
}
QString ScenarioSession::lastError() const
{
    return d->error;
}
QUndoStack* ScenarioSession::undoStack() const
{
    return &d->undo;
}
double ScenarioSession::lastSwitchMs() const
{
    return d->lastSwitchMs;
}
bool ScenarioSession::isEvaluating() const
{
    return d->running || !d->comparing.empty();
}
int ScenarioSession::synchronousBudgetMs() const
{
    return d->budgetMs;
}
void ScenarioSession::setSynchronousBudgetMs(int ms)
{
    d->budgetMs = std::max(0, ms);
}

void ScenarioSession::cancelEvaluation()
{
    if (d->running)
        d->running->store(true);
    for (const auto& [key, stop] : d->comparing)
        stop->store(true);
}

void ScenarioSession::setCurrent(const QString& name)
{
    QElapsedTimer timer;
    timer.start();
    auto stored = d->scenarios.get(s(name));
    if (!stored) {
        emit failed(tr("No scenario named '%1'").arg(name));
        return;
    }
    const bool changed = name != d->currentName;
    if (changed)
        d->undo.clear(); // edits of another scenario are not undone from here
    d->currentName = name;
    d->current = std::move(*stored);
    reevaluate();
    if (changed)
        emit currentChanged(name);
    emit evaluated();
    d->lastSwitchMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
}

void ScenarioSession::refresh()
{
    d->dataCache.clear();
    d->evaluationCache.clear();
    d->cancelledComparisons.clear();
    for (const auto& [key, stop] : d->comparing)
        stop->store(true);
    d->comparing.clear();
    if (d->currentName.isEmpty())
        return;
    reevaluate();
    emit evaluated();
}

void ScenarioSession::reevaluate()
{
    ++d->generation;
    if (d->running)
        d->running->store(true); // an older background evaluation is no longer wanted
    d->running.reset();
    const std::string key = Impl::evaluationKey(d->current);
    if (auto it = d->evaluationCache.find(key); it != d->evaluationCache.end()) {
        d->evaluation = it->second;
        d->error.clear();
        return;
    }
    auto settle = [this, key](const EvaluationOutcome& outcome) {
        if (!outcome.error.isEmpty()) {
            d->evaluation.reset();
            d->error = outcome.error;
            emit failed(d->error);
            return;
        }
        d->evaluation = outcome.evaluation;
        d->error.clear();
        if (!outcome.cancelled)
            d->remember(key, outcome.evaluation); // a cancelled solve is not the answer
    };
    std::shared_ptr<const ScenarioData> data;
    try {
        data = d->dataFor(d->current);
    } catch (const std::exception& e) {
        settle({nullptr, QString::fromUtf8(e.what()), false});
        return;
    }
    auto stop = std::make_shared<std::atomic<bool>>(false);
    QFuture<EvaluationOutcome> future = d->start(d->current, data, stop);
    if (future.isFinished()) {
        settle(future.result());
        return;
    }
    d->evaluation.reset();
    d->error = stillSolving();
    d->running = stop;
    auto* watcher = new QFutureWatcher<EvaluationOutcome>(this);
    connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, settle, generation = d->generation] {
                watcher->deleteLater();
                if (generation != d->generation)
                    return; // superseded by a newer edit or switch
                d->running.reset();
                settle(watcher->result());
                emit evaluated();
                if (isEvaluating())
                    emit evaluationStarted(); // comparisons still run
            });
    watcher->setFuture(future);
    emit evaluationStarted();
}

std::shared_ptr<const ScenarioEvaluation> ScenarioSession::evaluate(const QString& name,
                                                                    QString* error)
{
    if (name == d->currentName && d->evaluation)
        return d->evaluation;
    if (name == d->currentName && d->running) {
        if (error)
            *error = d->error; // its evaluated() follows
        return nullptr;
    }
    try {
        auto stored = d->scenarios.get(s(name));
        if (!stored) {
            if (error)
                *error = tr("No scenario named '%1'").arg(name);
            return nullptr;
        }
        const std::string key = Impl::evaluationKey(*stored);
        if (auto it = d->evaluationCache.find(key); it != d->evaluationCache.end())
            return it->second;
        if (auto it = d->cancelledComparisons.find(key); it != d->cancelledComparisons.end())
            return it->second;
        if (d->comparing.count(key)) {
            if (error)
                *error = stillSolving();
            return nullptr;
        }
        auto stop = std::make_shared<std::atomic<bool>>(false);
        QFuture<EvaluationOutcome> future = d->start(*stored, d->dataFor(*stored), stop);
        // Keeps the answer (a cancelled one apart); the scenario's error, or nullptr.
        auto keep = [this, key](const EvaluationOutcome& out, QString* why) {
            if (!out.error.isEmpty()) {
                if (why)
                    *why = out.error;
                return std::shared_ptr<const ScenarioEvaluation>();
            }
            if (out.cancelled)
                d->cancelledComparisons[key] = out.evaluation;
            else
                d->remember(key, out.evaluation);
            return out.evaluation;
        };
        if (future.isFinished())
            return keep(future.result(), error);
        // Longer: it goes on in the background, and evaluated() brings the compare view back.
        d->comparing[key] = stop;
        auto* watcher = new QFutureWatcher<EvaluationOutcome>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, key, keep, stop] {
            watcher->deleteLater();
            const auto running = d->comparing.find(key);
            if (running == d->comparing.end() || running->second != stop)
                return; // the caches were dropped meanwhile (usage or prices changed)
            d->comparing.erase(running);
            QString why;
            if (!keep(watcher->result(), &why))
                emit failed(why);
            emit evaluated();
        });
        watcher->setFuture(future);
        emit evaluationStarted();
        if (error)
            *error = stillSolving();
        return nullptr;
    } catch (const std::exception& e) {
        if (error)
            *error = QString::fromUtf8(e.what());
        return nullptr;
    }
}

void ScenarioSession::edit(const QString& what, const Scenario& after, int mergeId)
{
    if (d->currentName.isEmpty() || after == d->current)
        return;
    Scenario next = after;
    next.name = s(d->currentName); // renaming is a list action, not an edit
    if (const std::string problem = next.validate(); !problem.empty()) {
        emit failed(q(problem));
        return;
    }
    d->undo.push(new ScenarioEditCommand(this, what, d->currentName, d->current, next, mergeId));
}

void ScenarioSession::apply(const QString& name, const Scenario& scenario)
{
    try {
        d->scenarios.update(scenario);
    } catch (const std::exception& e) {
        emit failed(tr("Could not save scenario '%1': %2").arg(name, QString::fromUtf8(e.what())));
        return;
    }
    if (name != d->currentName)
        return;
    d->current = scenario;
    reevaluate();
    emit scenarioEdited();
    emit evaluated();
}

QString ScenarioSession::create(const QString& name)
{
    try {
        Scenario sc = Scenario::withDefaults(s(name.trimmed()));
        d->scenarios.create(sc);
    } catch (const std::exception& e) {
        return errorText(e);
    }
    emit listChanged();
    setCurrent(name.trimmed());
    return {};
}

QString ScenarioSession::duplicate(const QString& from, const QString& to)
{
    try {
        d->scenarios.duplicate(s(from), s(to.trimmed()));
    } catch (const std::exception& e) {
        return errorText(e);
    }
    emit listChanged();
    setCurrent(to.trimmed());
    return {};
}

QString ScenarioSession::rename(const QString& from, const QString& to)
{
    try {
        d->scenarios.rename(s(from), s(to.trimmed()));
    } catch (const std::exception& e) {
        return errorText(e);
    }
    d->undo.clear();
    emit listChanged();
    if (from == d->currentName) {
        d->currentName.clear(); // so that setCurrent announces the new name
        setCurrent(to.trimmed());
    }
    return {};
}

QString ScenarioSession::remove(const QString& name)
{
    if (names().size() <= 1)
        return tr("The last scenario cannot be deleted: every workspace keeps one.");
    try {
        if (!d->scenarios.remove(s(name)))
            return tr("No scenario named '%1'").arg(name);
    } catch (const std::exception& e) {
        return errorText(e);
    }
    emit listChanged();
    if (name == d->currentName) {
        d->currentName.clear();
        setCurrent(names().front());
    }
    return {};
}

QString ScenarioSession::importFile(const QString& path, QString* importedName)
{
    try {
        const Scenario sc = d->scenarios.importFile(s(path));
        if (importedName)
            *importedName = q(sc.name);
        emit listChanged();
        setCurrent(q(sc.name));
    } catch (const std::exception& e) {
        return errorText(e);
    }
    return {};
}

QString ScenarioSession::exportFile(const QString& name, const QString& path)
{
    try {
        d->scenarios.exportFile(s(name), s(path));
    } catch (const std::exception& e) {
        return errorText(e);
    }
    return {};
}

} // namespace finops
