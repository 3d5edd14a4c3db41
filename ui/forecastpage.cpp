#include "forecastpage.h"

#include "displayformat.h"
#include "evaluationbusybar.h"
#include "pagewidgets.h"
#include "scenarioeval.h"
#include "scenariosession.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSplitter>
#include <QTableWidget>
#include <QTimeZone>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>

namespace finops {

namespace {

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

qreal msecs(Date month)
{
    return static_cast<qreal>(
        QDateTime(QDate(month.year(), static_cast<int>(month.month()), 1), QTime(0, 0), Qt::UTC)
            .toMSecsSinceEpoch());
}

double planUsd(ForecastPlan plan, const ForecastMonth& m)
{
    return plan == ForecastPlan::StatusQuo    ? m.statusQuoUsd
           : plan == ForecastPlan::SelfHosted ? m.selfHostedUsd
                                              : m.optimizedUsd;
}

QString planName(ForecastPlan plan)
{
    switch (plan) {
    case ForecastPlan::StatusQuo:
        return QObject::tr("status quo");
    case ForecastPlan::Optimized:
        return QObject::tr("optimised routing");
    case ForecastPlan::SelfHosted:
        return QObject::tr("optimised + self-hosted");
    }
    return {};
}

} // namespace

ForecastPage::ForecastPage(ScenarioSession& session, QWidget* parent)
    : QWidget(parent), m_session(session), m_summary(new QLabel(this)), m_chart(new QChart),
      m_view(new QChartView(m_chart, this)), m_p10(new QLineSeries(this)),
      m_p90(new QLineSeries(this)), m_p50(new QLineSeries), m_statusQuo(new QLineSeries),
      m_optimized(new QLineSeries), m_selfHosted(new QLineSeries), m_payback(new QScatterSeries),
      m_x(new QDateTimeAxis), m_y(new QValueAxis), m_table(new QTableWidget(this))
{
    m_summary->setObjectName(QStringLiteral("forecastSummary"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    m_view->setObjectName(QStringLiteral("forecastChart"));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_table->setObjectName(QStringLiteral("forecastTable"));
    m_view->setMinimumHeight(400);

    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_band = new QAreaSeries(m_p90, m_p10);
    m_band->setName(tr("P10 – P90"));
    m_band->setColor(QColor(31, 119, 180, 60));
    m_band->setBorderColor(QColor(31, 119, 180, 110));
    m_p50->setName(tr("P50"));
    m_p50->setPen(QPen(QColor(20, 80, 160), 2, Qt::DashLine));
    m_statusQuo->setName(tr("Status quo"));
    m_statusQuo->setPen(QPen(QColor(120, 120, 120), 2.2));
    m_optimized->setName(tr("Optimised routing"));
    m_optimized->setPen(QPen(QColor(44, 160, 44), 2.2));
    m_selfHosted->setName(tr("Optimised + self-hosted"));
    m_selfHosted->setPen(QPen(QColor(214, 39, 40), 2.2));
    m_payback->setName(tr("Payback"));
    m_payback->setMarkerSize(13);
    m_payback->setColor(QColor(255, 170, 0));
    m_payback->setBorderColor(Qt::black);
    m_payback->setPointLabelsVisible(true);
    m_payback->setPointLabelsFormat(tr("payback"));
    m_payback->setPointLabelsClipping(false);

    m_x->setFormat(QStringLiteral("MMM yyyy"));
    m_x->setTitleText(tr("Month"));
    m_y->setLabelFormat(QStringLiteral("$%.0f"));
    m_y->setTitleText(tr("USD / month"));
    m_chart->addAxis(m_x, Qt::AlignBottom);
    m_chart->addAxis(m_y, Qt::AlignLeft);
    for (QAbstractSeries* s : std::initializer_list<QAbstractSeries*>{
             m_band, m_statusQuo, m_optimized, m_selfHosted, m_p50, m_payback}) {
        m_chart->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }

    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_table->setColumnCount(8);
    m_table->setHorizontalHeaderLabels({tr("Month"), tr("Status quo"), tr("Optimised"),
                                        tr("Self-hosted"), tr("P10"), tr("P50"), tr("P90"),
                                        tr("Cum. cash savings")});
    m_table->verticalHeader()->setDefaultSectionSize(22);
    m_table->setMinimumHeight(150);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_view);
    split->addWidget(m_table);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    split->setSizes({520, 200});
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(makeEvaluationBusyBar(m_session, this));
    layout->addWidget(split, 1);

    connect(&m_session, &ScenarioSession::evaluated, this, [this] {
        if (isVisible())
            redraw();
        else
            m_dirty = true;
    });
    redraw();
}

void ForecastPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        redraw();
}

void ForecastPage::redraw()
{
    m_dirty = false;
    const ScenarioEvaluation* ev = m_session.evaluation();
    if (!ev) {
        m_summary->setText(
            (m_session.isEvaluating() ? tr("<b>%1</b>: %2") : tr("<b>%1</b>: cannot forecast: %2"))
                .arg(m_session.currentName().toHtmlEscaped(),
                     m_session.lastError().toHtmlEscaped()));
        for (QXYSeries* s : std::initializer_list<QXYSeries*>{m_p10, m_p90, m_p50, m_statusQuo,
                                                              m_optimized, m_selfHosted, m_payback})
            s->clear();
        m_payback->setName(tr("Payback"));
        m_chart->setTitle(m_session.currentName());
        m_table->setRowCount(0);
        return;
    }
    const ForecastResult& f = ev->forecast;
    const ForecastPlan plan = ev->scenario.plan;
    QList<QPointF> p10, p90, p50, sq, opt, self;
    double maxY = 0;
    for (const ForecastMonth& m : f.months) {
        const qreal x = msecs(m.month);
        p10 << QPointF(x, m.p10Usd);
        p90 << QPointF(x, m.p90Usd);
        p50 << QPointF(x, m.p50Usd);
        sq << QPointF(x, m.statusQuoUsd);
        opt << QPointF(x, m.optimizedUsd);
        self << QPointF(x, m.selfHostedUsd);
        maxY = std::max({maxY, m.p90Usd, m.statusQuoUsd, m.optimizedUsd, m.selfHostedUsd});
    }
    m_p10->replace(p10);
    m_p90->replace(p90);
    m_p50->replace(p50);
    m_statusQuo->replace(sq);
    m_optimized->replace(opt);
    m_selfHosted->replace(self);
    // The self-hosted line repeats the optimised one without a fleet: hide it then.
    m_selfHosted->setVisible(ev->scenario.tco.enabled);
    m_payback->clear();
    if (f.paybackMonthIndex) {
        const ForecastMonth& m = f.months[static_cast<std::size_t>(*f.paybackMonthIndex - 1)];
        m_payback->append(msecs(m.month), planUsd(plan, m));
        m_payback->setName(tr("Payback %1").arg(q(monthLabel(m.month))));
    } else {
        m_payback->setName(tr("Payback: never"));
    }
    m_band->setName(tr("P10 – P90 (%1)").arg(planName(plan)));
    if (!f.months.empty()) {
        m_x->setRange(QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(p10.front().x()), Qt::UTC),
                      QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(p10.back().x()), Qt::UTC));
        m_x->setTickCount(std::min(7, static_cast<int>(f.months.size())));
    }
    m_y->setRange(0, maxY > 0 ? maxY * 1.08 : 1);
    m_y->applyNiceNumbers();
    m_chart->setTitle(
        tr("%1 — %2 months from %3")
            .arg(m_session.currentName())
            .arg(f.months.size())
            .arg(f.months.empty() ? QString() : q(monthLabel(f.months.front().month))));

    m_summary->setText(
        tr("<b>%1</b> follows the <b>%2</b> plan. Now %3 / month; planned %4 / month (saves %5 %). "
           "Over %6 months: status quo %7, optimised %8, self-hosted %9. Payback: <b>%10</b>. "
           "Growth: %11.")
            .arg(m_session.currentName().toHtmlEscaped(), planName(plan),
                 usdText(ev->currentMonthlyUsd), usdText(ev->plannedMonthlyUsd))
            .arg(ev->savingsPct, 0, 'f', 1)
            .arg(f.months.size())
            .arg(usdText(f.totalStatusQuoUsd), usdText(f.totalOptimizedUsd),
                 usdText(f.totalSelfHostedUsd),
                 f.paybackMonth ? q(monthLabel(*f.paybackMonth)) : tr("never"),
                 q(ev->growthNote).toHtmlEscaped()));

    m_table->setRowCount(static_cast<int>(f.months.size()));
    for (std::size_t i = 0; i < f.months.size(); ++i) {
        const ForecastMonth& m = f.months[i];
        const QString cells[] = {q(monthLabel(m.month)),  usdText(m.statusQuoUsd),
                                 usdText(m.optimizedUsd), usdText(m.selfHostedUsd),
                                 usdText(m.p10Usd),       usdText(m.p50Usd),
                                 usdText(m.p90Usd),       usdText(m.cumulativeCashSavingsPlanUsd)};
        for (int c = 0; c < 8; ++c) {
            QTableWidgetItem* item = m_table->item(static_cast<int>(i), c);
            if (!item) {
                item = new QTableWidgetItem;
                item->setTextAlignment(c == 0 ? Qt::AlignLeft | Qt::AlignVCenter
                                              : Qt::AlignRight | Qt::AlignVCenter);
                m_table->setItem(static_cast<int>(i), c, item);
            }
            item->setText(cells[c]);
        }
    }
}

} // namespace finops
