#include "blend.h"
#include "blendpage.h"
#include "cliapp.h"
#include "clisupport.h"
#include "fileio.h"
#include "inputerror.h"
#include "litellmpriceimporter.h"
#include "workspace.h"
#include "workspacecatalog.h"

#include "spend.h"
#include "tco.h"
#include "usagequery.h"
#include "usagestore.h"

#include <QApplication>
#include <QChartView>
#include <QSlider>
#include <QTemporaryDir>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace finops::cli {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

template <typename F> double bestOf(int runs, F&& f)
{
    double best = 1e300;
    for (int i = 0; i < runs; ++i) {
        const auto t0 = Clock::now();
        f();
        best = std::min(best, msSince(t0));
    }
    return best;
}

// Pads `offers` to `count` with price-scaled copies (or cuts them), so the ranking
// benchmark works on the stated size whatever the catalog holds.
std::vector<PriceOffer> padTo(std::vector<PriceOffer> offers, std::size_t count)
{
    if (offers.size() > count)
        offers.resize(count);
    const std::size_t base = offers.size();
    for (std::size_t i = 0; offers.size() < count && base > 0; ++i) {
        PriceOffer copy = offers[i % base];
        const double scale = 0.5 + static_cast<double>((i * 7919) % 1000) / 1000.0;
        copy.model += "-variant-" + std::to_string(i);
        copy.inputUsdPerMtok *= scale;
        copy.outputUsdPerMtok *= scale;
        offers.push_back(std::move(copy));
    }
    return offers;
}

std::string defaultFixture()
{
    for (const char* candidate : {"../shared/data/litellm-model-prices-2025-09.json",
                                  "../../shared/data/litellm-model-prices-2025-09.json",
                                  "../../../shared/data/litellm-model-prices-2025-09.json"})
        if (std::filesystem::exists(candidate))
            return candidate;
    return "../shared/data/litellm-model-prices-2025-09.json";
}

int benchCatalog(CommandContext& ctx, std::span<const std::string> argv)
{
    ArgParser args("bench catalog", "[--litellm FILE] [--offers N] [--runs N] [--json]",
                   {{"litellm", "FILE", "LiteLLM price database to load (default ../shared/data/litellm-model-prices-2025-09.json)"},
                    {"offers", "N", "offers to rank (default 2000)"},
                    {"runs", "N", "repetitions, best time reported (default 5)"},
                    jsonOption()},
                   "Times loading the bundled catalog plus a LiteLLM price database, ranking N offers\n"
                   "by blended price, and one slider move on the Blended cost page (recompute and\n"
                   "redraw, offscreen). Goals: load + rank under 100 ms; slider under 16 ms.");
    args.parse(argv);
    if (handleHelp(args, ctx.out))
        return ExitOk;
    const std::string fixture = args.value("litellm").value_or(defaultFixture());
    const auto offersWanted = static_cast<std::size_t>(args.integer("offers").value_or(2000));
    const int runs = static_cast<int>(std::max(1LL, args.integer("runs").value_or(5)));
    const std::string text = readWholeFile(fixture);

    // 1. Load: parse the bundled sheets and the LiteLLM file into a fresh catalog.
    PriceCatalog catalog;
    std::size_t liteLlmOffers = 0;
    const double loadMs = bestOf(runs, [&] {
        catalog = PriceCatalog();
        const LiteLlmPriceImporter importer;
        PriceImportOptions options;
        options.defaultEffectiveFrom = finops::Clock::today();
        for (const PriceSheet& s : bundledPriceSheets())
            catalog.addSheet(s);
        const PriceSheet sheet = importer.read(text, fixture, options);
        liteLlmOffers = sheet.offers.size();
        catalog.addSheet(sheet);
    });
    // The parse of the raw JSON alone, as the floor any loader pays.
    std::size_t parsedEntries = 0;
    const double parseOnlyMs = bestOf(runs, [&] { parsedEntries = nlohmann::json::parse(text).size(); });

    // 2. Rank N offers by blended price.
    const std::vector<PriceOffer> offers = padTo(catalog.offersAt(finops::Clock::today()), offersWanted);
    std::vector<Eigen::Index> order;
    const double rankMs = bestOf(runs, [&] {
        const Eigen::ArrayXd blended = blendedUsdPerMtok(PriceColumns::from(offers), BlendMix{});
        order = rankByBlendedPrice(blended);
    });

    // 3. One slider move on the Blended cost page: recompute, update the series, render.
    int argc = 1;
    char appName[] = "finops-cli";
    char* appArgv[] = {appName, nullptr};
    std::unique_ptr<QApplication> app;
    if (!QCoreApplication::instance()) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        app = std::make_unique<QApplication>(argc, appArgv);
    }
    QTemporaryDir dir;
    Workspace workspace(dir.filePath(QStringLiteral("bench.db")));
    BlendPage page(workspace);
    page.resize(1280, 800);
    page.setOffers(offers);
    page.show();
    auto* slider = page.findChild<QSlider*>(QStringLiteral("inputShareSlider"));
    auto* view = page.findChild<QChartView*>(QStringLiteral("blendChart"));
    int step = 0;
    const double sliderMs = bestOf(std::max(runs, 10), [&] {
        slider->setValue(50 + (step++ % 40));
        QCoreApplication::processEvents();
        (void)view->grab(); // forces a full render of the chart
    });

    const double loadRankMs = loadMs + rankMs;
    if (args.has("json")) {
        printJson(ctx.out, {{"catalog_offers", catalog.size()},
                            {"litellm_entries", parsedEntries},
                            {"litellm_offers", liteLlmOffers},
                            {"ranked_offers", offers.size()},
                            {"load_ms", loadMs},
                            {"json_parse_only_ms", parseOnlyMs},
                            {"rank_ms", rankMs},
                            {"load_and_rank_ms", loadRankMs},
                            {"load_and_rank_goal_ms", 100.0},
                            {"load_and_rank_vs_goal", loadRankMs / 100.0},
                            {"slider_redraw_ms", sliderMs},
                            {"slider_goal_ms", 16.0},
                            {"slider_vs_goal", sliderMs / 16.0}});
        return ExitOk;
    }
    ctx.out << "catalog: " << catalog.size() << " offers (" << liteLlmOffers << " from " << fixture << ")\n";
    ctx.out << "load bundled + LiteLLM:  " << loadMs << " ms  (raw JSON parse alone: " << parseOnlyMs << " ms)\n";
    ctx.out << "rank " << offers.size() << " offers:       " << rankMs << " ms\n";
    ctx.out << "load + rank:             " << loadRankMs << " ms  = " << loadRankMs / 100.0
            << " x the 100 ms goal\n";
    ctx.out << "slider move + redraw:    " << sliderMs << " ms  = " << sliderMs / 16.0 << " x the 16 ms goal ("
            << offers.size() << " offers, best of " << std::max(runs, 10) << ")\n";
    return ExitOk;
}

// Writes a realistic LiteLLM spend-log CSV of `rows` rows: UUID request ids, ISO times over
// 90 days, a dozen models across providers, teams, users, request tags, and for the
// cached share of requests a metadata.usage_object with cache tokens.
std::uintmax_t writeSpendLogCsv(const std::string& path, std::int64_t rows)
{
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f)
        throw InputError(path, 0, "", "cannot write the benchmark file");
    static const char* const models[][2] = {
        {"gpt-4o-2024-08-06", "openai"},           {"gpt-5-mini-2025-08-07", "openai"},
        {"claude-sonnet-4-5-20250929", "anthropic"}, {"claude-haiku-4-5-20251001", "anthropic"},
        {"gemini-2.5-flash", "gemini"},            {"deepseek-chat", "deepseek"},
        {"llama-3.3-70b-versatile", "groq"},       {"gpt-4.1-mini-2025-04-14", "openai"}};
    static const char* const teams[] = {"support", "search", "code-assist", "analytics", "marketing"};
    static const char* const tags[] = {"[]", "[\"\"prod\"\"]", "[\"\"prod\"\",\"\"rag\"\"]", "[\"\"batch\"\"]"};
    std::fputs("request_id,startTime,model,custom_llm_provider,prompt_tokens,completion_tokens,spend,team_id,user,"
               "request_tags,metadata\n",
               f);
    std::mt19937_64 rng(42);
    const std::int64_t start = std::int64_t{Date::fromCivil(2025, 7, 1).daysSinceEpoch} * 86400;
    char line[1024];
    for (std::int64_t i = 0; i < rows; ++i) {
        const std::uint64_t a = rng(), b = rng();
        const auto& m = models[a % 8];
        const std::int64_t ts = start + static_cast<std::int64_t>(b % (90ULL * 86400));
        const Date d = dayOf(ts);
        const std::int64_t inDay = ts % 86400;
        const int prompt = 200 + static_cast<int>((a >> 8) % 6000);
        const int completion = 20 + static_cast<int>((a >> 24) % 900);
        const bool cached = (a >> 40) % 4 == 0;
        char metadata[160] = "";
        if (cached)
            std::snprintf(metadata, sizeof metadata,
                          "\"{\"\"usage_object\"\": {\"\"prompt_tokens_details\"\": {\"\"cached_tokens\"\": %d}}}\"",
                          prompt / 2);
        const int n = std::snprintf(
            line, sizeof line,
            "%08x-%04x-4%03x-a%03x-%012llx,%sT%02d:%02d:%02d.%03dZ,%s,%s,%d,%d,%.8f,%s,user%03d@acme.example,\"%s\",%s\n",
            static_cast<unsigned>(a), static_cast<unsigned>(a >> 32) & 0xffff, static_cast<unsigned>(b) & 0xfff,
            static_cast<unsigned>(b >> 12) & 0xfff, static_cast<unsigned long long>(b >> 16) & 0xffffffffffffULL,
            d.toString().c_str(), static_cast<int>(inDay / 3600), static_cast<int>(inDay / 60 % 60),
            static_cast<int>(inDay % 60), static_cast<int>(b % 1000), m[0], m[1], prompt, completion,
            (prompt * 1.0 + completion * 4.0) / 1e6, teams[(b >> 20) % 5], static_cast<int>((b >> 30) % 200),
            tags[(b >> 40) % 4], metadata);
        std::fwrite(line, 1, static_cast<std::size_t>(n), f);
    }
    std::fclose(f);
    return std::filesystem::file_size(path);
}

struct ChildRun
{
    int exitStatus = -1;
    double seconds = 0;
    long maxRssKb = 0;
    std::string output;
};

// Runs a command (argv[0] looked up in PATH), optionally feeding `input` on stdin, and
// measures its wall time and peak resident memory.
ChildRun runChild(const std::vector<std::string>& argv, const std::string& input = {})
{
    int inPipe[2], outPipe[2];
    if (::pipe(inPipe) != 0 || ::pipe(outPipe) != 0)
        throw std::runtime_error("pipe failed");
    const auto t0 = Clock::now();
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(inPipe[0], 0);
        ::dup2(outPipe[1], 1);
        ::close(inPipe[1]);
        ::close(outPipe[0]);
        std::vector<char*> args;
        for (const auto& a : argv)
            args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        ::execvp(args[0], args.data());
        ::_exit(127);
    }
    ::close(inPipe[0]);
    ::close(outPipe[1]);
    if (!input.empty())
        (void)!::write(inPipe[1], input.data(), input.size());
    ::close(inPipe[1]);
    ChildRun run;
    char buf[4096];
    ssize_t n;
    while ((n = ::read(outPipe[0], buf, sizeof buf)) > 0)
        run.output.append(buf, static_cast<std::size_t>(n));
    ::close(outPipe[0]);
    int status = 0;
    struct rusage usage{};
    ::wait4(pid, &status, 0, &usage);
    run.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    run.exitStatus = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    run.maxRssKb = usage.ru_maxrss;
    return run;
}

std::string selfExecutable()
{
    std::error_code ec;
    const auto p = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::string("finops-cli") : p.string();
}

int benchImport(CommandContext& ctx, std::span<const std::string> argv)
{
    ArgParser args("bench import", "[--rows N] [--keep DIR] [--json]",
                   {{"rows", "N", "rows of the generated LiteLLM spend-log CSV (default 1000000)"},
                    {"keep", "DIR", "write the CSV and databases here and keep them (default: a temporary folder)"},
                    jsonOption()},
                   "Generates a realistic LiteLLM spend-log CSV, imports it with `finops-cli import` (a child\n"
                   "process: validation, dedupe index, rollups, one transaction) and, in the same run, with the\n"
                   "sqlite3 shell's `.import` into a plain table; prints both rates and their ratio (goal >= 0.8),\n"
                   "our peak memory, and how long spend by month takes on the imported store.");
    args.parse(argv);
    if (handleHelp(args, ctx.out))
        return ExitOk;
    const std::int64_t rows = args.integer("rows").value_or(1000000);
    if (rows <= 0)
        args.fail("rows", "must be a positive number");
    QTemporaryDir tmp;
    const std::string dir = args.value("keep").value_or(tmp.path().toStdString());
    std::filesystem::create_directories(dir);
    const std::string csv = dir + "/spend-logs.csv";
    const std::string ourDb = dir + "/finops.db";
    const std::string refDb = dir + "/sqlite3-import.db";
    for (const std::string& p : {ourDb, ourDb + "-wal", ourDb + "-shm", refDb})
        std::filesystem::remove(p);

    ctx.err << "generating " << rows << " rows...\n";
    const auto bytes = writeSpendLogCsv(csv, rows);

    ctx.err << "finops-cli import...\n";
    const ChildRun ours = runChild({selfExecutable(), "import", csv, "--format", "litellm", "--db", ourDb, "--json"});
    if (ours.exitStatus != 0)
        throw std::runtime_error("finops-cli import failed: " + ours.output);
    ctx.err << "sqlite3 .import...\n";
    const ChildRun theirs = runChild({"sqlite3", refDb}, ".mode csv\n.import " + csv + " spend_logs\n");
    if (theirs.exitStatus != 0)
        throw std::runtime_error("sqlite3 .import failed (is the sqlite3 shell installed?)");

    // Spend by month, as the dashboard asks it, on the store just written.
    Store store(ourDb);
    UsageStore usage(store);
    const PriceCatalog catalog = loadWorkspaceCatalog(&store);
    std::size_t rollupRows = 0;
    const double spendMs = bestOf(5, [&] {
        const SpendInputs inputs = loadSpendInputs(usage, catalog, std::nullopt, std::nullopt);
        rollupRows = inputs.base.size();
        (void)spendReport(inputs, SpendGrouping::Month);
    });

    const double ourRate = static_cast<double>(rows) / ours.seconds;
    const double theirRate = static_cast<double>(rows) / theirs.seconds;
    const double ratio = ourRate / theirRate;
    const double mb = static_cast<double>(bytes) / 1e6;
    if (args.has("json")) {
        printJson(ctx.out, {{"rows", rows},
                            {"file_mb", mb},
                            {"ours_seconds", ours.seconds},
                            {"ours_rows_per_s", ourRate},
                            {"ours_peak_rss_mb", static_cast<double>(ours.maxRssKb) / 1024.0},
                            {"sqlite3_seconds", theirs.seconds},
                            {"sqlite3_rows_per_s", theirRate},
                            {"ratio", ratio},
                            {"ratio_goal", 0.8},
                            {"spend_by_month_ms", spendMs},
                            {"rollup_rows", rollupRows}});
        return ExitOk;
    }
    ctx.out << rows << " rows, " << mb << " MB of LiteLLM spend-log CSV\n";
    ctx.out << "finops-cli import: " << ours.seconds << " s = " << ourRate << " rows/s, peak RSS "
            << static_cast<double>(ours.maxRssKb) / 1024.0 << " MB\n";
    ctx.out << "sqlite3 .import:   " << theirs.seconds << " s = " << theirRate << " rows/s\n";
    ctx.out << "ratio (ours / sqlite3): " << ratio << " (goal >= 0.8)\n";
    ctx.out << "spend by month from " << rollupRows << " rollup rows: " << spendMs << " ms (goal < 100 ms)\n";
    return ExitOk;
}

int benchTco(CommandContext& ctx, std::span<const std::string> argv)
{
    ArgParser args("bench tco", "[--runs N] [--json]", {{"runs", "N", "repetitions, best reported (default 200)"}, jsonOption()},
                   "Times one full buy-vs-rent recompute (curves, break-even month and utilization, NPV,\n"
                   "per-Mtok costs) with the +-20% sensitivity sweep, 8 GPUs over a 60-month horizon.\n"
                   "Goal: under 2 ms, so the Buy vs rent page follows a slider at full frame rate.");
    args.parse(argv);
    if (handleHelp(args, ctx.out))
        return ExitOk;
    const int runs = static_cast<int>(std::max(1LL, args.integer("runs").value_or(200)));
    TcoInputs in;
    in.gpuCount = 8;
    in.purchaseUsdPerGpu = 27500;
    in.overheadPct = 20;
    in.powerWPerGpu = 700;
    in.hostOverheadPct = 50;
    in.idlePowerFraction = 0.3;
    in.pue = 1.3;
    in.usdPerKwh = 0.12;
    in.coloUsdPerKwMonth = 150;
    in.opsUsdPerMonth = 3000;
    in.utilization = 0.7;
    in.rentUsdPerGpuHour = 2.85;
    in.rentDeclinePctPerYear = 10;
    in.discountRatePct = 8;
    in.horizonMonths = 60;
    in.tokensPerSecondPerGpu = 2500;
    std::size_t points = 0;
    const double ms = bestOf(runs, [&] {
        const TcoResult r = computeTco(in);
        const auto s = tcoSensitivity(in);
        points = r.curve.size() + s.size();
    });
    if (args.has("json")) {
        printJson(ctx.out, {{"recompute_ms", ms}, {"goal_ms", 2.0}, {"ratio_to_goal", ms / 2.0}, {"runs", runs}});
        return ExitOk;
    }
    ctx.out << "full recompute with sensitivity (60 months, " << points << " points): " << ms << " ms = " << ms / 2.0
            << " x the 2 ms goal (best of " << runs << ")\n";
    return ExitOk;
}

// An executable beside this one (the build puts finops-kbench and the references there).
std::string besideSelf(const std::string& name)
{
    const std::filesystem::path self(selfExecutable());
    const auto beside = self.parent_path() / name;
    return std::filesystem::exists(beside) ? beside.string() : name;
}

int benchKbench(CommandContext& ctx, std::span<const std::string> argv)
{
    ArgParser args("bench kbench", "[--quick] [--json]", {{"quick", "", "small sizes (arrays below STREAM's rule)"}, jsonOption()},
                   "Runs finops-kbench and, in the same run on the same sizes, a plain OpenMP triad compiled\n"
                   "-O3 -march=native and OpenBLAS's cblas_sgemm; prints our triad and GEMM against them.\n"
                   "Goals: triad >= 0.9 of the reference, GEMM >= 0.7 of OpenBLAS.");
    args.parse(argv);
    if (handleHelp(args, ctx.out))
        return ExitOk;
    std::vector<std::string> kbench{besideSelf("finops-kbench")};
    if (args.has("quick"))
        kbench.push_back("--quick");
    ctx.err << "finops-kbench...\n";
    const ChildRun ours = runChild(kbench);
    nlohmann::json result;
    for (std::size_t pos = 0; pos < ours.output.size();) {
        const std::size_t end = std::min(ours.output.find('\n', pos), ours.output.size());
        const auto event = nlohmann::json::parse(ours.output.substr(pos, end - pos), nullptr, false);
        if (!event.is_discarded() && event.is_object() && event.value("event", "") == "result")
            result = event;
        pos = end + 1;
    }
    if (result.is_null())
        throw std::runtime_error("finops-kbench gave no result");
    const int threads = result.value("threads", 1);
    const std::size_t elements = result["stream"].value("array_bytes", std::size_t{0}) / sizeof(double);
    const int n = result.value("gemm_n", 512);
    const double ourTriad = result["stream"].value("triad_gbs", 0.0);
    const double ourGemm = result.value("gemm_gflops", 0.0);

    ctx.err << "reference triad...\n";
    const ChildRun triad = runChild({besideSelf("finops-reftriad"), std::to_string(elements), std::to_string(threads), "10"});
    const double refTriad = triad.exitStatus == 0 ? std::atof(triad.output.c_str()) : 0;
    ctx.err << "OpenBLAS sgemm...\n";
    const ChildRun blas = runChild({besideSelf("finops-refgemm"), std::to_string(n), std::to_string(threads), "5"});
    const double refGemm = blas.exitStatus == 0 ? std::atof(blas.output.c_str()) : 0.0; // 0: no OpenBLAS

    const double triadRatio = refTriad > 0 ? ourTriad / refTriad : 0;
    if (args.has("json")) {
        nlohmann::ordered_json j{{"threads", threads},
                                 {"array_bytes", elements * sizeof(double)},
                                 {"triad_gbs", ourTriad},
                                 {"reference_triad_gbs", refTriad},
                                 {"triad_ratio", triadRatio},
                                 {"triad_goal", 0.9},
                                 {"gemm_n", n},
                                 {"gemm_gflops", ourGemm},
                                 {"openblas_gflops", refGemm > 0 ? nlohmann::ordered_json(refGemm) : nlohmann::ordered_json(nullptr)},
                                 {"gemm_ratio", refGemm > 0 ? nlohmann::ordered_json(ourGemm / refGemm) : nlohmann::ordered_json(nullptr)},
                                 {"gemm_goal", 0.7},
                                 {"verified", result.value("verified", false)}};
        printJson(ctx.out, j);
        return ExitOk;
    }
    ctx.out << threads << " threads, arrays of " << elements * sizeof(double) / (1 << 20) << " MiB, GEMM n = " << n << '\n';
    ctx.out << "triad: ours " << ourTriad << " GB/s, reference " << refTriad << " GB/s, ratio " << triadRatio
            << " (goal >= 0.9)\n";
    if (const double blasGflops = refGemm; blasGflops > 0)
        ctx.out << "GEMM:  ours " << ourGemm << " GFLOP/s, OpenBLAS " << blasGflops << " GFLOP/s, ratio "
                << ourGemm / blasGflops << " (goal >= 0.7)\n";
    else
        ctx.out << "GEMM:  ours " << ourGemm << " GFLOP/s; OpenBLAS reference not built (install libopenblas-dev)\n";
    return ExitOk;
}

} // namespace

int runBench(CommandContext& ctx, std::span<const std::string> argv)
{
    const std::string usage = "Usage: finops-cli bench catalog [--litellm FILE] [--offers N] [--runs N] [--json]\n"
                              "       finops-cli bench import [--rows N] [--keep DIR] [--json]\n"
                              "       finops-cli bench tco [--runs N] [--json]\n"
                              "       finops-cli bench kbench [--quick] [--json]\n"
                              "       finops-cli bench forecast [--paths N] [--months N] [--runs N] [--json]\n"
                              "       finops-cli bench scenario-switch [--runs N] [--json]\n"
                              "       finops-cli bench report [--rows N] [--keep DIR] [--runs N] [--json]\n"
                              "       finops-cli bench route [--tasks N] [--models N] [--time-limit S] [--json]\n";
    if (argv.empty() || argv[0] == "--help") {
        (argv.empty() ? ctx.err : ctx.out) << usage;
        return argv.empty() ? ExitBadInput : ExitOk;
    }
    if (argv[0] == "catalog")
        return benchCatalog(ctx, argv.subspan(1));
    if (argv[0] == "import")
        return benchImport(ctx, argv.subspan(1));
    if (argv[0] == "tco")
        return benchTco(ctx, argv.subspan(1));
    if (argv[0] == "kbench")
        return benchKbench(ctx, argv.subspan(1));
    if (argv[0] == "forecast")
        return benchForecast(ctx, argv.subspan(1));
    if (argv[0] == "scenario-switch")
        return benchScenarioSwitch(ctx, argv.subspan(1));
    if (argv[0] == "report")
        return benchReport(ctx, argv.subspan(1));
    if (argv[0] == "route")
        return benchRoute(ctx, argv.subspan(1));
    throw UsageError("finops-cli bench: unknown benchmark '" + argv[0] + "'\n" + usage);
}

} // namespace finops::cli
