#include "cliapp.h"
#include "clisupport.h"
#include "displayformat.h"
#include "inputerror.h"
#include "reportmodel.h"
#include "reportrender.h"
#include "reportwriter.h"
#include "scenariostore.h"
#include "tableexport.h"

#include <QGuiApplication>
#include <cstdio>

namespace finops::cli {

std::unique_ptr<QGuiApplication> ensureGuiApplication()
{
    if (QCoreApplication::instance())
        return nullptr;
    // No display needed: render on the offscreen platform unless one is set or a display is there.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "finops-cli";
    static char* argv[] = {name, nullptr};
    return std::make_unique<QGuiApplication>(argc, argv);
}

int runReport(CommandContext& ctx, std::span<const std::string> argv)
{
    ArgParser args(
        "report",
        "[--scenario NAME] -o report.pdf [--xlsx FILE.xlsx] [--csv DIR] [--paper a4|letter] "
        "[--months N] "
        "[--tag KEY] [--db PATH] [--json]",
        {{"scenario", "NAME",
          "a saved scenario (default: the default scenario of `finops-cli forecast`)"},
         {"output", "FILE.pdf", "the PDF to write", 'o'},
         {"xlsx", "FILE.xlsx", "also write the report's tables as an XLSX workbook"},
         {"csv", "DIR", "also write each table as DIR/<table>.csv"},
         {"paper", "SIZE", "a4 (default) or letter"},
         {"months", "N", "forecast months, 1..36 (default: the scenario's)"},
         {"tag", "KEY", "tag key of the spend-by-tag table (default: team, else the first key)"},
         dbOption(),
         jsonOption()},
        "The finance report of a scenario: a PDF with a cover, the executive summary (current\n"
        "and planned monthly spend, savings, payback, recommended decisions), vector charts\n"
        "(spend by provider, forecast with its P10-P90 band, blended price ranking, buy vs rent,\n"
        "routing), the tables and an appendix of every assumption with its source and date.\n"
        "Works headless (no display needed). --json prints the executive-summary figures, the\n"
        "same numbers the PDF shows.");
    args.parse(argv);
    if (handleHelp(args, ctx.out))
        return ExitOk;
    if (!args.positionals().empty())
        throw UsageError("finops-cli report: unexpected argument '" + args.positionals().front() +
                         "'");
    const auto pdf = args.value("output");
    const auto xlsx = args.value("xlsx");
    const auto csv = args.value("csv");
    if (!pdf && !xlsx && !csv && !args.has("json"))
        args.fail("output",
                  "say where to write the report: -o report.pdf (and/or --xlsx, --csv, --json)");
    const auto paper =
        report::paperFromName(QString::fromStdString(args.value("paper").value_or("a4")));
    if (!paper)
        args.fail("paper", "must be a4 or letter");
    ReportOptions options;
    if (const auto n = args.integer("months")) {
        if (*n < 1 || *n > 36)
            args.fail("months", "must be between 1 and 36");
        options.months = static_cast<int>(*n);
    }
    for (const auto& [option, path] : {std::pair{"output", pdf}, std::pair{"xlsx", xlsx}})
        if (path && path->empty())
            args.fail(option, "needs a file name");

    auto [store, scenario] = openScenario(args);
    ReportModel model;
    try {
        model = buildReportModel(*store, scenario, options, args.value("tag").value_or(""));
    } catch (const InputError& e) {
        if (e.field() == "--tag")
            args.fail("tag", e.reason());
        throw;
    }

    int pages = 0;
    if (pdf) {
        const auto app = ensureGuiApplication();
        report::PdfOptions pdfOptions;
        pdfOptions.paper = *paper;
        const report::PdfOutcome outcome =
            report::writeReportPdf(model, QString::fromStdString(*pdf), pdfOptions);
        if (!outcome.ok)
            throw InputError(*pdf, 0, "", "cannot write the PDF: " + outcome.error.toStdString());
        pages = outcome.pages;
    }
    const std::vector<ReportTable> tables = model.exportTables();
    if (xlsx)
        writeXlsx(tables, *xlsx);
    std::vector<std::string> csvFiles;
    if (csv)
        csvFiles = writeCsvFiles(tables, *csv);

    if (args.has("json")) {
        nlohmann::ordered_json j = reportSummaryJson(model);
        j["pdf"] = pdf ? nlohmann::ordered_json(*pdf) : nlohmann::ordered_json(nullptr);
        j["pages"] = pdf ? nlohmann::ordered_json(pages) : nlohmann::ordered_json(nullptr);
        j["paper"] = *paper == QPageSize::Letter ? "letter" : "a4";
        j["xlsx"] = xlsx ? nlohmann::ordered_json(*xlsx) : nlohmann::ordered_json(nullptr);
        j["csv"] = csvFiles;
        printJson(ctx.out, j);
        return ExitOk;
    }
    const ReportSummary& s = model.summary;
    char pct[32];
    std::snprintf(pct, sizeof pct, "%.1f%%", s.savingsPct);
    ctx.out << "scenario:              " << model.scenario << '\n';
    ctx.out << "current monthly spend: " << formatUsd(s.currentMonthlyUsd) << '\n';
    ctx.out << "planned monthly spend: " << formatUsd(s.plannedMonthlyUsd) << " (" << s.plan
            << ")\n";
    ctx.out << "monthly savings:       " << formatUsd(s.savingsMonthlyUsd) << " (" << pct << ")\n";
    ctx.out << "payback:               "
            << (s.paybackMonth ? s.paybackMonthLabel : std::string("not within the forecast"))
            << '\n';
    if (pdf)
        ctx.out << "wrote " << *pdf << " (" << pages << " pages, "
                << (*paper == QPageSize::Letter ? "Letter" : "A4") << ")\n";
    if (xlsx)
        ctx.out << "wrote " << *xlsx << " (" << tables.size() << " sheets)\n";
    for (const auto& f : csvFiles)
        ctx.out << "wrote " << f << '\n';
    return ExitOk;
}

} // namespace finops::cli
