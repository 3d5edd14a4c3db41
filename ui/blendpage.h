#pragma once

#include "blend.h"
#include "priceoffer.h"

#include <QWidget>
#include <vector>

class QBarCategoryAxis;
class QBarSet;
class QChart;
class QChartView;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QHorizontalStackedBarSeries;
class QLabel;
class QSlider;
class QSpinBox;
class QValueAxis;

namespace finops {

class Workspace;

// The Blended cost page: input-share and cache-hit sliders, a monthly volume, and the
// cheapest N offers of the catalog as a bar chart of blended USD per million tokens
// (open-weight and closed models in two colours) that follows the controls live, with
// what moving the volume off a chosen current model would save. The numbers come from
// planner/blend.h, the same functions `finops-cli blend` uses.
class BlendPage : public QWidget
{
    Q_OBJECT
public:
    explicit BlendPage(Workspace& workspace, QWidget* parent = nullptr);

    // Replaces the offers the page ranks (the workspace's current offers by default).
    void setOffers(std::vector<PriceOffer> offers);

    BlendMix mix() const;
    double monthlyTokens() const;

    // What the chart shows, cheapest first: for tests and the benchmark.
    struct Bar
    {
        QString label;
        double blendedUsdPerMtok;
        bool openWeights;
        bool selfHosted; // a self-hosted offer of the Capacity page (provider "self-hosted-...")
    };
    const std::vector<Bar>& bars() const { return m_bars; }

public slots:
    // Recomputes the ranking for the current controls and redraws the chart.
    void recompute();

private:
    void fillCurrentModelCombo();
    void updateSavings(const Eigen::ArrayXd& blended, const std::vector<Eigen::Index>& order);

    Workspace& m_workspace;
    std::vector<PriceOffer> m_offers;
    std::vector<PriceOffer> m_shown; // m_offers after the open-only filter
    PriceColumns m_columns;          // of m_shown
    std::vector<Bar> m_bars;

    QSlider* m_inputShare;
    QLabel* m_inputShareLabel;
    QSlider* m_cacheHit;
    QLabel* m_cacheHitLabel;
    QDoubleSpinBox* m_volumeMtok;
    QSpinBox* m_topN;
    QCheckBox* m_openOnly;
    QComboBox* m_current;
    QLabel* m_savings;
    QChart* m_chart;
    QChartView* m_chartView;
    QHorizontalStackedBarSeries* m_series;
    QBarSet* m_openSet;
    QBarSet* m_closedSet;
    QBarSet* m_selfHostedSet;
    QBarCategoryAxis* m_categories;
    QValueAxis* m_values;
};

} // namespace finops
