#pragma once

#include "tco.h"

#include <QStringList>
#include <QWidget>
#include <functional>
#include <map>

class QChart;
class QChartView;
class QCheckBox;
class QComboBox;
class QDateEdit;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace finops {

class ScenarioSession;
struct RoutingProblem;
struct Scenario;

// The Scenarios page: the saved scenarios (new, duplicate, rename, delete, import and
// export as JSON), an editor of the current scenario's assumptions whose every change goes
// through the session's undo stack and is saved at once, the current scenario's key
// figures, and a compare view of two to four scenarios: key figures side by side with
// their deltas against the first, and their forecast curves on one chart.
class ScenariosPage : public QWidget
{
    Q_OBJECT
public:
    explicit ScenariosPage(ScenarioSession& session, QWidget* parent = nullptr);

    // The scenarios in the compare view, in order (the first is the reference for deltas).
    QStringList compared() const;
    // Checks these (2..4; extra names are ignored) and redraws the comparison.
    void setCompared(const QStringList& names);

public slots:
    // The list actions without dialogs (the buttons ask for names and files, then call these).
    // They return false and show the error in the page's message line on failure.
    bool createScenario(const QString& name);
    bool duplicateScenario(const QString& from, const QString& to);
    // Replaces the current scenario's TCO inputs (the Buy vs rent page's form) and turns the fleet
    // on.
    void setTcoInputs(const TcoInputs& inputs);
    bool renameScenario(const QString& from, const QString& to);
    bool deleteScenario(const QString& name);
    bool importScenario(const QString& path);
    bool exportScenario(const QString& name, const QString& path);

protected:
    // A hidden page catches up when it is shown, not on every switch or edit.
    void showEvent(QShowEvent* event) override;

signals:
    // The user asked for the Buy vs rent page's inputs (MainWindow answers with setTcoInputs()).
    void tcoInputsRequested();
    // "Open in the Routing page": the problem the scenario's optimised plan solved (task
    // classes with their floors, candidates, limits), to inspect, edit and export there.
    void routingProblemRequested(const finops::RoutingProblem& problem, const QString& origin);

private:
    void buildEditor(QWidget* editor);
    void customPricesEdited();
    void refreshIfVisible();
    QDoubleSpinBox* addNumber(const QString& objectName, double min, double max, int decimals,
                              const QString& suffix, const QString& tip,
                              std::function<void(Scenario&, double)> set);
    void reloadList();
    void fillEditor();
    void fillRouting();
    void updateFigures();
    void updateComparison();
    void showMessage(const QString& text, bool error);
    void editCurrent(const QString& what, int mergeId,
                     const std::function<void(Scenario&)>& change);

    ScenarioSession& m_session;
    bool m_filling = false;
    bool m_dirty = false;
    int m_nextMergeId = 1;

    QListWidget* m_list;
    QLabel* m_message;
    QLabel* m_figures;

    // Editor
    QLineEdit* m_description;
    QCheckBox* m_allUsage;
    QDateEdit* m_baselineFrom;
    QDateEdit* m_baselineTo;
    QCheckBox* m_asOfToday;
    QDateEdit* m_asOf;
    QCheckBox* m_mixFromUsage;
    QComboBox* m_growthMode;
    QCheckBox* m_elasticityOn;
    QComboBox* m_plan;
    QSpinBox* m_months;
    QSpinBox* m_paths;
    QSpinBox* m_seed;
    QCheckBox* m_tcoOn;
    QSpinBox* m_gpuCount;
    QLineEdit* m_selfHostedModel;
    QLineEdit* m_taskTag;
    QCheckBox* m_keepQuality;
    QCheckBox* m_capShare;
    QCheckBox* m_integral;
    QLabel* m_routing;
    QTableWidget* m_routingTable;
    QPushButton* m_storeAssignment;
    QPushButton* m_clearAssignment;
    QPushButton* m_openInRouting;
    QTableWidget* m_customPrices;
    QLabel* m_trendSource;
    std::map<QString, std::pair<QDoubleSpinBox*, std::function<double(const Scenario&)>>> m_numbers;

    // Compare
    QListWidget* m_compareList;
    QTableWidget* m_compareTable;
    QChart* m_compareChart;
    QChartView* m_compareView;
};

} // namespace finops
