#pragma once

#include <QMainWindow>

class QComboBox;
class QListWidget;
class QStackedWidget;

namespace finops {

class BlendPage;
class DashboardPage;
class PricesPage;
class ScenarioSession;
class UsagePage;
class Workspace;

// The application window: a navigation sidebar on the left, one page per task on the
// right, a menu with the import and the workspace actions, the workspace in the status bar.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Workspace& workspace, QWidget* parent = nullptr);

    // Shows the page with this sidebar title ("Prices", "Blended cost"), or with
    // "Title/Tab" that page and its tab of that title ("Scenarios/Routing"); false if none.
    bool showPage(const QString& title);
    // The scenarios (current scenario, its evaluation, the undo stack of its edits).
    ScenarioSession* scenarioSession() const { return m_scenarios; }

private:
    void addPage(const QString& title, QWidget* page);
    void updateStatus();
    // Sets the Blended cost page's sliders to a mix observed in usage and shows the page.
    void useMix(double inputShare, double cacheHitRate);
    // The Scenarios and Forecast pages, the Edit menu's undo/redo and the toolbar's scenario switcher.
    void setupScenarios();

    Workspace& m_workspace;
    QListWidget* m_sidebar;
    QStackedWidget* m_pages;
    PricesPage* m_prices;
    BlendPage* m_blend;
    DashboardPage* m_dashboard;
    UsagePage* m_usage;
    ScenarioSession* m_scenarios = nullptr;
    QComboBox* m_scenarioSwitcher = nullptr;
};

} // namespace finops
