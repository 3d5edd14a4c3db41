#include "mainwindow.h"

#include "blendpage.h"
#include "buyrentpage.h"
#include "capacitypage.h"
#include "dashboardpage.h"
#include "exportreportdialog.h"
#include "forecastpage.h"
#include "pricespage.h"
#include "routingpage.h"
#include "routingproblem.h"
#include "scenariosession.h"
#include "scenariospage.h"
#include "usagepage.h"
#include "workspace.h"

#include <QApplication>
#include <QComboBox>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QSlider>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QUndoStack>

namespace finops {

MainWindow::MainWindow(Workspace& workspace, QWidget* parent)
    : QMainWindow(parent), m_workspace(workspace), m_sidebar(new QListWidget(this)),
      m_pages(new QStackedWidget(this)), m_prices(new PricesPage(workspace, this)),
      m_blend(new BlendPage(workspace, this)), m_dashboard(new DashboardPage(workspace, this)),
      m_usage(new UsagePage(workspace, this))
{
    setWindowTitle(tr("FinOps Planner"));
    m_sidebar->setObjectName(QStringLiteral("sidebar"));
    m_sidebar->setFixedWidth(170);
    m_sidebar->setFrameShape(QFrame::NoFrame);
    m_sidebar->setStyleSheet(QStringLiteral("QListWidget { background: palette(window); font-size: 11pt; }"
                                            "QListWidget::item { padding: 8px 10px; }"));

    addPage(tr("Dashboard"), m_dashboard);
    addPage(tr("Usage"), m_usage);
    addPage(tr("Blended cost"), m_blend);
    addPage(tr("Buy vs rent"), new BuyRentPage(workspace, this));
    addPage(tr("Capacity"), new CapacityPage(workspace, this));
    addPage(tr("Routing"), new RoutingPage(workspace, this));
    addPage(tr("Prices"), m_prices);
    connect(m_sidebar, &QListWidget::currentRowChanged, m_pages, &QStackedWidget::setCurrentIndex);
    m_sidebar->setCurrentRow(0);

    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_sidebar);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);

    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* importUsage = file->addAction(tr("Import &usage…"));
    importUsage->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_U));
    connect(importUsage, &QAction::triggered, this, [this] {
        showPage(tr("Usage"));
        m_usage->chooseFiles();
    });
    QAction* import = file->addAction(tr("&Import price sheet…"));
    import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    connect(import, &QAction::triggered, this, [this] {
        showPage(tr("Prices"));
        m_prices->importSheet();
    });
    QAction* exportReport = file->addAction(tr("&Export report…"));
    exportReport->setObjectName(QStringLiteral("exportReportAction"));
    exportReport->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    connect(exportReport, &QAction::triggered, this, [this] {
        auto* dialog = new ExportReportDialog(m_workspace.dbPath(), this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &ExportReportDialog::exportFinished, this, [this](const ReportExportOutcome& out) {
            if (out.ok)
                statusBar()->showMessage(tr("Report written to %1").arg(out.pdfPath), 10000);
        });
        dialog->open();
    });
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, qApp, &QApplication::quit);

    setupScenarios();

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    connect(help->addAction(tr("&About FinOps Planner")), &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About FinOps Planner"),
                           tr("<h3>FinOps Planner %1</h3><p>Cost and capacity planning for LLM workloads. "
                              "Works fully offline: your usage data never leaves this machine.</p>"
                              "<p>Workspace: %2</p>")
                               .arg(QApplication::applicationVersion(), m_workspace.dbPath().toHtmlEscaped()));
    });

    connect(&m_workspace, &Workspace::catalogChanged, this, &MainWindow::updateStatus);
    connect(m_prices, &PricesPage::importFinished, this,
            [this](bool, const QString& message) { statusBar()->showMessage(message, 10000); });
    connect(m_usage, &UsagePage::importFinished, this,
            [this](bool, const QString& message) { statusBar()->showMessage(message, 10000); });
    connect(m_usage, &UsagePage::batchRemoved, this,
            [this](bool, const QString& message) { statusBar()->showMessage(message, 10000); });
    connect(m_dashboard, &DashboardPage::useMix, this, &MainWindow::useMix);
    updateStatus();
    resize(1280, 800);
}

void MainWindow::addPage(const QString& title, QWidget* page)
{
    m_sidebar->addItem(title);
    m_pages->addWidget(page);
}

bool MainWindow::showPage(const QString& title)
{
    // "Page/Tab": the page, then the tab of that title in any of its tab widgets.
    const qsizetype slash = title.indexOf(QLatin1Char('/'));
    const QString pageTitle = slash < 0 ? title : title.left(slash);
    const auto items = m_sidebar->findItems(pageTitle, Qt::MatchExactly);
    if (items.isEmpty())
        return false;
    m_sidebar->setCurrentItem(items.front());
    if (slash < 0)
        return true;
    const QString tab = title.mid(slash + 1);
    for (auto* tabs : m_pages->currentWidget()->findChildren<QTabWidget*>())
        for (int i = 0; i < tabs->count(); ++i)
            if (tabs->tabText(i).remove(QLatin1Char('&')) == tab) {
                tabs->setCurrentIndex(i);
                return true;
            }
    return false;
}

void MainWindow::useMix(double inputShare, double cacheHitRate)
{
    auto* input = m_blend->findChild<QSlider*>(QStringLiteral("inputShareSlider"));
    auto* cacheHit = m_blend->findChild<QSlider*>(QStringLiteral("cacheHitSlider"));
    if (input)
        input->setValue(qRound(100 * inputShare));
    if (cacheHit)
        cacheHit->setValue(qRound(100 * cacheHitRate));
    showPage(tr("Blended cost"));
    statusBar()->showMessage(tr("Blended cost now uses the observed mix: %1% input, %2% cache hits")
                                 .arg(qRound(100 * inputShare))
                                 .arg(qRound(100 * cacheHitRate)),
                             10000);
}

void MainWindow::updateStatus()
{
    statusBar()->showMessage(tr("Workspace %1 — %2 offers from %3 providers")
                                 .arg(m_workspace.dbPath())
                                 .arg(m_workspace.currentOffers().size())
                                 .arg(m_workspace.catalog().providers().size()));
}

void MainWindow::setupScenarios()
{
    m_scenarios = new ScenarioSession(m_workspace, this);
    auto* scenariosPage = new ScenariosPage(*m_scenarios, this);
    addPage(tr("Scenarios"), scenariosPage);
    connect(scenariosPage, &ScenariosPage::tcoInputsRequested, this, [this, scenariosPage] {
        if (auto* buyRent = findChild<BuyRentPage*>())
            scenariosPage->setTcoInputs(buyRent->inputs());
    });
    connect(scenariosPage, &ScenariosPage::routingProblemRequested, this,
            [this](const RoutingProblem& problem, const QString& origin) {
                if (auto* routing = findChild<RoutingPage*>()) {
                    routing->openProblem(problem, origin, true);
                    showPage(tr("Routing"));
                }
            });
    addPage(tr("Forecast"), new ForecastPage(*m_scenarios, this));

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_scenarios->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setObjectName(QStringLiteral("undoAction"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_scenarios->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setObjectName(QStringLiteral("redoAction"));
    redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence::Redo});
    edit->addAction(undo);
    edit->addAction(redo);

    QToolBar* bar = addToolBar(tr("Scenario"));
    bar->setObjectName(QStringLiteral("scenarioToolBar"));
    bar->setMovable(false);
    bar->addWidget(new QLabel(tr(" Scenario: "), bar));
    m_scenarioSwitcher = new QComboBox(bar);
    m_scenarioSwitcher->setObjectName(QStringLiteral("scenarioSwitcher"));
    m_scenarioSwitcher->setMinimumContentsLength(24);
    m_scenarioSwitcher->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    bar->addWidget(m_scenarioSwitcher);
    auto fill = [this] {
        const QSignalBlocker block(m_scenarioSwitcher);
        m_scenarioSwitcher->clear();
        m_scenarioSwitcher->addItems(m_scenarios->names());
        m_scenarioSwitcher->setCurrentText(m_scenarios->currentName());
    };
    fill();
    connect(m_scenarios, &ScenarioSession::listChanged, this, fill);
    connect(m_scenarios, &ScenarioSession::currentChanged, this, [this](const QString& name) {
        const QSignalBlocker block(m_scenarioSwitcher);
        m_scenarioSwitcher->setCurrentText(name);
    });
    connect(m_scenarioSwitcher, &QComboBox::textActivated, m_scenarios, &ScenarioSession::setCurrent);
    connect(m_scenarios, &ScenarioSession::failed, this,
            [this](const QString& message) { statusBar()->showMessage(message, 10000); });
}

} // namespace finops
