#include "dashboardpage.h"
#include "pagewidgets.h"

#include "displayformat.h"
#include "spend.h"
#include "store.h"
#include "usagequery.h"
#include "usagestore.h"
#include "workspace.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QCursor>
#include <QDate>
#include <QFrame>
#include <QFutureWatcher>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedBarSeries>
#include <QTableWidget>
#include <QTimer>
#include <QToolTip>
#include <QVBoxLayout>
#include <QValueAxis>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <cmath>
#include <map>

namespace finops {

// Everything the page shows, computed on a worker thread from one read of the store.
struct DashboardData
{
    struct Bucket
    {
        Date start;
        std::map<std::string, double> costUsdByProvider;
    };

    QString error;
    bool hasUsage = false;
    Date from, to; // the period shown, inclusive
    Date usageStart;
    SpendReport total; // of the period, by month
    std::int64_t requests = 0;
    std::int64_t tokens = 0;
    double unpricedTokenShare = 0;

    // This month up to the last usage day, against the same days of last month.
    Date monthStart, compareStart, compareEnd;
    double thisMonthUsd = 0;
    double lastMonthUsd = 0;
    bool canCompareMonths = false;
    double monthChangePct = 0;

    SpendReport byProvider; // most expensive first
    SpendReport byModel;
    std::vector<Bucket> weeks, months;

    std::vector<std::string> tagKeys;
    std::string tagKey;
    SpendReport byTag; // with "(untagged)"

    RepriceResult reprice;
    ObservedMix allMix;
    std::vector<std::pair<std::string, ObservedMix>> tagMixes; // in byTag's order
};

namespace {

constexpr int kTopModels = 8;
constexpr int kTopTagValues = 12;
constexpr int kAlternatives = 10;

QLocale english()
{
    return QLocale(QLocale::English, QLocale::UnitedStates);
}
QString count(double n)
{
    return QString::fromStdString(formatCount(n));
}
QString percent(double pct)
{
    return english().toString(pct, 'f', 1) + QLatin1Char('%');
}
QString text(const std::string& s)
{
    return QString::fromStdString(s);
}

QDate toQDate(Date d)
{
    return QDate(d.year(), static_cast<int>(d.month()), static_cast<int>(d.day()));
}
QString dayText(Date d)
{
    return english().toString(toQDate(d), QStringLiteral("MMM d, yyyy"));
}
QString rangeText(Date from, Date to)
{
    if (from == to)
        return dayText(to);
    const QString first =
        english().toString(toQDate(from), from.year() == to.year() ? QStringLiteral("MMM d")
                                                                   : QStringLiteral("MMM d, yyyy"));
    return first + QStringLiteral(" – ") + dayText(to);
}
// "Nov 1–22" for days of one month.
QString daysOfMonthText(Date from, Date to)
{
    const QString month = english().toString(toQDate(from), QStringLiteral("MMM"));
    return from == to ? QStringLiteral("%1 %2").arg(month).arg(from.day())
                      : QStringLiteral("%1 %2–%3").arg(month).arg(from.day()).arg(to.day());
}

Date firstOfMonth(Date d)
{
    return Date::fromCivil(d.year(), d.month(), 1);
}
// Weeks start on Monday (ISO 8601); 1970-01-01 was a Thursday.
Date weekStart(Date d)
{
    return Date{d.daysSinceEpoch - (((d.daysSinceEpoch % 7) + 7 + 3) % 7)};
}

std::int64_t tokensOf(const SpendRow& r)
{
    return r.inputTokens + r.cachedInputTokens + r.cacheWriteTokens + r.outputTokens;
}

// Spend per provider in each bucket (week or month) the rows fall in.
std::vector<DashboardData::Bucket> bucketsOf(const std::vector<PricedUsageRow>& rows,
                                             Date (*bucketOf)(Date))
{
    std::map<int, std::vector<PricedUsageRow>> byBucket;
    for (const PricedUsageRow& r : rows)
        byBucket[bucketOf(r.day).daysSinceEpoch].push_back(r);
    std::vector<DashboardData::Bucket> buckets;
    for (const auto& [start, bucketRows] : byBucket) {
        DashboardData::Bucket b;
        b.start = Date{start};
        for (const SpendRow& p : aggregateSpend(bucketRows, SpendGrouping::Provider).rows)
            b.costUsdByProvider[p.key] = p.costUsd;
        buckets.push_back(std::move(b));
    }
    return buckets;
}

std::shared_ptr<const DashboardData> computeDashboard(const std::string& db,
                                                      const PriceCatalog& catalog,
                                                      DashboardPage::Period period,
                                                      const std::string& wantedTagKey)
{
    auto d = std::make_shared<DashboardData>();
    try {
        Store store(db); // this thread's own connection
        UsageStore usage(store);
        const auto range = usage.usageRange();
        if (!range)
            return d;
        d->hasUsage = true;
        d->usageStart = range->first;
        d->to = range->second;
        d->from = range->first;
        if (period != DashboardPage::AllUsage) {
            const int days = period == DashboardPage::Last30Days ? 30 : 90;
            d->from = std::max(range->first, Date{d->to.daysSinceEpoch - (days - 1)});
        }

        d->tagKeys = usage.tagKeys();
        const auto hasKey = [&](const std::string& k) {
            return std::find(d->tagKeys.begin(), d->tagKeys.end(), k) != d->tagKeys.end();
        };
        if (hasKey(wantedTagKey))
            d->tagKey = wantedTagKey;
        else if (hasKey("team"))
            d->tagKey = "team";
        else if (!d->tagKeys.empty())
            d->tagKey = d->tagKeys.front();

        const SpendInputs inputs = loadSpendInputs(usage, catalog, d->from, d->to, d->tagKey);
        d->total = spendReport(inputs, SpendGrouping::Month);
        for (const SpendRow& r : d->total.rows) {
            d->requests += r.requests;
            d->tokens += tokensOf(r);
        }
        if (d->tokens > 0)
            d->unpricedTokenShare =
                static_cast<double>(d->total.unpricedTokens) / static_cast<double>(d->tokens);
        d->byProvider = spendReport(inputs, SpendGrouping::Provider);
        d->byModel = spendReport(inputs, SpendGrouping::Model);
        d->weeks = bucketsOf(inputs.base, weekStart);
        d->months = bucketsOf(inputs.base, firstOfMonth);
        d->reprice = reprice(inputs.base, catalog.histories());
        d->allMix = observedMix(inputs.base);
        if (!d->tagKey.empty()) {
            d->byTag = spendReport(inputs, SpendGrouping::Tag);
            std::map<std::string, std::vector<PricedUsageRow>> byValue;
            for (PricedUsageRow& r : withUntagged(inputs.base, inputs.tagged, inputs.coverage)) {
                const std::string value =
                    r.tagValue.empty() ? std::string("(untagged)") : r.tagValue;
                byValue[value].push_back(std::move(r));
            }
            for (const SpendRow& row : d->byTag.rows)
                d->tagMixes.emplace_back(row.key, observedMix(byValue[row.key]));
        }

        // Month over month: the month of the last usage day so far, against the same days
        // of the month before, so a month in progress is not compared with a whole one.
        const Date last = d->to;
        d->monthStart = firstOfMonth(last);
        const Date previousEnd{d->monthStart.daysSinceEpoch - 1};
        d->compareStart = firstOfMonth(previousEnd);
        d->compareEnd = std::min(
            previousEnd, Date{d->compareStart.daysSinceEpoch + static_cast<int>(last.day()) - 1});
        const SpendInputs twoMonths = loadSpendInputs(usage, catalog, d->compareStart, last);
        std::vector<PricedUsageRow> thisMonth, lastMonth;
        for (const PricedUsageRow& r : twoMonths.base) {
            if (r.day >= d->monthStart)
                thisMonth.push_back(r);
            else if (r.day <= d->compareEnd)
                lastMonth.push_back(r);
        }
        d->thisMonthUsd = aggregateSpend(thisMonth, SpendGrouping::Month).totalCostUsd;
        d->lastMonthUsd = aggregateSpend(lastMonth, SpendGrouping::Month).totalCostUsd;
        d->canCompareMonths = range->first <= d->compareStart && d->lastMonthUsd > 0;
        if (d->canCompareMonths)
            d->monthChangePct = 100.0 * (d->thisMonthUsd - d->lastMonthUsd) / d->lastMonthUsd;
    } catch (const std::exception& e) {
        d->error = QString::fromStdString(e.what());
    }
    return d;
}

QChart* makeChart()
{
    auto* chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    // Axis labels in the en-US style of formatUsd: "$12,000".
    chart->setLocalizeNumbers(true);
    chart->setLocale(english());
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->setBackgroundRoundness(0);
    chart->legend()->setAlignment(Qt::AlignBottom);
    return chart;
}

QChartView* makeChartView(QChart* chart, const QString& name, int minimumHeight, QWidget* parent)
{
    auto* view = new QChartView(chart, parent);
    view->setObjectName(name);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(minimumHeight);
    return view;
}

void clearChart(QChart* chart)
{
    chart->removeAllSeries();
    for (QAbstractAxis* axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
}

QValueAxis* moneyAxis(double maxUsd, const QString& title)
{
    auto* axis = new QValueAxis;
    axis->setRange(0, maxUsd > 0 ? maxUsd * 1.05 : 1.0);
    axis->applyNiceNumbers();
    axis->setLabelFormat(maxUsd >= 20 ? QStringLiteral("$%.0f") : QStringLiteral("$%.2f"));
    axis->setTitleText(title);
    return axis;
}


// Long category labels (a model and its cost) fit better a little smaller.
QFont smallerFont(QFont font)
{
    font.setPointSizeF(font.pointSizeF() * 0.9);
    return font;
}

// Shows a bar's tooltip while the mouse is over it.
void showBarTip(bool over, const QString& tip)
{
    if (over && !tip.isEmpty())
        QToolTip::showText(QCursor::pos(), tip);
    else
        QToolTip::hideText();
}

} // namespace

DashboardPage::DashboardPage(Workspace& workspace, QWidget* parent)
    : QWidget(parent), m_workspace(workspace),
      m_watcher(new QFutureWatcher<std::shared_ptr<const DashboardData>>(this)),
      m_recomputeTimer(new QTimer(this)), m_period(new QComboBox(this)),
      m_periodText(new QLabel(this)), m_banner(new QLabel(this)),
      m_totalValue(kpiValue(QStringLiteral("totalSpendValue"), this)),
      m_totalCaption(new QLabel(this)),
      m_monthValue(kpiValue(QStringLiteral("monthChangeValue"), this)),
      m_monthCaption(new QLabel(this)),
      m_unpricedValue(kpiValue(QStringLiteral("unpricedShareValue"), this)),
      m_unpricedCaption(new QLabel(this)),
      m_topModelValue(kpiValue(QStringLiteral("topModelValue"), this)),
      m_topModelCaption(new QLabel(this)), m_granularity(new QComboBox(this)),
      m_timeChart(makeChart()),
      m_timeView(makeChartView(m_timeChart, QStringLiteral("spendOverTimeChart"), 300, this)),
      m_modelChart(makeChart()),
      m_modelView(makeChartView(m_modelChart, QStringLiteral("topModelsChart"), 300, this)),
      m_tagKey(new QComboBox(this)), m_tagChart(makeChart()),
      m_tagView(makeChartView(m_tagChart, QStringLiteral("tagCostChart"), 300, this)),
      m_repriceHeadline(new QLabel(this)), m_openOnly(new QCheckBox(tr("Open weights only"), this)),
      m_repriceTable(new QTableWidget(this)), m_repriceNote(new QLabel(this)),
      m_mixScope(new QComboBox(this)), m_mixText(new QLabel(this)),
      m_useMix(new QPushButton(tr("Use this mix on the Blended cost page"), this))
{
    m_recomputeTimer->setSingleShot(true);
    m_recomputeTimer->setInterval(0); // coalesces the signals of one change (usage and catalog)

    m_period->setObjectName(QStringLiteral("periodCombo"));
    m_period->addItem(tr("Last 30 days"), Last30Days);
    m_period->addItem(tr("Last 90 days"), Last90Days);
    m_period->addItem(tr("All usage"), AllUsage);
    m_period->setCurrentIndex(m_period->findData(AllUsage));
    m_period->setToolTip(tr("Days up to the last day with usage"));
    m_periodText->setObjectName(QStringLiteral("periodText"));
    m_banner->setObjectName(QStringLiteral("dashboardBanner"));
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(QStringLiteral(
        "QLabel { background: palette(alternate-base); border: 1px solid palette(mid); "
        "border-radius: 6px; padding: 10px; }"));
    m_banner->hide();
    // A model name is longer than a figure: a smaller font, elided to the card's width
    // (eventFilter), the whole name in the tooltip.
    m_topModelValue->setTextInteractionFlags(Qt::NoTextInteraction);
    QFont modelFont = m_topModelValue->font();
    modelFont.setPointSizeF(modelFont.pointSizeF() * 0.75);
    m_topModelValue->setFont(modelFont);
    m_topModelValue->setMinimumHeight(m_totalValue->sizeHint().height());
    m_topModelValue->setMinimumWidth(10);
    m_topModelValue->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_topModelValue->installEventFilter(this);

    m_granularity->setObjectName(QStringLiteral("granularityCombo"));
    m_granularity->addItem(tr("By week"), ByWeek);
    m_granularity->addItem(tr("By month"), ByMonth);
    m_tagKey->setObjectName(QStringLiteral("tagKeyCombo"));
    m_tagKey->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_tagKey->setToolTip(tr("The tag whose values the chart and the mix are broken down by"));

    m_repriceHeadline->setObjectName(QStringLiteral("repriceHeadline"));
    m_repriceHeadline->setWordWrap(true);
    m_repriceHeadline->setTextFormat(Qt::RichText);
    m_openOnly->setObjectName(QStringLiteral("repriceOpenOnly"));
    m_repriceTable->setObjectName(QStringLiteral("repriceTable"));
    m_repriceTable->setColumnCount(5);
    m_repriceTable->setHorizontalHeaderLabels(
        {tr("Provider"), tr("Model"), tr("Would cost"), tr("Savings"), tr("Savings %")});
    m_repriceTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_repriceTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_repriceTable->setAlternatingRowColors(true);
    m_repriceTable->setWordWrap(false);
    m_repriceTable->verticalHeader()->hide();
    const int rowHeight = fontMetrics().height() + 8;
    m_repriceTable->verticalHeader()->setDefaultSectionSize(rowHeight);
    m_repriceTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_repriceTable->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_repriceTable->setMinimumHeight(rowHeight * (kAlternatives + 1) + 6);
    m_repriceTable->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_repriceNote->setObjectName(QStringLiteral("repriceNote"));
    m_repriceNote->setWordWrap(true);
    m_mixScope->setObjectName(QStringLiteral("mixScope"));
    m_mixText->setObjectName(QStringLiteral("mixText"));
    m_mixText->setWordWrap(true);
    m_mixText->setTextFormat(Qt::RichText);
    m_useMix->setObjectName(QStringLiteral("useMixButton"));
    m_useMix->setToolTip(
        tr("Set the input-share and cache-hit sliders of the Blended cost page to this mix"));

    // --- Header and KPIs
    auto* title = new QLabel(tr("<h2>Dashboard</h2>"), this);
    auto* header = new QHBoxLayout;
    header->addWidget(title);
    header->addSpacing(12);
    header->addWidget(m_periodText, 1, Qt::AlignBottom);
    header->addWidget(new QLabel(tr("Period:"), this), 0, Qt::AlignBottom);
    header->addWidget(m_period, 0, Qt::AlignBottom);

    // The cards fill a row as high as the tallest card, and no higher.
    auto* kpiRow = new QWidget(this);
    kpiRow->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    auto* kpis = new QHBoxLayout(kpiRow);
    kpis->setContentsMargins(0, 0, 0, 0);
    kpis->setSpacing(10);
    kpis->addWidget(kpiCard(tr("Total spend"), m_totalValue, m_totalCaption, this), 1);
    kpis->addWidget(kpiCard(tr("This month vs last month"), m_monthValue, m_monthCaption, this), 1);
    kpis->addWidget(kpiCard(tr("Unpriced usage"), m_unpricedValue, m_unpricedCaption, this), 1);
    kpis->addWidget(kpiCard(tr("Top model"), m_topModelValue, m_topModelCaption, this), 1);

    // --- Charts
    auto* timeBox = new QGroupBox(tr("Spend over time by provider"), this);
    auto* timeLayout = new QVBoxLayout(timeBox);
    auto* timeControls = new QHBoxLayout;
    timeControls->addStretch();
    timeControls->addWidget(m_granularity);
    timeLayout->addLayout(timeControls);
    timeLayout->addWidget(m_timeView, 1);

    auto* modelBox = new QGroupBox(tr("Top %1 models by cost").arg(kTopModels), this);
    auto* modelLayout = new QVBoxLayout(modelBox);
    modelLayout->addWidget(m_modelView, 1);

    auto* tagBox = new QGroupBox(tr("Cost per tag"), this);
    auto* tagLayout = new QVBoxLayout(tagBox);
    auto* tagControls = new QHBoxLayout;
    tagControls->addWidget(new QLabel(tr("Tag:"), this));
    tagControls->addWidget(m_tagKey);
    tagControls->addStretch();
    tagLayout->addLayout(tagControls);
    tagLayout->addWidget(m_tagView, 1);

    // Model names are long: their chart gets the wider half.
    auto* chartRow = new QHBoxLayout;
    chartRow->addWidget(modelBox, 3);
    chartRow->addWidget(tagBox, 2);

    // --- Re-pricing and mix
    auto* repriceBox = new QGroupBox(tr("Re-pricing: the same tokens on other models"), this);
    auto* repriceLayout = new QVBoxLayout(repriceBox);
    auto* repriceTop = new QHBoxLayout;
    repriceTop->addWidget(m_repriceHeadline, 1);
    repriceTop->addWidget(m_openOnly, 0, Qt::AlignTop);
    repriceLayout->addLayout(repriceTop);
    repriceLayout->addWidget(m_repriceTable);
    repriceLayout->addWidget(m_repriceNote);

    auto* mixBox = new QGroupBox(tr("Observed token mix"), this);
    auto* mixLayout = new QVBoxLayout(mixBox);
    auto* mixIntro =
        new QLabel(tr("The input share and cache-hit rate of real usage, to price offers by on the "
                      "Blended cost page."),
                   this);
    mixIntro->setWordWrap(true);
    auto* scopeRow = new QHBoxLayout;
    scopeRow->addWidget(new QLabel(tr("Usage:"), this));
    scopeRow->addWidget(m_mixScope, 1);
    mixLayout->addWidget(mixIntro);
    mixLayout->addLayout(scopeRow);
    mixLayout->addWidget(m_mixText);
    mixLayout->addWidget(m_useMix, 0, Qt::AlignLeft);
    mixLayout->addStretch();

    auto* bottomRow = new QHBoxLayout;
    bottomRow->addWidget(repriceBox, 3);
    bottomRow->addWidget(mixBox, 2);

    auto* content = new QWidget(this);
    auto* layout = new QVBoxLayout(content);
    layout->setSpacing(10);
    layout->addLayout(header);
    layout->addWidget(m_banner);
    layout->addWidget(kpiRow);
    // The charts and tables, hidden while there is no usage to show.
    m_sections = new QWidget(content);
    auto* sections = new QVBoxLayout(m_sections);
    sections->setContentsMargins(0, 0, 0, 0);
    sections->setSpacing(10);
    sections->addWidget(timeBox);
    sections->addLayout(chartRow);
    sections->addLayout(bottomRow);
    layout->addWidget(m_sections);
    layout->addStretch();
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("dashboardScroll"));
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);

    // --- Behaviour
    connect(m_recomputeTimer, &QTimer::timeout, this, &DashboardPage::startRecompute);
    connect(m_watcher, &QFutureWatcher<std::shared_ptr<const DashboardData>>::finished, this,
            [this] { apply(m_watcher->result()); });
    connect(m_period, &QComboBox::currentIndexChanged, this, &DashboardPage::recompute);
    connect(m_tagKey, &QComboBox::currentIndexChanged, this, &DashboardPage::recompute);
    connect(m_granularity, &QComboBox::activated, this, [this] {
        m_granularityChosen = true;
        showSpendOverTime();
    });
    connect(m_openOnly, &QCheckBox::toggled, this, &DashboardPage::showReprice);
    connect(m_mixScope, &QComboBox::currentIndexChanged, this, &DashboardPage::showMix);
    connect(m_useMix, &QPushButton::clicked, this, [this] {
        if (!m_data)
            return;
        ObservedMix mix = m_data->allMix;
        const QString scope = m_mixScope->currentData().toString();
        for (const auto& [value, m] : m_data->tagMixes)
            if (!scope.isEmpty() && text(value) == scope)
                mix = m;
        if (mix.tokens > 0)
            emit useMix(mix.inputShare, mix.cacheHitRate);
    });
    connect(&m_workspace, &Workspace::usageChanged, this, &DashboardPage::recompute);
    connect(&m_workspace, &Workspace::catalogChanged, this, &DashboardPage::recompute);

    showEmpty(tr("Reading the usage…"));
    recompute();
}

DashboardPage::~DashboardPage() = default;

void DashboardPage::recompute()
{
    m_recomputeTimer->start();
}

void DashboardPage::startRecompute()
{
    const std::string db = m_workspace.dbPath().toStdString();
    const PriceCatalog catalog = m_workspace.catalog(); // a value: the worker keeps its own copy
    const auto period = static_cast<Period>(m_period->currentData().toInt());
    const std::string tagKey = m_tagKey->currentData().toString().toStdString();
    // A newer computation replaces one still running: the watcher forgets the old future.
    m_watcher->setFuture(QtConcurrent::run(
        [db, catalog, period, tagKey] { return computeDashboard(db, catalog, period, tagKey); }));
}

void DashboardPage::apply(const std::shared_ptr<const DashboardData>& data)
{
    m_data = data;
    {
        const QSignalBlocker block(m_tagKey);
        m_tagKey->clear();
        for (const std::string& key : data->tagKeys)
            m_tagKey->addItem(text(key), text(key));
        m_tagKey->setCurrentIndex(std::max(0, m_tagKey->findData(text(data->tagKey))));
        m_tagKey->setEnabled(!data->tagKeys.empty());
    }
    if (!m_granularityChosen && data->hasUsage) {
        // Weeks read well up to half a year; beyond, months.
        const bool months = data->to.daysSinceEpoch - data->from.daysSinceEpoch > 182;
        m_granularity->setCurrentIndex(m_granularity->findData(months ? ByMonth : ByWeek));
    }
    if (!data->error.isEmpty()) {
        showEmpty(tr("Could not read the usage: %1").arg(data->error));
    } else if (!data->hasUsage) {
        showEmpty(tr("No usage in this workspace yet. Import usage exports on the <b>Usage</b> "
                     "page (OpenAI, "
                     "Anthropic, OpenRouter, LiteLLM, FOCUS or any CSV) to see spend, trends and "
                     "what the same "
                     "work would cost on other models."));
    } else {
        m_banner->hide();
        m_sections->show();
        m_periodText->setText(tr("%1 · %2 requests · %3 tokens")
                                  .arg(rangeText(data->from, data->to),
                                       count(static_cast<double>(data->requests)),
                                       count(static_cast<double>(data->tokens))));
        showKpis();
        showSpendOverTime();
        showTopModels();
        showTags();
        showReprice();
        showMix();
    }
    emit recomputed();
}

void DashboardPage::showEmpty(const QString& message)
{
    m_banner->setText(message);
    m_banner->show();
    m_sections->hide();
    m_periodText->clear();
    m_topModelName.clear();
    for (QLabel* value : {m_totalValue, m_monthValue, m_unpricedValue, m_topModelValue})
        value->setText(QStringLiteral("—"));
    for (QLabel* caption : {m_totalCaption, m_monthCaption, m_unpricedCaption, m_topModelCaption})
        caption->clear();
    for (QChart* chart : {m_timeChart, m_modelChart, m_tagChart}) {
        clearChart(chart);
        chart->setTitle(QString());
    }
    m_timeTips.clear();
    m_modelTips.clear();
    m_tagTips.clear();
    m_repriceHeadline->clear();
    m_repriceTable->setRowCount(0);
    m_repriceNote->clear();
    m_mixScope->clear();
    m_mixText->clear();
    m_useMix->setEnabled(false);
}

void DashboardPage::showKpis()
{
    const DashboardData& d = *m_data;
    m_totalValue->setText(usdText(d.total.totalCostUsd));
    m_totalCaption->setText(d.total.unpricedTokens > 0
                                ? tr("%1, not counting unpriced usage").arg(rangeText(d.from, d.to))
                                : rangeText(d.from, d.to));

    const QString thisMonth = daysOfMonthText(d.monthStart, d.to);
    const QString lastMonth = daysOfMonthText(d.compareStart, d.compareEnd);
    if (d.canCompareMonths) {
        const QString sign = d.monthChangePct > 0   ? QStringLiteral("+")
                             : d.monthChangePct < 0 ? QStringLiteral("−")
                                                    : QString();
        m_monthValue->setText(sign + percent(std::abs(d.monthChangePct)));
        m_monthCaption->setText(
            tr("%1: <b>%2</b><br>%3: %4")
                .arg(thisMonth, usdText(d.thisMonthUsd), lastMonth, usdText(d.lastMonthUsd)));
    } else {
        m_monthValue->setText(QStringLiteral("—"));
        m_monthCaption->setText(
            d.usageStart > d.compareStart
                ? tr("%1: %2; usage starts %3, so there is no %4 to compare with")
                      .arg(thisMonth, usdText(d.thisMonthUsd), dayText(d.usageStart), lastMonth)
                : tr("%1: %2; no priced usage in %3")
                      .arg(thisMonth, usdText(d.thisMonthUsd), lastMonth));
    }
    m_monthValue->setToolTip(
        tr("Spend this month up to the last day with usage, against the same days of last month"));

    m_unpricedValue->setText(tr("%1 of tokens").arg(percent(100.0 * d.unpricedTokenShare)));
    m_unpricedCaption->setText(
        d.total.unpricedTokens > 0
            ? tr("%1 tokens in %2 requests have no catalog price; not in the total")
                  .arg(count(static_cast<double>(d.total.unpricedTokens)),
                       count(static_cast<double>(d.total.unpricedRequests)))
            : tr("Every request is priced"));

    if (d.byModel.rows.empty() || d.byModel.rows.front().costUsd <= 0) {
        m_topModelName.clear();
        m_topModelValue->setText(QStringLiteral("—"));
        m_topModelValue->setToolTip(QString());
        m_topModelCaption->setText(tr("No priced usage"));
        return;
    }
    const SpendRow& top = d.byModel.rows.front();
    m_topModelName = text(top.key);
    elideTopModel();
    m_topModelValue->setToolTip(m_topModelName);
    m_topModelCaption->setText(
        tr("%1, %2 of spend")
            .arg(usdText(top.costUsd),
                 percent(d.total.totalCostUsd > 0 ? 100.0 * top.costUsd / d.total.totalCostUsd
                                                  : 0.0)));
}

void DashboardPage::elideTopModel()
{
    if (!m_topModelName.isEmpty())
        m_topModelValue->setText(m_topModelValue->fontMetrics().elidedText(
            m_topModelName, Qt::ElideMiddle, std::max(40, m_topModelValue->width())));
}

bool DashboardPage::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_topModelValue && event->type() == QEvent::Resize)
        elideTopModel();
    return QWidget::eventFilter(watched, event);
}

void DashboardPage::showSpendOverTime()
{
    clearChart(m_timeChart);
    m_timeTips.clear();
    if (!m_data || !m_data->hasUsage)
        return;
    const DashboardData& d = *m_data;
    const bool byMonth = m_granularity->currentData().toInt() == ByMonth;
    const std::vector<DashboardData::Bucket>& buckets = byMonth ? d.months : d.weeks;

    QStringList categories;
    for (const auto& b : buckets)
        categories << (byMonth ? english().toString(toQDate(b.start), QStringLiteral("MMM yyyy"))
                               : english().toString(toQDate(b.start), QStringLiteral("MMM d")));
    auto* series = new QStackedBarSeries;
    series->setObjectName(QStringLiteral("providerSeries"));
    series->setBarWidth(0.75);
    double maxStack = 0;
    std::vector<double> stacks(buckets.size(), 0.0);
    int index = 0;
    for (const SpendRow& provider : d.byProvider.rows) {
        auto* set = new QBarSet(text(provider.key));
        const QColor color = providerColor(provider.key, index++);
        set->setColor(color);
        set->setBorderColor(color);
        QStringList tips;
        for (std::size_t i = 0; i < buckets.size(); ++i) {
            const auto it = buckets[i].costUsdByProvider.find(provider.key);
            const double usd = it == buckets[i].costUsdByProvider.end() ? 0.0 : it->second;
            set->append(usd);
            stacks[i] += usd;
            tips << tr("%1, %2 %3: %4")
                        .arg(text(provider.key), byMonth ? tr("month of") : tr("week of"),
                             categories[static_cast<int>(i)], usdText(usd));
        }
        series->append(set);
        m_timeTips.push_back(tips);
    }
    for (double s : stacks)
        maxStack = std::max(maxStack, s);
    m_timeChart->addSeries(series);
    auto* axisX = new QBarCategoryAxis;
    axisX->setCategories(categories);
    axisX->setTitleText(byMonth ? tr("Month") : tr("Week starting (Monday)"));
    if (categories.size() > 16)
        axisX->setLabelsAngle(-60);
    QValueAxis* axisY = moneyAxis(maxStack, tr("Spend (USD)"));
    m_timeChart->addAxis(axisX, Qt::AlignBottom);
    m_timeChart->addAxis(axisY, Qt::AlignLeft);
    series->attachAxis(axisX);
    series->attachAxis(axisY);
    m_timeChart->legend()->setVisible(true);
    m_timeChart->setTitle(
        tr("Spend by %1, stacked by provider").arg(byMonth ? tr("month") : tr("week")));
    connect(
        series, &QStackedBarSeries::hovered, this, [this, series](bool over, int i, QBarSet* set) {
            const auto s = static_cast<std::size_t>(series->barSets().indexOf(set));
            showBarTip(over, s < m_timeTips.size() && i < m_timeTips[s].size() ? m_timeTips[s][i]
                                                                               : QString());
        });
}

void DashboardPage::showTopModels()
{
    clearChart(m_modelChart);
    m_modelTips.clear();
    if (!m_data || !m_data->hasUsage)
        return;
    const DashboardData& d = *m_data;
    const auto shown = std::min<std::size_t>(kTopModels, d.byModel.rows.size());
    // Horizontal bar charts draw the first category at the bottom: feed the ranking
    // backwards so the most expensive model is on top.
    QStringList categories;
    auto* set = new QBarSet(tr("Cost"));
    set->setColor(QColor(0x3b, 0x6e, 0xc4));
    set->setBorderColor(QColor(0x3b, 0x6e, 0xc4));
    double maxUsd = 0;
    for (std::size_t k = shown; k-- > 0;) {
        const SpendRow& r = d.byModel.rows[k];
        const bool unpriced = r.costUsd <= 0 && r.unpricedTokens > 0;
        categories << QStringLiteral("%1  %2").arg(text(r.key),
                                                   unpriced ? tr("unpriced") : usdText(r.costUsd));
        set->append(r.costUsd);
        maxUsd = std::max(maxUsd, r.costUsd);
        QString tip =
            tr("%1: %2, %3 requests, %4 tokens")
                .arg(text(r.key), usdText(r.costUsd), count(static_cast<double>(r.requests)),
                     count(static_cast<double>(tokensOf(r))));
        if (r.unpricedTokens > 0)
            tip += tr("\n%1 tokens the catalog cannot price are not in the cost")
                       .arg(count(static_cast<double>(r.unpricedTokens)));
        m_modelTips << tip;
    }
    auto* series = new QHorizontalBarSeries;
    series->setObjectName(QStringLiteral("modelSeries"));
    series->append(set);
    series->setBarWidth(0.7);
    m_modelChart->addSeries(series);
    auto* axisY = new QBarCategoryAxis;
    axisY->setCategories(categories);
    axisY->setLabelsFont(smallerFont(axisY->labelsFont()));
    QValueAxis* axisX = moneyAxis(maxUsd, tr("Cost (USD)"));
    axisX->setTickCount(5);
    m_modelChart->addAxis(axisY, Qt::AlignLeft);
    m_modelChart->addAxis(axisX, Qt::AlignBottom);
    series->attachAxis(axisY);
    series->attachAxis(axisX);
    m_modelChart->legend()->setVisible(false);
    m_modelChart->setTitle(d.byModel.rows.size() > shown
                               ? tr("%1 of %2 models").arg(shown).arg(d.byModel.rows.size())
                               : (shown == 1 ? tr("1 model") : tr("%1 models").arg(shown)));
    connect(series, &QHorizontalBarSeries::hovered, this, [this](bool over, int i, QBarSet*) {
        showBarTip(over, i >= 0 && i < m_modelTips.size() ? m_modelTips[i] : QString());
    });
}

void DashboardPage::showTags()
{
    clearChart(m_tagChart);
    m_tagTips.clear();
    if (!m_data || !m_data->hasUsage)
        return;
    const DashboardData& d = *m_data;
    if (d.tagKey.empty()) {
        m_tagChart->setTitle(tr("This usage carries no tags"));
        return;
    }
    const auto shown = std::min<std::size_t>(kTopTagValues, d.byTag.rows.size());
    QStringList categories;
    auto* set = new QBarSet(tr("Cost"));
    set->setColor(QColor(0x2e, 0x9d, 0x5b));
    set->setBorderColor(QColor(0x2e, 0x9d, 0x5b));
    double maxUsd = 0;
    for (std::size_t k = shown; k-- > 0;) {
        const SpendRow& r = d.byTag.rows[k];
        categories << QStringLiteral("%1  %2").arg(text(r.key), usdText(r.costUsd));
        set->append(r.costUsd);
        maxUsd = std::max(maxUsd, r.costUsd);
        m_tagTips << tr("%1 = %2: %3, %4 requests")
                         .arg(text(d.tagKey), text(r.key), usdText(r.costUsd),
                              count(static_cast<double>(r.requests)));
    }
    auto* series = new QHorizontalBarSeries;
    series->setObjectName(QStringLiteral("tagSeries"));
    series->append(set);
    series->setBarWidth(0.7);
    m_tagChart->addSeries(series);
    auto* axisY = new QBarCategoryAxis;
    axisY->setCategories(categories);
    axisY->setLabelsFont(smallerFont(axisY->labelsFont()));
    QValueAxis* axisX = moneyAxis(maxUsd, tr("Cost (USD)"));
    axisX->setTickCount(5);
    m_tagChart->addAxis(axisY, Qt::AlignLeft);
    m_tagChart->addAxis(axisX, Qt::AlignBottom);
    series->attachAxis(axisY);
    series->attachAxis(axisX);
    m_tagChart->legend()->setVisible(false);
    m_tagChart->setTitle(d.byTag.rows.size() > shown
                             ? tr("Top %1 of %2 values of \"%3\"")
                                   .arg(shown)
                                   .arg(d.byTag.rows.size())
                                   .arg(text(d.tagKey))
                             : tr("By value of \"%1\"").arg(text(d.tagKey)));
    connect(series, &QHorizontalBarSeries::hovered, this, [this](bool over, int i, QBarSet*) {
        showBarTip(over, i >= 0 && i < m_tagTips.size() ? m_tagTips[i] : QString());
    });
}

void DashboardPage::showReprice()
{
    m_repriceTable->setRowCount(0);
    if (!m_data || !m_data->hasUsage)
        return;
    const DashboardData& d = *m_data;
    const RepriceResult& r = d.reprice;
    std::vector<const RepriceAlternative*> rows;
    for (const RepriceAlternative& a : r.alternatives) {
        if (rows.size() == static_cast<std::size_t>(kAlternatives))
            break;
        if (!m_openOnly->isChecked() || a.openWeights)
            rows.push_back(&a);
    }
    QString period;
    switch (static_cast<Period>(m_period->currentData().toInt())) {
    case Last30Days:
        period = tr("The last 30 days");
        break;
    case Last90Days:
        period = tr("The last 90 days");
        break;
    case AllUsage:
        period = tr("All usage");
        break;
    }
    period += QStringLiteral(" (%1)").arg(rangeText(d.from, d.to));
    if (rows.empty()) {
        m_repriceHeadline->setText(
            tr("<b>%1</b> cost %2. No %3offer in the catalog prices these tokens.")
                .arg(period.toHtmlEscaped(), usdText(r.actualCostUsd),
                     m_openOnly->isChecked() ? tr("open-weight ") : QString()));
    } else {
        const RepriceAlternative& best = *rows.front();
        const QString offer = text(best.provider + " / " + best.model).toHtmlEscaped();
        m_repriceHeadline->setText(
            best.savingsUsd > 0
                ? tr("<b>%1</b> would have cost <b>%2</b> on <b>%3</b> instead of %4: %5 less.")
                      .arg(period.toHtmlEscaped(), usdText(best.costUsd), offer,
                           usdText(r.actualCostUsd), percent(best.savingsPct))
                : tr("<b>%1</b> cost %2; no %3offer in the catalog would have been cheaper (the "
                     "cheapest, %4, "
                     "would have cost %5).")
                      .arg(period.toHtmlEscaped(), usdText(r.actualCostUsd),
                           m_openOnly->isChecked() ? tr("open-weight ") : QString(), offer,
                           usdText(best.costUsd)));
    }
    m_repriceTable->setRowCount(static_cast<int>(rows.size()));
    for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
        const RepriceAlternative& a = *rows[static_cast<std::size_t>(i)];
        const QString weights = a.openWeights ? tr("Open weights") : tr("Closed API");
        const QStringList cells = {text(a.provider), text(a.model), usdText(a.costUsd),
                                   usdText(a.savingsUsd), percent(a.savingsPct)};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            item->setToolTip(
                QStringLiteral("%1 / %2 (%3)").arg(text(a.provider), text(a.model), weights));
            if (c >= 2)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_repriceTable->setItem(i, c, item);
        }
    }
    QString note =
        tr("Each offer is priced at its prices in force on each usage day, with the period's exact "
           "input, cached, cache-write and output tokens.");
    if (r.excludedUnpricedTokens > 0)
        note += tr(" %1 tokens (%2 requests) the catalog cannot price are left out on both sides.")
                    .arg(count(static_cast<double>(r.excludedUnpricedTokens)),
                         count(static_cast<double>(r.excludedUnpricedRequests)));
    note += tr(" Quality is not compared: check a cheaper model is good enough for the task.");
    m_repriceNote->setText(note);
}

void DashboardPage::showMix()
{
    if (!m_data || !m_data->hasUsage)
        return;
    const DashboardData& d = *m_data;
    QString scope = m_mixScope->currentData().toString();
    {
        // Refill only when the values changed, so the choice stays.
        QStringList values;
        for (const auto& [value, mix] : d.tagMixes)
            values << text(value);
        QStringList current;
        for (int i = 1; i < m_mixScope->count(); ++i)
            current << m_mixScope->itemData(i).toString();
        if (values != current || m_mixScope->count() == 0 ||
            m_mixScope->property("tagKey").toString() != text(d.tagKey)) {
            const QSignalBlocker block(m_mixScope);
            m_mixScope->clear();
            m_mixScope->addItem(tr("All usage"), QString());
            for (const QString& value : values)
                m_mixScope->addItem(QStringLiteral("%1 = %2").arg(text(d.tagKey), value), value);
            m_mixScope->setProperty("tagKey", text(d.tagKey));
            m_mixScope->setCurrentIndex(std::max(0, m_mixScope->findData(scope)));
            scope = m_mixScope->currentData().toString();
        }
    }
    ObservedMix mix = d.allMix;
    for (const auto& [value, m] : d.tagMixes)
        if (!scope.isEmpty() && text(value) == scope)
            mix = m;
    if (mix.tokens == 0) {
        m_mixText->setText(tr("No tokens in this usage (billed amounts only)."));
        m_useMix->setEnabled(false);
        return;
    }
    m_mixText->setText(
        tr("<table cellspacing='4'>"
           "<tr><td>Input share:</td><td align='right'><b>%1</b></td><td>(output %2)</td></tr>"
           "<tr><td>Cache-hit rate:</td><td align='right'><b>%3</b></td><td>of input "
           "tokens</td></tr>"
           "</table>Observed over %4 tokens.")
            .arg(percent(100.0 * mix.inputShare), percent(100.0 * (1.0 - mix.inputShare)),
                 percent(100.0 * mix.cacheHitRate), count(static_cast<double>(mix.tokens))));
    m_useMix->setEnabled(true);
}

} // namespace finops
