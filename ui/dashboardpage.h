#pragma once

#include <QString>
#include <QStringList>
#include <QWidget>
#include <memory>
#include <vector>

class QBarCategoryAxis;
class QCheckBox;
class QChart;
class QChartView;
class QComboBox;
class QFrame;
class QLabel;
class QPushButton;
class QTableWidget;
class QTimer;
class QValueAxis;
template <typename T> class QFutureWatcher;

namespace finops {

class Workspace;
struct DashboardData;

// The Dashboard page: what the workspace's usage cost over a period (the last 30 or 90
// days up to the last day with usage, or all of it): total spend, this month against the
// same days of last month, the share the catalog cannot price, the top model; spend over
// time by provider, the top models, cost per tag value; what the same tokens would have
// cost on the cheapest offers of the catalog; and the observed token mix, which can be
// sent to the Blended cost page. Every figure comes from planner/spend.h over the
// rollups (the functions `finops-cli spend` and `reprice` use), computed on a worker
// thread whenever the usage, the catalog or the period changes.
class DashboardPage : public QWidget
{
    Q_OBJECT
public:
    enum Period
    {
        Last30Days,
        Last90Days,
        AllUsage
    };
    enum Granularity
    {
        ByWeek,
        ByMonth
    };

    explicit DashboardPage(Workspace& workspace, QWidget* parent = nullptr);
    ~DashboardPage() override;

public slots:
    // Reads and recomputes everything off the GUI thread; calls made while a computation
    // runs supersede it. recomputed() tells when the page shows the new figures.
    void recompute();

signals:
    void recomputed();
    // "Use this mix on the Blended cost page": input share and cache-hit rate, 0..1.
    void useMix(double inputShare, double cacheHitRate);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void startRecompute();
    void elideTopModel();
    void apply(const std::shared_ptr<const DashboardData>& data);
    void showKpis();
    void showSpendOverTime();
    void showTopModels();
    void showTags();
    void showReprice();
    void showMix();
    void showEmpty(const QString& message);

    Workspace& m_workspace;
    std::shared_ptr<const DashboardData> m_data;
    QFutureWatcher<std::shared_ptr<const DashboardData>>* m_watcher;
    QTimer* m_recomputeTimer;
    bool m_granularityChosen = false; // by the user; else it follows the period's length
    QString m_topModelName;           // shown elided to the card's width

    QComboBox* m_period;
    QLabel* m_periodText;
    QLabel* m_banner;
    QWidget* m_sections = nullptr;
    QLabel* m_totalValue;
    QLabel* m_totalCaption;
    QLabel* m_monthValue;
    QLabel* m_monthCaption;
    QLabel* m_unpricedValue;
    QLabel* m_unpricedCaption;
    QLabel* m_topModelValue;
    QLabel* m_topModelCaption;

    QComboBox* m_granularity;
    QChart* m_timeChart;
    QChartView* m_timeView;
    QChart* m_modelChart;
    QChartView* m_modelView;
    QComboBox* m_tagKey;
    QChart* m_tagChart;
    QChartView* m_tagView;

    QLabel* m_repriceHeadline;
    QCheckBox* m_openOnly;
    QTableWidget* m_repriceTable;
    QLabel* m_repriceNote;

    QComboBox* m_mixScope;
    QLabel* m_mixText;
    QPushButton* m_useMix;

    // Tooltip texts of the bars, by set and index, filled when a chart is drawn.
    std::vector<QStringList> m_timeTips;
    QStringList m_modelTips;
    QStringList m_tagTips;
};

} // namespace finops
