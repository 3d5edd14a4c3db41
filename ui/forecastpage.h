#pragma once

#include <QWidget>

class QAreaSeries;
class QChart;
class QChartView;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QScatterSeries;
class QTableWidget;
class QValueAxis;

namespace finops {

class ScenarioSession;

// The Forecast page: the current scenario's monthly spend as a fan chart — the P10–P90
// band of the plan it follows (Monte Carlo), its P50, the three plans' lines (status quo,
// optimised routing, optimised + self-hosted) and the payback month marked — with the
// figures behind it in a table. Redrawn whenever the session re-evaluates (a scenario
// switch or an edit).
class ForecastPage : public QWidget
{
    Q_OBJECT
public:
    explicit ForecastPage(ScenarioSession& session, QWidget* parent = nullptr);

    // For tests: the chart and its series.
    QChart* chart() const { return m_chart; }
    QAreaSeries* band() const { return m_band; }

public slots:
    void redraw();

protected:
    // A hidden page redraws when it is shown, not on every switch or edit.
    void showEvent(QShowEvent* event) override;

private:
    ScenarioSession& m_session;
    QLabel* m_summary;
    QChart* m_chart;
    QChartView* m_view;
    QAreaSeries* m_band;
    QLineSeries* m_p10;
    QLineSeries* m_p90;
    QLineSeries* m_p50;
    QLineSeries* m_statusQuo;
    QLineSeries* m_optimized;
    QLineSeries* m_selfHosted;
    QScatterSeries* m_payback;
    QDateTimeAxis* m_x;
    QValueAxis* m_y;
    QTableWidget* m_table;
    bool m_dirty = false;
};

} // namespace finops
