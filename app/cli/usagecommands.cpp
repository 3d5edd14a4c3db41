// The usage commands: import, imports, spend, reprice, demo, mapping.
#include "cliapp.h"
#include "clisupport.h"
#include "demoworkspace.h"
#include "displayformat.h"
#include "fileio.h"
#include "inputerror.h"
#include "spend.h"
#include "texttable.h"
#include "textparse.h"
#include "usageimport.h"
#include "usageimporter.h"
#include "usagequery.h"
#include "usagestore.h"
#include "workspacecatalog.h"

#include <filesystem>

namespace finops::cli {

namespace {

std::optional<Date> dateOption(const ArgParser& args, const std::string& name)
{
    const auto v = args.value(name);
    if (!v)
        return std::nullopt;
    const auto d = Date::parse(*v);
    if (!d)
        args.fail(name, "expected a date as YYYY-MM-DD, found '" + *v + "'");
    return d;
}

void checkPeriod(const ArgParser& args, const std::optional<Date>& from, const std::optional<Date>& to)
{
    if (from && to && *to < *from)
        args.fail("to", "is before --from");
}

// --mapping: a profile file, or the name of a profile saved in the store.
std::optional<MappingProfile> mappingOption(const ArgParser& args, Store& store)
{
    const auto m = args.value("mapping");
    if (!m)
        return std::nullopt;
    if (std::filesystem::exists(*m))
        return MappingProfile::fromJson(readWholeFile(*m), *m);
    UsageStore usage(store);
    if (auto saved = usage.mappingProfile(*m))
        return saved;
    args.fail("mapping", "no profile file or saved profile named '" + *m + "'");
}

std::string counts(std::int64_t n) { return formatCount(static_cast<double>(n)); }

} // namespace

int runImport(CommandContext& ctx, std::span<const std::string> argv)
{
    std::string formats = "auto";
    for (const auto& imp : usageImporters())
        formats += "|" + std::string(imp->format());
    ArgParser args("import",
                   "FILE... [--format F] [--mapping PROFILE] [--tag K=V]... [--skip-bad REJECTS.csv] [--db PATH] [--json]",
                   {{"format", "F", formats},
                    {"mapping", "PROFILE", "column mapping for the generic format: a profile file or a saved name"},
                    {"tag", "K=V", "add this tag to every record (repeatable)"},
                    {"skip-bad", "REJECTS.csv", "import the good records and write the bad ones here with reasons"},
                    dbOption(),
                    jsonOption()},
                   "Imports usage exports into the workspace, each file as one batch in one transaction.\n"
                   "Strict by default: a bad record refuses its file, naming file:line:field, and nothing\n"
                   "of that file is written. Records already stored count as duplicates.");
    args.parse(argv);
    if (handleHelp(args, ctx.out))
        return ExitOk;
    if (args.positionals().empty())
        throw UsageError("finops-cli import: expected at least one FILE (see --help)");
    UsageImportRequest request;
    request.format = args.value("format").value_or("auto");
    if (request.format != "auto") {
        bool known = false;
        for (const auto& imp : usageImporters())
            known = known || imp->format() == request.format;
        if (!known)
            args.fail("format", "expected one of " + formats);
    }
    for (const std::string& tag : args.values("tag")) {
        const auto eq = tag.find('=');
        if (eq == std::string::npos || eq == 0)
            args.fail("tag", "expected KEY=VALUE, found '" + tag + "'");
        request.tags.emplace_back(tag.substr(0, eq), tag.substr(eq + 1));
    }
    const auto rejectsPath = args.value("skip-bad");
    request.skipBad = rejectsPath.has_value();
    for (const std::string& file : args.positionals())
        if (!std::filesystem::exists(file))
            throw InputError(file, 0, "", "no such file");

    auto store = openStore(args, true);
    const auto mapping = mappingOption(args, *store);
    request.mapping = mapping ? &*mapping : nullptr;

    nlohmann::ordered_json batches = nlohmann::ordered_json::array();
    std::vector<RejectedRecord> allRejects;
    TextTable table;
    table.addColumn("file");
    table.addColumn("format");
    table.addColumn("imported", TextTable::Align::Right);
    table.addColumn("duplicates", TextTable::Align::Right);
    table.addColumn("rejected", TextTable::Align::Right);
    table.addColumn("batch", TextTable::Align::Right);
    for (const std::string& file : args.positionals()) {
        request.path = file;
        UsageImportResult r;
        try {
            r = importUsageFile(*store, request);
        } catch (const InputError&) {
            if (batches.size() > 0)
                ctx.err << "finops-cli import: the files before " << file << " were imported; " << file
                        << " and the ones after it were not\n";
            throw;
        }
        batches.push_back({{"file", r.file},
                           {"format", r.format},
                           {"imported", r.imported},
                           {"duplicates", r.duplicates},
                           {"rejected", r.rejected},
                           {"batch_id", r.batchId ? nlohmann::ordered_json(r.batchId) : nlohmann::ordered_json(nullptr)}});
        table.addRow({r.file, r.format, counts(r.imported), counts(r.duplicates), counts(r.rejected),
                      r.batchId ? std::to_string(r.batchId) : "-"});
        allRejects.insert(allRejects.end(), r.rejects.begin(), r.rejects.end());
    }
    if (rejectsPath)
        writeRejects(*rejectsPath, allRejects);
    if (args.has("json"))
        printJson(ctx.out, {{"batches", batches}});
    else {
        table.print(ctx.out);
        if (rejectsPath)
            ctx.out << allRejects.size() << " rejected records written to " << *rejectsPath << '\n';
    }
    return ExitOk;
}

int runImports(CommandContext& ctx, std::span<const std::string> argv)
{
    if (!argv.empty() && argv[0] == "remove") {
        ArgParser args("imports remove", "BATCH_ID [--db PATH] [--json]", {dbOption(), jsonOption()},
                       "Removes an import batch: its records go and the rollups of their days are rebuilt.");
        args.parse(argv.subspan(1));
        if (handleHelp(args, ctx.out))
            return ExitOk;
        if (args.positionals().size() != 1)
            throw UsageError("finops-cli imports remove: expected one BATCH_ID");
        const auto id = text::parseInt(args.positionals()[0]);
        if (!id)
            throw UsageError("finops-cli imports remove: BATCH_ID must be a number, found '" + args.positionals()[0] + "'");
        auto store = openStore(args, false);
        if (!store || !UsageStore(*store).removeBatch(*id))
            throw InputError(args.value("db").value_or(Store::defaultPath()), 0, "batch_id",
                             "no import batch with id " + std::to_string(*id));
        if (args.has("json"))
            printJson(ctx.out, {{"removed", *id}});
        else
            ctx.out << "removed import batch " << *id << '\n';
        return ExitOk;
    }
    ArgParser args("imports", "[--db PATH] [--json]\n       finops-cli imports remove BATCH_ID [--db PATH]",
                   {dbOption(), jsonOption()}, "Lists the import batches of the workspace.");
    args.parse(argv);
    if (handleHelp(args, ctx.out))
        return ExitOk;
    if (!args.positionals().empty())
        throw UsageError("finops-cli imports: unknown subcommand '" + args.positionals()[0] + "' (remove)");
    auto store = openStore(args, false);
    const auto batches = store ? UsageStore(*store).batches() : std::vector<UsageStore::BatchInfo>{};
    if (args.has("json")) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const auto& b : batches)
            list.push_back({{"batch_id", b.id},
                            {"file", b.file},
                            {"format", b.format},
                            {"sha256", b.sha256},
                            {"imported_at", b.importedAt},
                            {"imported", b.records},
                            {"duplicates", b.duplicates},
                            {"rejected", b.rejected}});
        printJson(ctx.out, {{"batches", list}});
        return ExitOk;
    }
    TextTable table;
    table.addColumn("batch", TextTable::Align::Right);
    table.addColumn("file");
    table.addColumn("format");
    table.addColumn("imported at");
    table.addColumn("records", TextTable::Align::Right);
    table.addColumn("duplicates", TextTable::Align::Right);
    table.addColumn("rejected", TextTable::Align::Right);
    for (const auto& b : batches)
        table.addRow({std::to_string(b.id), b.file, b.format, b.importedAt, counts(b.records), counts(b.duplicates),
                      counts(b.rejected)});
    table.print(ctx.out);
    return ExitOk;
}

int runSpend(CommandContext& ctx, std::span<const std::string> argv)
{
    ArgParser args("spend", "[--by day|month|provider|model|tag:KEY] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--db PATH] [--json]",
                   {{"by", "DIM", "day, month (default), provider, model or tag:KEY"},
                    {"from", "YYYY-MM-DD", "first day (inclusive)"},
                    {"to", "YYYY-MM-DD", "last day (inclusive)"},
                    dbOption(),
                    jsonOption()},
                   "Spend from the daily rollups. A record's cost is the cost its log reported, else its\n"
                   "tokens at the catalog prices of its day; usage the catalog cannot price is counted\n"
                   "as unpriced, never as zero.");
    args.parse(argv);
    if (handleHelp(args, ctx.out))
        return ExitOk;
    const std::string by = args.value("by").value_or("month");
    SpendGrouping grouping;
    std::string tagKey;
    if (by == "day")
        grouping = SpendGrouping::Day;
    else if (by == "month")
        grouping = SpendGrouping::Month;
    else if (by == "provider")
        grouping = SpendGrouping::Provider;
    else if (by == "model")
        grouping = SpendGrouping::Model;
    else if (by.rfind("tag:", 0) == 0 && by.size() > 4) {
        grouping = SpendGrouping::Tag;
        tagKey = by.substr(4);
    } else
        args.fail("by", "expected day, month, provider, model or tag:KEY, found '" + by + "'");
    const auto from = dateOption(args, "from");
    const auto to = dateOption(args, "to");
    checkPeriod(args, from, to);

    auto store = openStore(args, false);
    SpendReport report;
    if (store) {
        UsageStore usage(*store);
        const PriceCatalog catalog = loadWorkspaceCatalog(store.get());
        report = spendReport(loadSpendInputs(usage, catalog, from, to, tagKey), grouping);
    }
    if (args.has("json")) {
        nlohmann::ordered_json rows = nlohmann::ordered_json::array();
        for (const SpendRow& r : report.rows)
            rows.push_back({{"key", r.key},
                            {"requests", r.requests},
                            {"input_tokens", r.inputTokens},
                            {"cached_input_tokens", r.cachedInputTokens},
                            {"cache_write_tokens", r.cacheWriteTokens},
                            {"output_tokens", r.outputTokens},
                            {"cost_usd", r.costUsd},
                            {"unpriced_requests", r.unpricedRequests}});
        printJson(ctx.out, {{"rows", rows},
                            {"total_cost_usd", report.totalCostUsd},
                            {"unpriced_requests", report.unpricedRequests},
                            {"unpriced_tokens", report.unpricedTokens}});
        return ExitOk;
    }
    TextTable table;
    table.addColumn(by);
    table.addColumn("requests", TextTable::Align::Right);
    table.addColumn("input", TextTable::Align::Right);
    table.addColumn("cached", TextTable::Align::Right);
    table.addColumn("cache write", TextTable::Align::Right);
    table.addColumn("output", TextTable::Align::Right);
    table.addColumn("cost", TextTable::Align::Right);
    table.addColumn("unpriced req.", TextTable::Align::Right);
    for (const SpendRow& r : report.rows)
        table.addRow({r.key, counts(r.requests), counts(r.inputTokens), counts(r.cachedInputTokens),
                      counts(r.cacheWriteTokens), counts(r.outputTokens), formatUsd(r.costUsd), counts(r.unpricedRequests)});
    table.print(ctx.out);
    ctx.out << "total " << formatUsd(report.totalCostUsd);
    if (report.unpricedTokens > 0)
        ctx.out << " (plus " << counts(report.unpricedTokens) << " tokens of unpriced usage not in the total)";
    ctx.out << '\n';
    return ExitOk;
}

int runReprice(CommandContext& ctx, std::span<const std::string> argv)
{
    ArgParser args("reprice", "[--from YYYY-MM-DD] [--to YYYY-MM-DD] [--top N] [--open-only] [--db PATH] [--json]",
                   {{"from", "YYYY-MM-DD", "first day (default: the first day of last month)"},
                    {"to", "YYYY-MM-DD", "last day (default: the last day of last month)"},
                    {"top", "N", "only the N cheapest alternatives (default 20)"},
                    {"open-only", "", "only open-weight alternatives"},
                    dbOption(),
                    jsonOption()},
                   "Prices the exact token kinds of a period on every catalog offer, at the prices in force\n"
                   "on the usage days: what the same work would have cost on each model. When last month\n"
                   "has no usage, the default period is all stored usage.");
    args.parse(argv);
    if (handleHelp(args, ctx.out))
        return ExitOk;
    auto from = dateOption(args, "from");
    auto to = dateOption(args, "to");
    checkPeriod(args, from, to);
    const auto top = args.integer("top").value_or(20);
    if (top <= 0)
        args.fail("top", "must be a positive number of alternatives");

    auto store = openStore(args, false);
    RepriceResult result;
    if (store) {
        UsageStore usage(*store);
        if (!from && !to) {
            const Date today = Clock::today();
            const Date firstOfThisMonth = Date::fromCivil(today.year(), today.month(), 1);
            const Date lastOfLastMonth{firstOfThisMonth.daysSinceEpoch - 1};
            const Date firstOfLastMonth = Date::fromCivil(lastOfLastMonth.year(), lastOfLastMonth.month(), 1);
            if (!usage.rollups(firstOfLastMonth, lastOfLastMonth).empty()) {
                from = firstOfLastMonth;
                to = lastOfLastMonth;
            }
        }
        const PriceCatalog catalog = loadWorkspaceCatalog(store.get());
        result = reprice(loadSpendInputs(usage, catalog, from, to).base, catalog.histories());
    }
    if (args.has("open-only"))
        std::erase_if(result.alternatives, [](const RepriceAlternative& a) { return !a.openWeights; });
    if (result.alternatives.size() > static_cast<std::size_t>(top))
        result.alternatives.resize(static_cast<std::size_t>(top));

    if (args.has("json")) {
        nlohmann::ordered_json alternatives = nlohmann::ordered_json::array();
        for (const RepriceAlternative& a : result.alternatives)
            alternatives.push_back({{"provider", a.provider},
                                    {"model", a.model},
                                    {"cost_usd", a.costUsd},
                                    {"savings_usd", a.savingsUsd},
                                    {"savings_pct", a.savingsPct}});
        printJson(ctx.out, {{"from", from ? nlohmann::ordered_json(from->toString()) : nlohmann::ordered_json(nullptr)},
                            {"to", to ? nlohmann::ordered_json(to->toString()) : nlohmann::ordered_json(nullptr)},
                            {"actual_cost_usd", result.actualCostUsd},
                            {"excluded_unpriced_requests", result.excludedUnpricedRequests},
                            {"alternatives", alternatives}});
        return ExitOk;
    }
    ctx.out << "period: " << (from ? from->toString() : "start") << " to " << (to ? to->toString() : "end")
            << "; actual cost " << formatUsd(result.actualCostUsd) << '\n';
    if (result.excludedUnpricedTokens > 0)
        ctx.out << "(" << counts(result.excludedUnpricedTokens)
                << " tokens of unpriced usage left out on both sides)\n";
    TextTable table;
    table.addColumn("provider");
    table.addColumn("model");
    table.addColumn("would cost", TextTable::Align::Right);
    table.addColumn("savings", TextTable::Align::Right);
    table.addColumn("%", TextTable::Align::Right);
    for (const RepriceAlternative& a : result.alternatives) {
        char pct[32];
        std::snprintf(pct, sizeof pct, "%.1f%%", a.savingsPct);
        table.addRow({a.provider, a.model, formatUsd(a.costUsd), formatUsd(a.savingsUsd), pct});
    }
    table.print(ctx.out);
    return ExitOk;
}

int runDemo(CommandContext& ctx, std::span<const std::string> argv)
{
    ArgParser args("demo", "[--db PATH] [--json]", {dbOption(), jsonOption()},
                   "Writes the demo workspace: 90 days of generated usage ending today for five teams,\n"
                   "across OpenAI, Anthropic, Google, DeepSeek and Groq models.");
    args.parse(argv);
    if (handleHelp(args, ctx.out))
        return ExitOk;
    auto store = openStore(args, true);
    const DemoResult r = writeDemoWorkspace(*store, Clock::today());
    if (args.has("json"))
        printJson(ctx.out, {{"db", store->path()}, {"batch_id", r.batchId}, {"imported", r.records}});
    else
        ctx.out << "demo workspace in " << store->path() << ": " << r.records << " records (batch " << r.batchId << ")\n";
    return ExitOk;
}

int runMapping(CommandContext& ctx, std::span<const std::string> argv)
{
    ArgParser args("mapping", "save FILE.json | list [--db PATH] [--json]", {dbOption(), jsonOption()},
                   "Saves a column-mapping profile (for `import --format generic --mapping NAME`) in the\n"
                   "workspace, or lists the saved ones.");
    args.parse(argv);
    if (handleHelp(args, ctx.out))
        return ExitOk;
    const auto& pos = args.positionals();
    if (pos.empty() || (pos[0] != "save" && pos[0] != "list"))
        throw UsageError("finops-cli mapping: expected `save FILE.json` or `list`");
    if (pos[0] == "save") {
        if (pos.size() != 2)
            throw UsageError("finops-cli mapping save: expected one FILE.json");
        const MappingProfile profile = MappingProfile::fromJson(readWholeFile(pos[1]), pos[1]);
        auto store = openStore(args, true);
        UsageStore(*store).saveMappingProfile(profile);
        if (args.has("json"))
            printJson(ctx.out, {{"saved", profile.name}});
        else
            ctx.out << "saved mapping profile '" << profile.name << "'\n";
        return ExitOk;
    }
    auto store = openStore(args, false);
    const auto names = store ? UsageStore(*store).mappingProfileNames() : std::vector<std::string>{};
    if (args.has("json"))
        printJson(ctx.out, {{"profiles", names}});
    else
        for (const auto& n : names)
            ctx.out << n << '\n';
    return ExitOk;
}

} // namespace finops::cli
