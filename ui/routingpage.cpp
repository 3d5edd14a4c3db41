#include "modelquality.h"
#include "routingpage.h"
#include "pagewidgets.h"

#include "displayformat.h"
#include "fileio.h"
#include "routing.h"
#include "routingcandidatemodel.h"
#include "routingexport.h"
#include "routingfromusage.h"
#include "routingproblem.h"
#include "routingtaskmodel.h"
#include "usagequery.h"
#include "usagestore.h"
#include "workspace.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QCursor>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QFrame>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalStackedBarSeries>
#include <QLabel>
#include <QLineSeries>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPromise>
#include <QPushButton>
#include <QScatterSeries>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace finops {

// What a solve on the worker thread ended with: the problem it solved and its result, or
// why it could not start.
struct RoutingSolveOutcome
{
    RoutingProblem problem;
    RoutingResult result;
    QString error;
};

// What building the problem from usage ended with.
struct RoutingUsageOutcome
{
    RoutingProblem problem;
    QString error;
    QString message;
};

namespace {

constexpr int kProgressMaximum = 1000;
// The window "From usage" reads: the last 30 days with usage, as a month of volumes.
constexpr int kUsageWindowDays = 30;
constexpr double kDaysPerMonth = 30.4375;
const char* const kTaskTag = "task";

QString text(const std::string& s)
{
    return QString::fromStdString(s);
}

QChart* makeChart()
{
    auto* chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->setBackgroundRoundness(0);
    chart->legend()->setAlignment(Qt::AlignBottom);
    return chart;
}

QChartView* makeChartView(QChart* chart, const QString& name, QWidget* parent)
{
    auto* view = new QChartView(chart, parent);
    view->setObjectName(name);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(220);
    return view;
}


// A provider's colour (the Dashboard's), a little lighter or darker for each further
// model of the same provider so the segments of one bar stay apart.
QColor modelColor(const std::string& provider, int nthOfProvider, int index)
{
    const QColor base = providerColor(provider, index);
    if (nthOfProvider == 0)
        return base;
    return nthOfProvider % 2 == 1 ? base.lighter(100 + 30 * ((nthOfProvider + 1) / 2))
                                  : base.darker(100 + 25 * (nthOfProvider / 2));
}

QTableWidgetItem* item(const QString& value, bool number = false)
{
    auto* it = new QTableWidgetItem(value);
    it->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    if (number)
        it->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return it;
}

// "capacity:deepseek-v3.2" -> ("capacity", "deepseek-v3.2")
std::pair<std::string, std::string> splitConstraint(const std::string& name)
{
    const auto colon = name.find(':');
    if (colon == std::string::npos)
        return {name, {}};
    return {name.substr(0, colon), name.substr(colon + 1)};
}

// What a shadow price means to a person, in the units people think in: a million tokens
// of capacity, a percentage point of share, a dollar of budget.
QString shadowPriceMeaning(const ShadowPrice& s, bool budgetMode)
{
    const auto [kind, subject] = splitConstraint(s.constraint);
    const QString who = text(subject);
    const double v = s.usdPerUnit;
    if (budgetMode) {
        if (kind == "budget")
            return RoutingPage::
                tr("Each extra $1,000 a month of budget raises the traffic-weighted quality by %1")
                    .arg(std::fabs(v) * 1000, 0, 'g', 3);
        return RoutingPage::tr(
                   "Loosening it by one unit changes the traffic-weighted quality by %1")
            .arg(-v, 0, 'g', 3);
    }
    if (kind == "capacity")
        return v <= 0 ? RoutingPage::tr(
                            "One more million tokens a month of capacity on %1 saves %2/month")
                            .arg(who, usdText(-v * 1e6))
                      : RoutingPage::tr(
                            "One million tokens a month less capacity on %1 saves %2/month")
                            .arg(who, usdText(v * 1e6));
    if (kind == "max_provider_share")
        return RoutingPage::tr(
                   "Letting %1 take one percentage point more of the spend saves %2/month")
            .arg(who, usdText(std::fabs(v) / 100));
    if (kind == "min_provider_share")
        return RoutingPage::tr(
                   "Asking one percentage point less of the spend for %1 saves %2/month")
            .arg(who, usdText(std::fabs(v) / 100));
    if (kind == "budget")
        return RoutingPage::tr("One more dollar of budget changes the cost by %1").arg(usdText(v));
    if (kind == "task")
        return RoutingPage::tr("Each further 1% of %1's traffic costs %2/month")
            .arg(who, usdText(v / 100));
    return RoutingPage::tr("One more unit of this limit changes the monthly cost by %1")
        .arg(usdText(v));
}

QString statusText(RoutingStatus s)
{
    switch (s) {
    case RoutingStatus::Optimal:
        return RoutingPage::tr("Optimal");
    case RoutingStatus::Infeasible:
        return RoutingPage::tr("Infeasible");
    case RoutingStatus::Unbounded:
        return RoutingPage::tr("Unbounded");
    case RoutingStatus::TimeLimit:
        return RoutingPage::tr("Stopped at the time limit");
    case RoutingStatus::Cancelled:
        return RoutingPage::tr("Cancelled");
    }
    return {};
}

RoutingUsageOutcome buildFromUsage(const std::string& db, const PriceCatalog& catalog, Date today,
                                   double minQuality)
{
    RoutingUsageOutcome outcome;
    try {
        Store store(db); // this thread's own connection
        UsageStore usage(store);
        const auto range = usage.usageRange();
        if (!range) {
            outcome.error = RoutingPage::tr(
                "No usage in this workspace yet: import usage on the Usage page, or type "
                "the task classes in.");
            return outcome;
        }
        const Date to = range->second;
        const Date from{
            std::max(range->first.daysSinceEpoch, to.daysSinceEpoch - (kUsageWindowDays - 1))};
        const SpendInputs spend = loadSpendInputs(usage, catalog, from, to, kTaskTag);
        // The same candidates as `finops-cli route --from-usage`: one per model at its
        // cheapest provider, qualities from pricing-data/quality.json.
        const std::vector<RoutingCandidate> candidates =
            routingCandidates(catalog.offersAt(today), qualityByName(bundledQuality()));
        // Unknown quality is never compliant: without any quality figure a floor would allow
        // no model at all, so the tasks get none until qualities are typed in.
        const bool anyQuality =
            std::any_of(candidates.begin(), candidates.end(),
                        [](const RoutingCandidate& c) { return c.quality.has_value(); });
        RoutingFromUsageOptions options;
        options.minQuality = anyQuality ? minQuality : 0;
        options.months = (to.daysSinceEpoch - from.daysSinceEpoch + 1) / kDaysPerMonth;
        options.catalog = &catalog;
        options.day = today;
        outcome.problem = routingProblemFromUsage(spend, candidates, options);
        outcome.message =
            RoutingPage::tr(
                "%1 task classes from the usage tagged \"%2\", %3 to %4; %5 candidate models")
                .arg(outcome.problem.tasks.size())
                .arg(QString::fromLatin1(kTaskTag), text(from.toString()), text(to.toString()))
                .arg(outcome.problem.models.size());
        if (!anyQuality)
            outcome.message +=
                RoutingPage::tr(". The catalog has no quality figures: no quality floor was set "
                                "(type qualities on the Models tab to set one).");
    } catch (const std::exception& e) {
        outcome.error = QString::fromStdString(e.what());
    }
    return outcome;
}

} // namespace

RoutingPage::RoutingPage(Workspace& workspace, QWidget* parent)
    : QWidget(parent), m_workspace(workspace), m_problem(std::make_unique<RoutingProblem>()),
      m_solveWatcher(new QFutureWatcher<RoutingSolveOutcome>(this)),
      m_usageWatcher(new QFutureWatcher<RoutingUsageOutcome>(this)),
      m_taskModel(new RoutingTaskModel(*m_problem, this)),
      m_candidateModel(new RoutingCandidateModel(*m_problem, this)),
      m_taskTable(new QTableView(this)), m_candidateTable(new QTableView(this)),
      m_fromUsage(new QPushButton(tr("From usage"), this)), m_sourceNote(new QLabel(this)),
      m_usageMinQuality(new QDoubleSpinBox(this)), m_maxShareOn(new QCheckBox(tr("At most"), this)),
      m_maxShare(new QDoubleSpinBox(this)), m_minShares(new QTableWidget(this)),
      m_budgetOn(new QCheckBox(tr("Budget"), this)), m_budget(new QDoubleSpinBox(this)),
      m_integral(new QCheckBox(tr("One model per task class (integral)"), this)),
      m_timeLimit(new QDoubleSpinBox(this)), m_paretoPoints(new QSpinBox(this)),
      m_solve(new QPushButton(tr("Solve"), this)),
      m_cancelButton(new QPushButton(tr("Cancel"), this)), m_progress(new QProgressBar(this)),
      m_status(new QLabel(this)), m_export(new QPushButton(tr("Export"), this)),
      m_optimalValue(kpiValue(QStringLiteral("optimalCostValue"), this, 1.5)),
      m_optimalCaption(new QLabel(this)),
      m_currentValue(kpiValue(QStringLiteral("currentCostValue"), this, 1.5)),
      m_currentCaption(new QLabel(this)),
      m_savingValue(kpiValue(QStringLiteral("savingValue"), this, 1.5)),
      m_savingCaption(new QLabel(this)),
      m_qualityValue(kpiValue(QStringLiteral("qualityValue"), this, 1.5)),
      m_qualityCaption(new QLabel(this)), m_infeasible(new QLabel(this)),
      m_assignmentTable(new QTableWidget(this)), m_assignmentChart(makeChart()),
      m_assignmentSeries(new QHorizontalStackedBarSeries), m_assignmentTasks(new QBarCategoryAxis),
      m_assignmentShares(new QValueAxis), m_shadowTable(new QTableWidget(this)),
      m_paretoChart(makeChart()), m_paretoSeries(new QLineSeries),
      m_paretoPointsSeries(new QScatterSeries), m_paretoX(new QValueAxis), m_paretoY(new QValueAxis)
{
    auto* title = new QLabel(
        tr("<h2>Routing</h2>Which model each task class should go to: the lowest monthly cost "
           "that meets quality, latency, region and capacity limits without putting too much "
           "of the spend on one vendor."),
        this);
    title->setWordWrap(true);

    auto* problemTabs = new QTabWidget(this);
    problemTabs->setObjectName(QStringLiteral("problemTabs"));
    buildProblemTab(problemTabs);
    buildModelsTab(problemTabs);
    buildConstraintsTab(problemTabs);

    m_solve->setObjectName(QStringLiteral("solveButton"));
    m_solve->setDefault(true);
    m_cancelButton->setObjectName(QStringLiteral("cancelSolveButton"));
    m_cancelButton->setEnabled(false);
    m_progress->setObjectName(QStringLiteral("solveProgress"));
    m_progress->setRange(0, kProgressMaximum);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(12);
    m_status->setObjectName(QStringLiteral("solveStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* solveRow = new QHBoxLayout;
    solveRow->addWidget(m_solve);
    solveRow->addWidget(m_cancelButton);
    solveRow->addWidget(m_progress, 1);

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 4, 0);
    leftLayout->addWidget(problemTabs, 1);
    leftLayout->addLayout(solveRow);
    leftLayout->addWidget(m_status);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("routingSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(left);
    splitter->addWidget(buildResults());
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(splitter, 1);

    connect(m_solve, &QPushButton::clicked, this, &RoutingPage::solve);
    connect(m_cancelButton, &QPushButton::clicked, this, &RoutingPage::cancelSolve);
    connect(m_solveWatcher, &QFutureWatcher<RoutingSolveOutcome>::progressValueChanged, m_progress,
            &QProgressBar::setValue);
    connect(m_solveWatcher, &QFutureWatcher<RoutingSolveOutcome>::finished, this,
            &RoutingPage::finishSolve);
    connect(m_usageWatcher, &QFutureWatcher<RoutingUsageOutcome>::finished, this, [this] {
        m_fromUsage->setEnabled(true);
        m_loadPending = false;
        if (std::exchange(m_discardLoad, false)) {
            m_solveAfterLoad = false; // another problem was opened meanwhile: it stays
            return;
        }
        const RoutingUsageOutcome outcome = m_usageWatcher->result();
        if (!outcome.error.isEmpty()) {
            setStatus(outcome.error, true);
            m_solveAfterLoad = false;
            emit problemLoaded(false, outcome.error);
            return;
        }
        *m_problem = outcome.problem;
        m_taskModel->reload();
        m_stale = m_result != nullptr;
        m_sourceNote->setText(outcome.message);
        setStatus(outcome.message);
        emit problemLoaded(true, outcome.message);
        if (std::exchange(m_solveAfterLoad, false))
            solve();
    });
    connect(m_taskModel, &RoutingTaskModel::tasksChanged, m_candidateModel,
            &RoutingCandidateModel::reload);
    connect(m_taskModel, &RoutingTaskModel::edited, m_candidateModel,
            &RoutingCandidateModel::refreshPairs);
    connect(m_candidateModel, &RoutingCandidateModel::modelsChanged, m_taskModel,
            &RoutingTaskModel::modelsChanged);
    connect(m_taskModel, &RoutingTaskModel::edited, this, &RoutingPage::problemEdited);
    connect(m_candidateModel, &RoutingCandidateModel::edited, this, &RoutingPage::problemEdited);

    showResult();
    setStatus(tr("Reading the usage…"));
    // A populated page on first open: the workspace's own task classes, solved.
    loadFromUsage(true);
}

RoutingPage::~RoutingPage()
{
    // The workers hold copies of what they need; stop them before the watchers go.
    if (m_cancel)
        *m_cancel = true;
    m_solveWatcher->waitForFinished();
    m_usageWatcher->waitForFinished();
    // The table models edit m_problem, which goes before QWidget deletes the children:
    // the views and their models go first.
    delete m_taskTable;
    delete m_candidateTable;
    delete m_taskModel;
    delete m_candidateModel;
}

void RoutingPage::buildProblemTab(QTabWidget* tabs)
{
    auto* page = new QWidget(tabs);
    m_fromUsage->setObjectName(QStringLiteral("fromUsageButton"));
    m_fromUsage->setToolTip(
        tr("Task classes from the last 30 days of usage tagged \"task\": requests a month, tokens "
           "per request, cached share and the model each runs on today; candidates from the price "
           "catalog with their quality"));
    m_usageMinQuality->setObjectName(QStringLiteral("usageMinQuality"));
    m_usageMinQuality->setRange(0, 1);
    m_usageMinQuality->setDecimals(2);
    m_usageMinQuality->setSingleStep(0.05);
    m_usageMinQuality->setValue(0.45);
    m_usageMinQuality->setToolTip(tr("The minimum quality every task class built from usage gets. Qualities are "
                                      "the Artificial Analysis Intelligence Index / 100 (pricing-data/quality.json): "
                                      "frontier models score 0.60-0.73, mid-tier 0.40-0.55."));
    auto* add = new QPushButton(tr("Add"), page);
    add->setObjectName(QStringLiteral("addTaskButton"));
    auto* remove = new QPushButton(tr("Remove"), page);
    remove->setObjectName(QStringLiteral("removeTaskButton"));
    auto* file = new QToolButton(page);
    file->setText(tr("File"));
    file->setPopupMode(QToolButton::InstantPopup);
    auto* fileMenu = new QMenu(file);
    connect(fileMenu->addAction(tr("Open problem (JSON v1)…")), &QAction::triggered, this,
            &RoutingPage::openProblemWithDialog);
    connect(fileMenu->addAction(tr("Save problem as…")), &QAction::triggered, this,
            &RoutingPage::saveProblemWithDialog);
    file->setMenu(fileMenu);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_fromUsage);
    bar->addWidget(new QLabel(tr("min quality"), page));
    bar->addWidget(m_usageMinQuality);
    bar->addStretch();
    bar->addWidget(add);
    bar->addWidget(remove);
    bar->addWidget(file);

    m_taskTable->setObjectName(QStringLiteral("taskTable"));
    m_taskTable->setModel(m_taskModel);
    m_taskTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_taskTable->setAlternatingRowColors(true);
    m_taskTable->verticalHeader()->hide();
    m_taskTable->verticalHeader()->setDefaultSectionSize(m_taskTable->fontMetrics().height() + 8);
    m_taskTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_taskTable->setEditTriggers(QAbstractItemView::DoubleClicked |
                                 QAbstractItemView::EditKeyPressed |
                                 QAbstractItemView::AnyKeyPressed);

    m_sourceNote->setObjectName(QStringLiteral("sourceNote"));
    m_sourceNote->setWordWrap(true);
    QPalette muted = m_sourceNote->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    m_sourceNote->setPalette(muted);

    auto* layout = new QVBoxLayout(page);
    layout->addLayout(bar);
    layout->addWidget(m_sourceNote);
    layout->addWidget(m_taskTable, 1);
    tabs->addTab(page, tr("Task classes"));

    connect(m_fromUsage, &QPushButton::clicked, this, [this] { loadFromUsage(false); });
    connect(add, &QPushButton::clicked, this, [this] {
        const int row = m_taskModel->addTask();
        m_taskTable->setCurrentIndex(m_taskModel->index(row, RoutingTaskModel::Id));
        m_taskTable->edit(m_taskTable->currentIndex());
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_taskTable->currentIndex().isValid())
            m_taskModel->removeTask(m_taskTable->currentIndex().row());
    });
}

void RoutingPage::buildModelsTab(QTabWidget* tabs)
{
    auto* page = new QWidget(tabs);
    auto* add = new QPushButton(tr("Add"), page);
    add->setObjectName(QStringLiteral("addModelButton"));
    auto* remove = new QPushButton(tr("Remove"), page);
    remove->setObjectName(QStringLiteral("removeModelButton"));
    auto* hint = new QLabel(
        tr("Quality per task class, 0..1 (grey: the model's default). Tinted cells: the task "
           "does not allow the model."),
        page);
    hint->setWordWrap(true);
    auto* bar = new QHBoxLayout;
    bar->addWidget(hint, 1);
    bar->addWidget(add);
    bar->addWidget(remove);

    m_candidateTable->setObjectName(QStringLiteral("candidateTable"));
    m_candidateTable->setModel(m_candidateModel);
    m_candidateTable->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_candidateTable->verticalHeader()->hide();
    m_candidateTable->verticalHeader()->setDefaultSectionSize(
        m_candidateTable->fontMetrics().height() + 8);
    m_candidateTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_candidateTable->setEditTriggers(QAbstractItemView::DoubleClicked |
                                      QAbstractItemView::EditKeyPressed |
                                      QAbstractItemView::AnyKeyPressed);

    auto* layout = new QVBoxLayout(page);
    layout->addLayout(bar);
    layout->addWidget(m_candidateTable, 1);
    tabs->addTab(page, tr("Models && quality"));

    connect(add, &QPushButton::clicked, this, [this] {
        const int row = m_candidateModel->addModel();
        m_candidateTable->setCurrentIndex(m_candidateModel->index(row, RoutingCandidateModel::Id));
        m_candidateTable->edit(m_candidateTable->currentIndex());
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_candidateTable->currentIndex().isValid())
            m_candidateModel->removeModel(m_candidateTable->currentIndex().row());
    });
}

void RoutingPage::buildConstraintsTab(QTabWidget* tabs)
{
    auto* page = new QWidget(tabs);

    auto* shares = new QGroupBox(tr("Provider shares of the monthly spend"), page);
    m_maxShareOn->setObjectName(QStringLiteral("maxProviderShareOn"));
    m_maxShare->setObjectName(QStringLiteral("maxProviderShare"));
    m_maxShare->setRange(1, 100);
    m_maxShare->setDecimals(0);
    m_maxShare->setSuffix(tr(" % per provider"));
    m_maxShare->setValue(60);
    m_maxShareOn->setChecked(true);
    auto* maxRow = new QHBoxLayout;
    maxRow->addWidget(m_maxShareOn);
    maxRow->addWidget(m_maxShare);
    maxRow->addStretch();
    m_minShares->setObjectName(QStringLiteral("minProviderShares"));
    m_minShares->setColumnCount(2);
    m_minShares->setHorizontalHeaderLabels({tr("Provider"), tr("At least, % of spend")});
    m_minShares->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_minShares->verticalHeader()->hide();
    m_minShares->setMaximumHeight(130);
    auto* addMin = new QPushButton(tr("Add minimum"), page);
    addMin->setObjectName(QStringLiteral("addMinShareButton"));
    auto* removeMin = new QPushButton(tr("Remove"), page);
    auto* minButtons = new QHBoxLayout;
    minButtons->addWidget(addMin);
    minButtons->addWidget(removeMin);
    minButtons->addStretch();
    auto* sharesLayout = new QVBoxLayout(shares);
    sharesLayout->addLayout(maxRow);
    sharesLayout->addWidget(
        new QLabel(tr("Minimum shares (e.g. a committed-spend contract):"), shares));
    sharesLayout->addWidget(m_minShares);
    sharesLayout->addLayout(minButtons);

    auto* goal = new QGroupBox(tr("Goal"), page);
    m_budgetOn->setObjectName(QStringLiteral("budgetOn"));
    m_budgetOn->setText(tr("Maximise quality within a budget of"));
    m_budget->setObjectName(QStringLiteral("budget"));
    m_budget->setRange(0, 1e12);
    m_budget->setDecimals(0);
    m_budget->setPrefix(QStringLiteral("$ "));
    m_budget->setSuffix(tr(" / month"));
    m_budget->setGroupSeparatorShown(true);
    m_budget->setValue(10000);
    m_budget->setEnabled(false);
    auto* budgetRow = new QHBoxLayout;
    budgetRow->addWidget(m_budgetOn);
    budgetRow->addWidget(m_budget);
    budgetRow->addStretch();
    auto* goalLayout = new QVBoxLayout(goal);
    goalLayout->addWidget(
        new QLabel(tr("Without a budget: the lowest cost that meets every limit."), goal));
    goalLayout->addLayout(budgetRow);

    auto* solver = new QGroupBox(tr("Solver"), page);
    m_integral->setObjectName(QStringLiteral("integral"));
    m_integral->setToolTip(
        tr("Each task class on exactly one model (branch and bound); otherwise traffic may be "
           "split between models"));
    m_timeLimit->setObjectName(QStringLiteral("timeLimit"));
    m_timeLimit->setRange(0, 3600);
    m_timeLimit->setDecimals(0);
    m_timeLimit->setSuffix(tr(" s"));
    m_timeLimit->setSpecialValueText(tr("none"));
    m_timeLimit->setValue(30);
    m_timeLimit->setToolTip(
        tr("Integral problems only: stop with the best assignment and its proven gap"));
    m_paretoPoints->setObjectName(QStringLiteral("paretoPoints"));
    m_paretoPoints->setRange(0, 50);
    m_paretoPoints->setValue(8);
    m_paretoPoints->setSpecialValueText(tr("none"));
    m_paretoPoints->setToolTip(tr("Points of the cost–quality frontier, each one more solve"));
    auto* form = new QFormLayout(solver);
    form->addRow(m_integral);
    form->addRow(tr("Time limit:"), m_timeLimit);
    form->addRow(tr("Frontier points:"), m_paretoPoints);

    auto* layout = new QVBoxLayout(page);
    layout->addWidget(shares);
    layout->addWidget(goal);
    layout->addWidget(solver);
    layout->addStretch();
    tabs->addTab(page, tr("Constraints"));

    connect(m_budgetOn, &QCheckBox::toggled, m_budget, &QWidget::setEnabled);
    connect(m_maxShareOn, &QCheckBox::toggled, m_maxShare, &QWidget::setEnabled);
    connect(addMin, &QPushButton::clicked, this, [this] {
        const int row = m_minShares->rowCount();
        m_minShares->insertRow(row);
        std::set<std::string> providers;
        for (const RoutingModel& m : m_problem->models)
            providers.insert(m.provider);
        m_minShares->setItem(
            row, 0, new QTableWidgetItem(providers.empty() ? QString() : text(*providers.begin())));
        m_minShares->setItem(row, 1, new QTableWidgetItem(QStringLiteral("10")));
        m_minShares->editItem(m_minShares->item(row, 0));
    });
    connect(removeMin, &QPushButton::clicked, this, [this] {
        if (m_minShares->currentRow() >= 0)
            m_minShares->removeRow(m_minShares->currentRow());
        problemEdited();
    });
    for (QCheckBox* box : {m_maxShareOn, m_budgetOn, m_integral})
        connect(box, &QCheckBox::toggled, this, &RoutingPage::problemEdited);
    for (QDoubleSpinBox* box : {m_maxShare, m_budget})
        connect(box, &QDoubleSpinBox::valueChanged, this, &RoutingPage::problemEdited);
    connect(m_minShares, &QTableWidget::itemChanged, this, &RoutingPage::problemEdited);
}

QWidget* RoutingPage::buildResults()
{
    auto* results = new QWidget(this);
    m_infeasible->setObjectName(QStringLiteral("infeasibleText"));
    m_infeasible->setWordWrap(true);
    m_infeasible->setStyleSheet(
        QStringLiteral("QLabel { background: #fbe9e7; border: 1px solid #e57373; "
                       "border-radius: 6px; padding: 8px; }"));
    m_infeasible->hide();

    auto* cards = new QHBoxLayout;
    cards->addWidget(kpiCard(tr("Optimal monthly cost"), m_optimalValue, m_optimalCaption, results, Qt::PlainText),
                     1);
    cards->addWidget(kpiCard(tr("Current routing"), m_currentValue, m_currentCaption, results, Qt::PlainText), 1);
    cards->addWidget(kpiCard(tr("Saving"), m_savingValue, m_savingCaption, results, Qt::PlainText), 1);
    cards->addWidget(kpiCard(tr("Quality"), m_qualityValue, m_qualityCaption, results, Qt::PlainText), 1);

    m_export->setObjectName(QStringLiteral("exportButton"));
    m_export->setToolTip(tr("Write the assignment for the gateway"));
    auto* exportMenu = new QMenu(m_export);
    connect(exportMenu->addAction(tr("LiteLLM proxy config (YAML)…")), &QAction::triggered, this,
            [this] { exportWithDialog(ExportFormat::Litellm); });
    connect(exportMenu->addAction(tr("JSON…")), &QAction::triggered, this,
            [this] { exportWithDialog(ExportFormat::Json); });
    connect(exportMenu->addAction(tr("CSV…")), &QAction::triggered, this,
            [this] { exportWithDialog(ExportFormat::Csv); });
    m_export->setMenu(exportMenu);
    m_export->setEnabled(false);

    // Assignment: a stacked bar of model shares per task class, and the same as a table.
    m_assignmentSeries->setBarWidth(0.7);
    m_assignmentChart->addSeries(m_assignmentSeries);
    m_assignmentChart->addAxis(m_assignmentTasks, Qt::AlignLeft);
    m_assignmentChart->addAxis(m_assignmentShares, Qt::AlignBottom);
    m_assignmentSeries->attachAxis(m_assignmentTasks);
    m_assignmentSeries->attachAxis(m_assignmentShares);
    m_assignmentShares->setRange(0, 100);
    m_assignmentShares->setTickCount(6);
    m_assignmentShares->setLabelFormat(QStringLiteral("%d%%"));
    m_assignmentShares->setTitleText(tr("Share of the task's traffic"));
    m_assignmentChart->setTitle(tr("Optimal routing per task class"));
    connect(
        m_assignmentSeries, &QHorizontalStackedBarSeries::hovered, this,
        [this](bool over, int index, QBarSet* set) {
            if (!over || !m_result || !m_solvedProblem) {
                QToolTip::hideText();
                return;
            }
            // Categories run bottom-up: the last task class is at index 0.
            const int task = static_cast<int>(m_solvedProblem->tasks.size()) - 1 - index;
            if (task < 0)
                return;
            const std::string& taskId = m_solvedProblem->tasks[static_cast<std::size_t>(task)].id;
            for (const RoutingAssignment& a : m_result->assignments)
                if (a.task == taskId && text(a.model) == set->label())
                    QToolTip::showText(QCursor::pos(), tr("%1 → %2: %3% of the traffic, %4/month")
                                                           .arg(text(a.task), text(a.model))
                                                           .arg(100 * a.share, 0, 'f', 1)
                                                           .arg(usdText(a.monthlyCostUsd)));
        });
    auto* assignmentView =
        makeChartView(m_assignmentChart, QStringLiteral("assignmentChart"), this);
    assignmentView->setMinimumHeight(260);

    m_assignmentTable->setObjectName(QStringLiteral("assignmentTable"));
    m_assignmentTable->setColumnCount(5);
    m_assignmentTable->setHorizontalHeaderLabels(
        {tr("Task class"), tr("Model"), tr("Provider"), tr("Share"), tr("Monthly cost")});
    m_assignmentTable->verticalHeader()->hide();
    m_assignmentTable->verticalHeader()->setDefaultSectionSize(
        m_assignmentTable->fontMetrics().height() + 8);
    m_assignmentTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_assignmentTable->horizontalHeader()->setStretchLastSection(true);
    m_assignmentTable->setAlternatingRowColors(true);

    m_shadowTable->setObjectName(QStringLiteral("shadowPriceTable"));
    m_shadowTable->setColumnCount(3);
    m_shadowTable->setHorizontalHeaderLabels(
        {tr("Binding constraint"), tr("Per unit"), tr("What it is worth")});
    m_shadowTable->verticalHeader()->hide();
    m_shadowTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_shadowTable->horizontalHeader()->setStretchLastSection(true);
    m_shadowTable->setWordWrap(true);
    m_shadowTable->setAlternatingRowColors(true);
    auto* shadowPage = new QWidget(results);
    auto* shadowLayout = new QVBoxLayout(shadowPage);
    auto* shadowHint = new QLabel(
        tr("The constraints that hold the cost up, and what loosening each by one unit would "
           "save (shadow prices of the LP; an integral problem has none)."),
        shadowPage);
    shadowHint->setWordWrap(true);
    shadowLayout->addWidget(shadowHint);
    shadowLayout->addWidget(m_shadowTable, 1);

    m_paretoSeries->setName(tr("Lowest cost at the floor"));
    m_paretoSeries->setColor(QColor(0x3b, 0x6e, 0xc4));
    m_paretoPointsSeries->setColor(QColor(0x3b, 0x6e, 0xc4));
    m_paretoPointsSeries->setMarkerSize(8);
    m_paretoChart->addSeries(m_paretoSeries);
    m_paretoChart->addSeries(m_paretoPointsSeries);
    m_paretoChart->addAxis(m_paretoX, Qt::AlignBottom);
    m_paretoChart->addAxis(m_paretoY, Qt::AlignLeft);
    for (QAbstractSeries* s : m_paretoChart->series()) {
        s->attachAxis(m_paretoX);
        s->attachAxis(m_paretoY);
    }
    m_paretoChart->legend()->hide();
    m_paretoChart->setTitle(tr("Cost–quality frontier"));
    auto* paretoView = makeChartView(m_paretoChart, QStringLiteral("paretoChart"), this);

    auto* resultTabs = new QTabWidget(results);
    resultTabs->setObjectName(QStringLiteral("resultTabs"));
    resultTabs->addTab(assignmentView, tr("By task"));
    resultTabs->addTab(m_assignmentTable, tr("Table"));
    resultTabs->addTab(shadowPage, tr("Shadow prices"));
    resultTabs->addTab(paretoView, tr("Frontier"));
    resultTabs->setCornerWidget(m_export, Qt::TopRightCorner);

    auto* layout = new QVBoxLayout(results);
    layout->setContentsMargins(4, 0, 0, 0);
    layout->addLayout(cards);
    layout->addWidget(m_infeasible);
    layout->addWidget(resultTabs, 1);
    return results;
}

RoutingProblem RoutingPage::problem() const
{
    RoutingProblem p = *m_problem;
    RoutingConstraints& c = p.constraints;
    c.maxProviderShare =
        m_maxShareOn->isChecked() ? std::optional<double>(m_maxShare->value() / 100) : std::nullopt;
    c.minProviderShare.clear();
    for (int row = 0; row < m_minShares->rowCount(); ++row) {
        const QTableWidgetItem* provider = m_minShares->item(row, 0);
        const QTableWidgetItem* share = m_minShares->item(row, 1);
        if (!provider || provider->text().trimmed().isEmpty())
            continue;
        bool ok = false;
        const double percent =
            share ? share->text().trimmed().remove(QLatin1Char('%')).toDouble(&ok) : 0;
        // A share that is not a number goes to the problem as -1, which validate() names.
        c.minProviderShare[provider->text().trimmed().toStdString()] = ok ? percent / 100 : -1;
    }
    c.budgetUsd = m_budgetOn->isChecked() ? std::optional<double>(m_budget->value()) : std::nullopt;
    c.integral = m_integral->isChecked();
    return p;
}

void RoutingPage::setProblem(const RoutingProblem& problem)
{
    *m_problem = problem;
    m_taskModel->reload();
    applyConstraintsToPanel();
    m_stale = true;
}

void RoutingPage::openProblem(const RoutingProblem& problem, const QString& origin, bool solveNow)
{
    if (isLoading())
        m_discardLoad = true;
    setProblem(problem);
    m_sourceNote->setText(origin);
    setStatus(origin);
    emit problemLoaded(true, origin);
    if (!solveNow)
        return;
    if (isSolving()) {
        // A solve of the previous problem is running: stop it, then solve this one.
        m_solveAgain = true;
        cancelSolve();
    } else {
        solve();
    }
}

void RoutingPage::applyConstraintsToPanel()
{
    const RoutingConstraints& c = m_problem->constraints;
    const QSignalBlocker b1(m_maxShareOn), b2(m_maxShare), b3(m_minShares), b4(m_budgetOn),
        b5(m_budget), b6(m_integral);
    m_maxShareOn->setChecked(c.maxProviderShare.has_value());
    m_maxShare->setEnabled(c.maxProviderShare.has_value());
    if (c.maxProviderShare)
        m_maxShare->setValue(*c.maxProviderShare * 100);
    m_minShares->setRowCount(0);
    for (const auto& [provider, share] : c.minProviderShare) {
        const int row = m_minShares->rowCount();
        m_minShares->insertRow(row);
        m_minShares->setItem(row, 0, new QTableWidgetItem(text(provider)));
        m_minShares->setItem(row, 1, new QTableWidgetItem(QString::number(share * 100, 'g', 6)));
    }
    m_budgetOn->setChecked(c.budgetUsd.has_value());
    m_budget->setEnabled(c.budgetUsd.has_value());
    if (c.budgetUsd)
        m_budget->setValue(*c.budgetUsd);
    m_integral->setChecked(c.integral);
}

bool RoutingPage::isSolving() const
{
    return m_solveWatcher->isRunning();
}

bool RoutingPage::isLoading() const
{
    // Until its result is applied: a finished build whose signal is still queued counts.
    return m_loadPending;
}

void RoutingPage::problemEdited()
{
    if (!m_result || m_stale)
        return;
    m_stale = true;
    if (!isSolving())
        setStatus(
            tr("The problem changed since the last solve: Solve again to update the result."));
}

void RoutingPage::setStatus(const QString& message, bool error)
{
    m_status->setText(message);
    QPalette palette = this->palette();
    if (error)
        palette.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_status->setPalette(palette);
}

void RoutingPage::loadFromUsage(bool solveAfter)
{
    if (isLoading())
        return;
    m_solveAfterLoad = solveAfter;
    m_loadPending = true;
    m_fromUsage->setEnabled(false);
    setStatus(tr("Reading the usage…"));
    const std::string db = m_workspace.dbPath().toStdString();
    const PriceCatalog catalog = m_workspace.catalog(); // a value: the worker keeps its own copy
    const Date today = Clock::today();
    const double minQuality = m_usageMinQuality->value();
    m_usageWatcher->setFuture(QtConcurrent::run([db, catalog, today, minQuality] {
        return buildFromUsage(db, catalog, today, minQuality);
    }));
}

void RoutingPage::solve()
{
    if (isSolving())
        return;
    RoutingProblem p = problem();
    if (p.tasks.empty()) {
        setStatus(tr("Add a task class first (or build them from usage)."), true);
        return;
    }
    try {
        p.validate("Routing page");
    } catch (const std::exception& e) {
        setStatus(tr("Check the problem: %1").arg(QString::fromStdString(e.what())), true);
        return;
    }
    RoutingOptions options;
    options.paretoPoints = m_paretoPoints->value() > 1 ? m_paretoPoints->value() : 0;
    options.timeLimitSeconds = m_timeLimit->value();
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    const std::shared_ptr<std::atomic<bool>> cancel = m_cancel;

    m_solve->setEnabled(false);
    m_cancelButton->setEnabled(true);
    m_progress->setValue(0);
    setStatus(p.constraints.integral ? tr("Solving the integral problem (branch and bound)…")
                                     : tr("Solving…"));
    m_solveWatcher->setFuture(
        QtConcurrent::run([p, options, cancel](QPromise<RoutingSolveOutcome>& promise) mutable {
            promise.setProgressRange(0, kProgressMaximum);
            int shown = 0;
            options.cancel = cancel.get();
            options.progress = [&promise, &shown](double fraction) {
                // Several sweeps each report 0..1: the bar only moves forward.
                const int value =
                    static_cast<int>(kProgressMaximum * std::clamp(fraction, 0.0, 1.0));
                if (value > shown) {
                    shown = value;
                    promise.setProgressValue(value);
                }
            };
            RoutingSolveOutcome outcome;
            outcome.problem = p;
            try {
                outcome.result = solveRouting(p, options);
            } catch (const std::exception& e) {
                outcome.error = QString::fromStdString(e.what());
            }
            promise.setProgressValue(kProgressMaximum);
            promise.addResult(std::move(outcome));
        }));
}

void RoutingPage::cancelSolve()
{
    if (m_cancel && isSolving()) {
        *m_cancel = true;
        m_cancelButton->setEnabled(false);
        setStatus(tr("Cancelling…"));
    }
}

void RoutingPage::finishSolve()
{
    m_solve->setEnabled(true);
    m_cancelButton->setEnabled(false);
    m_cancel.reset();
    if (std::exchange(m_solveAgain, false)) {
        solve(); // the problem changed while it ran (openProblem): its answer is stale
        return;
    }
    if (m_solveWatcher->future().resultCount() == 0)
        return;
    RoutingSolveOutcome outcome = m_solveWatcher->result();
    if (!outcome.error.isEmpty()) {
        setStatus(tr("The solve failed: %1").arg(outcome.error), true);
        emit solved();
        return;
    }
    m_solvedProblem = std::make_unique<RoutingProblem>(std::move(outcome.problem));
    m_result = std::make_unique<RoutingResult>(std::move(outcome.result));
    m_stale = false;
    showResult();
    emit solved();
}

void RoutingPage::showResult()
{
    const RoutingResult* r = m_result.get();
    const bool hasAssignment =
        r && !r->assignments.empty() &&
        (r->status == RoutingStatus::Optimal || r->status == RoutingStatus::TimeLimit ||
         r->status == RoutingStatus::Cancelled);
    m_export->setEnabled(hasAssignment);
    showAssignment();
    showShadowPrices();
    showPareto();
    m_infeasible->setVisible(r && r->status == RoutingStatus::Infeasible);
    if (!r) {
        for (QLabel* value : {m_optimalValue, m_currentValue, m_savingValue, m_qualityValue})
            value->setText(QStringLiteral("—"));
        m_optimalCaption->setText(tr("Solve to see it"));
        m_currentCaption->setText(tr("Every task on today's model"));
        m_savingCaption->setText(QString());
        m_qualityCaption->setText(tr("Traffic-weighted"));
        return;
    }

    const bool budgetMode = m_solvedProblem && m_solvedProblem->constraints.budgetUsd.has_value();
    QString status = statusText(r->status);
    if (r->integral)
        status += tr(" · integral, %1 nodes").arg(r->nodes);
    if (r->mipGap > 0)
        status += tr(" · proven gap %1%").arg(100 * r->mipGap, 0, 'g', 3);
    status += tr(" · %1 task classes × %2 models · %3")
                  .arg(m_solvedProblem->tasks.size())
                  .arg(m_solvedProblem->models.size())
                  .arg(r->solveSeconds < 0.01 ? tr("under 0.01 s")
                                              : tr("%1 s").arg(r->solveSeconds, 0, 'f', 2));
    if (r->status == RoutingStatus::Cancelled)
        status += hasAssignment ? tr(" — the best assignment found so far is shown")
                                : tr(" — no assignment yet");
    setStatus(status,
              r->status == RoutingStatus::Infeasible || r->status == RoutingStatus::Unbounded);

    if (r->status == RoutingStatus::Infeasible) {
        QStringList causes;
        for (const std::string& c : r->infeasibleConstraints)
            causes << QStringLiteral("<li>%1</li>").arg(text(c).toHtmlEscaped());
        m_infeasible->setText(
            tr("<b>No routing meets every constraint.</b> What makes it infeasible:<ul>%1</ul>")
                .arg(causes.isEmpty() ? tr("<li>(not determined)</li>") : causes.join(QString())));
    }

    if (hasAssignment) {
        m_optimalValue->setText(usdText(r->objectiveUsd));
        m_optimalCaption->setText(
            r->status == RoutingStatus::Optimal
                ? (budgetMode ? tr("a month, within the budget") : tr("a month, every limit met"))
                : tr("a month, best found (gap %1%)").arg(100 * r->mipGap, 0, 'g', 3));
    } else {
        m_optimalValue->setText(QStringLiteral("—"));
        m_optimalCaption->setText(statusText(r->status));
    }
    // Today's routing against the optimum. When some task classes have no priced model
    // today (a fine-tune the catalog does not know), both sides cover the others only.
    const RoutingProblem& p = *m_solvedProblem;
    std::optional<double> currentUsd = r->currentCostUsd;
    double optimalComparableUsd = r->objectiveUsd;
    int covered = static_cast<int>(p.tasks.size());
    if (!currentUsd) {
        double current = 0, optimal = 0;
        covered = 0;
        for (int t = 0; t < static_cast<int>(p.tasks.size()); ++t) {
            const RoutingTask& task = p.tasks[static_cast<std::size_t>(t)];
            const int m = task.currentModel ? p.modelIndex(*task.currentModel) : -1;
            if (m < 0)
                continue;
            ++covered;
            current += p.pairCostUsd(t, m);
            for (const RoutingAssignment& a : r->assignments)
                if (a.task == task.id)
                    optimal += a.monthlyCostUsd;
        }
        if (covered > 0) {
            currentUsd = current;
            optimalComparableUsd = optimal;
        }
    }
    const bool allCovered = covered == static_cast<int>(p.tasks.size());
    if (currentUsd) {
        m_currentValue->setText(usdText(*currentUsd));
        m_currentCaption->setText(
            allCovered
                ? tr("a month, every task on today's model")
                : tr("a month, the %1 of %2 tasks priced today").arg(covered).arg(p.tasks.size()));
    } else {
        m_currentValue->setText(QStringLiteral("—"));
        m_currentCaption->setText(tr("Set each task's current model to compare"));
    }
    if (hasAssignment && currentUsd) {
        const double saving = *currentUsd - optimalComparableUsd;
        m_savingValue->setText(usdText(saving));
        const QString share =
            *currentUsd > 0 ? tr(" (%1%)").arg(100 * saving / *currentUsd, 0, 'f', 1) : QString();
        m_savingCaption->setText(allCovered
                                     ? tr("a month%1").arg(share)
                                     : tr("a month on those %1 tasks%2").arg(covered).arg(share));
    } else {
        m_savingValue->setText(QStringLiteral("—"));
        m_savingCaption->setText(QString());
    }
    if (hasAssignment && r->weightedQuality) {
        m_qualityValue->setText(QString::number(*r->weightedQuality, 'f', 3));
        m_qualityCaption->setText(tr("traffic-weighted, 0..1"));
    } else {
        m_qualityValue->setText(QStringLiteral("—"));
        m_qualityCaption->setText(hasAssignment
                                      ? tr("No quality figures: add them on the Models tab")
                                      : tr("Traffic-weighted"));
    }
}

void RoutingPage::showAssignment()
{
    m_assignmentTable->setRowCount(0);
    m_assignmentSeries->clear();
    const RoutingResult* r = m_result.get();
    if (!r || !m_solvedProblem || r->assignments.empty()) {
        m_assignmentTasks->clear();
        return;
    }
    const RoutingProblem& p = *m_solvedProblem;

    m_assignmentTable->setRowCount(static_cast<int>(r->assignments.size()));
    int row = 0;
    for (const RoutingAssignment& a : r->assignments) {
        const int m = p.modelIndex(a.model);
        const QString provider =
            m >= 0 ? text(p.models[static_cast<std::size_t>(m)].provider) : QString();
        m_assignmentTable->setItem(row, 0, item(text(a.task)));
        m_assignmentTable->setItem(row, 1, item(text(a.model)));
        m_assignmentTable->setItem(row, 2, item(provider));
        m_assignmentTable->setItem(row, 3,
                                   item(QStringLiteral("%1%").arg(100 * a.share, 0, 'f', 1), true));
        m_assignmentTable->setItem(row, 4, item(usdText(a.monthlyCostUsd), true));
        ++row;
    }

    // One bar per task class (the first on top), one segment per model it uses. The sets
    // go by model, in order of the spend they carry, so the legend reads biggest first.
    std::map<std::string, double> spend;
    for (const RoutingAssignment& a : r->assignments)
        spend[a.model] += a.monthlyCostUsd;
    std::vector<std::string> models;
    for (const auto& [model, usd] : spend)
        models.push_back(model);
    std::stable_sort(
        models.begin(), models.end(),
        [&spend](const std::string& a, const std::string& b) { return spend[a] > spend[b]; });
    QStringList categories;
    for (auto t = p.tasks.rbegin(); t != p.tasks.rend(); ++t)
        categories << text(t->id);
    std::map<std::string, int> perProvider;
    QList<QBarSet*> sets;
    for (std::size_t k = 0; k < models.size(); ++k) {
        const int m = p.modelIndex(models[k]);
        const std::string provider =
            m >= 0 ? p.models[static_cast<std::size_t>(m)].provider : std::string();
        auto* set = new QBarSet(text(models[k]));
        set->setColor(modelColor(provider, perProvider[provider]++, static_cast<int>(k)));
        set->setBorderColor(Qt::white);
        QList<qreal> values(categories.size(), 0.0);
        for (const RoutingAssignment& a : r->assignments)
            if (a.model == models[k]) {
                const int t = p.taskIndex(a.task);
                if (t >= 0)
                    values[static_cast<qsizetype>(p.tasks.size()) - 1 - t] = 100 * a.share;
            }
        set->append(values);
        sets << set;
    }
    m_assignmentSeries->append(sets);
    m_assignmentTasks->setCategories(categories);
}

void RoutingPage::showShadowPrices()
{
    m_shadowTable->setRowCount(0);
    const RoutingResult* r = m_result.get();
    if (!r || !m_solvedProblem)
        return;
    const bool budgetMode = m_solvedProblem->constraints.budgetUsd.has_value();
    // Limits people can change first (capacity, shares, budget); the per-task rows last.
    std::vector<ShadowPrice> prices = r->shadowPrices;
    std::stable_sort(prices.begin(), prices.end(), [](const ShadowPrice& a, const ShadowPrice& b) {
        const bool aTask = splitConstraint(a.constraint).first == "task";
        const bool bTask = splitConstraint(b.constraint).first == "task";
        if (aTask != bTask)
            return !aTask;
        return !aTask && std::fabs(a.usdPerUnit) > std::fabs(b.usdPerUnit);
    });
    m_shadowTable->setRowCount(static_cast<int>(prices.size()));
    int row = 0;
    for (const ShadowPrice& s : prices) {
        m_shadowTable->setItem(row, 0, item(text(s.constraint)));
        m_shadowTable->setItem(row, 1, item(QString::number(s.usdPerUnit, 'g', 6), true));
        m_shadowTable->setItem(row, 2, item(shadowPriceMeaning(s, budgetMode)));
        ++row;
    }
}

void RoutingPage::showPareto()
{
    QList<QPointF> points;
    const RoutingResult* r = m_result.get();
    const bool budgetMode = m_solvedProblem && m_solvedProblem->constraints.budgetUsd.has_value();
    if (r)
        for (const ParetoPoint& p : r->pareto)
            if (p.costUsd)
                points << QPointF(p.minQuality, *p.costUsd);
    m_paretoSeries->replace(points);
    m_paretoPointsSeries->replace(points);
    if (budgetMode) {
        m_paretoX->setTitleText(tr("Monthly budget (USD)"));
        m_paretoX->setLabelFormat(QStringLiteral("$%.0f"));
        m_paretoY->setTitleText(tr("Best traffic-weighted quality"));
        m_paretoY->setLabelFormat(QStringLiteral("%.2f"));
        m_paretoChart->setTitle(tr("Quality the budget buys"));
    } else {
        m_paretoX->setTitleText(tr("Quality floor for every task class"));
        m_paretoX->setLabelFormat(QStringLiteral("%.2f"));
        m_paretoY->setTitleText(tr("Lowest monthly cost (USD)"));
        m_paretoY->setLabelFormat(QStringLiteral("$%.0f"));
        m_paretoChart->setTitle(!points.isEmpty() ? tr("Cost–quality frontier")
                                : r && !r->pareto.empty()
                                    ? tr("Cost–quality frontier: no quality floor is feasible "
                                         "(do the models have quality figures?)")
                                    : tr("Cost–quality frontier (set frontier points and Solve)"));
    }
    if (points.isEmpty()) {
        m_paretoX->setRange(0, 1);
        m_paretoY->setRange(0, 1);
        return;
    }
    double xMin = points.front().x(), xMax = xMin, yMin = points.front().y(), yMax = yMin;
    for (const QPointF& q : points) {
        xMin = std::min(xMin, q.x());
        xMax = std::max(xMax, q.x());
        yMin = std::min(yMin, q.y());
        yMax = std::max(yMax, q.y());
    }
    const double xPad = xMax > xMin ? (xMax - xMin) * 0.05 : 0.05;
    m_paretoX->setRange(xMin - xPad, xMax + xPad);
    m_paretoX->applyNiceNumbers();
    m_paretoY->setRange(budgetMode ? std::max(0.0, yMin - 0.05) : 0, yMax > 0 ? yMax * 1.08 : 1);
    m_paretoY->applyNiceNumbers();
}

QString RoutingPage::exportAssignment(const QString& path, ExportFormat format) const
{
    if (!m_result || !m_solvedProblem || m_result->assignments.empty())
        return tr("There is no assignment to export: Solve first.");
    std::vector<RoutingExportRow> rows;
    for (const RoutingAssignment& a : m_result->assignments)
        rows.push_back({a.task, a.model, a.share, a.monthlyCostUsd});
    try {
        std::string out;
        switch (format) {
        case ExportFormat::Litellm:
            out = routingToLitellmYaml(*m_solvedProblem, rows);
            break;
        case ExportFormat::Json:
            out = routingToJson(*m_solvedProblem, rows);
            break;
        case ExportFormat::Csv:
            out = routingToCsv(*m_solvedProblem, rows);
            break;
        }
        writeRoutingExport(path.toStdString(), out);
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

void RoutingPage::exportWithDialog(ExportFormat format)
{
    QString filter, suffix;
    switch (format) {
    case ExportFormat::Litellm:
        filter = tr("LiteLLM proxy config (*.yaml *.yml)");
        suffix = QStringLiteral("litellm-config.yaml");
        break;
    case ExportFormat::Json:
        filter = tr("JSON (*.json)");
        suffix = QStringLiteral("routing.json");
        break;
    case ExportFormat::Csv:
        filter = tr("CSV (*.csv)");
        suffix = QStringLiteral("routing.csv");
        break;
    }
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export the routing"), suffix, filter);
    if (path.isEmpty())
        return;
    const QString error = exportAssignment(path, format);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Export"), tr("Could not write %1:\n%2").arg(path, error));
    else
        setStatus(tr("Wrote %1").arg(path));
}

void RoutingPage::openProblemWithDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open a routing problem"), QString(),
                                                      tr("Routing problem (*.json)"));
    if (path.isEmpty())
        return;
    try {
        setProblem(RoutingProblem::load(path.toStdString()));
        setStatus(tr("Opened %1").arg(path));
        m_sourceNote->setText(tr("From %1").arg(path));
        emit problemLoaded(true, path);
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Open a routing problem"), QString::fromStdString(e.what()));
    }
}

void RoutingPage::saveProblemWithDialog()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save the routing problem"),
                                     QStringLiteral("routing-problem.json"), tr("JSON (*.json)"));
    if (path.isEmpty())
        return;
    try {
        writeFileAtomically(path.toStdString(), problem().toJson().dump(2) + "\n");
        setStatus(tr("Saved %1").arg(path));
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Save the routing problem"),
                             QString::fromStdString(e.what()));
    }
}

} // namespace finops
