#pragma once

#include "tco.h"

#include <QWidget>
#include <map>

class QChart;
class QChartView;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QHorizontalBarSeries;
class QBarCategoryAxis;
class QBarSet;
class QLabel;
class QLineSeries;
class QScatterSeries;
class QSlider;
class QSpinBox;
class QValueAxis;

namespace finops {

class Workspace;

// The Buy vs rent page: the TCO inputs in a form with units, prefilled from the chosen GPU
// of pricing-data/gpus.json; the cumulative cost of owning and renting with the break-even
// point marked; break-even month against utilization; the +-20% tornado; and the three-way
// comparison of USD per million tokens: API (the chosen catalog model's blended price),
// rented and owned GPUs. Every change recomputes at once (planner/tco.h; microseconds).
class BuyRentPage : public QWidget
{
    Q_OBJECT
public:
    explicit BuyRentPage(Workspace& workspace, QWidget* parent = nullptr);

    TcoInputs inputs() const;
    const TcoResult& result() const { return m_result; }

public slots:
    // Fills the form from a GPU of the bundled catalog (purchase, rent, power).
    void applyGpu(const QString& id);
    void recompute();

signals:
    void recomputed();

private:
    QDoubleSpinBox* addNumber(QFormLayout* form, const QString& name, const QString& label, double min, double max,
                              int decimals, const QString& prefix, const QString& suffix, const QString& tip);
    void fillApiModels();
    void updateCostChart();
    void updateUtilizationChart();
    void updateTornado(const std::vector<TcoSensitivity>& tornado);
    void updateThreeWay();

    Workspace& m_workspace;
    TcoResult m_result;
    bool m_filling = false;

    QComboBox* m_gpu;
    QSpinBox* m_count;
    std::map<QString, QDoubleSpinBox*> m_fields;
    QSlider* m_utilization;
    QComboBox* m_apiModel;
    QLabel* m_summary;
    QLabel* m_threeWay;

    QChart* m_costChart;
    QLineSeries* m_ownSeries;
    QLineSeries* m_rentSeries;
    QScatterSeries* m_breakevenPoint;
    QValueAxis* m_costX;
    QValueAxis* m_costY;

    QChart* m_utilChart;
    QLineSeries* m_utilSeries;
    QScatterSeries* m_utilCurrent;
    QValueAxis* m_utilX;
    QValueAxis* m_utilY;

    QChart* m_tornadoChart;
    QHorizontalBarSeries* m_tornadoSeries;
    QBarSet* m_lowSet;
    QBarSet* m_highSet;
    QBarCategoryAxis* m_tornadoAxis;
    QValueAxis* m_tornadoValues;
};

} // namespace finops
