#include "scenariospage.h"

#include "displayformat.h"
#include "evaluationbusybar.h"
#include "pagewidgets.h"
#include "scenarioeval.h"
#include "scenariosession.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLegend>
#include <QLineEdit>
#include <QLineSeries>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimeZone>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QValueAxis>
#include <cmath>
#include <limits>

namespace finops {

namespace {

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

QDate toQDate(Date d)
{
    return QDate(d.year(), static_cast<int>(d.month()), static_cast<int>(d.day()));
}
Date fromQDate(const QDate& d)
{
    return Date::fromCivil(d.year(), static_cast<unsigned>(d.month()),
                           static_cast<unsigned>(d.day()));
}

qint64 msecs(Date month)
{
    return QDateTime(toQDate(month), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
}

const ForecastMonth* monthAt(const ScenarioEvaluation& ev, int index)
{
    return index >= 0 && index < static_cast<int>(ev.forecast.months.size())
               ? &ev.forecast.months[static_cast<std::size_t>(index)]
               : nullptr;
}

double planUsd(const ScenarioEvaluation& ev, const ForecastMonth& m)
{
    switch (ev.scenario.plan) {
    case ForecastPlan::StatusQuo:
        return m.statusQuoUsd;
    case ForecastPlan::Optimized:
        return m.optimizedUsd;
    case ForecastPlan::SelfHosted:
        return m.selfHostedUsd;
    }
    return m.optimizedUsd;
}

QString planName(ForecastPlan plan)
{
    switch (plan) {
    case ForecastPlan::StatusQuo:
        return QObject::tr("Status quo");
    case ForecastPlan::Optimized:
        return QObject::tr("Optimised routing");
    case ForecastPlan::SelfHosted:
        return QObject::tr("Optimised + self-hosted");
    }
    return {};
}

const QColor kSeriesColors[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xd6, 0x27, 0x28),
                                QColor(0x2c, 0xa0, 0x2c), QColor(0x94, 0x67, 0xbd)};

} // namespace

ScenariosPage::ScenariosPage(ScenarioSession& session, QWidget* parent)
    : QWidget(parent), m_session(session), m_list(new QListWidget(this)),
      m_message(new QLabel(this)), m_figures(new QLabel(this)),
      m_compareList(new QListWidget(this)), m_compareTable(new QTableWidget(this)),
      m_compareChart(new QChart), m_compareView(new QChartView(m_compareChart, this))
{
    m_list->setObjectName(QStringLiteral("scenarioList"));
    m_message->setObjectName(QStringLiteral("scenarioMessage"));
    m_message->setWordWrap(true);
    m_figures->setObjectName(QStringLiteral("scenarioFigures"));
    m_figures->setTextFormat(Qt::RichText);
    m_figures->setWordWrap(true);

    // Left: the list and its actions.
    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto* listTitle = new QLabel(tr("<b>Scenarios</b>"), left);
    leftLayout->addWidget(listTitle);
    leftLayout->addWidget(m_list, 1);
    auto* buttons = new QGridLayout;
    auto button = [&](const QString& text, const QString& name, int row, int col) {
        auto* b = new QPushButton(text, left);
        b->setObjectName(name);
        buttons->addWidget(b, row, col);
        return b;
    };
    QPushButton* add = button(tr("New…"), QStringLiteral("newScenario"), 0, 0);
    QPushButton* dup = button(tr("Duplicate…"), QStringLiteral("duplicateScenario"), 0, 1);
    QPushButton* ren = button(tr("Rename…"), QStringLiteral("renameScenario"), 1, 0);
    QPushButton* del = button(tr("Delete"), QStringLiteral("deleteScenario"), 1, 1);
    QPushButton* imp = button(tr("Import…"), QStringLiteral("importScenario"), 2, 0);
    QPushButton* exp = button(tr("Export…"), QStringLiteral("exportScenario"), 2, 1);
    leftLayout->addLayout(buttons);
    left->setMinimumWidth(200);
    left->setMaximumWidth(230);

    connect(add, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("New scenario"), tr("Name:"),
                                                   QLineEdit::Normal, {}, &ok);
        if (ok)
            createScenario(name);
    });
    connect(dup, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString from = m_session.currentName();
        const QString name =
            QInputDialog::getText(this, tr("Duplicate scenario"), tr("Name of the copy:"),
                                  QLineEdit::Normal, tr("%1 (copy)").arg(from), &ok);
        if (ok)
            duplicateScenario(from, name);
    });
    connect(ren, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString from = m_session.currentName();
        const QString name = QInputDialog::getText(this, tr("Rename scenario"), tr("New name:"),
                                                   QLineEdit::Normal, from, &ok);
        if (ok)
            renameScenario(from, name);
    });
    connect(del, &QPushButton::clicked, this, [this] {
        const QString name = m_session.currentName();
        if (QMessageBox::question(this, tr("Delete scenario"),
                                  tr("Delete the scenario '%1'?").arg(name)) == QMessageBox::Yes)
            deleteScenario(name);
    });
    connect(imp, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import scenario"), {},
                                                          tr("Scenario JSON (*.json)"));
        if (!path.isEmpty())
            importScenario(path);
    });
    connect(exp, &QPushButton::clicked, this, [this] {
        const QString name = m_session.currentName();
        const QString path = QFileDialog::getSaveFileName(this, tr("Export scenario"),
                                                          name + QStringLiteral(".json"),
                                                          tr("Scenario JSON (*.json)"));
        if (!path.isEmpty())
            exportScenario(name, path);
    });

    // The compare checklist under the list.
    leftLayout->addWidget(new QLabel(tr("<b>Compare</b> (check 2 to 4)"), left));
    m_compareList->setObjectName(QStringLiteral("compareList"));
    leftLayout->addWidget(m_compareList, 1);

    // Right: the editor above, the comparison below, both visible so an edit shows in the
    // comparison at once.
    auto* right = new QSplitter(Qt::Vertical, this);
    right->setObjectName(QStringLiteral("scenarioSplitter"));
    auto* editorPage = new QWidget;
    auto* editorLayout = new QVBoxLayout(editorPage);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    editorLayout->addWidget(m_figures);
    editorLayout->addWidget(makeEvaluationBusyBar(m_session, editorPage));
    auto* editor = new QWidget(editorPage);
    buildEditor(editor);
    editorLayout->addWidget(editor, 1);
    right->addWidget(editorPage);

    // The comparison: its figures and its curves, each with the full width.
    auto* compare = new QTabWidget;
    compare->setObjectName(QStringLiteral("compareTabs"));
    m_compareTable->setObjectName(QStringLiteral("compareTable"));
    m_compareTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_compareTable->verticalHeader()->setDefaultSectionSize(21);
    m_compareTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_compareTable->setWordWrap(false);
    compare->addTab(m_compareTable, tr("Compare: key figures"));
    m_compareChart->setAnimationOptions(QChart::NoAnimation);
    m_compareChart->setTitle(tr("Planned spend (solid) and status quo (dashed), USD / month"));
    m_compareChart->legend()->setAlignment(Qt::AlignRight);
    m_compareChart->setMargins(QMargins(4, 4, 4, 4));
    m_compareView->setObjectName(QStringLiteral("compareChart"));
    m_compareView->setRenderHint(QPainter::Antialiasing);
    m_compareView->setMinimumHeight(240);
    compare->addTab(m_compareView, tr("Compare: forecast curves"));
    right->addWidget(compare);
    right->setStretchFactor(0, 1);
    right->setStretchFactor(1, 1);
    right->setChildrenCollapsible(false);
    right->setSizes({520, 220});

    auto* main = new QHBoxLayout;
    main->addWidget(left);
    main->addWidget(right, 1);
    auto* outer = new QVBoxLayout(this);
    outer->addLayout(main, 1);
    outer->addWidget(m_message);

    connect(m_list, &QListWidget::currentTextChanged, this, [this](const QString& name) {
        if (!name.isEmpty() && name != m_session.currentName())
            m_session.setCurrent(name);
    });
    connect(m_compareList, &QListWidget::itemChanged, this, [this] {
        if (!m_filling)
            updateComparison();
    });
    connect(&m_session, &ScenarioSession::listChanged, this, &ScenariosPage::reloadList);
    connect(&m_session, &ScenarioSession::currentChanged, this, [this](const QString& name) {
        m_filling = true;
        const auto items = m_list->findItems(name, Qt::MatchExactly);
        if (!items.isEmpty())
            m_list->setCurrentItem(items.front());
        m_filling = false;
    });
    connect(&m_session, &ScenarioSession::evaluated, this, &ScenariosPage::refreshIfVisible);
    connect(&m_session, &ScenarioSession::failed, this,
            [this](const QString& m) { showMessage(m, true); });

    reloadList();
    fillEditor();
    updateFigures();
}

void ScenariosPage::refreshIfVisible()
{
    if (!isVisible()) {
        m_dirty = true;
        return;
    }
    m_dirty = false;
    fillEditor();
    updateFigures();
    updateComparison();
}

void ScenariosPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        refreshIfVisible();
}

QDoubleSpinBox* ScenariosPage::addNumber(const QString& objectName, double min, double max,
                                         int decimals, const QString& suffix, const QString& tip,
                                         std::function<void(Scenario&, double)> set)
{
    auto* spin = new QDoubleSpinBox(this);
    spin->setObjectName(objectName);
    spin->setRange(min, max);
    spin->setDecimals(decimals);
    spin->setSuffix(suffix);
    spin->setToolTip(tip);
    spin->setKeyboardTracking(false);
    spin->setAccelerated(true);
    const int mergeId = m_nextMergeId++;
    connect(spin, &QDoubleSpinBox::valueChanged, this, [this, set, mergeId, tip](double v) {
        editCurrent(tip, mergeId, [&](Scenario& s) { set(s, v); });
    });
    return spin;
}

void ScenariosPage::buildEditor(QWidget* editor)
{
    // One tab per group of assumptions, each scrolling on its own: a group is seen whole.
    auto* layout = new QVBoxLayout(editor);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* tabs = new QTabWidget(editor);
    tabs->setObjectName(QStringLiteral("scenarioEditorTabs"));
    layout->addWidget(tabs);
    auto group = [&](const QString& title) {
        auto* scroll = new QScrollArea(tabs);
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        auto* page = new QWidget;
        auto* form = new QFormLayout(page);
        form->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
        scroll->setWidget(page);
        tabs->addTab(scroll, title);
        return form;
    };
    auto number = [&](QFormLayout* form, const QString& label, const QString& name, double min,
                      double max, int decimals, const QString& suffix, const QString& tip,
                      std::function<void(Scenario&, double)> set,
                      std::function<double(const Scenario&)> get) {
        QDoubleSpinBox* spin = addNumber(name, min, max, decimals, suffix, tip, std::move(set));
        form->addRow(label, spin);
        m_numbers[name] = {spin, std::move(get)};
        return spin;
    };

    // --- Baseline and prices
    QFormLayout* base = group(tr("Baseline and prices"));
    m_description = new QLineEdit(editor);
    m_description->setObjectName(QStringLiteral("description"));
    m_description->setMinimumWidth(360);
    connect(m_description, &QLineEdit::editingFinished, this, [this] {
        const QString text = m_description->text();
        editCurrent(tr("Description"), 2000,
                    [&](Scenario& s) { s.description = text.toStdString(); });
    });
    base->addRow(tr("Description:"), m_description);
    m_allUsage = new QCheckBox(tr("All stored usage"), editor);
    m_allUsage->setObjectName(QStringLiteral("allUsage"));
    m_baselineFrom = new QDateEdit(editor);
    m_baselineFrom->setObjectName(QStringLiteral("baselineFrom"));
    m_baselineTo = new QDateEdit(editor);
    m_baselineTo->setObjectName(QStringLiteral("baselineTo"));
    for (QDateEdit* e : {m_baselineFrom, m_baselineTo}) {
        e->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        e->setCalendarPopup(true);
    }
    auto* period = new QHBoxLayout;
    period->addWidget(m_allUsage);
    period->addWidget(m_baselineFrom);
    period->addWidget(new QLabel(tr("to"), editor));
    period->addWidget(m_baselineTo);
    base->addRow(tr("Baseline usage:"), period);
    auto applyPeriod = [this] {
        const bool all = m_allUsage->isChecked();
        const Date from = fromQDate(m_baselineFrom->date()), to = fromQDate(m_baselineTo->date());
        editCurrent(tr("Baseline period"), 2001, [&](Scenario& s) {
            s.baselineFrom = all ? std::nullopt : std::optional<Date>(from);
            s.baselineTo = all ? std::nullopt : std::optional<Date>(std::max(from, to));
        });
    };
    connect(m_allUsage, &QCheckBox::toggled, this, applyPeriod);
    connect(m_baselineFrom, &QDateEdit::dateChanged, this, applyPeriod);
    connect(m_baselineTo, &QDateEdit::dateChanged, this, applyPeriod);

    m_asOfToday = new QCheckBox(tr("Today"), editor);
    m_asOfToday->setObjectName(QStringLiteral("asOfToday"));
    m_asOf = new QDateEdit(editor);
    m_asOf->setObjectName(QStringLiteral("catalogAsOf"));
    m_asOf->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_asOf->setCalendarPopup(true);
    auto* asOf = new QHBoxLayout;
    asOf->addWidget(m_asOfToday);
    asOf->addWidget(m_asOf);
    asOf->addStretch(1);
    base->addRow(tr("Price catalog as of:"), asOf);
    auto applyAsOf = [this] {
        const bool today = m_asOfToday->isChecked();
        const Date d = fromQDate(m_asOf->date());
        editCurrent(tr("Catalog date"), 2002, [&](Scenario& s) {
            s.catalogAsOf = today ? std::nullopt : std::optional<Date>(d);
        });
    };
    connect(m_asOfToday, &QCheckBox::toggled, this, applyAsOf);
    connect(m_asOf, &QDateEdit::dateChanged, this, applyAsOf);
    // Custom prices: one row each; a row is used once provider and model are filled in.
    m_customPrices = new QTableWidget(0, 6, editor);
    m_customPrices->setObjectName(QStringLiteral("customPrices"));
    m_customPrices->setHorizontalHeaderLabels({tr("Provider"), tr("Model"), tr("Input $/Mtok"),
                                               tr("Cached $/Mtok"), tr("Output $/Mtok"),
                                               tr("Open weights")});
    m_customPrices->verticalHeader()->setVisible(false);
    m_customPrices->verticalHeader()->setDefaultSectionSize(21);
    m_customPrices->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_customPrices->setFixedHeight(96);
    m_customPrices->setMinimumWidth(560);
    m_customPrices->setToolTip(
        tr("A custom price replaces the catalog's prices of that provider and model at every date. "
           "Leave Cached empty when the provider has no cache price."));
    connect(m_customPrices, &QTableWidget::cellChanged, this, [this] {
        if (!m_filling)
            customPricesEdited();
    });
    auto* addPrice = new QPushButton(tr("Add price"), editor);
    addPrice->setObjectName(QStringLiteral("addCustomPrice"));
    connect(addPrice, &QPushButton::clicked, this, [this] {
        m_filling = true;
        const int row = m_customPrices->rowCount();
        m_customPrices->insertRow(row);
        auto* open = new QTableWidgetItem;
        open->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        open->setCheckState(Qt::Unchecked);
        m_customPrices->setItem(row, 5, open);
        for (int c = 0; c < 5; ++c)
            m_customPrices->setItem(row, c, new QTableWidgetItem);
        m_filling = false;
        m_customPrices->setCurrentCell(row, 0);
        m_customPrices->editItem(m_customPrices->item(row, 0));
    });
    auto* removePrice = new QPushButton(tr("Remove price"), editor);
    removePrice->setObjectName(QStringLiteral("removeCustomPrice"));
    connect(removePrice, &QPushButton::clicked, this, [this] {
        const int row = m_customPrices->currentRow();
        if (row < 0)
            return;
        m_customPrices->removeRow(row);
        customPricesEdited();
    });
    auto* priceButtons = new QVBoxLayout;
    priceButtons->addWidget(addPrice);
    priceButtons->addWidget(removePrice);
    priceButtons->addStretch(1);
    auto* prices = new QHBoxLayout;
    prices->addWidget(m_customPrices);
    prices->addLayout(priceButtons);
    base->addRow(tr("Custom prices:"), prices);

    m_mixFromUsage = new QCheckBox(tr("Observed in the baseline usage"), editor);
    m_mixFromUsage->setObjectName(QStringLiteral("mixFromUsage"));
    connect(m_mixFromUsage, &QCheckBox::toggled, this, [this](bool on) {
        editCurrent(tr("Mix from usage"), 2003, [&](Scenario& s) { s.mix.fromUsage = on; });
    });
    base->addRow(tr("Token mix:"), m_mixFromUsage);
    number(
        base, tr("Input share:"), QStringLiteral("inputShare"), 0, 100, 1, tr(" %"),
        tr("Input share of tokens"), [](Scenario& s, double v) { s.mix.inputShare = v / 100; },
        [](const Scenario& s) { return s.mix.inputShare * 100; });
    number(
        base, tr("Cache hit rate:"), QStringLiteral("cacheHitRate"), 0, 100, 1, tr(" %"),
        tr("Cache hit rate"), [](Scenario& s, double v) { s.mix.cacheHitRate = v / 100; },
        [](const Scenario& s) { return s.mix.cacheHitRate * 100; });

    // --- Growth and price trends
    QFormLayout* growth = group(tr("Volume and prices"));
    m_growthMode = new QComboBox(editor);
    m_growthMode->setObjectName(QStringLiteral("growthMode"));
    m_growthMode->addItem(tr("Compound monthly growth"));
    m_growthMode->addItem(tr("Fitted from stored usage (least squares on log volume)"));
    connect(m_growthMode, &QComboBox::currentIndexChanged, this, [this](int i) {
        editCurrent(tr("Growth mode"), 2004, [&](Scenario& s) {
            s.growth.mode = i == 1 ? GrowthMode::Fitted : GrowthMode::Compound;
        });
    });
    growth->addRow(tr("Volume growth:"), m_growthMode);
    number(
        growth, tr("Monthly growth:"), QStringLiteral("monthlyGrowth"), -50, 100, 2,
        tr(" % / month"), tr("Monthly volume growth"),
        [](Scenario& s, double v) { s.growth.monthlyGrowthPct = v; },
        [](const Scenario& s) { return s.growth.monthlyGrowthPct; });
    number(
        growth, tr("Closed API prices:"), QStringLiteral("closedDecline"), -100, 99, 1,
        tr(" % decline / year"), tr("Closed API price decline"),
        [](Scenario& s, double v) {
            s.priceTrends.closedApiDeclinePctPerYear = v;
            s.priceTrends.source = "user";
        },
        [](const Scenario& s) { return s.priceTrends.closedApiDeclinePctPerYear; });
    number(
        growth, tr("Open-weight API prices:"), QStringLiteral("openDecline"), -100, 99, 1,
        tr(" % decline / year"), tr("Open-weight API price decline"),
        [](Scenario& s, double v) {
            s.priceTrends.openWeightApiDeclinePctPerYear = v;
            s.priceTrends.source = "user";
        },
        [](const Scenario& s) { return s.priceTrends.openWeightApiDeclinePctPerYear; });
    number(
        growth, tr("Self-hosted cost:"), QStringLiteral("selfHostedDecline"), -100, 99, 1,
        tr(" % decline / year"),
        tr("Self-hosted cost decline (capacity grows at the same fleet cost)"),
        [](Scenario& s, double v) {
            s.priceTrends.selfHostedDeclinePctPerYear = v;
            s.priceTrends.source = "user";
        },
        [](const Scenario& s) { return s.priceTrends.selfHostedDeclinePctPerYear; });
    m_trendSource = new QLabel(editor);
    m_trendSource->setObjectName(QStringLiteral("trendSource"));
    m_trendSource->setWordWrap(true);
    m_trendSource->setMaximumWidth(520);
    growth->addRow(tr("Source:"), m_trendSource);
    m_elasticityOn = new QCheckBox(tr("Cheaper tokens bring more usage"), editor);
    m_elasticityOn->setObjectName(QStringLiteral("elasticityOn"));
    connect(m_elasticityOn, &QCheckBox::toggled, this, [this](bool on) {
        editCurrent(tr("Elasticity on/off"), 2005, [&](Scenario& s) { s.elasticity.enabled = on; });
    });
    growth->addRow(tr("Price elasticity:"), m_elasticityOn);
    number(
        growth, tr("Elasticity:"), QStringLiteral("elasticity"), 0, 5, 2, {},
        tr("Volume multiplier (p / p0)^(-e)"),
        [](Scenario& s, double v) { s.elasticity.value = v; },
        [](const Scenario& s) { return s.elasticity.value; });

    // --- Plan and uncertainty
    QFormLayout* plan = group(tr("Plan and uncertainty"));
    m_plan = new QComboBox(editor);
    m_plan->setObjectName(QStringLiteral("plan"));
    for (ForecastPlan p :
         {ForecastPlan::StatusQuo, ForecastPlan::Optimized, ForecastPlan::SelfHosted})
        m_plan->addItem(planName(p));
    connect(m_plan, &QComboBox::currentIndexChanged, this, [this](int i) {
        editCurrent(tr("Plan"), 2006,
                    [&](Scenario& s) { s.plan = static_cast<ForecastPlan>(std::clamp(i, 0, 2)); });
    });
    plan->addRow(tr("Plan followed:"), m_plan);
    number(
        plan, tr("One-off switching cost:"), QStringLiteral("switchingCost"), 0, 1e9, 0, tr(" USD"),
        tr("One-off switching cost"), [](Scenario& s, double v) { s.switchingCostUsd = v; },
        [](const Scenario& s) { return s.switchingCostUsd; });
    m_months = new QSpinBox(editor);
    m_months->setObjectName(QStringLiteral("forecastMonths"));
    m_months->setRange(12, 36);
    m_months->setSuffix(tr(" months"));
    m_months->setKeyboardTracking(false);
    connect(m_months, &QSpinBox::valueChanged, this, [this](int v) {
        editCurrent(tr("Forecast months"), 2007, [&](Scenario& s) { s.forecastMonths = v; });
    });
    plan->addRow(tr("Forecast:"), m_months);
    m_paths = new QSpinBox(editor);
    m_paths->setObjectName(QStringLiteral("mcPaths"));
    m_paths->setRange(100, 100000);
    m_paths->setSingleStep(500);
    m_paths->setKeyboardTracking(false);
    connect(m_paths, &QSpinBox::valueChanged, this, [this](int v) {
        editCurrent(tr("Monte Carlo paths"), 2008, [&](Scenario& s) { s.monteCarlo.paths = v; });
    });
    plan->addRow(tr("Monte Carlo paths:"), m_paths);
    m_seed = new QSpinBox(editor);
    m_seed->setObjectName(QStringLiteral("mcSeed"));
    m_seed->setRange(0, 2147483647);
    m_seed->setKeyboardTracking(false);
    connect(m_seed, &QSpinBox::valueChanged, this, [this](int v) {
        editCurrent(tr("Monte Carlo seed"), 2009,
                    [&](Scenario& s) { s.monteCarlo.seed = static_cast<std::uint64_t>(v); });
    });
    plan->addRow(tr("Seed:"), m_seed);
    number(
        plan, tr("Growth range, low:"), QStringLiteral("growthLow"), -50, 100, 2, tr(" % / month"),
        tr("Monte Carlo growth, low"),
        [](Scenario& s, double v) {
            s.monteCarlo.growthLowPct = v;
            s.monteCarlo.growthHighPct = std::max(s.monteCarlo.growthHighPct, v);
        },
        [](const Scenario& s) { return s.monteCarlo.growthLowPct; });
    number(
        plan, tr("Growth range, high:"), QStringLiteral("growthHigh"), -50, 100, 2,
        tr(" % / month"), tr("Monte Carlo growth, high"),
        [](Scenario& s, double v) {
            s.monteCarlo.growthHighPct = v;
            s.monteCarlo.growthLowPct = std::min(s.monteCarlo.growthLowPct, v);
        },
        [](const Scenario& s) { return s.monteCarlo.growthHighPct; });
    number(
        plan, tr("Price declines vary by:"), QStringLiteral("declineSpread"), 0, 99, 1,
        tr(" points (±)"), tr("Monte Carlo spread of the yearly declines"),
        [](Scenario& s, double v) { s.monteCarlo.declineSpreadPctPoints = v; },
        [](const Scenario& s) { return s.monteCarlo.declineSpreadPctPoints; });

    // --- Self-hosted fleet (TCO inputs)
    QFormLayout* tco = group(tr("Self-hosted fleet"));
    m_tcoOn = new QCheckBox(tr("Include a self-hosted fleet"), editor);
    m_tcoOn->setObjectName(QStringLiteral("tcoEnabled"));
    connect(m_tcoOn, &QCheckBox::toggled, this, [this](bool on) {
        editCurrent(tr("Self-hosted fleet on/off"), 2010, [&](Scenario& s) { s.tco.enabled = on; });
    });
    auto* fromBuyRent = new QPushButton(tr("Take the inputs of the Buy vs rent page"), editor);
    fromBuyRent->setObjectName(QStringLiteral("tcoFromBuyRent"));
    connect(fromBuyRent, &QPushButton::clicked, this, &ScenariosPage::tcoInputsRequested);
    auto* tcoTop = new QHBoxLayout;
    tcoTop->addWidget(m_tcoOn);
    tcoTop->addWidget(fromBuyRent);
    tcoTop->addStretch(1);
    tco->addRow(tcoTop);
    m_gpuCount = new QSpinBox(editor);
    m_gpuCount->setObjectName(QStringLiteral("gpuCount"));
    m_gpuCount->setRange(1, 100000);
    m_gpuCount->setKeyboardTracking(false);
    connect(m_gpuCount, &QSpinBox::valueChanged, this, [this](int v) {
        editCurrent(tr("GPU count"), 2011, [&](Scenario& s) { s.tco.gpuCount = v; });
    });
    tco->addRow(tr("GPUs:"), m_gpuCount);
    number(
        tco, tr("Purchase per GPU:"), QStringLiteral("purchaseUsd"), 0, 1e7, 0, tr(" USD"),
        tr("Purchase per GPU"), [](Scenario& s, double v) { s.tco.purchaseUsdPerGpu = v; },
        [](const Scenario& s) { return s.tco.purchaseUsdPerGpu; });
    number(
        tco, tr("Depreciation:"), QStringLiteral("depreciationYears"), 0, 20, 1, tr(" years"),
        tr("Depreciation"), [](Scenario& s, double v) { s.tco.depreciationYears = v; },
        [](const Scenario& s) { return s.tco.depreciationYears; });
    number(
        tco, tr("Power per GPU:"), QStringLiteral("powerW"), 0, 5000, 0, tr(" W"),
        tr("Power per GPU"), [](Scenario& s, double v) { s.tco.powerWPerGpu = v; },
        [](const Scenario& s) { return s.tco.powerWPerGpu; });
    number(
        tco, tr("Electricity:"), QStringLiteral("usdPerKwh"), 0, 10, 3, tr(" USD / kWh"),
        tr("Electricity price"), [](Scenario& s, double v) { s.tco.usdPerKwh = v; },
        [](const Scenario& s) { return s.tco.usdPerKwh; });
    number(
        tco, tr("Operations:"), QStringLiteral("opsUsd"), 0, 1e8, 0, tr(" USD / month"),
        tr("Operations per month"), [](Scenario& s, double v) { s.tco.opsUsdPerMonth = v; },
        [](const Scenario& s) { return s.tco.opsUsdPerMonth; });
    number(
        tco, tr("Utilization:"), QStringLiteral("utilization"), 0, 100, 0, tr(" %"),
        tr("Fleet utilization"), [](Scenario& s, double v) { s.tco.utilization = v / 100; },
        [](const Scenario& s) { return s.tco.utilization * 100; });
    number(
        tco, tr("Throughput per GPU:"), QStringLiteral("tokensPerSecond"), 1, 1e6, 0,
        tr(" tokens/s"), tr("Aggregate throughput per GPU"),
        [](Scenario& s, double v) { s.tco.tokensPerSecondPerGpu = v; },
        [](const Scenario& s) { return s.tco.tokensPerSecondPerGpu.value_or(1); });
    number(
        tco, tr("Traffic it may take:"), QStringLiteral("selfHostableShare"), 0, 100, 0, tr(" %"),
        tr("Share of the traffic that may move to the fleet"),
        [](Scenario& s, double v) { s.capacity.selfHostableSharePct = v; },
        [](const Scenario& s) { return s.capacity.selfHostableSharePct; });
    m_selfHostedModel = new QLineEdit(editor);
    m_selfHostedModel->setObjectName(QStringLiteral("selfHostedModel"));
    m_selfHostedModel->setPlaceholderText(tr("e.g. llama-3.3-70b"));
    connect(m_selfHostedModel, &QLineEdit::editingFinished, this, [this] {
        const std::string text = m_selfHostedModel->text().trimmed().toStdString();
        editCurrent(tr("Self-hosted model"), 2012,
                    [&](Scenario& s) { s.capacity.selfHostedModel = text; });
    });
    tco->addRow(tr("Model served:"), m_selfHostedModel);

    // --- Routing: the constraints of the optimised plan, solved with the scenario.
    QFormLayout* routing = group(tr("Routing"));
    routing->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    // The limits on the left, the answer (task -> model) on the right.
    auto* routingTop = new QWidget(editor);
    auto* routingColumns = new QHBoxLayout(routingTop);
    routingColumns->setContentsMargins(0, 0, 0, 0);
    auto* limits = new QWidget(routingTop);
    auto* limitsForm = new QFormLayout(limits);
    limitsForm->setContentsMargins(0, 0, 0, 0);
    limitsForm->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    routingColumns->addWidget(limits, 0, Qt::AlignTop);
    m_taskTag = new QLineEdit(editor);
    m_taskTag->setObjectName(QStringLiteral("routingTaskTag"));
    m_taskTag->setToolTip(tr("The tag whose values are the task classes (usage imported with "
                             "--tag task=...)"));
    connect(m_taskTag, &QLineEdit::editingFinished, this, [this] {
        const std::string tag = m_taskTag->text().trimmed().toStdString();
        if (tag.empty()) {
            showMessage(tr("The task tag must not be empty"), true);
            fillEditor();
            return;
        }
        editCurrent(tr("Task tag"), -1, [&](Scenario& s) { s.routing.taskTag = tag; });
    });
    limitsForm->addRow(tr("Task classes from the tag:"), m_taskTag);
    m_keepQuality = new QCheckBox(tr("Each task at least as good as its model today"), editor);
    m_keepQuality->setObjectName(QStringLiteral("routingKeepQuality"));
    m_keepQuality->setToolTip(
        tr("The quality floor of a task is the sourced quality of the model it uses today "
           "(pricing-data/quality.json); off: one floor for every task"));
    connect(m_keepQuality, &QCheckBox::toggled, this, [this](bool on) {
        const double floor = m_numbers[QStringLiteral("routingMinQuality")].first->value();
        editCurrent(tr("Quality floor"), -1, [&](Scenario& s) {
            s.routing.minQuality = on ? std::nullopt : std::optional<double>(floor);
        });
    });
    limitsForm->addRow(m_keepQuality);
    number(
        limitsForm, tr("Quality floor for every task:"), QStringLiteral("routingMinQuality"), 0, 1,
        3, QString(), tr("Minimum quality of every task (0..1)"),
        [](Scenario& s, double v) { s.routing.minQuality = v; },
        [](const Scenario& s) { return s.routing.minQuality.value_or(0.45); });
    m_capShare = new QCheckBox(tr("Cap any provider's share of the spend"), editor);
    m_capShare->setObjectName(QStringLiteral("routingCapShare"));
    connect(m_capShare, &QCheckBox::toggled, this, [this](bool on) {
        const double cap = m_numbers[QStringLiteral("routingMaxShare")].first->value() / 100;
        editCurrent(tr("Provider share cap"), -1, [&](Scenario& s) {
            s.routing.maxProviderShare = on ? std::optional<double>(cap) : std::nullopt;
        });
    });
    limitsForm->addRow(m_capShare);
    number(
        limitsForm, tr("Largest share of one provider:"), QStringLiteral("routingMaxShare"), 1, 100,
        0, tr(" %"), tr("Largest share of the spend on one provider"),
        [](Scenario& s, double v) { s.routing.maxProviderShare = v / 100; },
        [](const Scenario& s) { return s.routing.maxProviderShare.value_or(0.6) * 100; });
    m_integral = new QCheckBox(tr("Each task on exactly one model"), editor);
    m_integral->setObjectName(QStringLiteral("routingIntegral"));
    connect(m_integral, &QCheckBox::toggled, this, [this](bool on) {
        editCurrent(tr("One model per task"), -1, [&](Scenario& s) { s.routing.integral = on; });
    });
    limitsForm->addRow(m_integral);

    m_routing = new QLabel(editor);
    m_routing->setObjectName(QStringLiteral("routingState"));
    m_routing->setWordWrap(true);
    m_routing->setTextFormat(Qt::PlainText);
    m_routingTable = new QTableWidget(0, 5, editor);
    m_routingTable->setObjectName(QStringLiteral("routingTable"));
    m_routingTable->setHorizontalHeaderLabels(
        {tr("Task"), tr("Model"), tr("Provider"), tr("Share"), tr("Monthly cost")});
    m_routingTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_routingTable->verticalHeader()->hide();
    m_routingTable->verticalHeader()->setDefaultSectionSize(22);
    m_routingTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_routingTable->horizontalHeader()->setStretchLastSection(true);
    m_routingTable->setMinimumHeight(200);
    routingColumns->addWidget(m_routingTable, 1);
    routing->addRow(routingTop);
    routing->addRow(m_routing);

    m_storeAssignment = new QPushButton(tr("Keep this assignment"), editor);
    m_storeAssignment->setObjectName(QStringLiteral("routingStore"));
    m_storeAssignment->setToolTip(
        tr("Store the optimiser's answer with the scenario: the plan then keeps it as solved, "
           "even when prices or usage change later"));
    connect(m_storeAssignment, &QPushButton::clicked, this, [this] {
        const ScenarioEvaluation* ev = m_session.evaluation();
        if (!ev || ev->routing.routes.empty())
            return;
        const nlohmann::json stored = toAssignmentJson(ev->routing, ev->scenario.routing.taskTag);
        editCurrent(tr("Keep the routing assignment"), -1,
                    [&](Scenario& s) { s.routing.assignment = stored; });
    });
    auto* loadAssignment = new QPushButton(tr("Load solved assignment…"), editor);
    loadAssignment->setObjectName(QStringLiteral("routingLoad"));
    loadAssignment->setToolTip(tr("The JSON of `finops-cli route PROBLEM.json --json`"));
    connect(loadAssignment, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Solved routing assignment"), {},
                                                          tr("JSON (*.json)"));
        if (path.isEmpty())
            return;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            showMessage(tr("Cannot read %1").arg(path), true);
            return;
        }
        const auto j = nlohmann::json::parse(file.readAll().toStdString(), nullptr, false);
        if (j.is_discarded() || !j.is_object() || !j.contains("assignments") ||
            !j["assignments"].is_array()) {
            showMessage(tr("%1: not a routing result (no \"assignments\" array)").arg(path), true);
            return;
        }
        editCurrent(tr("Routing assignment"), -1, [&](Scenario& s) { s.routing.assignment = j; });
    });
    m_clearAssignment = new QPushButton(tr("Solve again"), editor);
    m_clearAssignment->setObjectName(QStringLiteral("routingClear"));
    m_clearAssignment->setToolTip(tr("Drop the stored assignment and problem: the optimiser "
                                     "solves the scenario's task classes again"));
    connect(m_clearAssignment, &QPushButton::clicked, this, [this] {
        editCurrent(tr("Solve the routing again"), -1, [](Scenario& s) {
            s.routing.assignment = nullptr;
            s.routing.problem = nullptr;
        });
    });
    m_openInRouting = new QPushButton(tr("Open in the Routing page…"), editor);
    m_openInRouting->setObjectName(QStringLiteral("routingOpen"));
    m_openInRouting->setToolTip(tr("The task classes with their floors, the candidates and the "
                                   "limits this plan solved: to inspect, edit, and export for "
                                   "the gateway (LiteLLM config, JSON, CSV)"));
    connect(m_openInRouting, &QPushButton::clicked, this, [this] {
        const ScenarioEvaluation* ev = m_session.evaluation();
        if (!ev || !ev->routing.problem)
            return;
        emit routingProblemRequested(
            *ev->routing.problem, tr("The routing of scenario '%1'").arg(m_session.currentName()));
    });
    auto* routingButtons = new QHBoxLayout;
    routingButtons->addWidget(m_storeAssignment);
    routingButtons->addWidget(m_openInRouting);
    routingButtons->addWidget(loadAssignment);
    routingButtons->addWidget(m_clearAssignment);
    routingButtons->addStretch(1);
    routing->addRow(routingButtons);
}

void ScenariosPage::customPricesEdited()
{
    std::vector<CustomPrice> prices;
    auto text = [this](int r, int c) {
        const QTableWidgetItem* item = m_customPrices->item(r, c);
        return item ? item->text().trimmed() : QString();
    };
    for (int r = 0; r < m_customPrices->rowCount(); ++r) {
        CustomPrice p;
        p.provider = text(r, 0).toStdString();
        p.model = text(r, 1).toStdString();
        if (p.provider.empty() || p.model.empty())
            continue; // a row being typed in
        bool ok = true;
        auto number = [&](int c, double& out) {
            bool good = false;
            out = text(r, c).toDouble(&good);
            if (!good || out < 0) {
                showMessage(tr("Custom price row %1: %2 must be a number >= 0")
                                .arg(r + 1)
                                .arg(m_customPrices->horizontalHeaderItem(c)->text()),
                            true);
                ok = false;
            }
        };
        number(2, p.inputUsdPerMtok);
        number(4, p.outputUsdPerMtok);
        if (!text(r, 3).isEmpty()) {
            double cached = 0;
            number(3, cached);
            p.cachedInputUsdPerMtok = cached;
        }
        if (!ok)
            return;
        const QTableWidgetItem* open = m_customPrices->item(r, 5);
        p.openWeights = open && open->checkState() == Qt::Checked;
        prices.push_back(std::move(p));
    }
    editCurrent(tr("Custom prices"), 2013, [&](Scenario& s) { s.customPrices = prices; });
}

void ScenariosPage::setTcoInputs(const TcoInputs& inputs)
{
    editCurrent(tr("TCO inputs from Buy vs rent"), -1, [&](Scenario& s) {
        const std::optional<double> tps = s.tco.tokensPerSecondPerGpu;
        s.tco = fromTcoInputs(inputs, true);
        if (!s.tco.tokensPerSecondPerGpu)
            s.tco.tokensPerSecondPerGpu = tps; // the Buy vs rent form may leave throughput empty
    });
    showMessage(tr("The self-hosted fleet now uses the Buy vs rent page's inputs."), false);
}

void ScenariosPage::editCurrent(const QString& what, int mergeId,
                                const std::function<void(Scenario&)>& change)
{
    if (m_filling)
        return;
    Scenario s = m_session.current();
    change(s);
    m_session.edit(what, s, mergeId);
}

void ScenariosPage::reloadList()
{
    m_filling = true;
    const QStringList names = m_session.names();
    QStringList checked = compared();
    if (checked.isEmpty() && names.size() >= 2) {
        // Something to compare from the start: the current scenario and the next one.
        const QString current = m_session.currentName();
        checked << current;
        for (const QString& n : names)
            if (n != current && checked.size() < 2)
                checked << n;
    }
    m_list->clear();
    m_list->addItems(names);
    if (const auto items = m_list->findItems(m_session.currentName(), Qt::MatchExactly);
        !items.isEmpty())
        m_list->setCurrentItem(items.front());
    m_compareList->clear();
    for (const QString& n : names) {
        auto* item = new QListWidgetItem(n, m_compareList);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(checked.contains(n) ? Qt::Checked : Qt::Unchecked);
    }
    m_filling = false;
    updateComparison();
}

void ScenariosPage::fillEditor()
{
    m_filling = true;
    const Scenario& s = m_session.current();
    m_description->setText(QString::fromStdString(s.description));
    m_allUsage->setChecked(!s.baselineFrom && !s.baselineTo);
    const ScenarioEvaluation* ev = m_session.evaluation();
    const Date from =
        s.baselineFrom.value_or(ev && ev->baselineFrom ? *ev->baselineFrom : Clock::today());
    const Date to = s.baselineTo.value_or(ev && ev->baselineTo ? *ev->baselineTo : Clock::today());
    m_baselineFrom->setDate(toQDate(from));
    m_baselineTo->setDate(toQDate(to));
    m_baselineFrom->setEnabled(!m_allUsage->isChecked());
    m_baselineTo->setEnabled(!m_allUsage->isChecked());
    m_asOfToday->setChecked(!s.catalogAsOf);
    m_asOf->setDate(toQDate(s.catalogAsOf.value_or(Clock::today())));
    m_asOf->setEnabled(s.catalogAsOf.has_value());
    m_mixFromUsage->setChecked(s.mix.fromUsage);
    m_growthMode->setCurrentIndex(s.growth.mode == GrowthMode::Fitted ? 1 : 0);
    m_elasticityOn->setChecked(s.elasticity.enabled);
    m_plan->setCurrentIndex(static_cast<int>(s.plan));
    m_months->setValue(s.forecastMonths);
    m_paths->setValue(s.monteCarlo.paths);
    m_seed->setValue(static_cast<int>(std::min<std::uint64_t>(s.monteCarlo.seed, 2147483647)));
    m_tcoOn->setChecked(s.tco.enabled);
    m_gpuCount->setValue(s.tco.gpuCount);
    m_selfHostedModel->setText(QString::fromStdString(s.capacity.selfHostedModel));
    for (auto& [name, entry] : m_numbers)
        entry.first->setValue(entry.second(s));
    m_numbers[QStringLiteral("inputShare")].first->setEnabled(!s.mix.fromUsage);
    m_numbers[QStringLiteral("cacheHitRate")].first->setEnabled(!s.mix.fromUsage);
    m_numbers[QStringLiteral("elasticity")].first->setEnabled(s.elasticity.enabled);
    for (const char* n : {"purchaseUsd", "depreciationYears", "powerW", "usdPerKwh", "opsUsd",
                          "utilization", "tokensPerSecond", "selfHostableShare"})
        m_numbers[QString::fromLatin1(n)].first->setEnabled(s.tco.enabled);
    m_gpuCount->setEnabled(s.tco.enabled);
    m_selfHostedModel->setEnabled(s.tco.enabled);
    m_trendSource->setText(s.priceTrends.source.empty()
                               ? tr("set by hand")
                               : QString::fromStdString(s.priceTrends.source));
    m_customPrices->setRowCount(static_cast<int>(s.customPrices.size()));
    for (int r = 0; r < static_cast<int>(s.customPrices.size()); ++r) {
        const CustomPrice& p = s.customPrices[static_cast<std::size_t>(r)];
        const QString cells[] = {q(p.provider), q(p.model), QString::number(p.inputUsdPerMtok),
                                 p.cachedInputUsdPerMtok ? QString::number(*p.cachedInputUsdPerMtok)
                                                         : QString(),
                                 QString::number(p.outputUsdPerMtok)};
        for (int c = 0; c < 5; ++c)
            m_customPrices->setItem(r, c, new QTableWidgetItem(cells[c]));
        auto* open = new QTableWidgetItem;
        open->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        open->setCheckState(p.openWeights ? Qt::Checked : Qt::Unchecked);
        m_customPrices->setItem(r, 5, open);
    }
    fillRouting();
    m_filling = false;
}

void ScenariosPage::fillRouting()
{
    const Scenario& s = m_session.current();
    const bool stored = s.routing.assignment.is_object() || s.routing.problem.is_object();
    m_taskTag->setText(q(s.routing.taskTag));
    m_keepQuality->setChecked(!s.routing.minQuality);
    m_capShare->setChecked(s.routing.maxProviderShare.has_value());
    m_integral->setChecked(s.routing.integral);
    // The constraints apply when the optimiser solves the usage's task classes.
    for (QWidget* w :
         std::initializer_list<QWidget*>{m_taskTag, m_keepQuality, m_capShare, m_integral})
        w->setEnabled(!stored);
    m_numbers[QStringLiteral("routingMinQuality")].first->setEnabled(!stored &&
                                                                     s.routing.minQuality);
    m_numbers[QStringLiteral("routingMaxShare")].first->setEnabled(!stored &&
                                                                   s.routing.maxProviderShare);
    m_clearAssignment->setEnabled(stored);

    const ScenarioEvaluation* ev = m_session.evaluation();
    m_routingTable->setRowCount(0);
    m_storeAssignment->setEnabled(false);
    m_openInRouting->setEnabled(ev && ev->routing.problem.has_value());
    if (!ev) {
        m_routing->setText(m_session.isEvaluating()
                               ? tr("The routing optimiser is still solving this scenario.")
                               : tr("The scenario could not be evaluated."));
        return;
    }
    const ScenarioRoutingPlan& plan = ev->routing;
    QStringList lines;
    switch (plan.source) {
    case ScenarioRoutingSource::StoredAssignment:
        lines << tr("The stored assignment (status %1) routes %2 task classes: %3 → %4 a month.")
                     .arg(q(plan.status))
                     .arg(plan.tasks.size())
                     .arg(usdText(ev->routedTodayMonthlyUsd), usdText(plan.objectiveUsd));
        break;
    case ScenarioRoutingSource::StoredProblem:
        lines << tr("The scenario's routing problem, solved: %1.").arg(q(plan.status));
        break;
    case ScenarioRoutingSource::FromUsage:
        if (!plan.routes.empty())
            lines << tr("The optimiser routes %1 task classes of the usage tagged \"%2\" (%3): "
                        "%4 → %5 a month%6.")
                         .arg(plan.tasks.size())
                         .arg(q(s.routing.taskTag), q(plan.status),
                              usdText(ev->routedTodayMonthlyUsd), usdText(plan.objectiveUsd),
                              plan.weightedQuality ? tr(", traffic-weighted quality %1")
                                                         .arg(*plan.weightedQuality, 0, 'f', 3)
                                                   : QString());
        else if (plan.status == "cancelled")
            lines << tr("The solve was cancelled: every task keeps its routing of today. Edit "
                        "the scenario or switch to it again to solve it again.");
        else if (!plan.status.empty())
            lines
                << tr("No routing meets these limits (%1): every task keeps its routing of today.")
                           .arg(q(plan.status)) +
                       (plan.infeasibleConstraints.empty()
                            ? QString()
                            : tr(" Binding: %1.").arg(q(plan.infeasibleConstraints.front())));
        break;
    case ScenarioRoutingSource::None:
        lines << tr("Nothing to route: no usage in the baseline.");
        break;
    }
    for (const std::string& why : plan.leftOut)
        lines << tr("Kept as today: %1").arg(q(why));
    lines << tr("Optimised plan: %1 a month — %2.")
                 .arg(usdText(ev->optimizedMonthlyUsd), q(ev->optimizedDetail));
    m_routing->setText(lines.join(QLatin1Char('\n')));
    m_routingTable->setRowCount(static_cast<int>(plan.routes.size()));
    for (int r = 0; r < static_cast<int>(plan.routes.size()); ++r) {
        const PlannedRoute& route = plan.routes[static_cast<std::size_t>(r)];
        const QString cells[] = {q(route.task), q(route.model), q(route.provider),
                                 QStringLiteral("%1 %").arg(route.share * 100, 0, 'f', 1),
                                 usdText(route.monthlyCostUsd)};
        for (int c = 0; c < 5; ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (c >= 3)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_routingTable->setItem(r, c, item);
        }
    }
    m_storeAssignment->setEnabled(plan.source != ScenarioRoutingSource::StoredAssignment &&
                                  !plan.routes.empty());
}

void ScenariosPage::updateFigures()
{
    const ScenarioEvaluation* ev = m_session.evaluation();
    if (!ev) {
        m_figures->setText(tr("<b>%1</b>: %2")
                               .arg(m_session.currentName().toHtmlEscaped(),
                                    m_session.lastError().toHtmlEscaped()));
        return;
    }
    const ForecastResult& f = ev->forecast;
    m_figures->setText(tr("<b>%1</b> — current %2 / month · planned (%3) %4 / month · saves %5 (%6 "
                          "%) · payback %7 · growth %8")
                           .arg(m_session.currentName().toHtmlEscaped(),
                                usdText(ev->currentMonthlyUsd),
                                planName(ev->scenario.plan).toHtmlEscaped(),
                                usdText(ev->plannedMonthlyUsd), usdText(ev->monthlySavingsUsd))
                           .arg(ev->savingsPct, 0, 'f', 1)
                           .arg(f.paybackMonth ? q(monthLabel(*f.paybackMonth)) : tr("never"),
                                q(ev->growthNote).toHtmlEscaped()));
}

QStringList ScenariosPage::compared() const
{
    QStringList out;
    for (int i = 0; i < m_compareList->count(); ++i)
        if (m_compareList->item(i)->checkState() == Qt::Checked)
            out << m_compareList->item(i)->text();
    return out;
}

void ScenariosPage::setCompared(const QStringList& names)
{
    m_filling = true;
    for (int i = 0; i < m_compareList->count(); ++i) {
        QListWidgetItem* item = m_compareList->item(i);
        const int index = static_cast<int>(names.indexOf(item->text()));
        item->setCheckState(index >= 0 && index < 4 ? Qt::Checked : Qt::Unchecked);
    }
    m_filling = false;
    updateComparison();
}

void ScenariosPage::updateComparison()
{
    QStringList names = compared();
    if (names.size() > 4) {
        names = names.mid(0, 4);
        showMessage(tr("The compare view shows up to four scenarios: the first four checked."),
                    false);
    }
    m_compareChart->removeAllSeries();
    for (QAbstractAxis* axis : m_compareChart->axes()) {
        m_compareChart->removeAxis(axis); // hands the axis back to us
        delete axis;
    }
    m_compareTable->clear();
    if (names.size() < 2) {
        m_compareTable->setRowCount(1);
        m_compareTable->setColumnCount(1);
        m_compareTable->setHorizontalHeaderLabels({tr("Compare")});
        m_compareTable->setItem(
            0, 0, new QTableWidgetItem(tr("Check two to four scenarios on the left.")));
        return;
    }
    std::vector<std::shared_ptr<const ScenarioEvaluation>> evs;
    QStringList shown;
    for (const QString& n : names) {
        QString error;
        auto ev = m_session.evaluate(n, &error);
        if (!ev) {
            // Still solving in the background is no error: the busy bar says so, and the
            // comparison is drawn again when the answer is there.
            showMessage(tr("%1: %2").arg(n, error), !m_session.isEvaluating());
            continue;
        }
        evs.push_back(std::move(ev));
        shown << n;
    }
    struct Row
    {
        QString label;
        std::function<std::optional<double>(const ScenarioEvaluation&)> value;
        std::function<QString(double)> format;
        std::function<QString(const ScenarioEvaluation&)> text; // rows without a numeric value
    };
    auto usdRow = [](QString label, std::function<double(const ScenarioEvaluation&)> f) {
        return Row{std::move(label),
                   [f](const ScenarioEvaluation& e) { return std::optional<double>(f(e)); },
                   usdText,
                   {}};
    };
    auto pct = [](double v) { return QStringLiteral("%1 %").arg(v, 0, 'f', 2); };
    auto first12 = [](const ScenarioEvaluation& e) {
        double sum = 0;
        for (int i = 0; i < 12; ++i)
            if (const ForecastMonth* m = monthAt(e, i))
                sum += planUsd(e, *m);
        return sum;
    };
    const std::vector<Row> rows = {
        usdRow(tr("Current monthly spend"),
               [](const ScenarioEvaluation& e) { return e.currentMonthlyUsd; }),
        usdRow(tr("Optimised routing, month 0"),
               [](const ScenarioEvaluation& e) { return e.optimizedMonthlyUsd; }),
        usdRow(tr("Optimised + self-hosted, month 0"),
               [](const ScenarioEvaluation& e) { return e.selfHostedMonthlyUsd; }),
        usdRow(tr("Planned monthly spend"),
               [](const ScenarioEvaluation& e) { return e.plannedMonthlyUsd; }),
        usdRow(tr("Monthly savings"),
               [](const ScenarioEvaluation& e) { return e.monthlySavingsUsd; }),
        Row{tr("Savings"),
            [](const ScenarioEvaluation& e) { return std::optional<double>(e.savingsPct); },
            pct,
            {}},
        usdRow(tr("Planned spend, first 12 months"), first12),
        usdRow(tr("P50 in month 12"),
               [](const ScenarioEvaluation& e) {
                   return monthAt(e, 11) ? monthAt(e, 11)->p50Usd : 0.0;
               }),
        Row{tr("P10 – P90 in month 12"),
            {},
            {},
            [](const ScenarioEvaluation& e) {
                const ForecastMonth* m = monthAt(e, 11);
                return m ? usdText(m->p10Usd) + QStringLiteral(" – ") + usdText(m->p90Usd)
                         : QString();
            }},
        Row{tr("Payback month"),
            {},
            {},
            [](const ScenarioEvaluation& e) {
                return e.forecast.paybackMonth ? q(monthLabel(*e.forecast.paybackMonth))
                                               : tr("never");
            }},
        Row{tr("Plan"),
            {},
            {},
            [](const ScenarioEvaluation& e) { return planName(e.scenario.plan); }},
        Row{tr("Volume growth"),
            [](const ScenarioEvaluation& e) {
                return std::optional<double>(e.monthlyGrowth * 100);
            },
            [](double v) { return QStringLiteral("%1 % / month").arg(v, 0, 'f', 2); },
            {}},
        Row{tr("Closed API decline"),
            [](const ScenarioEvaluation& e) {
                return std::optional<double>(e.scenario.priceTrends.closedApiDeclinePctPerYear);
            },
            [](double v) { return QStringLiteral("%1 % / year").arg(v, 0, 'f', 1); },
            {}},
        Row{tr("Open-weight API decline"),
            [](const ScenarioEvaluation& e) {
                return std::optional<double>(e.scenario.priceTrends.openWeightApiDeclinePctPerYear);
            },
            [](double v) { return QStringLiteral("%1 % / year").arg(v, 0, 'f', 1); },
            {}},
        Row{tr("Self-hosted fleet"),
            {},
            {},
            [](const ScenarioEvaluation& e) {
                return e.scenario.tco.enabled ? QObject::tr("%1 GPUs").arg(e.scenario.tco.gpuCount)
                                              : QObject::tr("none");
            }},
    };
    m_compareTable->setRowCount(static_cast<int>(rows.size()));
    m_compareTable->setColumnCount(static_cast<int>(evs.size()));
    QStringList headers;
    for (std::size_t c = 0; c < evs.size(); ++c)
        headers << (c == 0 ? tr("%1 (reference)").arg(shown[static_cast<int>(c)])
                           : shown[static_cast<int>(c)]);
    m_compareTable->setHorizontalHeaderLabels(headers);
    QStringList labels;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        labels << rows[r].label;
        const std::optional<double> reference =
            rows[r].value ? rows[r].value(*evs[0]) : std::nullopt;
        for (std::size_t c = 0; c < evs.size(); ++c) {
            QString text;
            if (rows[r].value) {
                const double v = *rows[r].value(*evs[c]);
                text = rows[r].format(v);
                if (c > 0 && reference) {
                    const double delta = v - *reference;
                    const QString sign = delta > 0   ? QStringLiteral("+")
                                         : delta < 0 ? QStringLiteral("−")
                                                     : QString();
                    text += QStringLiteral("  (Δ %1%2").arg(sign, rows[r].format(std::fabs(delta)));
                    if (std::fabs(*reference) > 1e-9 &&
                        rows[r].format(1.0).startsWith(QLatin1Char('$')))
                        text += QStringLiteral(", %1%2 %")
                                    .arg(sign)
                                    .arg(std::fabs(100 * delta / *reference), 0, 'f', 1);
                    text += QLatin1Char(')');
                }
            } else {
                text = rows[r].text(*evs[c]);
            }
            auto* item = new QTableWidgetItem(text);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            item->setToolTip(text);
            m_compareTable->setItem(static_cast<int>(r), static_cast<int>(c), item);
        }
    }
    m_compareTable->setVerticalHeaderLabels(labels);

    // The curves: each scenario's planned spend and its status quo, on one time axis.
    auto* x = new QDateTimeAxis;
    x->setFormat(QStringLiteral("MMM yyyy"));
    x->setTitleText(tr("Month"));
    auto* y = new QValueAxis;
    y->setLabelFormat(QStringLiteral("$%.0f"));
    y->setTitleText(tr("USD / month"));
    m_compareChart->addAxis(x, Qt::AlignBottom);
    m_compareChart->addAxis(y, Qt::AlignLeft);
    double maxY = 0;
    qint64 minX = std::numeric_limits<qint64>::max(), maxX = std::numeric_limits<qint64>::min();
    for (std::size_t c = 0; c < evs.size(); ++c) {
        const ScenarioEvaluation& e = *evs[c];
        auto* plan = new QLineSeries;
        plan->setName(shown[static_cast<int>(c)]);
        auto* sq = new QLineSeries;
        sq->setName(tr("%1: status quo").arg(shown[static_cast<int>(c)]));
        const QColor color = kSeriesColors[c % 4];
        plan->setPen(QPen(color, 2.5));
        sq->setPen(QPen(color, 1.2, Qt::DashLine));
        for (const ForecastMonth& m : e.forecast.months) {
            const qint64 t = msecs(m.month);
            plan->append(static_cast<qreal>(t), planUsd(e, m));
            sq->append(static_cast<qreal>(t), m.statusQuoUsd);
            maxY = std::max({maxY, planUsd(e, m), m.statusQuoUsd});
            minX = std::min(minX, t);
            maxX = std::max(maxX, t);
        }
        for (QLineSeries* series : {plan, sq}) {
            m_compareChart->addSeries(series);
            series->attachAxis(x);
            series->attachAxis(y);
        }
    }
    if (minX <= maxX) {
        x->setRange(QDateTime::fromMSecsSinceEpoch(minX, Qt::UTC),
                    QDateTime::fromMSecsSinceEpoch(maxX, Qt::UTC));
        x->setTickCount(std::min(7, static_cast<int>((maxX - minX) / (86400000LL * 28)) + 1));
    }
    y->setRange(0, maxY > 0 ? maxY * 1.08 : 1);
    y->applyNiceNumbers();
}

void ScenariosPage::showMessage(const QString& text, bool error)
{
    m_message->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
    m_message->setText(text);
}

bool ScenariosPage::createScenario(const QString& name)
{
    const QString error = m_session.create(name);
    showMessage(error.isEmpty() ? tr("Created scenario '%1'").arg(name.trimmed()) : error,
                !error.isEmpty());
    return error.isEmpty();
}

bool ScenariosPage::duplicateScenario(const QString& from, const QString& to)
{
    const QString error = m_session.duplicate(from, to);
    showMessage(error.isEmpty() ? tr("Duplicated '%1' as '%2'").arg(from, to.trimmed()) : error,
                !error.isEmpty());
    return error.isEmpty();
}

bool ScenariosPage::renameScenario(const QString& from, const QString& to)
{
    const QString error = m_session.rename(from, to);
    showMessage(error.isEmpty() ? tr("Renamed '%1' to '%2'").arg(from, to.trimmed()) : error,
                !error.isEmpty());
    return error.isEmpty();
}

bool ScenariosPage::deleteScenario(const QString& name)
{
    const QString error = m_session.remove(name);
    showMessage(error.isEmpty() ? tr("Deleted scenario '%1'").arg(name) : error, !error.isEmpty());
    return error.isEmpty();
}

bool ScenariosPage::importScenario(const QString& path)
{
    QString name;
    const QString error = m_session.importFile(path, &name);
    showMessage(error.isEmpty() ? tr("Imported scenario '%1' from %2").arg(name, path) : error,
                !error.isEmpty());
    return error.isEmpty();
}

bool ScenariosPage::exportScenario(const QString& name, const QString& path)
{
    const QString error = m_session.exportFile(name, path);
    showMessage(error.isEmpty() ? tr("Exported scenario '%1' to %2").arg(name, path) : error,
                !error.isEmpty());
    return error.isEmpty();
}

} // namespace finops
