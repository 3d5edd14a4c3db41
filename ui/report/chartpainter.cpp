#include "chartpainter.h"

#include "chartlayout.h"
#include "displayformat.h"

#include <QFontMetricsF>
#include <QObject>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

namespace finops::report {

namespace {

constexpr double kLabelPt = 7;
constexpr double kTitlePt = 10;

QFont font(double pt, bool bold = false)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPointSizeF(pt);
    f.setBold(bold);
    f.setStyleStrategy(QFont::PreferNoShaping);
    return f;
}

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}
QString usdLabel(double v)
{
    return q(compactUsd(v));
}

const QColor kGrid(0xdd, 0xdd, 0xdd);
const QColor kAxisText(0x44, 0x44, 0x44);

// The plot area of `rect` once the y labels (measured) and the x labels have room.
QRectF plotArea(const QRectF& rect, double leftLabelWidth, double bottomLabelHeight)
{
    return rect.adjusted(leftLabelWidth + 6, 4, -8, -(bottomLabelHeight + 4));
}

double widestLabel(const QFontMetricsF& fm, const QStringList& labels)
{
    double w = 0;
    for (const QString& l : labels)
        w = std::max(w, fm.horizontalAdvance(l));
    return w;
}

// Horizontal grid lines with USD labels on the left.
void valueGridY(QPainter& p, const QRectF& plot, const AxisTicks& ticks, const LinearScale& y)
{
    p.setFont(font(kLabelPt));
    const QFontMetricsF fm(p.font());
    for (double v : ticks.values) {
        const double py = y.map(v);
        p.setPen(QPen(kGrid, 0.5));
        p.drawLine(QPointF(plot.left(), py), QPointF(plot.right(), py));
        p.setPen(kAxisText);
        const QString label = usdLabel(v);
        p.drawText(QRectF(plot.left() - 200 - 4, py - fm.height() / 2, 200, fm.height()),
                   Qt::AlignRight | Qt::AlignVCenter, label);
    }
    p.setPen(QPen(kAxisText, 0.7));
    p.drawLine(plot.bottomLeft(), plot.bottomRight());
}

} // namespace

ChartPainter::ChartPainter(QPainter& painter) : m_p(painter) {}

QColor ChartPainter::seriesColor(std::size_t i)
{
    // Tableau-like palette: distinct hues with distinct lightness for greyscale print.
    static const QColor palette[] = {
        QColor(0x1f, 0x77, 0xb4), QColor(0xff, 0x7f, 0x0e), QColor(0x2c, 0xa0, 0x2c),
        QColor(0xd6, 0x27, 0x28), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
        QColor(0xe3, 0x77, 0xc2), QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22),
        QColor(0x17, 0xbe, 0xcf), QColor(0x39, 0x3b, 0x79), QColor(0xad, 0x49, 0x4a)};
    return palette[i % std::size(palette)];
}

QRectF ChartPainter::header(const QRectF& rect, const QString& title,
                            const std::vector<std::pair<QString, QColor>>& legend,
                            const QString& subtitle)
{
    m_p.save();
    m_p.setFont(font(kTitlePt, true));
    m_p.setPen(Qt::black);
    const QFontMetricsF tfm(m_p.font());
    m_p.drawText(QRectF(rect.left(), rect.top(), rect.width(), tfm.height()),
                 Qt::AlignLeft | Qt::AlignVCenter, title);
    double y = rect.top() + tfm.height() + 2;
    m_p.setFont(font(kLabelPt));
    const QFontMetricsF fm(m_p.font());
    if (!subtitle.isEmpty()) {
        m_p.setPen(kAxisText);
        m_p.drawText(QRectF(rect.left(), y, rect.width(), fm.height()),
                     Qt::AlignLeft | Qt::AlignVCenter, subtitle);
        y += fm.height() + 2;
    }
    // Legend entries flow left to right and wrap.
    double x = rect.left();
    const double swatch = fm.height() * 0.7;
    for (const auto& [label, color] : legend) {
        const double w = swatch + 3 + fm.horizontalAdvance(label) + 10;
        if (x + w > rect.right() && x > rect.left()) {
            x = rect.left();
            y += fm.height() + 1;
        }
        m_p.fillRect(QRectF(x, y + (fm.height() - swatch) / 2, swatch, swatch), color);
        m_p.setPen(Qt::black);
        m_p.drawText(QRectF(x + swatch + 3, y, w, fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                     label);
        x += w;
    }
    if (!legend.empty())
        y += fm.height() + 4;
    m_p.restore();
    return QRectF(rect.left(), y, rect.width(), rect.bottom() - y);
}

void ChartPainter::noData(const QRectF& rect)
{
    m_p.save();
    m_p.setPen(QPen(kGrid, 0.7));
    m_p.drawRect(rect);
    m_p.setFont(font(9));
    m_p.setPen(kAxisText);
    m_p.drawText(rect, Qt::AlignCenter, QObject::tr("No data"));
    m_p.restore();
}

QRectF ChartPainter::stackedHeader(const QRectF& rect, const StackedChartData& data)
{
    std::vector<std::pair<QString, QColor>> legend;
    for (std::size_t s = 0; s < data.series.size(); ++s)
        legend.emplace_back(q(data.series[s]), seriesColor(s));
    return header(rect, q(data.title), legend, q(data.valueLabel));
}

void ChartPainter::stackedColumns(const QRectF& rect, const StackedChartData& data)
{
    const QRectF body = stackedHeader(rect, data);
    const double top = maxStackedTotal(data.values);
    if (data.categories.empty() || top <= 0) {
        noData(body);
        return;
    }
    m_p.save();
    m_p.setFont(font(kLabelPt));
    const QFontMetricsF fm(m_p.font());
    const AxisTicks ticks = niceTicks(0, top, 5);
    QStringList yLabels;
    for (double v : ticks.values)
        yLabels << usdLabel(v);
    const QRectF plot = plotArea(body, widestLabel(fm, yLabels), fm.height());
    const LinearScale y{ticks.min, ticks.max, plot.bottom(), plot.top()};
    valueGridY(m_p, plot, ticks, y);

    const auto barPos = barSlots(data.categories.size(), plot.width(), 0.35);
    QStringList xLabels;
    for (const auto& c : data.categories)
        xLabels << q(c);
    const std::size_t stride =
        labelStride(barPos.size(), plot.width(), widestLabel(fm, xLabels) + 6);
    for (std::size_t c = 0; c < data.categories.size(); ++c) {
        double base = 0;
        for (std::size_t s = 0; s < data.values.size(); ++s) {
            const double v = c < data.values[s].size() ? std::max(0.0, data.values[s][c]) : 0.0;
            if (v <= 0)
                continue;
            const QRectF bar(
                QPointF(plot.left() + barPos[c].offset, y.map(base + v)),
                QPointF(plot.left() + barPos[c].offset + barPos[c].thickness, y.map(base)));
            m_p.fillRect(bar, seriesColor(s));
            base += v;
        }
        if (c % stride == 0) {
            m_p.setPen(kAxisText);
            const double cx = plot.left() + barPos[c].offset + barPos[c].thickness / 2;
            m_p.drawText(QRectF(cx - 60, plot.bottom() + 2, 120, fm.height()),
                         Qt::AlignHCenter | Qt::AlignTop, xLabels[static_cast<int>(c)]);
        }
    }
    m_p.restore();
}

void ChartPainter::stackedShareBars(const QRectF& rect, const StackedChartData& data)
{
    const QRectF body = stackedHeader(rect, data);
    if (data.categories.empty() || data.series.empty()) {
        noData(body);
        return;
    }
    m_p.save();
    m_p.setFont(font(kLabelPt));
    const QFontMetricsF fm(m_p.font());
    QStringList labels;
    for (const auto& c : data.categories)
        labels << q(c);
    const double labelWidth = std::min(widestLabel(fm, labels), body.width() * 0.35);
    const QRectF plot = body.adjusted(labelWidth + 6, 2, -8, -(fm.height() + 4));
    const LinearScale x{0, 1, plot.left(), plot.right()};
    for (int pct = 0; pct <= 100; pct += 25) {
        const double px = x.map(pct / 100.0);
        m_p.setPen(QPen(kGrid, 0.5));
        m_p.drawLine(QPointF(px, plot.top()), QPointF(px, plot.bottom()));
        m_p.setPen(kAxisText);
        m_p.drawText(QRectF(px - 30, plot.bottom() + 2, 60, fm.height()),
                     Qt::AlignHCenter | Qt::AlignTop, QStringLiteral("%1%").arg(pct));
    }
    const auto barPos = barSlots(data.categories.size(), plot.height(), 0.3);
    for (std::size_t c = 0; c < data.categories.size(); ++c) {
        const double top = plot.top() + barPos[c].offset;
        double base = 0;
        for (std::size_t s = 0; s < data.values.size(); ++s) {
            const double v =
                c < data.values[s].size() ? std::clamp(data.values[s][c], 0.0, 1.0) : 0.0;
            if (v <= 0)
                continue;
            const QRectF bar(QPointF(x.map(base), top),
                             QPointF(x.map(std::min(1.0, base + v)), top + barPos[c].thickness));
            m_p.fillRect(bar, seriesColor(s));
            base += v;
        }
        m_p.setPen(Qt::black);
        const QString label =
            fm.elidedText(labels[static_cast<int>(c)], Qt::ElideMiddle, labelWidth);
        m_p.drawText(QRectF(body.left(), top, labelWidth, barPos[c].thickness),
                     Qt::AlignRight | Qt::AlignVCenter, label);
    }
    m_p.restore();
}

void ChartPainter::forecast(const QRectF& rect, const ForecastChartData& data, const QString& title)
{
    const QColor band(0x1f, 0x77, 0xb4, 60);
    const std::vector<std::pair<QString, QColor>> legend = {
        {QObject::tr("Status quo"), seriesColor(3)},
        {QObject::tr("Optimised routing"), seriesColor(0)},
        {QObject::tr("Optimised + self-hosted"), seriesColor(2)},
        {QObject::tr("P50 of the plan"), QColor(0x33, 0x33, 0x33)},
        {QObject::tr("P10-P90 band"), band}};
    const QRectF body = header(rect, title, legend, QObject::tr("USD per month"));
    const std::size_t n = data.months.size();
    if (n == 0) {
        noData(body);
        return;
    }
    double lo = 0, hi = 0;
    for (const auto* v :
         {&data.statusQuoUsd, &data.optimizedUsd, &data.selfHostedUsd, &data.p10Usd, &data.p90Usd})
        for (double x : *v)
            hi = std::max(hi, x);
    m_p.save();
    m_p.setFont(font(kLabelPt));
    const QFontMetricsF fm(m_p.font());
    const AxisTicks ticks = niceTicks(lo, hi, 5);
    QStringList yLabels;
    for (double v : ticks.values)
        yLabels << usdLabel(v);
    const QRectF plot = plotArea(body, widestLabel(fm, yLabels), fm.height());
    const LinearScale y{ticks.min, ticks.max, plot.bottom(), plot.top()};
    QStringList xLabels;
    for (const auto& m : data.months)
        xLabels << q(m);
    // Months start half a label in, so the first label does not run into the y axis' "$0".
    const double monthLabelWidth = widestLabel(fm, xLabels);
    const double inset = std::min(monthLabelWidth / 2 + 2, plot.width() / 4);
    const LinearScale x{0, static_cast<double>(std::max<std::size_t>(1, n - 1)),
                        plot.left() + inset, plot.right() - inset};
    valueGridY(m_p, plot, ticks, y);
    m_p.setRenderHint(QPainter::Antialiasing);

    if (data.p10Usd.size() == n && data.p90Usd.size() == n) {
        QPainterPath path;
        path.moveTo(x.map(0), y.map(data.p90Usd[0]));
        for (std::size_t i = 1; i < n; ++i)
            path.lineTo(x.map(static_cast<double>(i)), y.map(data.p90Usd[i]));
        for (std::size_t i = n; i-- > 0;)
            path.lineTo(x.map(static_cast<double>(i)), y.map(data.p10Usd[i]));
        path.closeSubpath();
        m_p.fillPath(path, band);
    }
    auto line = [&](const std::vector<double>& v, const QColor& color, Qt::PenStyle style,
                    double width) {
        if (v.size() != n)
            return;
        QPolygonF poly;
        for (std::size_t i = 0; i < n; ++i)
            poly << QPointF(x.map(static_cast<double>(i)), y.map(v[i]));
        m_p.setPen(QPen(color, width, style, Qt::RoundCap, Qt::RoundJoin));
        m_p.drawPolyline(poly);
    };
    line(data.statusQuoUsd, seriesColor(3), Qt::SolidLine, 1.4);
    line(data.optimizedUsd, seriesColor(0), Qt::SolidLine, 1.4);
    line(data.selfHostedUsd, seriesColor(2), Qt::SolidLine, 1.4);
    line(data.p50Usd, QColor(0x33, 0x33, 0x33), Qt::DashLine, 0.9);

    m_p.setRenderHint(QPainter::Antialiasing, false);
    const std::size_t stride = labelStride(n, plot.width() - 2 * inset, monthLabelWidth + 8);
    m_p.setPen(kAxisText);
    for (std::size_t i = 0; i < n; i += stride) {
        const double px = x.map(static_cast<double>(i));
        m_p.drawLine(QPointF(px, plot.bottom()), QPointF(px, plot.bottom() + 2));
        m_p.drawText(QRectF(px - 40, plot.bottom() + 2, 80, fm.height()),
                     Qt::AlignHCenter | Qt::AlignTop, xLabels[static_cast<int>(i)]);
    }
    if (data.paybackMonth && *data.paybackMonth >= 1 &&
        static_cast<std::size_t>(*data.paybackMonth) <= n) {
        const double px = x.map(static_cast<double>(*data.paybackMonth - 1));
        m_p.setPen(QPen(QColor(0x2c, 0xa0, 0x2c), 0.8, Qt::DotLine));
        m_p.drawLine(QPointF(px, plot.top()), QPointF(px, plot.bottom()));
        m_p.setPen(Qt::black);
        const QString label = QObject::tr("payback %1").arg(xLabels[*data.paybackMonth - 1]);
        const double w = fm.horizontalAdvance(label) + 4;
        const double lx = std::min(px + 3, plot.right() - w);
        m_p.fillRect(QRectF(lx, plot.top() + 1, w, fm.height()), QColor(255, 255, 255, 220));
        m_p.drawText(QRectF(lx + 2, plot.top() + 1, w, fm.height()),
                     Qt::AlignLeft | Qt::AlignVCenter, label);
    }
    m_p.restore();
}

void ChartPainter::ranking(const QRectF& rect, const std::vector<RankingBar>& bars,
                           const QString& title, const QString& subtitle)
{
    const std::vector<std::pair<QString, QColor>> legend = {
        {QObject::tr("Closed weights"), seriesColor(0)},
        {QObject::tr("Open weights"), seriesColor(2)},
        {QObject::tr("In use today (bold)"), QColor(0x33, 0x33, 0x33)}};
    const QRectF body = header(rect, title, legend, subtitle);
    if (bars.empty()) {
        noData(body);
        return;
    }
    m_p.save();
    m_p.setFont(font(kLabelPt));
    const QFontMetricsF fm(m_p.font());
    QFont bold = font(kLabelPt, true);
    const QFontMetricsF bfm(bold);
    double labelWidth = 0, hi = 0;
    for (const RankingBar& b : bars) {
        labelWidth = std::max(labelWidth, bfm.horizontalAdvance(q(b.label)));
        hi = std::max(hi, b.usdPerMtok);
    }
    labelWidth = std::min(labelWidth, body.width() * 0.4);
    const double valueWidth = fm.horizontalAdvance(QStringLiteral("$000.0000")) + 4;
    const QRectF plot = body.adjusted(labelWidth + 6, 2, -valueWidth, -(fm.height() + 4));
    const AxisTicks ticks = niceTicks(0, hi, 5);
    const LinearScale x{ticks.min, ticks.max, plot.left(), plot.right()};
    for (double v : ticks.values) {
        const double px = x.map(v);
        m_p.setPen(QPen(kGrid, 0.5));
        m_p.drawLine(QPointF(px, plot.top()), QPointF(px, plot.bottom()));
        m_p.setPen(kAxisText);
        m_p.drawText(QRectF(px - 30, plot.bottom() + 2, 60, fm.height()),
                     Qt::AlignHCenter | Qt::AlignTop, q(formatUnitPrice(v)));
    }
    const auto barPos = barSlots(bars.size(), plot.height(), 0.25);
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const RankingBar& b = bars[i];
        const double top = plot.top() + barPos[i].offset;
        const QRectF bar(QPointF(plot.left(), top),
                         QPointF(x.map(b.usdPerMtok), top + barPos[i].thickness));
        m_p.fillRect(bar, seriesColor(b.openWeights ? 2 : 0));
        m_p.setFont(b.inUse ? bold : font(kLabelPt));
        const QFontMetricsF lfm(m_p.font());
        m_p.setPen(Qt::black);
        m_p.drawText(QRectF(body.left(), top - 2, labelWidth, barPos[i].thickness + 4),
                     Qt::AlignRight | Qt::AlignVCenter,
                     lfm.elidedText(q(b.label), Qt::ElideMiddle, labelWidth));
        m_p.drawText(QRectF(bar.right() + 3, top - 2, valueWidth + 40, barPos[i].thickness + 4),
                     Qt::AlignLeft | Qt::AlignVCenter, q(formatUnitPrice(b.usdPerMtok)));
    }
    m_p.restore();
}

void ChartPainter::buyRent(const QRectF& rect, const BuyRentChartData& data, const QString& title)
{
    const std::vector<std::pair<QString, QColor>> legend = {
        {QObject::tr("Buy (cumulative cash)"), seriesColor(2)},
        {QObject::tr("Rent (cumulative)"), seriesColor(1)}};
    const QRectF body = header(rect, title, legend, q(data.gpuLabel));
    const std::size_t n = data.months.size();
    if (n < 2 || data.ownCumulativeUsd.size() != n || data.rentCumulativeUsd.size() != n) {
        noData(body);
        return;
    }
    double hi = 0;
    for (std::size_t i = 0; i < n; ++i)
        hi = std::max({hi, data.ownCumulativeUsd[i], data.rentCumulativeUsd[i]});
    m_p.save();
    m_p.setFont(font(kLabelPt));
    const QFontMetricsF fm(m_p.font());
    const AxisTicks ticks = niceTicks(0, hi, 5);
    QStringList yLabels;
    for (double v : ticks.values)
        yLabels << usdLabel(v);
    const QRectF plot = plotArea(body, widestLabel(fm, yLabels), fm.height() * 2);
    const LinearScale y{ticks.min, ticks.max, plot.bottom(), plot.top()};
    const LinearScale x{static_cast<double>(data.months.front()),
                        static_cast<double>(data.months.back()), plot.left(), plot.right()};
    valueGridY(m_p, plot, ticks, y);
    m_p.setRenderHint(QPainter::Antialiasing);
    auto line = [&](const std::vector<double>& v, const QColor& color) {
        QPolygonF poly;
        for (std::size_t i = 0; i < n; ++i)
            poly << QPointF(x.map(data.months[i]), y.map(v[i]));
        m_p.setPen(QPen(color, 1.5, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        m_p.drawPolyline(poly);
    };
    line(data.ownCumulativeUsd, seriesColor(2));
    line(data.rentCumulativeUsd, seriesColor(1));
    m_p.setRenderHint(QPainter::Antialiasing, false);
    const AxisTicks mticks = niceTicks(data.months.front(), data.months.back(), 6);
    m_p.setPen(kAxisText);
    for (double v : mticks.values) {
        if (v < data.months.front() || v > data.months.back())
            continue;
        const double px = x.map(v);
        m_p.drawLine(QPointF(px, plot.bottom()), QPointF(px, plot.bottom() + 2));
        m_p.drawText(QRectF(px - 30, plot.bottom() + 2, 60, fm.height()),
                     Qt::AlignHCenter | Qt::AlignTop, QString::number(v, 'f', 0));
    }
    m_p.drawText(QRectF(plot.left(), plot.bottom() + 2 + fm.height(), plot.width(), fm.height()),
                 Qt::AlignHCenter, QObject::tr("months from purchase"));
    if (data.breakevenMonths && *data.breakevenMonths <= data.months.back()) {
        const double px = x.map(*data.breakevenMonths);
        m_p.setPen(QPen(Qt::black, 0.8, Qt::DotLine));
        m_p.drawLine(QPointF(px, plot.top()), QPointF(px, plot.bottom()));
        const QString label =
            QObject::tr("break-even month %1").arg(*data.breakevenMonths, 0, 'f', 1);
        const double w = fm.horizontalAdvance(label) + 4;
        const double lx = std::min(px + 3, plot.right() - w);
        m_p.fillRect(QRectF(lx, plot.top() + 1, w, fm.height()), QColor(255, 255, 255, 220));
        m_p.setPen(Qt::black);
        m_p.drawText(QRectF(lx + 2, plot.top() + 1, w, fm.height()),
                     Qt::AlignLeft | Qt::AlignVCenter, label);
    }
    m_p.restore();
}

} // namespace finops::report
