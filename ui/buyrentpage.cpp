#include "buyrentpage.h"

#include "blend.h"
#include "displayformat.h"
#include "pagewidgets.h"
#include "gpucatalog.h"
#include "workspace.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLineSeries>
#include <QScatterSeries>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace finops {

namespace {
QString unit(double usdPerMtok) { return QString::fromStdString(formatUnitPrice(usdPerMtok)); }

QChartView* chartView(QChart* chart, const QString& name, QWidget* parent)
{
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->legend()->setAlignment(Qt::AlignBottom);
    auto* view = new QChartView(chart, parent);
    view->setObjectName(name);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(230);
    return view;
}
} // namespace

BuyRentPage::BuyRentPage(Workspace& workspace, QWidget* parent)
    : QWidget(parent), m_workspace(workspace), m_gpu(new QComboBox(this)), m_count(new QSpinBox(this)),
      m_utilization(new QSlider(Qt::Horizontal, this)), m_apiModel(new QComboBox(this)), m_summary(new QLabel(this)),
      m_threeWay(new QLabel(this)), m_costChart(new QChart), m_ownSeries(new QLineSeries), m_rentSeries(new QLineSeries),
      m_breakevenPoint(new QScatterSeries), m_costX(new QValueAxis), m_costY(new QValueAxis), m_utilChart(new QChart),
      m_utilSeries(new QLineSeries), m_utilCurrent(new QScatterSeries), m_utilX(new QValueAxis), m_utilY(new QValueAxis),
      m_tornadoChart(new QChart), m_tornadoSeries(new QHorizontalBarSeries), m_lowSet(new QBarSet(tr("input -20%"))),
      m_highSet(new QBarSet(tr("input +20%"))), m_tornadoAxis(new QBarCategoryAxis), m_tornadoValues(new QValueAxis)
{
    // --- inputs ---
    m_gpu->setObjectName(QStringLiteral("gpuChoice"));
    for (const GpuSpec& g : bundledGpus())
        m_gpu->addItem(QString::fromStdString(g.name), QString::fromStdString(g.id));
    m_count->setObjectName(QStringLiteral("gpuCount"));
    m_count->setRange(1, 100000);
    m_count->setValue(8);
    m_count->setSuffix(tr(" GPUs"));

    auto* inputs = new QWidget;
    auto* column = new QVBoxLayout(inputs);
    auto* hardware = new QGroupBox(tr("Hardware"), inputs);
    auto* hw = new QFormLayout(hardware);
    hw->addRow(tr("GPU:"), m_gpu);
    hw->addRow(tr("Count:"), m_count);
    addNumber(hw, "purchase", tr("Purchase per GPU:"), 0, 1e7, 0, "$ ", "", tr("Indicative price from gpus.json, with its source"));
    addNumber(hw, "overhead", tr("Server && network:"), 0, 500, 0, "", " %", tr("Servers, network and installation, % of the GPU price"));
    addNumber(hw, "depreciation", tr("Depreciation:"), 0, 20, 1, "", tr(" years"), tr("Straight line; 0 = over the horizon"));
    addNumber(hw, "residual", tr("Residual value:"), 0, 100, 0, "", " %", tr("Value left after depreciation, sold at the horizon"));
    auto* running = new QGroupBox(tr("Running an owned fleet"), inputs);
    auto* rf = new QFormLayout(running);
    addNumber(rf, "power", tr("Power per GPU:"), 0, 5000, 0, "", " W", tr("Board power at full load (TDP from gpus.json)"));
    addNumber(rf, "host", tr("Host overhead:"), 0, 300, 0, "", " %", tr("CPU, memory, fans and network per GPU, % of GPU power"));
    addNumber(rf, "idle", tr("Idle power:"), 0, 100, 0, "", " %", tr("Power drawn when idle, % of full load"));
    addNumber(rf, "pue", tr("PUE:"), 1, 3, 2, "", "", tr("Data-centre power usage effectiveness"));
    addNumber(rf, "kwh", tr("Electricity:"), 0, 2, 3, "$ ", tr(" / kWh"), "");
    addNumber(rf, "colo", tr("Colocation:"), 0, 2000, 0, "$ ", tr(" / kW-month"), tr("Per kW of IT load provisioned"));
    addNumber(rf, "ops", tr("Operations staff:"), 0, 1e7, 0, "$ ", tr(" / month"), "");
    auto* usage = new QGroupBox(tr("Usage and renting"), inputs);
    auto* uf = new QFormLayout(usage);
    m_utilization->setObjectName(QStringLiteral("utilizationSlider"));
    m_utilization->setRange(0, 100);
    m_utilization->setValue(70);
    auto* utilLabel = new QLabel(this);
    utilLabel->setMinimumWidth(40);
    auto* utilRow = new QHBoxLayout;
    utilRow->addWidget(m_utilization, 1);
    utilRow->addWidget(utilLabel);
    uf->addRow(tr("Utilization:"), utilRow);
    addNumber(uf, "rent", tr("Rent per GPU-hour:"), 0, 1000, 2, "$ ", "", tr("Cheapest neo-cloud on-demand price in gpus.json"));
    addNumber(uf, "hours", tr("Hours per month:"), 1, 744, 0, "", " h", tr("730 is the cloud convention"));
    addNumber(uf, "decline", tr("Rent decline:"), 0, 90, 0, "", tr(" % / year"), tr("How fast rental prices fall"));
    addNumber(uf, "egressGb", tr("Egress (cloud):"), 0, 1e9, 0, "", tr(" GB / month"), "");
    addNumber(uf, "egressUsd", tr("Egress price:"), 0, 10, 3, "$ ", tr(" / GB"), "");
    addNumber(uf, "discount", tr("Discount rate:"), 0, 50, 1, "", tr(" % / year"), tr("Cost of money, for the NPV"));
    addNumber(uf, "horizon", tr("Horizon:"), 1, 240, 0, "", tr(" months"), "");
    auto* tokens = new QGroupBox(tr("Same workload on an API"), inputs);
    auto* tf = new QFormLayout(tokens);
    addNumber(tf, "tps", tr("Throughput per GPU:"), 0, 1e6, 0, "", tr(" tokens/s"),
              tr("A model's tokens per second on one GPU (measured by the capacity feature, or typed in)"));
    m_apiModel->setObjectName(QStringLiteral("apiModel"));
    m_apiModel->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_apiModel->setMinimumContentsLength(22);
    tf->addRow(tr("API model:"), m_apiModel);
    column->addWidget(hardware);
    column->addWidget(running);
    column->addWidget(usage);
    column->addWidget(tokens);
    column->addStretch();
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(inputs);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(inputs->sizeHint().width() + 24);

    // Realistic defaults for a colocated fleet; the GPU choice fills price, rent and power.
    m_filling = true;
    m_fields["overhead"]->setValue(20);
    m_fields["host"]->setValue(50);
    m_fields["idle"]->setValue(30);
    m_fields["pue"]->setValue(1.3);
    m_fields["kwh"]->setValue(0.12);
    m_fields["colo"]->setValue(150);
    m_fields["ops"]->setValue(3000);
    m_fields["hours"]->setValue(730);
    m_fields["decline"]->setValue(10);
    m_fields["discount"]->setValue(8);
    m_fields["horizon"]->setValue(36);
    m_fields["depreciation"]->setValue(3);
    m_fields["tps"]->setValue(2500);
    m_filling = false;

    // --- charts ---
    m_ownSeries->setName(tr("Own"));
    m_rentSeries->setName(tr("Rent"));
    m_breakevenPoint->setName(tr("Break-even"));
    m_breakevenPoint->setMarkerSize(11);
    m_breakevenPoint->setColor(QColor(0xd9, 0x4a, 0x38));
    m_ownSeries->setColor(QColor(0x3b, 0x6e, 0xc4));
    m_rentSeries->setColor(QColor(0xe0, 0x8a, 0x1e));
    for (QAbstractSeries* s : {static_cast<QAbstractSeries*>(m_ownSeries), static_cast<QAbstractSeries*>(m_rentSeries),
                               static_cast<QAbstractSeries*>(m_breakevenPoint)})
        m_costChart->addSeries(s);
    m_costChart->addAxis(m_costX, Qt::AlignBottom);
    m_costChart->addAxis(m_costY, Qt::AlignLeft);
    for (QAbstractSeries* s : m_costChart->series()) {
        s->attachAxis(m_costX);
        s->attachAxis(m_costY);
    }
    m_costX->setTitleText(tr("Month"));
    m_costX->setLabelFormat(QStringLiteral("%d"));
    m_costY->setTitleText(tr("Cumulative USD"));
    m_costY->setLabelFormat(QStringLiteral("$%.0f"));
    m_costChart->setTitle(tr("Cumulative cost: owning vs renting"));

    m_utilSeries->setName(tr("Break-even month"));
    m_utilCurrent->setName(tr("Current utilization"));
    m_utilCurrent->setMarkerSize(10);
    m_utilCurrent->setColor(QColor(0xd9, 0x4a, 0x38));
    m_utilChart->addSeries(m_utilSeries);
    m_utilChart->addSeries(m_utilCurrent);
    m_utilChart->addAxis(m_utilX, Qt::AlignBottom);
    m_utilChart->addAxis(m_utilY, Qt::AlignLeft);
    for (QAbstractSeries* s : m_utilChart->series()) {
        s->attachAxis(m_utilX);
        s->attachAxis(m_utilY);
    }
    m_utilX->setRange(0, 100);
    m_utilX->setTitleText(tr("Utilization %"));
    m_utilX->setLabelFormat(QStringLiteral("%d%%"));
    m_utilY->setTitleText(tr("Break-even month"));
    m_utilY->setLabelFormat(QStringLiteral("%d"));
    m_utilChart->setTitle(tr("When owning pays back, by utilization"));

    m_lowSet->setColor(QColor(0x2e, 0x9d, 0x5b));
    m_highSet->setColor(QColor(0xd9, 0x4a, 0x38));
    m_tornadoSeries->append(m_lowSet);
    m_tornadoSeries->append(m_highSet);
    m_tornadoChart->addSeries(m_tornadoSeries);
    m_tornadoChart->addAxis(m_tornadoAxis, Qt::AlignLeft);
    m_tornadoChart->addAxis(m_tornadoValues, Qt::AlignBottom);
    m_tornadoSeries->attachAxis(m_tornadoAxis);
    m_tornadoSeries->attachAxis(m_tornadoValues);
    m_tornadoValues->setTitleText(tr("Δ break-even, months"));
    m_tornadoValues->setLabelFormat(QStringLiteral("%+.0f"));

    m_summary->setObjectName(QStringLiteral("tcoSummary"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    m_threeWay->setObjectName(QStringLiteral("threeWay"));
    m_threeWay->setTextFormat(Qt::RichText);
    m_threeWay->setWordWrap(true);

    auto* title = new QLabel(tr("<h2>Buy vs rent</h2>Total cost of owning GPUs against renting them for the same "
                                "hours, with power, colocation, staff, falling rents and the cost of money."),
                             this);
    title->setWordWrap(true);
    auto* grid = new QGridLayout;
    grid->addWidget(chartView(m_costChart, QStringLiteral("costChart"), this), 0, 0);
    grid->addWidget(chartView(m_utilChart, QStringLiteral("utilizationChart"), this), 0, 1);
    grid->addWidget(chartView(m_tornadoChart, QStringLiteral("tornadoChart"), this), 1, 0);
    auto* figures = new QVBoxLayout;
    figures->addWidget(m_summary);
    figures->addWidget(m_threeWay);
    figures->addStretch();
    grid->addLayout(figures, 1, 1);
    auto* body = new QHBoxLayout;
    body->addWidget(scroll);
    body->addLayout(grid, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addLayout(body, 1);

    connect(m_gpu, &QComboBox::currentIndexChanged, this, [this] { applyGpu(m_gpu->currentData().toString()); });
    connect(m_count, &QSpinBox::valueChanged, this, &BuyRentPage::recompute);
    connect(m_utilization, &QSlider::valueChanged, this, [this, utilLabel](int v) {
        utilLabel->setText(QStringLiteral("%1%").arg(v));
        recompute();
    });
    utilLabel->setText(QStringLiteral("%1%").arg(m_utilization->value()));
    connect(m_apiModel, &QComboBox::currentIndexChanged, this, &BuyRentPage::updateThreeWay);
    connect(&m_workspace, &Workspace::catalogChanged, this, &BuyRentPage::fillApiModels);
    fillApiModels();
    const int h100 = m_gpu->findData(QStringLiteral("h100-sxm"));
    m_gpu->setCurrentIndex(h100 >= 0 ? h100 : 0);
    applyGpu(m_gpu->currentData().toString());
}

QDoubleSpinBox* BuyRentPage::addNumber(QFormLayout* form, const QString& name, const QString& label, double min,
                                       double max, int decimals, const QString& prefix, const QString& suffix,
                                       const QString& tip)
{
    auto* box = new QDoubleSpinBox(this);
    box->setObjectName(name);
    box->setRange(min, max);
    box->setDecimals(decimals);
    box->setPrefix(prefix);
    box->setSuffix(suffix);
    box->setGroupSeparatorShown(true);
    box->setToolTip(tip);
    box->setKeyboardTracking(true);
    form->addRow(label, box);
    m_fields[name] = box;
    connect(box, &QDoubleSpinBox::valueChanged, this, [this] {
        if (!m_filling)
            recompute();
    });
    return box;
}

void BuyRentPage::applyGpu(const QString& id)
{
    const auto gpu = findGpu(id.toStdString());
    if (!gpu)
        return;
    m_filling = true;
    m_fields["purchase"]->setValue(gpu->purchaseUsd.value_or(0));
    m_fields["purchase"]->setToolTip(gpu->purchaseUsd ? QString::fromStdString(gpu->purchaseSource + " (" + gpu->purchaseDate + ")")
                                                      : tr("No published price in gpus.json: type one in"));
    m_fields["power"]->setValue(gpu->tdpW);
    auto rent = gpu->cheapestRental("neocloud-on-demand");
    if (!rent)
        rent = gpu->cheapestRental("hyperscaler-on-demand");
    m_fields["rent"]->setValue(rent ? rent->usdPerGpuHour : 0);
    if (rent)
        m_fields["rent"]->setToolTip(QString::fromStdString(rent->provider + " (" + rent->kind + "): " + rent->source +
                                                            ", " + rent->date));
    m_filling = false;
    recompute();
}

TcoInputs BuyRentPage::inputs() const
{
    auto v = [this](const char* name) { return m_fields.at(QString::fromLatin1(name))->value(); };
    TcoInputs in;
    in.gpuCount = m_count->value();
    in.purchaseUsdPerGpu = v("purchase");
    in.overheadPct = v("overhead");
    in.depreciationYears = v("depreciation");
    in.residualPct = v("residual");
    in.powerWPerGpu = v("power");
    in.hostOverheadPct = v("host");
    in.idlePowerFraction = v("idle") / 100;
    in.pue = v("pue");
    in.usdPerKwh = v("kwh");
    in.coloUsdPerKwMonth = v("colo");
    in.opsUsdPerMonth = v("ops");
    in.utilization = m_utilization->value() / 100.0;
    in.rentUsdPerGpuHour = v("rent");
    in.hoursPerMonth = v("hours");
    in.rentDeclinePctPerYear = v("decline");
    in.egressGbPerMonth = v("egressGb");
    in.egressUsdPerGb = v("egressUsd");
    in.discountRatePct = v("discount");
    in.horizonMonths = static_cast<int>(v("horizon"));
    if (v("tps") > 0)
        in.tokensPerSecondPerGpu = v("tps");
    return in;
}

void BuyRentPage::fillApiModels()
{
    const QString previous = m_apiModel->currentText();
    QSignalBlocker block(m_apiModel);
    m_apiModel->clear();
    QStringList names;
    for (const PriceOffer& o : m_workspace.currentOffers())
        if (o.openWeights)
            names << QString::fromStdString(o.provider + " / " + o.model);
    names.sort(Qt::CaseInsensitive);
    for (const QString& n : names)
        m_apiModel->addItem(n);
    int index = m_apiModel->findText(previous);
    if (index < 0)
        index = m_apiModel->findText(QStringLiteral("together / llama-3.3-70b"));
    m_apiModel->setCurrentIndex(std::max(0, index));
}

void BuyRentPage::recompute()
{
    const TcoInputs in = inputs();
    if (!in.validate().empty()) {
        m_summary->setText(tr("<b>Check the inputs:</b> %1").arg(QString::fromStdString(in.validate()).toHtmlEscaped()));
        return;
    }
    m_result = computeTco(in);
    updateCostChart();
    updateUtilizationChart();
    updateTornado(tcoSensitivity(in));

    const TcoResult& r = m_result;
    QString text = tr("<table cellspacing=4>"
                      "<tr><td>Capital</td><td align=right><b>%1</b></td></tr>"
                      "<tr><td>Owning, per month</td><td align=right><b>%2</b> (%3 running)</td></tr>"
                      "<tr><td>Renting, per month</td><td align=right><b>%4</b></td></tr>")
                       .arg(usdText(r.capitalUsd), usdText(r.monthlyOwnUsd), usdText(r.monthlyOwnRunningUsd), usdText(r.monthlyRentUsd));
    text += r.breakevenMonths
                ? tr("<tr><td>Break-even</td><td align=right><b>month %1</b></td></tr>").arg(*r.breakevenMonths, 0, 'f', 1)
                : tr("<tr><td>Break-even</td><td align=right><b>not within %1 months</b></td></tr>").arg(in.horizonMonths);
    text += r.breakevenUtilization
                ? tr("<tr><td>Owning wins above</td><td align=right><b>%1% utilization</b></td></tr>")
                      .arg(*r.breakevenUtilization * 100, 0, 'f', 0)
                : tr("<tr><td>Owning wins above</td><td align=right><b>never in the horizon</b></td></tr>");
    text += tr("<tr><td>NPV, buying − renting</td><td align=right><b>%1</b> (%2)</td></tr></table>")
                .arg(usdText(r.npvBuyMinusRentUsd), r.npvBuyMinusRentUsd < 0 ? tr("buying is cheaper") : tr("renting is cheaper"));
    m_summary->setText(text);
    updateThreeWay();
    emit recomputed();
}

void BuyRentPage::updateCostChart()
{
    QList<QPointF> own, rent;
    double top = 0;
    for (const TcoPoint& p : m_result.curve) {
        own << QPointF(p.month, p.ownCumulativeUsd);
        rent << QPointF(p.month, p.rentCumulativeUsd);
        top = std::max({top, p.ownCumulativeUsd, p.rentCumulativeUsd});
    }
    m_ownSeries->replace(own);
    m_rentSeries->replace(rent);
    QList<QPointF> mark;
    if (m_result.breakevenMonths) {
        const double m = *m_result.breakevenMonths;
        const auto k = static_cast<std::size_t>(std::floor(m));
        const TcoPoint& a = m_result.curve[std::min(k, m_result.curve.size() - 1)];
        const TcoPoint& b = m_result.curve[std::min(k + 1, m_result.curve.size() - 1)];
        mark << QPointF(m, a.rentCumulativeUsd + (b.rentCumulativeUsd - a.rentCumulativeUsd) * (m - std::floor(m)));
    }
    m_breakevenPoint->replace(mark);
    m_costX->setRange(0, std::max<double>(1, static_cast<double>(m_result.curve.size() - 1)));
    m_costY->setRange(0, top > 0 ? top * 1.05 : 1);
    m_costY->applyNiceNumbers();
}

void BuyRentPage::updateUtilizationChart()
{
    const TcoInputs in = inputs();
    QList<QPointF> points;
    for (const auto& [u, months] : breakevenByUtilization(in, 50))
        if (months)
            points << QPointF(u * 100, *months);
    m_utilSeries->replace(points);
    QList<QPointF> current;
    if (m_result.breakevenMonths)
        current << QPointF(in.utilization * 100, *m_result.breakevenMonths);
    m_utilCurrent->replace(current);
    m_utilY->setRange(0, std::max(1, in.horizonMonths));
}

void BuyRentPage::updateTornado(const std::vector<TcoSensitivity>& tornado)
{
    // Bars show how many months each change moves the break-even (searched up to 20
    // years); "never" counts as just past that.
    const double never = std::max(inputs().horizonMonths, kSensitivitySearchMonths) + 1.0;
    TcoInputs extended = inputs();
    extended.horizonMonths = std::max(extended.horizonMonths, kSensitivitySearchMonths);
    const double base = computeTco(extended).breakevenMonths.value_or(never);
    QStringList categories;
    QList<qreal> low, high;
    double extent = 1;
    const std::size_t shown = std::min<std::size_t>(tornado.size(), 8);
    for (std::size_t i = shown; i-- > 0;) { // largest swing on top
        const TcoSensitivity& s = tornado[i];
        categories << QString::fromStdString(s.input);
        low << s.breakevenAtLow.value_or(never) - base;
        high << s.breakevenAtHigh.value_or(never) - base;
        extent = std::max({extent, std::fabs(low.back()), std::fabs(high.back())});
    }
    m_lowSet->remove(0, m_lowSet->count());
    m_highSet->remove(0, m_highSet->count());
    m_lowSet->append(low);
    m_highSet->append(high);
    m_tornadoAxis->setCategories(categories);
    // Symmetric axis on a 1-2-5 step with five ticks, so the labels stay legible in a
    // narrow chart.
    const double rough = extent * 1.05 / 2.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    const double step = rough <= magnitude ? magnitude : rough <= 2 * magnitude ? 2 * magnitude
                                                       : rough <= 5 * magnitude ? 5 * magnitude
                                                                                 : 10 * magnitude;
    m_tornadoValues->setRange(-2 * step, 2 * step);
    m_tornadoValues->setTickCount(5);
    m_tornadoChart->setTitle(base < never ? tr("Sensitivity (break-even now month %1)").arg(base, 0, 'f', 1)
                                          : tr("Sensitivity (no pay-back within 20 years)"));
}

void BuyRentPage::updateThreeWay()
{
    const QString key = m_apiModel->currentText();
    std::optional<double> api;
    for (const PriceOffer& o : m_workspace.currentOffers())
        if (QString::fromStdString(o.provider + " / " + o.model) == key)
            api = blendedUsdPerMtok(o.inputUsdPerMtok, o.outputUsdPerMtok, BlendMix{}, o.cacheReadUsdPerMtok());
    if (!m_result.rentUsdPerMtok) {
        m_threeWay->setText(tr("Type the throughput per GPU to compare USD per million tokens."));
        return;
    }
    QString text = tr("<b>USD per million tokens</b><table cellspacing=4>");
    if (api)
        text += tr("<tr><td>API: %1 (80/20 blend)</td><td align=right><b>%2</b></td></tr>").arg(key.toHtmlEscaped(), unit(*api));
    text += tr("<tr><td>Rented GPUs</td><td align=right><b>%1</b></td></tr>").arg(unit(*m_result.rentUsdPerMtok));
    if (m_result.ownUsdPerMtok)
        text += tr("<tr><td>Owned GPUs at this utilization</td><td align=right><b>%1</b></td></tr>")
                    .arg(unit(*m_result.ownUsdPerMtok));
    text += QStringLiteral("</table>");
    m_threeWay->setText(text);
}

} // namespace finops
