// finops-planner: the desktop application. Opens a workspace and shows the main window.
#include "demoworkspace.h"
#include "inputerror.h"
#include "mainwindow.h"
#include "scenariosession.h"
#include "store.h"
#include "workspace.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QMessageBox>
#include <QTimer>
#include <memory>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("finops-planner"));
    QApplication::setApplicationDisplayName(QStringLiteral("FinOps Planner"));
    QApplication::setApplicationVersion(QStringLiteral(FINOPS_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.finops_planner.FinOpsPlanner"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/finops-planner.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Cost and capacity planning for LLM workloads."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(
        QStringLiteral("db"), QStringLiteral("Workspace store to open."), QStringLiteral("PATH"));
    const QCommandLineOption demoOption(
        QStringLiteral("demo"),
        QStringLiteral(
            "Open the built-in demo workspace (the default when you have no workspace yet)."));
    const QCommandLineOption pageOption(
        QStringLiteral("page"),
        QStringLiteral("Page to show first; \"Page/Tab\" shows a tab of it."),
        QStringLiteral("TITLE"));
    const QCommandLineOption screenshotOption(
        QStringLiteral("screenshot"),
        QStringLiteral("Save a PNG of the window once it is shown, then quit (for documentation)."),
        QStringLiteral("FILE"));
    parser.addOptions({dbOption, demoOption, pageOption, screenshotOption});
    parser.process(app);

    // No --db: the user's store when there is one, else the demo workspace (as --demo).
    QString dbPath = parser.value(dbOption);
    const QFileInfo standard(QString::fromStdString(finops::Store::defaultPath()));
    const bool demo = parser.isSet(demoOption) || (dbPath.isEmpty() && !standard.exists());
    if (dbPath.isEmpty())
        dbPath = demo ? standard.dir().filePath(QStringLiteral("demo.db")) : standard.filePath();

    std::unique_ptr<finops::Workspace> workspace;
    try {
        if (demo) {
            finops::Store store(dbPath.toStdString());
            finops::writeDemoWorkspace(store, finops::Clock::today());
        }
        workspace = std::make_unique<finops::Workspace>(dbPath);
    } catch (const std::exception& e) {
        QMessageBox::critical(
            nullptr, QStringLiteral("FinOps Planner"),
            QStringLiteral("Cannot open the workspace:\n%1").arg(QString::fromUtf8(e.what())));
        return 2;
    }
    finops::MainWindow window(*workspace);
    if (parser.isSet(pageOption))
        window.showPage(parser.value(pageOption));
    window.show();
    if (parser.isSet(screenshotOption)) {
        const QString file = parser.value(screenshotOption);
        // Let the first layout and paint settle, and a background evaluation end, before
        // grabbing.
        auto* poll = new QTimer(&window);
        QObject::connect(poll, &QTimer::timeout, &window, [&window, file, poll] {
            if (window.scenarioSession()->isEvaluating())
                return;
            poll->stop();
            const bool saved = window.grab().save(file);
            QCoreApplication::exit(saved ? 0 : 1);
        });
        QTimer::singleShot(1500, poll, [poll] { poll->start(100); });
    }
    return app.exec();
}
