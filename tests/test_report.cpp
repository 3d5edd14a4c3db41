// The finance report: layout arithmetic, the PDF (pdftotext finds the executive-summary
// figures the CLI prints; pdftoppm renders every page), Letter vs A4, the XLSX and CSV
// totals, bad input, cancel, and File -> Export report.
#include "chartlayout.h"
#include "cliapp.h"
#include "demoworkspace.h"
#include "displayformat.h"
#include "exportreportdialog.h"
#include "reportmodel.h"
#include "reportwriter.h"
#include "scenariostore.h"
#include "tableexport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <nlohmann/json.hpp>
#include <sstream>

using namespace finops;
using json = nlohmann::ordered_json;

namespace {

struct CliResult
{
    int status;
    std::string out, err;
};

CliResult runCli(std::vector<std::string> args)
{
    std::ostringstream out, err;
    const int status = finops::cli::run(args, out, err);
    return {status, out.str(), err.str()};
}

bool haveTool(const char* name)
{
    return !QStandardPaths::findExecutable(QString::fromLatin1(name)).isEmpty();
}

QString runTool(const QString& program, const QStringList& args, int* exitCode = nullptr)
{
    QProcess p;
    p.start(program, args);
    p.waitForFinished(120000);
    if (exitCode)
        *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return QString::fromUtf8(p.readAllStandardOutput());
}

QString pdfText(const QString& pdf)
{
    return runTool(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
}

int pdfPages(const QString& pdf)
{
    const QString info = runTool(QStringLiteral("pdfinfo"), {pdf});
    const auto m = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(info);
    return m.hasMatch() ? m.captured(1).toInt() : -1;
}

QString pdfPageSize(const QString& pdf)
{
    const QString info = runTool(QStringLiteral("pdfinfo"), {pdf});
    const auto m =
        QRegularExpression(QStringLiteral("Page size:\\s+([0-9.]+ x [0-9.]+) pts")).match(info);
    return m.hasMatch() ? m.captured(1) : QString();
}

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

} // namespace

class TestReport : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();

    void niceTicks_data();
    void niceTicks();
    void paginateRows_data();
    void paginateRows();
    void barSlotsFillTheBand();
    void compactUsd_data();
    void compactUsd();

    void pdfShowsTheFiguresTheCliPrints();
    void everyPageRenders();
    void letterAndA4();
    void xlsxHoldsTheTotals();
    void csvHoldsTheTotals();
    void badInputExitsWithTwo_data();
    void badInputExitsWithTwo();
    void canceledPdfLeavesNoFile();
    void emptyWorkspaceStillGivesAReport();
    void exportDialogWritesAndOpens();
    void exportDialogCancel();

private:
    QTemporaryDir m_dir;
    QString m_db;
    QString m_pdf;
    QString m_xlsx;
    json m_summary;
    ReportModel m_model;
};

void TestReport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_db = m_dir.filePath(QStringLiteral("demo.db"));
    {
        Store store(m_db.toStdString());
        writeDemoWorkspace(store, Clock::today());
        Scenario s = Scenario::withDefaults("board");
        s.tco.enabled = true;
        s.plan = ForecastPlan::SelfHosted;
        s.capacity.selfHostedModel = "llama-3.3-70b";
        ScenarioStore(store).create(s);
        m_model = buildReportModel(store, s);
    }
    m_pdf = m_dir.filePath(QStringLiteral("board.pdf"));
    m_xlsx = m_dir.filePath(QStringLiteral("board.xlsx"));
    const CliResult r =
        runCli({"report", "--scenario", "board", "-o", m_pdf.toStdString(), "--xlsx",
                m_xlsx.toStdString(), "--csv", m_dir.filePath(QStringLiteral("csv")).toStdString(),
                "--db", m_db.toStdString(), "--json"});
    QVERIFY2(r.status == 0, r.err.c_str());
    m_summary = json::parse(r.out);
}

void TestReport::niceTicks_data()
{
    QTest::addColumn<double>("lo");
    QTest::addColumn<double>("hi");
    QTest::addColumn<double>("min");
    QTest::addColumn<double>("max");
    QTest::addColumn<double>("step");
    QTest::newRow("0..7300 -> 2000 steps") << 0.0 << 7300.0 << 0.0 << 8000.0 << 2000.0;
    QTest::newRow("0..1 -> 0.2 steps") << 0.0 << 1.0 << 0.0 << 1.0 << 0.2;
    QTest::newRow("0..17 -> 5 steps") << 0.0 << 17.0 << 0.0 << 20.0 << 5.0;
    QTest::newRow("flat 0 widened") << 0.0 << 0.0 << 0.0 << 1.0 << 0.2;
    QTest::newRow("swapped") << 100.0 << 0.0 << 0.0 << 100.0 << 20.0;
    QTest::newRow("0..690000 -> 200k") << 0.0 << 690000.0 << 0.0 << 800000.0 << 200000.0;
}

void TestReport::niceTicks()
{
    QFETCH(double, lo);
    QFETCH(double, hi);
    QFETCH(double, min);
    QFETCH(double, max);
    QFETCH(double, step);
    const report::AxisTicks t = report::niceTicks(lo, hi, 5);
    QCOMPARE(t.min, min);
    QCOMPARE(t.max, max);
    QCOMPARE(t.step, step);
    QCOMPARE(t.values.front(), min);
    QVERIFY(std::abs(t.values.back() - max) < step * 1e-9);
}

void TestReport::paginateRows_data()
{
    QTest::addColumn<QList<double>>("heights");
    QTest::addColumn<double>("first");
    QTest::addColumn<double>("full");
    QTest::addColumn<QList<int>>("ends"); // end of each page's range
    QTest::newRow("all on the first page")
        << QList<double>{10, 10, 10} << 50.0 << 100.0 << QList<int>{3};
    QTest::newRow("spills to a second page")
        << QList<double>{10, 10, 10} << 25.0 << 100.0 << QList<int>{2, 3};
    QTest::newRow("nothing fits on a partial first page")
        << QList<double>{30, 10} << 20.0 << 100.0 << QList<int>{0, 2};
    QTest::newRow("a row taller than a page gets its own")
        << QList<double>{10, 150, 10} << 100.0 << 100.0 << QList<int>{1, 2, 3};
    QTest::newRow("three pages") << QList<double>(25, 10.0) << 100.0 << 100.0
                                 << QList<int>{10, 20, 25};
    QTest::newRow("no rows: one empty range") << QList<double>{} << 100.0 << 100.0 << QList<int>{0};
}

void TestReport::paginateRows()
{
    QFETCH(QList<double>, heights);
    QFETCH(double, first);
    QFETCH(double, full);
    QFETCH(QList<int>, ends);
    const std::vector<double> h(heights.begin(), heights.end());
    const auto ranges = report::paginateRows(h, first, full);
    QCOMPARE(static_cast<int>(ranges.size()), ends.size());
    std::size_t begin = 0;
    for (int i = 0; i < ends.size(); ++i) {
        QCOMPARE(ranges[static_cast<std::size_t>(i)].begin,
                 begin); // contiguous: no row lost or doubled
        QCOMPARE(static_cast<int>(ranges[static_cast<std::size_t>(i)].end), ends[i]);
        begin = ranges[static_cast<std::size_t>(i)].end;
    }
}

void TestReport::barSlotsFillTheBand()
{
    const auto s = report::barSlots(4, 400, 0.3);
    QCOMPARE(s.size(), std::size_t{4});
    QCOMPARE(s[0].offset, 15.0);
    QCOMPARE(s[0].thickness, 70.0);
    QCOMPARE(s[3].offset + s[3].thickness + 15.0, 400.0);
    QVERIFY(report::barSlots(0, 400).empty());
}

void TestReport::compactUsd_data()
{
    QTest::addColumn<double>("usd");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << 0.0 << "$0";
    QTest::newRow("hundreds") << 950.0 << "$950";
    QTest::newRow("thousands") << 2500.0 << "$2.5k";
    QTest::newRow("tens of thousands") << 25000.0 << "$25k";
    QTest::newRow("millions") << 1200000.0 << "$1.2M";
    QTest::newRow("negative") << -4000.0 << "-$4k";
    QTest::newRow("cents") << 0.5 << "$0.50";
}

void TestReport::compactUsd()
{
    QFETCH(double, usd);
    QFETCH(QString, text);
    QCOMPARE(q(report::compactUsd(usd)), text);
}

void TestReport::pdfShowsTheFiguresTheCliPrints()
{
    if (!haveTool("pdftotext"))
        QSKIP("pdftotext (poppler-utils) is not installed");
    // The CLI's --json figures are the report model's figures...
    QCOMPARE(m_summary["current_monthly_usd"].get<double>(), m_model.summary.currentMonthlyUsd);
    QCOMPARE(m_summary["planned_monthly_usd"].get<double>(), m_model.summary.plannedMonthlyUsd);
    QCOMPARE(m_summary["savings_monthly_usd"].get<double>(), m_model.summary.savingsMonthlyUsd);
    QCOMPARE(m_summary["plan"].get<std::string>(), std::string("self_hosted"));
    QVERIFY(m_model.summary.currentMonthlyUsd > 1000); // the demo spends thousands a month
    // ... and those of `finops-cli forecast` for the same scenario.
    const CliResult f =
        runCli({"forecast", "--scenario", "board", "--db", m_db.toStdString(), "--json"});
    QVERIFY2(f.status == 0, f.err.c_str());
    const json fj = json::parse(f.out);
    QCOMPARE(fj["current_monthly_usd"].get<double>(),
             m_summary["current_monthly_usd"].get<double>());
    QCOMPARE(fj["planned_monthly_usd"].get<double>(),
             m_summary["planned_monthly_usd"].get<double>());

    // pdftotext finds them in the PDF, as the report shows them.
    const QString text = pdfText(m_pdf).simplified();
    QVERIFY(text.contains(QStringLiteral("Executive summary")));
    for (const char* key : {"current_monthly_usd", "planned_monthly_usd", "savings_monthly_usd",
                            "savings_over_horizon_usd"}) {
        const QString figure = q(formatUsd(m_summary[key].get<double>()));
        QVERIFY2(
            text.contains(figure),
            qPrintable(QStringLiteral("%1 = %2 not in the PDF").arg(QLatin1String(key), figure)));
    }
    const QString pct =
        QStringLiteral("%1%").arg(m_summary["savings_pct"].get<double>(), 0, 'f', 1);
    QVERIFY2(text.contains(pct), qPrintable(pct));
    if (!m_summary["payback_month"].is_null())
        QVERIFY(text.contains(q(m_summary["payback_month"].get<std::string>())));
    QCOMPARE(m_summary["decisions"].size(), m_model.decisions.size());
    QVERIFY(m_model.decisions.size() >= 3 && m_model.decisions.size() <= 5);
    // Every page has its number and the running header names the scenario.
    const int pages = m_summary["pages"].get<int>();
    QVERIFY(text.contains(QStringLiteral("Page %1 of %1").arg(pages)));
    QVERIFY(text.contains(QStringLiteral("Scenario: board")));
    // The appendix lists prices with their source.
    QVERIFY(text.contains(QStringLiteral("Appendix: assumptions")));
    QVERIFY(text.contains(QStringLiteral("https://openai.com")));
}

void TestReport::everyPageRenders()
{
    if (!haveTool("pdftoppm") || !haveTool("pdfinfo"))
        QSKIP("pdftoppm / pdfinfo (poppler-utils) are not installed");
    const int pages = pdfPages(m_pdf);
    QCOMPARE(pages, m_summary["pages"].get<int>());
    QVERIFY2(pages >= 7 && pages <= 30, qPrintable(QString::number(pages)));
    const QString out = m_dir.filePath(QStringLiteral("png"));
    QDir().mkpath(out);
    int status = -1;
    runTool(QStringLiteral("pdftoppm"),
            {QStringLiteral("-r"), QStringLiteral("20"), QStringLiteral("-png"), m_pdf,
             out + QStringLiteral("/page")},
            &status);
    QCOMPARE(status, 0);
    const QStringList images =
        QDir(out).entryList({QStringLiteral("*.png")}, QDir::Files, QDir::Name);
    QCOMPARE(images.size(), pages);
    for (const QString& image : images)
        QVERIFY(QFileInfo(QDir(out).filePath(image)).size() > 500);
}

void TestReport::letterAndA4()
{
    if (!haveTool("pdfinfo"))
        QSKIP("pdfinfo (poppler-utils) is not installed");
    QCOMPARE(pdfPageSize(m_pdf), QStringLiteral("595 x 842")); // A4 is the default
    const QString letter = m_dir.filePath(QStringLiteral("letter.pdf"));
    const CliResult r = runCli({"report", "--scenario", "board", "-o", letter.toStdString(),
                                "--paper", "letter", "--db", m_db.toStdString()});
    QVERIFY2(r.status == 0, r.err.c_str());
    QCOMPARE(pdfPageSize(letter), QStringLiteral("612 x 792"));
    QVERIFY(pdfPages(letter) >= 7);
}

void TestReport::xlsxHoldsTheTotals()
{
    if (!haveTool("unzip"))
        QSKIP("unzip is not installed");
    QVERIFY(QFile::exists(m_xlsx));
    const auto tables = m_model.exportTables();
    const QString book = runTool(QStringLiteral("unzip"),
                                 {QStringLiteral("-p"), m_xlsx, QStringLiteral("xl/workbook.xml")});
    for (const ReportTable& t : tables)
        QVERIFY2(book.contains(QStringLiteral("name=\"%1\"").arg(q(t.id))), qPrintable(q(t.id)));
    // Sheet 2 is spend by model: its totals row sums the cost column with a formula that
    // carries our total.
    const ReportTable& byModel = tables[1];
    QCOMPARE(byModel.id, std::string("spend_by_model"));
    const QString sheet =
        runTool(QStringLiteral("unzip"),
                {QStringLiteral("-p"), m_xlsx, QStringLiteral("xl/worksheets/sheet2.xml")});
    const int totalRow = static_cast<int>(byModel.rows.size()) + 2;
    const auto m =
        QRegularExpression(QStringLiteral("<c r=\"D%1\"[^>]*><f>SUM\\(D2:D%2\\)</f><v>([^<]+)</v>")
                               .arg(totalRow)
                               .arg(totalRow - 1))
            .match(sheet);
    QVERIFY2(m.hasMatch(), qPrintable(sheet.left(400)));
    const double total = m.captured(1).toDouble();
    QVERIFY(std::abs(total - byModel.totals[3].value) < 1e-6);
    double sum = 0;
    for (const auto& row : byModel.rows)
        sum += row[3].value;
    QVERIFY(std::abs(total - sum) < 1e-6);
    // Its monthly total is the executive summary's current monthly spend.
    QVERIFY(std::abs(byModel.totals[4].value - m_model.summary.currentMonthlyUsd) < 0.01);
}

void TestReport::csvHoldsTheTotals()
{
    QFile f(m_dir.filePath(QStringLiteral("csv/spend_by_model.csv")));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QStringList lines =
        QString::fromUtf8(f.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    const ReportTable& byModel = m_model.tables[1];
    QCOMPARE(lines.size(), static_cast<int>(byModel.rows.size()) + 2);
    QVERIFY(lines.front().startsWith(QStringLiteral("model,Requests,Tokens,")));
    const QStringList total = lines.back().split(QLatin1Char(','));
    QCOMPARE(total[0], QStringLiteral("Total"));
    QVERIFY(std::abs(total[3].toDouble() - byModel.totals[3].value) < 1e-4);
    QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("csv/assumptions.csv"))));
}

void TestReport::badInputExitsWithTwo_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("names");
    QTest::newRow("paper") << QStringList{"--paper", "a3", "-o", "x.pdf"} << "--paper";
    QTest::newRow("unknown scenario")
        << QStringList{"--scenario", "nope", "-o", "x.pdf"} << "--scenario";
    QTest::newRow("no output") << QStringList{} << "--output";
    QTest::newRow("months") << QStringList{"--months", "0", "-o", "x.pdf"} << "--months";
    QTest::newRow("tag") << QStringList{"--tag", "colour", "-o", "x.pdf"} << "--tag";
    QTest::newRow("unwritable pdf")
        << QStringList{"-o", "/nonexistent-folder/x.pdf"} << "/nonexistent-folder/x.pdf";
}

void TestReport::badInputExitsWithTwo()
{
    QFETCH(QStringList, args);
    QFETCH(QString, names);
    std::vector<std::string> argv{"report", "--db", m_db.toStdString()};
    for (const QString& a : args)
        argv.push_back(a == QLatin1String("x.pdf")
                           ? m_dir.filePath(QStringLiteral("bad.pdf")).toStdString()
                           : a.toStdString());
    const CliResult r = runCli(argv);
    QCOMPARE(r.status, 2);
    QVERIFY2(q(r.err).contains(names), r.err.c_str());
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("bad.pdf"))));
}

void TestReport::canceledPdfLeavesNoFile()
{
    const QString path = m_dir.filePath(QStringLiteral("canceled.pdf"));
    report::PdfOptions options;
    int calls = 0;
    options.progress = [&](int page, int) {
        ++calls;
        return page < 3; // cancel on the fourth page
    };
    const report::PdfOutcome out = report::writeReportPdf(m_model, path, options);
    QVERIFY(out.canceled);
    QVERIFY(!out.ok);
    QCOMPARE(calls, 4);
    QVERIFY(!QFile::exists(path));
    QVERIFY(QDir(m_dir.path())
                .entryList({QStringLiteral("canceled*")})
                .isEmpty()); // no temporary left either
}

void TestReport::emptyWorkspaceStillGivesAReport()
{
    const QString db = m_dir.filePath(QStringLiteral("empty.db"));
    const QString pdf = m_dir.filePath(QStringLiteral("empty.pdf"));
    {
        Store store(db.toStdString());
    }
    const CliResult r =
        runCli({"report", "-o", pdf.toStdString(), "--db", db.toStdString(), "--json"});
    QVERIFY2(r.status == 0, r.err.c_str());
    const json j = json::parse(r.out);
    QCOMPARE(j["current_monthly_usd"].get<double>(), 0.0);
    QVERIFY(j["period"]["from"].is_null());
    QVERIFY(j["pages"].get<int>() >= 6);
    if (haveTool("pdftotext"))
        QVERIFY(pdfText(pdf).contains(QStringLiteral("No data")));
}

void TestReport::exportDialogWritesAndOpens()
{
    QList<QUrl> opened;
    ExportReportDialog::setUrlOpener([&](const QUrl& url) {
        opened << url;
        return true;
    });
    ExportReportDialog dialog(m_db);
    auto* scenario = dialog.findChild<QComboBox*>(QStringLiteral("scenarioCombo"));
    QVERIFY(scenario);
    QVERIFY(scenario->findData(QStringLiteral("board")) >= 0);
    scenario->setCurrentIndex(scenario->findData(QStringLiteral("board")));
    auto* paper = dialog.findChild<QComboBox*>(QStringLiteral("paperCombo"));
    paper->setCurrentIndex(paper->findData(static_cast<int>(QPageSize::Letter)));
    const QString pdf = m_dir.filePath(QStringLiteral("gui/board.pdf"));
    QDir().mkpath(m_dir.filePath(QStringLiteral("gui")));
    dialog.findChild<QLineEdit*>(QStringLiteral("pdfPathEdit"))->setText(pdf);
    dialog.findChild<QCheckBox*>(QStringLiteral("xlsxCheck"))->setChecked(true);
    QSignalSpy finished(&dialog, &ExportReportDialog::exportFinished);
    dialog.startExport();
    QVERIFY(dialog.isRunning() || finished.count() == 1);
    QVERIFY(finished.wait(60000) || finished.count() == 1);
    const auto out = finished.front().front().value<ReportExportOutcome>();
    QVERIFY2(out.ok, qPrintable(out.error));
    QVERIFY(QFile::exists(pdf));
    QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("gui/board.xlsx"))));
    QCOMPARE(opened, QList<QUrl>{QUrl::fromLocalFile(pdf)});
    if (const QString shot = qEnvironmentVariable("FINOPS_SCREENSHOT"); !shot.isEmpty()) {
        dialog.show(); // to look at it: FINOPS_SCREENSHOT=/tmp/export.png ./test_report
        QVERIFY(dialog.grab().save(shot));
    }
    // The same figures as the CLI.
    QCOMPARE(out.currentMonthlyUsd, m_summary["current_monthly_usd"].get<double>());
    QCOMPARE(out.plannedMonthlyUsd, m_summary["planned_monthly_usd"].get<double>());
    if (haveTool("pdfinfo"))
        QCOMPARE(pdfPageSize(pdf), QStringLiteral("612 x 792"));
    ExportReportDialog::setUrlOpener({});
}

void TestReport::exportDialogCancel()
{
    bool openedAny = false;
    ExportReportDialog::setUrlOpener([&](const QUrl&) { return openedAny = true; });
    ExportReportDialog dialog(m_db);
    const QString pdf = m_dir.filePath(QStringLiteral("cancel/board.pdf"));
    QDir().mkpath(m_dir.filePath(QStringLiteral("cancel")));
    dialog.findChild<QLineEdit*>(QStringLiteral("pdfPathEdit"))->setText(pdf);
    QSignalSpy finished(&dialog, &ExportReportDialog::exportFinished);
    dialog.startExport();
    dialog.cancelExport(); // before the worker got far: it stops at its next check
    QVERIFY(finished.wait(60000) || finished.count() == 1);
    const auto out = finished.front().front().value<ReportExportOutcome>();
    QVERIFY(out.canceled);
    QVERIFY(!QFile::exists(pdf));
    QVERIFY(!openedAny);
    ExportReportDialog::setUrlOpener({});
}

QTEST_MAIN(TestReport)
#include "test_report.moc"
