#include "blendpage.h"

#include "displayformat.h"
#include "pagewidgets.h"
#include "selfhosted.h"
#include "workspace.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHorizontalStackedBarSeries>
#include <QLabel>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace finops {

namespace {
QString offerKey(const PriceOffer& o) { return QString::fromStdString(o.provider + " / " + o.model); }

QSlider* percentSlider(int value, const QString& name, QWidget* parent)
{
    auto* s = new QSlider(Qt::Horizontal, parent);
    s->setObjectName(name);
    s->setRange(0, 100);
    s->setValue(value);
    s->setPageStep(10);
    s->setTickPosition(QSlider::TicksBelow);
    s->setTickInterval(10);
    return s;
}

QString unitPrice(double usdPerMtok) { return QString::fromStdString(formatUnitPrice(usdPerMtok)); }
} // namespace

BlendPage::BlendPage(Workspace& workspace, QWidget* parent)
    : QWidget(parent), m_workspace(workspace), m_inputShare(percentSlider(80, QStringLiteral("inputShareSlider"), this)),
      m_inputShareLabel(new QLabel(this)), m_cacheHit(percentSlider(0, QStringLiteral("cacheHitSlider"), this)),
      m_cacheHitLabel(new QLabel(this)), m_volumeMtok(new QDoubleSpinBox(this)), m_topN(new QSpinBox(this)),
      m_openOnly(new QCheckBox(tr("Open-weight models only"), this)), m_current(new QComboBox(this)),
      m_savings(new QLabel(this)), m_chart(new QChart), m_chartView(new QChartView(m_chart, this)),
      m_series(new QHorizontalStackedBarSeries(m_chart)), m_openSet(new QBarSet(tr("Open weights"))),
      m_closedSet(new QBarSet(tr("Closed API"))), m_selfHostedSet(new QBarSet(tr("Self-hosted"))), m_categories(new QBarCategoryAxis(m_chart)),
      m_values(new QValueAxis(m_chart))
{
    m_volumeMtok->setObjectName(QStringLiteral("monthlyVolume"));
    m_volumeMtok->setRange(0, 1e9);
    m_volumeMtok->setDecimals(1);
    m_volumeMtok->setValue(300);
    m_volumeMtok->setSuffix(tr(" M tokens"));
    m_volumeMtok->setGroupSeparatorShown(true);
    m_topN->setObjectName(QStringLiteral("topN"));
    m_topN->setRange(3, 60);
    m_topN->setValue(15);
    m_openOnly->setObjectName(QStringLiteral("blendOpenOnly"));
    m_current->setObjectName(QStringLiteral("currentModel"));
    m_current->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_current->setMinimumContentsLength(24);
    m_savings->setObjectName(QStringLiteral("savingsReadout"));
    m_savings->setWordWrap(true);
    m_savings->setTextFormat(Qt::RichText);
    m_chartView->setObjectName(QStringLiteral("blendChart"));
    m_chartView->setRenderHint(QPainter::Antialiasing);

    m_openSet->setColor(QColor(0x2e, 0x9d, 0x5b));
    m_closedSet->setColor(QColor(0x3b, 0x6e, 0xc4));
    m_series->append(m_openSet);
    m_series->append(m_closedSet);
    m_selfHostedSet->setColor(QColor(0xe0, 0x8a, 0x1e));
    m_series->append(m_selfHostedSet);
    m_series->setBarWidth(0.7);
    m_chart->addSeries(m_series);
    m_chart->addAxis(m_categories, Qt::AlignLeft);
    m_chart->addAxis(m_values, Qt::AlignBottom);
    m_series->attachAxis(m_categories);
    m_series->attachAxis(m_values);
    m_values->setTitleText(tr("Blended USD per million tokens"));
    m_values->setLabelFormat(QStringLiteral("$%.2f"));
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setAnimationOptions(QChart::NoAnimation); // follow the sliders without lag
    m_chart->setMargins(QMargins(4, 4, 4, 4));

    auto* controls = new QGroupBox(tr("Workload"), this);
    auto* form = new QFormLayout(controls);
    form->addRow(m_inputShareLabel, m_inputShare);
    form->addRow(m_cacheHitLabel, m_cacheHit);
    form->addRow(tr("Monthly volume:"), m_volumeMtok);
    form->addRow(tr("Show cheapest:"), m_topN);
    form->addRow(QString(), m_openOnly);
    form->addRow(tr("Current model:"), m_current);

    auto* title = new QLabel(tr("<h2>Blended cost</h2>One price per million tokens for your mix of input, "
                                "cached input and output: w &times; (h &times; cached + (1 &minus; h) &times; input) "
                                "+ (1 &minus; w) &times; output."),
                             this);
    title->setWordWrap(true);
    auto* left = new QVBoxLayout;
    left->addWidget(controls);
    left->addWidget(m_savings);
    left->addStretch();
    auto* body = new QHBoxLayout;
    body->addLayout(left, 0);
    body->addWidget(m_chartView, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addLayout(body, 1);

    for (QSlider* s : {m_inputShare, m_cacheHit})
        connect(s, &QSlider::valueChanged, this, &BlendPage::recompute);
    connect(m_volumeMtok, &QDoubleSpinBox::valueChanged, this, &BlendPage::recompute);
    connect(m_topN, &QSpinBox::valueChanged, this, &BlendPage::recompute);
    connect(m_openOnly, &QCheckBox::toggled, this, [this] { setOffers(std::move(m_offers)); });
    connect(m_current, &QComboBox::currentIndexChanged, this, &BlendPage::recompute);
    connect(&m_workspace, &Workspace::catalogChanged, this, [this] { setOffers(m_workspace.currentOffers()); });
    setOffers(m_workspace.currentOffers());
}

BlendMix BlendPage::mix() const
{
    BlendMix m;
    m.inputShare = m_inputShare->value() / 100.0;
    m.cacheHitRate = m_cacheHit->value() / 100.0;
    return m;
}

double BlendPage::monthlyTokens() const { return m_volumeMtok->value() * 1e6; }

void BlendPage::setOffers(std::vector<PriceOffer> offers)
{
    m_offers = std::move(offers);
    m_shown.clear();
    for (const PriceOffer& o : m_offers)
        if (!m_openOnly->isChecked() || o.openWeights)
            m_shown.push_back(o);
    m_columns = PriceColumns::from(m_shown);
    fillCurrentModelCombo();
    recompute();
}

void BlendPage::fillCurrentModelCombo()
{
    // The current model is chosen among all offers, open or not: it is what we pay today.
    const QString previous = m_current->currentText();
    QSignalBlocker block(m_current);
    m_current->clear();
    QStringList keys;
    for (const PriceOffer& o : m_offers)
        keys << offerKey(o);
    keys.sort(Qt::CaseInsensitive);
    m_current->addItems(keys);
    int index = m_current->findText(previous);
    if (index < 0) // a premium closed model is the usual starting point
        index = m_current->findText(QStringLiteral("anthropic / claude-sonnet-4.5"));
    m_current->setCurrentIndex(std::max(0, index));
}

void BlendPage::recompute()
{
    const BlendMix m = mix();
    m_inputShareLabel->setText(tr("Input share: %1% (output %2%)").arg(m_inputShare->value()).arg(100 - m_inputShare->value()));
    m_cacheHitLabel->setText(tr("Cache-hit rate: %1%").arg(m_cacheHit->value()));

    const Eigen::ArrayXd blended = blendedUsdPerMtok(m_columns, m);
    std::vector<Eigen::Index> order = rankByBlendedPrice(blended);
    if (order.size() > static_cast<std::size_t>(m_topN->value()))
        order.resize(static_cast<std::size_t>(m_topN->value()));

    m_bars.clear();
    for (Eigen::Index i : order) {
        const PriceOffer& o = m_shown[static_cast<std::size_t>(i)];
        m_bars.push_back({offerKey(o), blended[i], o.openWeights, isSelfHostedProvider(o.provider)});
    }

    // Horizontal bar charts draw the first category at the bottom: feed the ranking
    // backwards so the cheapest offer is on top.
    QStringList categories;
    QList<qreal> openValues, closedValues, selfHostedValues;
    double maxValue = 0;
    for (auto it = m_bars.rbegin(); it != m_bars.rend(); ++it) {
        categories << QStringLiteral("%1  %2").arg(it->label, unitPrice(it->blendedUsdPerMtok));
        // Each bar in exactly one set: self-hosted, else open-weight API, else closed API.
        openValues << (it->openWeights && !it->selfHosted ? it->blendedUsdPerMtok : 0.0);
        closedValues << (it->openWeights ? 0.0 : it->blendedUsdPerMtok);
        selfHostedValues << (it->selfHosted ? it->blendedUsdPerMtok : 0.0);
        maxValue = std::max(maxValue, it->blendedUsdPerMtok);
    }
    m_openSet->remove(0, m_openSet->count());
    m_openSet->append(openValues);
    m_closedSet->remove(0, m_closedSet->count());
    m_closedSet->append(closedValues);
    m_selfHostedSet->remove(0, m_selfHostedSet->count());
    m_selfHostedSet->append(selfHostedValues);
    m_categories->setCategories(categories);
    m_values->setRange(0, maxValue > 0 ? maxValue * 1.05 : 1.0);
    m_values->applyNiceNumbers();
    m_chart->setTitle(tr("Cheapest %1 of %2 offers at %3% input, %4% cache hits")
                          .arg(m_bars.size())
                          .arg(m_shown.size())
                          .arg(m_inputShare->value())
                          .arg(m_cacheHit->value()));
    updateSavings(blended, order);
}

void BlendPage::updateSavings(const Eigen::ArrayXd& blended, const std::vector<Eigen::Index>& order)
{
    const QString currentKey = m_current->currentText();
    auto current = std::find_if(m_offers.begin(), m_offers.end(),
                                [&](const PriceOffer& o) { return offerKey(o) == currentKey; });
    if (current == m_offers.end() || order.empty()) {
        m_savings->setText(tr("Choose the model you use today to see what moving would save."));
        return;
    }
    const BlendMix m = mix();
    const double currentBlended = blendedUsdPerMtok(current->inputUsdPerMtok, current->outputUsdPerMtok, m,
                                                    current->cacheReadUsdPerMtok());
    const PriceOffer& best = m_shown[static_cast<std::size_t>(order.front())];
    const Savings s = savings(currentBlended, blended[order.front()], monthlyTokens());
    QString text = tr("<b>Current:</b> %1 at %2/Mtok = <b>%3</b> a month.<br>"
                      "<b>Cheapest shown:</b> %4 at %5/Mtok = <b>%6</b> a month.<br>")
                       .arg(currentKey.toHtmlEscaped(), unitPrice(currentBlended), usdText(s.currentMonthlyUsd),
                            offerKey(best).toHtmlEscaped(), unitPrice(blended[order.front()]),
                            usdText(s.alternativeMonthlyUsd));
    if (s.monthlyUsd > 0)
        text += tr("<span style='color:#2e7d32'><b>Saves %1 a month (%2% less), %3 a year.</b></span>")
                    .arg(usdText(s.monthlyUsd), QString::number(s.percent, 'f', 1), usdText(12 * s.monthlyUsd));
    else
        text += tr("The current model is already the cheapest shown.");
    text += tr("<br><small>Quality is not compared here: check the cheaper model is good enough for "
               "the task.</small>");
    m_savings->setText(text);
}

} // namespace finops
