#include "cliapp.h"
#include "inputerror.h"
#include "textparse.h"
#include "clisupport.h"
#include "displayformat.h"
#include "texttable.h"
#include "workspacecatalog.h"

namespace finops::cli {

namespace {

int catalogImport(CommandContext& ctx, std::span<const std::string> argv)
{
    ArgParser args("catalog import", "FILE [--format auto|native|litellm|csv] [--effective-from YYYY-MM-DD] "
                                     "[--db PATH] [--json]",
                   {{"format", "F", "auto (default), native, litellm or csv"},
                    {"effective-from", "YYYY-MM-DD",
                     "date for offers the file gives no date for (default today)"},
                    dbOption(),
                    jsonOption()},
                   "Reads a price sheet and stores it in the workspace: all of it in one transaction,\n"
                   "or nothing when any value is bad. Importing the same file again adds nothing.");
    args.parse(argv);
    if (handleHelp(args, ctx.out))
        return ExitOk;
    if (args.positionals().size() != 1)
        throw UsageError("finops-cli catalog import: expected one FILE (see --help)");
    const std::string format = args.value("format").value_or("auto");
    if (format != "auto" && format != "native" && format != "litellm" && format != "csv")
        args.fail("format", "expected auto, native, litellm or csv");
    PriceImportOptions options;
    options.defaultEffectiveFrom = Clock::today();
    if (auto d = args.value("effective-from")) {
        auto date = Date::parse(*d);
        if (!date)
            args.fail("effective-from", "expected a date as YYYY-MM-DD, found '" + *d + "'");
        options.defaultEffectiveFrom = *date;
    }

    // Read and check the file before touching the store, so a bad file creates nothing.
    const std::string path = args.positionals()[0];
    const PriceSheetFile file = readPriceSheetFile(path, format, options);
    auto store = openStore(args, true);
    const bool alreadyImported = store->addPriceSheet(file.sheet, file.sha256).alreadyImported;
    const std::size_t imported = alreadyImported ? 0 : file.sheet.offers.size();

    if (args.has("json")) {
        nlohmann::ordered_json skipped = nlohmann::ordered_json::array();
        for (const SkippedEntry& s : file.sheet.skipped)
            skipped.push_back({{"key", s.key}, {"reason", s.reason}});
        printJson(ctx.out, {{"imported", imported}, {"skipped", skipped}});
    } else if (alreadyImported) {
        ctx.out << path << ": already imported (same content); nothing added\n";
    } else {
        ctx.out << path << ": imported " << imported << " offers as " << file.sheet.format << " into "
                << store->path() << "; skipped " << file.sheet.skipped.size() << " entries\n";
        std::size_t shown = 0;
        for (const SkippedEntry& s : file.sheet.skipped) {
            if (++shown > 10) {
                ctx.out << "  ... and " << file.sheet.skipped.size() - 10 << " more (--json lists all)\n";
                break;
            }
            ctx.out << "  skipped " << s.key << ": " << s.reason << '\n';
        }
    }
    if (alreadyImported)
        ctx.err << "finops-cli catalog import: " << path << " was imported before; nothing added\n";
    return ExitOk;
}

int catalogList(CommandContext& ctx, std::span<const std::string> argv)
{
    ArgParser args("catalog list", "[--db PATH] [--json]", {dbOption(), jsonOption()},
                   "Lists the price sheets imported into the workspace.");
    args.parse(argv);
    if (handleHelp(args, ctx.out))
        return ExitOk;
    auto store = openStore(args, false);
    const auto sheets = store ? store->priceSheetInfos() : std::vector<Store::SheetInfo>{};
    if (args.has("json")) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const auto& s : sheets)
            list.push_back({{"id", s.id},
                            {"name", s.name},
                            {"format", s.format},
                            {"sha256", s.sha256},
                            {"imported_at", s.importedAt},
                            {"offers", s.offers},
                            {"skipped", s.skipped}});
        printJson(ctx.out, {{"sheets", list}});
        return ExitOk;
    }
    TextTable table;
    table.addColumn("id", TextTable::Align::Right);
    table.addColumn("file");
    table.addColumn("format");
    table.addColumn("imported at");
    table.addColumn("offers", TextTable::Align::Right);
    table.addColumn("skipped", TextTable::Align::Right);
    for (const auto& s : sheets)
        table.addRow({std::to_string(s.id), s.name, s.format, s.importedAt, std::to_string(s.offers),
                      std::to_string(s.skipped)});
    table.print(ctx.out);
    return ExitOk;
}

int catalogRemove(CommandContext& ctx, std::span<const std::string> argv)
{
    ArgParser args("catalog remove", "ID [--db PATH] [--json]", {dbOption(), jsonOption()},
                   "Removes an imported price sheet and its offers (ids from `catalog list`).");
    args.parse(argv);
    if (handleHelp(args, ctx.out))
        return ExitOk;
    if (args.positionals().size() != 1)
        throw UsageError("finops-cli catalog remove: expected one sheet ID");
    const auto id = text::parseInt(args.positionals()[0]);
    if (!id)
        throw UsageError("finops-cli catalog remove: ID must be a number, found '" + args.positionals()[0] + "'");
    auto store = openStore(args, false);
    if (!store || !store->removePriceSheet(*id))
        throw InputError(args.value("db").value_or(Store::defaultPath()), 0, "id",
                         "no imported price sheet with id " + std::to_string(*id));
    if (args.has("json"))
        printJson(ctx.out, {{"removed", *id}});
    else
        ctx.out << "removed price sheet " << *id << '\n';
    return ExitOk;
}

} // namespace

int runCatalog(CommandContext& ctx, std::span<const std::string> argv)
{
    const std::string usage = "Usage: finops-cli catalog import FILE [--format F] [--db PATH] [--json]\n"
                              "       finops-cli catalog list [--db PATH] [--json]\n"
                              "       finops-cli catalog remove ID [--db PATH] [--json]\n";
    if (argv.empty() || argv[0] == "--help") {
        (argv.empty() ? ctx.err : ctx.out) << usage;
        return argv.empty() ? ExitBadInput : ExitOk;
    }
    if (argv[0] == "import")
        return catalogImport(ctx, argv.subspan(1));
    if (argv[0] == "list")
        return catalogList(ctx, argv.subspan(1));
    if (argv[0] == "remove")
        return catalogRemove(ctx, argv.subspan(1));
    throw UsageError("finops-cli catalog: unknown command '" + argv[0] + "'\n" + usage);
}

} // namespace finops::cli
