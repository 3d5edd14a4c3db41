#pragma once

#include "reportmodel.h"

#include <QColor>
#include <QRectF>
#include <QString>
#include <vector>

class QPainter;

namespace finops::report {

// Draws the report's charts as vectors with QPainter: every bar, line and band is a path
// or rectangle and every label real text, so a PDF keeps them sharp and searchable. Each
// function fills `rect` (in the painter's units; the report uses points) with a title,
// legend, axes and the data; an empty data set draws the frame and "No data".
class ChartPainter
{
public:
    explicit ChartPainter(QPainter& painter);

    // Stacked columns, one per category (spend by month and provider).
    void stackedColumns(const QRectF& rect, const StackedChartData& data);
    // Stacked horizontal bars of shares 0..1, one per category (routing by task and model).
    void stackedShareBars(const QRectF& rect, const StackedChartData& data);
    // Forecast: the P10-P90 band, the P50 line, the three plans and the payback month.
    void forecast(const QRectF& rect, const ForecastChartData& data, const QString& title);
    // Horizontal bars of blended USD/Mtok, cheapest first; offers in use are marked.
    void ranking(const QRectF& rect, const std::vector<RankingBar>& bars, const QString& title,
                 const QString& subtitle);
    // Cumulative own and rent cost curves with the break-even month.
    void buyRent(const QRectF& rect, const BuyRentChartData& data, const QString& title);

    // The colour of series i (a fixed palette, readable in greyscale print).
    static QColor seriesColor(std::size_t i);

private:
    // Title and legend at the top of `rect`; returns the rest.
    QRectF header(const QRectF& rect, const QString& title,
                  const std::vector<std::pair<QString, QColor>>& legend,
                  const QString& subtitle = {});
    // header() of a stacked chart: its title, value label and one legend entry per series.
    QRectF stackedHeader(const QRectF& rect, const StackedChartData& data);
    void noData(const QRectF& rect);

    QPainter& m_p;
};

} // namespace finops::report
