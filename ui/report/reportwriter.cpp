#include "reportwriter.h"

#include "chartlayout.h"
#include "chartpainter.h"
#include "displayformat.h"

#include <QFontMetricsF>
#include <QObject>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextLayout>
#include <algorithm>
#include <cmath>
#include <memory>

namespace finops::report {

namespace {

// Page geometry in points (the writer runs at 72 dpi, so one unit is one point).
constexpr double kMarginX = 48;
constexpr double kHeaderTop = 28;
constexpr double kContentTop = 64;
constexpr double kFooterHeight = 44;
constexpr double kCellPadX = 4;
constexpr double kCellPadY = 2.5;

const QColor kAccent(0x1f, 0x4e, 0x79);
const QColor kRule(0xbb, 0xbb, 0xbb);
const QColor kZebra(0xf3, 0xf6, 0xf9);

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

QString periodText(const ReportModel& m)
{
    if (!m.periodFrom || !m.periodTo)
        return QObject::tr("no usage");
    return QObject::tr("%1 to %2").arg(q(m.periodFrom->toString()), q(m.periodTo->toString()));
}

QFont font(double pt, bool bold = false)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPointSizeF(pt);
    f.setBold(bold);
    f.setHintingPreference(QFont::PreferNoHinting);
    f.setStyleStrategy(
        QFont::PreferNoShaping); // no ligatures: pdftotext and search find "fine", not "ﬁne"
    return f;
}

using DrawOp = std::function<void(QPainter&)>;

// Text wrapped at word boundaries, and inside a word only when the word alone is wider
// than the line (long URLs in the appendix); QPainter::drawText offers only one or the other.
double layoutWrapped(QTextLayout& layout, double width, Qt::Alignment align)
{
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    option.setAlignment(align);
    layout.setTextOption(option);
    layout.beginLayout();
    double height = 0;
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        line.setPosition(QPointF(0, height));
        height += line.height();
    }
    layout.endLayout();
    return height;
}

double wrappedHeight(QPaintDevice* device, const QString& text, const QFont& font, double width)
{
    QTextLayout layout(text, font, device);
    return layoutWrapped(layout, width, Qt::AlignLeft);
}

void drawWrapped(QPainter& p, const QRectF& rect, const QString& text, const QFont& font,
                 Qt::Alignment align)
{
    QTextLayout layout(text, font, p.device());
    layoutWrapped(layout, rect.width(), align);
    layout.draw(&p, rect.topLeft());
}

// The report as pages of draw operations, laid out before anything is drawn so the page
// count is known for "Page n of N".
class Layout
{
public:
    Layout(QPaintDevice* device, QSizeF page) : m_device(device), m_page(page) { newPage(); }

    double left() const { return kMarginX; }
    double width() const { return m_page.width() - 2 * kMarginX; }
    double bottom() const { return m_page.height() - kFooterHeight; }
    double y() const { return m_y; }
    double remaining() const { return bottom() - m_y; }
    double fullHeight() const { return bottom() - kContentTop; }
    std::size_t pageCount() const { return m_pages.size(); }
    const std::vector<std::vector<DrawOp>>& pages() const { return m_pages; }
    QFontMetricsF metrics(const QFont& f) const { return QFontMetricsF(f, m_device); }

    void newPage()
    {
        m_pages.emplace_back();
        m_y = kContentTop;
    }
    void ensure(double height)
    {
        if (height > remaining() && m_y > kContentTop + 1)
            newPage();
    }
    void advance(double dy) { m_y += dy; }
    void add(DrawOp op) { m_pages.back().push_back(std::move(op)); }

    // Wrapped text of `width`; returns its height.
    double textHeight(const QString& text, const QFont& f, double w) const
    {
        return wrappedHeight(m_device, text, f, w);
    }
    void paragraph(const QString& text, const QFont& f, const QColor& color = Qt::black,
                   double indent = 0)
    {
        const double w = width() - indent;
        const double h = textHeight(text, f, w);
        ensure(h);
        const QRectF r(left() + indent, m_y, w, h + 1);
        add([r, text, f, color](QPainter& p) {
            p.setPen(color);
            drawWrapped(p, r, text, f, Qt::AlignLeft);
        });
        m_y += h;
    }
    void heading(const QString& text, double pt = 15)
    {
        const QFont f = font(pt, true);
        const double h = metrics(f).height();
        ensure(h + 60); // never a heading alone at the foot of a page
        const QRectF r(left(), m_y, width(), h);
        add([r, text, f](QPainter& p) {
            p.setFont(f);
            p.setPen(kAccent);
            p.drawText(r, Qt::AlignLeft | Qt::AlignVCenter, text);
        });
        m_y += h + 6;
    }

private:
    QPaintDevice* m_device;
    QSizeF m_page;
    std::vector<std::vector<DrawOp>> m_pages;
    double m_y = kContentTop;
};

// Column widths for a table: each column's natural width (widest cell), and when they do
// not fit, the text columns give up width (and wrap) until they do.
std::vector<double> columnWidths(const Layout& layout, const ReportTable& t, const QFont& body,
                                 const QFont& bold, double available)
{
    const std::size_t n = t.columns.size();
    std::vector<double> natural(n, 0);
    std::vector<bool> isText(n, true);
    const QFontMetricsF fm = layout.metrics(body), bfm = layout.metrics(bold);
    for (std::size_t c = 0; c < n; ++c) {
        // Headers may wrap onto two lines: count half their width, at least the longest word.
        double longestWord = 0;
        for (const QString& w : q(t.columns[c]).split(QLatin1Char(' ')))
            longestWord = std::max(longestWord, bfm.horizontalAdvance(w));
        natural[c] = std::max(longestWord, bfm.horizontalAdvance(q(t.columns[c])) * 0.55);
    }
    auto measure = [&](const std::vector<ReportCell>& row, const QFontMetricsF& m) {
        for (std::size_t c = 0; c < std::min(n, row.size()); ++c) {
            natural[c] = std::max(natural[c], m.horizontalAdvance(q(row[c].display())));
            if (row[c].isNumber())
                isText[c] = false;
        }
    };
    for (const auto& row : t.rows)
        measure(row, fm);
    if (!t.totals.empty())
        measure(t.totals, bfm);
    std::vector<double> w(n);
    double total = 0;
    for (std::size_t c = 0; c < n; ++c) {
        w[c] = natural[c] + 2 * kCellPadX + 1;
        total += w[c];
    }
    if (total <= available) {
        // Spread the slack over the text columns (or all) so the table spans the page.
        const auto textCount = static_cast<double>(std::count(isText.begin(), isText.end(), true));
        for (std::size_t c = 0; c < n; ++c)
            w[c] += (available - total) / (textCount > 0 ? textCount : static_cast<double>(n)) *
                    (textCount > 0 ? (isText[c] ? 1 : 0) : 1);
        return w;
    }
    // Too wide: narrow columns keep their natural width and the wide ones share what is
    // left equally (max-min fair), so no column is squeezed below a narrower one's need.
    std::vector<std::size_t> order(n);
    for (std::size_t c = 0; c < n; ++c)
        order[c] = c;
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return w[a] < w[b]; });
    double left = available;
    for (std::size_t i = 0; i < n; ++i) {
        const double share = left / static_cast<double>(n - i);
        if (w[order[i]] <= share) {
            left -= w[order[i]];
            continue;
        }
        for (std::size_t j = i; j < n; ++j)
            w[order[j]] = share;
        break;
    }
    return w;
}

void addTable(Layout& layout, const ReportTable& t)
{
    const QFont body = font(7.5), bold = font(7.5, true), titleFont = font(11, true),
                noteFont = font(7);
    const std::vector<double> widths = columnWidths(layout, t, body, bold, layout.width());
    auto cellHeight = [&](const QString& text, const QFont& f, double w) {
        return layout.textHeight(text, f, w - 2 * kCellPadX) + 2 * kCellPadY;
    };
    double headerHeight = 0;
    for (std::size_t c = 0; c < t.columns.size(); ++c)
        headerHeight = std::max(headerHeight, cellHeight(q(t.columns[c]), bold, widths[c]));
    struct Row
    {
        const std::vector<ReportCell>* cells;
        bool total;
        bool zebra;
    };
    // A column with numbers is right-aligned throughout, its header included.
    std::vector<bool> numeric(t.columns.size(), false);
    for (const auto& r : t.rows)
        for (std::size_t c = 0; c < std::min(r.size(), numeric.size()); ++c)
            numeric[c] = numeric[c] || r[c].isNumber();
    std::vector<Row> rows;
    for (std::size_t i = 0; i < t.rows.size(); ++i)
        rows.push_back({&t.rows[i], false, i % 2 == 1});
    if (!t.totals.empty())
        rows.push_back({&t.totals, true, false});
    std::vector<double> heights;
    for (const Row& r : rows) {
        double h = 0;
        for (std::size_t c = 0; c < std::min(widths.size(), r.cells->size()); ++c)
            h = std::max(h,
                         cellHeight(q((*r.cells)[c].display()), r.total ? bold : body, widths[c]));
        heights.push_back(std::max(h, layout.metrics(body).height() + 2 * kCellPadY));
    }
    const double titleHeight = layout.metrics(titleFont).height() + 4;
    const double noteHeight =
        t.note.empty() ? 0 : layout.textHeight(q(t.note), noteFont, layout.width()) + 4;
    if (rows.empty())
        heights.push_back(layout.metrics(body).height() + 2 * kCellPadY); // the "no data" row

    const double firstAvailable = layout.remaining() - titleHeight - headerHeight;
    auto ranges =
        paginateRows(heights, firstAvailable, layout.fullHeight() - titleHeight - headerHeight);
    if (ranges.front().begin == ranges.front().end && !heights.empty()) {
        layout.newPage();
        ranges = paginateRows(heights, layout.remaining() - titleHeight - headerHeight,
                              layout.fullHeight() - titleHeight - headerHeight);
    }
    for (std::size_t part = 0; part < ranges.size(); ++part) {
        if (part > 0)
            layout.newPage();
        const QString title = q(t.title) + (part > 0 ? QObject::tr(" (continued)") : QString());
        const QRectF titleRect(layout.left(), layout.y(), layout.width(), titleHeight);
        layout.add([titleRect, title, titleFont](QPainter& p) {
            p.setFont(titleFont);
            p.setPen(kAccent);
            p.drawText(titleRect, Qt::AlignLeft | Qt::AlignTop, title);
        });
        layout.advance(titleHeight);
        // Header row.
        {
            const double y0 = layout.y();
            const double x0 = layout.left();
            const double tableWidth = layout.width();
            std::vector<QString> headers;
            for (std::size_t c = 0; c < t.columns.size(); ++c)
                headers.push_back(q(t.columns[c]));
            layout.add([=](QPainter& p) {
                p.fillRect(QRectF(x0, y0, tableWidth, headerHeight), QColor(0xe4, 0xea, 0xf1));
                p.setFont(bold);
                p.setPen(Qt::black);
                double x = x0;
                for (std::size_t c = 0; c < headers.size(); ++c) {
                    drawWrapped(p,
                                QRectF(x + kCellPadX, y0 + kCellPadY, widths[c] - 2 * kCellPadX,
                                       headerHeight - 2 * kCellPadY),
                                headers[c], bold, numeric[c] ? Qt::AlignRight : Qt::AlignLeft);
                    x += widths[c];
                }
                p.setPen(QPen(kRule, 0.6));
                p.drawLine(QPointF(x0, y0 + headerHeight),
                           QPointF(x0 + tableWidth, y0 + headerHeight));
            });
            layout.advance(headerHeight);
        }
        if (rows.empty()) {
            const QRectF r(layout.left() + kCellPadX, layout.y(), layout.width(), heights[0]);
            layout.add([r, body](QPainter& p) {
                p.setFont(body);
                p.setPen(Qt::darkGray);
                p.drawText(r, Qt::AlignLeft | Qt::AlignVCenter,
                           QObject::tr("No data for this period."));
            });
            layout.advance(heights[0]);
        }
        for (std::size_t i = ranges[part].begin; i < ranges[part].end && i < rows.size(); ++i) {
            const Row row = rows[i];
            const double y0 = layout.y(), h = heights[i], x0 = layout.left(),
                         tableWidth = layout.width();
            std::vector<QString> texts;
            for (const ReportCell& cell : *row.cells)
                texts.push_back(q(cell.display()));
            layout.add([=](QPainter& p) {
                if (row.zebra)
                    p.fillRect(QRectF(x0, y0, tableWidth, h), kZebra);
                if (row.total) {
                    p.setPen(QPen(Qt::black, 0.8));
                    p.drawLine(QPointF(x0, y0), QPointF(x0 + tableWidth, y0));
                }
                p.setFont(row.total ? bold : body);
                p.setPen(Qt::black);
                double x = x0;
                for (std::size_t c = 0; c < std::min(texts.size(), widths.size()); ++c) {
                    drawWrapped(p,
                                QRectF(x + kCellPadX, y0 + kCellPadY, widths[c] - 2 * kCellPadX,
                                       h - 2 * kCellPadY),
                                texts[c], row.total ? bold : body,
                                numeric[c] ? Qt::AlignRight : Qt::AlignLeft);
                    x += widths[c];
                }
            });
            layout.advance(h);
        }
    }
    if (noteHeight > 0) {
        layout.advance(3);
        layout.paragraph(q(t.note), noteFont, QColor(0x55, 0x55, 0x55));
    }
    layout.advance(16);
}

QString monthOrNever(const ReportSummary& s, int horizon)
{
    if (!s.paybackMonth)
        return QObject::tr("not within %1 months").arg(horizon);
    return QObject::tr("month %1 (%2)").arg(*s.paybackMonth).arg(q(s.paybackMonthLabel));
}

void addCover(Layout& layout, const ReportModel& m, QSizeF page)
{
    const QString title = q(m.title);
    const QString scenario = q(m.scenario);
    const QString period = periodText(m);
    const QString date = q(m.generatedOn.toString());
    const QString horizon = QObject::tr("%1 months").arg(m.forecastMonths);
    layout.add([=](QPainter& p) {
        p.fillRect(QRectF(0, page.height() * 0.22, page.width(), 150), kAccent);
        p.setPen(Qt::white);
        p.setFont(font(30, true));
        p.drawText(QRectF(kMarginX, page.height() * 0.22 + 30, page.width() - 2 * kMarginX, 50),
                   Qt::AlignLeft | Qt::AlignVCenter, title);
        p.setFont(font(13));
        p.drawText(QRectF(kMarginX, page.height() * 0.22 + 85, page.width() - 2 * kMarginX, 30),
                   Qt::AlignLeft | Qt::AlignVCenter,
                   QObject::tr("Finance report: spend, forecast, optimised plan"));
        const QStringList labels = {QObject::tr("Scenario"), QObject::tr("Baseline period"),
                                    QObject::tr("Forecast"), QObject::tr("Prepared on")};
        const QStringList values = {scenario, period, horizon, date};
        double y = page.height() * 0.22 + 190;
        for (int i = 0; i < labels.size(); ++i) {
            p.setPen(QColor(0x55, 0x55, 0x55));
            p.setFont(font(10));
            p.drawText(QRectF(kMarginX, y, 130, 20), Qt::AlignLeft | Qt::AlignVCenter, labels[i]);
            p.setPen(Qt::black);
            p.setFont(font(12, true));
            p.drawText(QRectF(kMarginX + 130, y, page.width() - 2 * kMarginX - 130, 20),
                       Qt::AlignLeft | Qt::AlignVCenter, values[i]);
            y += 26;
        }
        p.setPen(QColor(0x55, 0x55, 0x55));
        p.setFont(font(8));
        p.drawText(
            QRectF(kMarginX, page.height() - 130, page.width() - 2 * kMarginX, 60),
            Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignBottom,
            QObject::tr(
                "Every figure in this report is computed from the stored usage and the price "
                "catalog by FinOps Planner; the appendix lists each assumption with its source "
                "and price date. Money in US dollars."));
    });
}

void addSummary(Layout& layout, const ReportModel& m)
{
    layout.newPage();
    layout.heading(QObject::tr("Executive summary"));
    const ReportSummary& s = m.summary;
    const QString savings = q(formatUsd(s.savingsMonthlyUsd));
    const QString pct = QStringLiteral("%1%").arg(s.savingsPct, 0, 'f', 1);
    struct Tile
    {
        QString label, value, detail;
    };
    const std::vector<Tile> tiles = {
        {QObject::tr("Current monthly spend"), q(formatUsd(s.currentMonthlyUsd)),
         QObject::tr("status quo, baseline period")},
        {QObject::tr("Planned monthly spend"), q(formatUsd(s.plannedMonthlyUsd)),
         s.plan == "self_hosted" ? QObject::tr("optimised routing + self-hosted")
                                 : QObject::tr("optimised routing")},
        {QObject::tr("Monthly savings"), savings, QObject::tr("%1 of current spend").arg(pct)},
        {QObject::tr("Payback"),
         s.paybackMonth ? QObject::tr("month %1").arg(*s.paybackMonth) : QObject::tr("never"),
         s.paybackMonth ? q(s.paybackMonthLabel)
                        : QObject::tr("within %1 months").arg(m.forecastMonths)}};
    const double gap = 8;
    const double tileW = (layout.width() - gap) / 2, tileH = 62;
    for (std::size_t i = 0; i < tiles.size(); ++i) {
        const QRectF r(layout.left() + static_cast<double>(i % 2) * (tileW + gap),
                       layout.y() + static_cast<double>(i / 2) * (tileH + gap), tileW, tileH);
        const Tile tile = tiles[i];
        layout.add([r, tile](QPainter& p) {
            p.fillRect(r, QColor(0xf0, 0xf4, 0xf8));
            p.fillRect(QRectF(r.left(), r.top(), 3, r.height()), kAccent);
            p.setPen(QColor(0x44, 0x44, 0x44));
            p.setFont(font(8.5));
            p.drawText(r.adjusted(12, 6, -8, 0), Qt::AlignLeft | Qt::AlignTop, tile.label);
            p.setPen(Qt::black);
            p.setFont(font(17, true));
            p.drawText(r.adjusted(12, 19, -8, 0), Qt::AlignLeft | Qt::AlignTop, tile.value);
            p.setPen(QColor(0x55, 0x55, 0x55));
            p.setFont(font(7.5));
            p.drawText(r.adjusted(12, 44, -8, 0), Qt::AlignLeft | Qt::AlignTop, tile.detail);
        });
    }
    layout.advance(2 * tileH + gap + 14);
    const QFont body = font(9.5);
    layout.paragraph(QObject::tr("Savings over the %1-month forecast: %2. Payback: %3.")
                         .arg(m.forecastMonths)
                         .arg(q(formatUsd(s.savingsOverHorizonUsd)))
                         .arg(monthOrNever(s, m.forecastMonths)),
                     body);
    if (s.breakevenMonths)
        layout.paragraph(
            QObject::tr("Buying the GPU plan instead of renting breaks even in month %1.")
                .arg(*s.breakevenMonths, 0, 'f', 1),
            body);
    layout.advance(14);
    layout.heading(QObject::tr("Recommended decisions"), 12);
    for (std::size_t i = 0; i < m.decisions.size(); ++i) {
        const QString number = QStringLiteral("%1.").arg(i + 1);
        const QString text = q(m.decisions[i]);
        layout.ensure(layout.textHeight(text, body, layout.width() - 18));
        const QRectF numberRect(layout.left(), layout.y(), 16, 14);
        layout.add([numberRect, number](QPainter& p) {
            p.setFont(font(9.5, true));
            p.setPen(kAccent);
            p.drawText(numberRect, Qt::AlignLeft | Qt::AlignTop, number);
        });
        layout.paragraph(text, body, Qt::black, 18);
        layout.advance(6);
    }
    layout.advance(10);
    addTable(layout, m.basis);
}

void addCharts(Layout& layout, const ReportModel& m)
{
    const double chartGap = 18;
    auto half = [&]() { return (layout.fullHeight() - chartGap) / 2; };
    layout.newPage();
    layout.heading(QObject::tr("Spend and forecast"));
    const double h1 = half() - 14;
    {
        const QRectF r(layout.left(), layout.y(), layout.width(), h1);
        layout.add([r, &m](QPainter& p) { ChartPainter(p).stackedColumns(r, m.spendTrend); });
        layout.advance(h1 + chartGap);
        const QRectF r2(layout.left(), layout.y(), layout.width(), layout.remaining());
        const QString title = QObject::tr("Forecast, next %1 months (P10-P90 from %2)")
                                  .arg(m.forecastMonths)
                                  .arg(QObject::tr("Monte Carlo over growth and price decline"));
        layout.add(
            [r2, &m, title](QPainter& p) { ChartPainter(p).forecast(r2, m.forecast, title); });
    }
    layout.newPage();
    layout.heading(QObject::tr("Prices and capacity"));
    {
        const QRectF r(layout.left(), layout.y(), layout.width(), h1);
        const QString title = QObject::tr("Blended price ranking, USD per million tokens");
        const QString subtitle = q(m.rankingMix);
        layout.add([r, &m, title, subtitle](QPainter& p) {
            ChartPainter(p).ranking(r, m.ranking, title, subtitle);
        });
        layout.advance(h1 + chartGap);
        const QRectF r2(layout.left(), layout.y(), layout.width(), layout.remaining());
        layout.add([r2, &m](QPainter& p) {
            ChartPainter(p).buyRent(r2, m.buyRent,
                                    QObject::tr("Buy vs rent: cumulative cost of the GPU plan"));
        });
    }
    layout.newPage();
    layout.heading(QObject::tr("Routing assignment"));
    {
        const std::size_t tasks = m.routing.categories.size();
        const double h =
            std::clamp(90.0 + 22.0 * static_cast<double>(tasks), 160.0, layout.remaining() - 40);
        const QRectF r(layout.left(), layout.y(), layout.width(), h);
        layout.add([r, &m](QPainter& p) { ChartPainter(p).stackedShareBars(r, m.routing); });
        layout.advance(h + 8);
        if (!m.routingSource.empty())
            layout.paragraph(q(m.routingSource), font(8), QColor(0x55, 0x55, 0x55));
        layout.advance(16);
    }
}

void drawChrome(QPainter& p, const ReportModel& m, QSizeF page, int index, int count)
{
    const QFont f = font(7.5);
    p.setFont(f);
    p.setPen(QColor(0x55, 0x55, 0x55));
    if (index > 0) {
        p.drawText(QRectF(kMarginX, kHeaderTop, page.width() - 2 * kMarginX, 14),
                   Qt::AlignLeft | Qt::AlignVCenter,
                   QObject::tr("FinOps Planner · %1").arg(q(m.title)));
        p.drawText(QRectF(kMarginX, kHeaderTop, page.width() - 2 * kMarginX, 14),
                   Qt::AlignRight | Qt::AlignVCenter,
                   QObject::tr("Scenario: %1 · %2").arg(q(m.scenario), periodText(m)));
        p.setPen(QPen(kRule, 0.6));
        p.drawLine(QPointF(kMarginX, kHeaderTop + 17),
                   QPointF(page.width() - kMarginX, kHeaderTop + 17));
    }
    p.setPen(QColor(0x55, 0x55, 0x55));
    const double fy = page.height() - kFooterHeight + 18;
    p.drawText(QRectF(kMarginX, fy, page.width() - 2 * kMarginX, 14),
               Qt::AlignLeft | Qt::AlignVCenter,
               QObject::tr("Generated %1").arg(q(m.generatedOn.toString())));
    p.drawText(QRectF(kMarginX, fy, page.width() - 2 * kMarginX, 14),
               Qt::AlignRight | Qt::AlignVCenter,
               QObject::tr("Page %1 of %2").arg(index + 1).arg(count));
}

} // namespace

std::optional<QPageSize::PageSizeId> paperFromName(const QString& name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("a4"))
        return QPageSize::A4;
    if (n == QLatin1String("letter"))
        return QPageSize::Letter;
    return std::nullopt;
}

PdfOutcome writeReportPdf(const ReportModel& model, const QString& path, const PdfOptions& options)
{
    PdfOutcome outcome;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        outcome.error = QObject::tr("%1: cannot write: %2").arg(path, file.errorString());
        return outcome;
    }
    QPdfWriter writer(&file);
    writer.setResolution(72);
    writer.setPageSize(QPageSize(options.paper));
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout::Point);
    writer.setTitle(q(model.title) + QStringLiteral(" - ") + q(model.scenario));
    writer.setCreator(options.creator);
    const QSizeF page = QPageSize(options.paper).size(QPageSize::Point);

    Layout layout(&writer, page);
    addCover(layout, model, page);
    addSummary(layout, model);
    addCharts(layout, model);
    layout.heading(QObject::tr("Tables"));
    for (const ReportTable& t : model.tables)
        addTable(layout, t);
    layout.newPage();
    layout.heading(QObject::tr("Appendix: assumptions"));
    layout.paragraph(
        QObject::tr(
            "Every input behind the figures above, with where it comes from and the date of the "
            "price or source. Prices are USD per million tokens as published by each provider."),
        font(8.5), QColor(0x44, 0x44, 0x44));
    layout.advance(10);
    addTable(layout, model.assumptions);

    const int count = static_cast<int>(layout.pageCount());
    QPainter painter;
    if (!painter.begin(&writer)) {
        outcome.error = QObject::tr("%1: cannot start the PDF").arg(path);
        return outcome;
    }
    for (int i = 0; i < count; ++i) {
        if (options.progress && !options.progress(i, count)) {
            painter.end();
            file.cancelWriting();
            outcome.canceled = true;
            return outcome;
        }
        if (i > 0)
            writer.newPage();
        drawChrome(painter, model, page, i, count);
        for (const DrawOp& op : layout.pages()[static_cast<std::size_t>(i)]) {
            painter.save();
            op(painter);
            painter.restore();
        }
    }
    painter.end();
    if (!file.commit()) {
        outcome.error = QObject::tr("%1: cannot write: %2").arg(path, file.errorString());
        return outcome;
    }
    if (options.progress)
        options.progress(count, count);
    outcome.ok = true;
    outcome.pages = count;
    return outcome;
}

} // namespace finops::report
