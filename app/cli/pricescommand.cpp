#include "cliapp.h"
#include "clisupport.h"
#include "displayformat.h"
#include "texttable.h"

#include <algorithm>

namespace finops::cli {

int runPrices(CommandContext& ctx, std::span<const std::string> argv)
{
    ArgParser args("prices", "[--provider P] [--open-only] [--at YYYY-MM-DD] [--db PATH] [--json]",
                   {{"provider", "P", "only this provider's offers"},
                    {"open-only", "", "only open-weight models"},
                    {"at", "YYYY-MM-DD", "prices in force on this day (default today)"},
                    dbOption(),
                    jsonOption()},
                   "Lists every offer of the price catalog in force on a day: the bundled sheets\n"
                   "and the sheets imported with `finops-cli catalog import`. USD per million tokens.");
    args.parse(argv);
    if (handleHelp(args, ctx.out))
        return ExitOk;
    if (!args.positionals().empty())
        throw UsageError("finops-cli prices: unexpected argument '" + args.positionals()[0] + "'");

    const PriceCatalog catalog = loadCatalog(args);
    std::vector<PriceOffer> offers = catalog.offersAt(lookupDate(args));
    const auto provider = args.value("provider");
    std::erase_if(offers, [&](const PriceOffer& o) {
        return (provider && o.provider != *provider) || (args.has("open-only") && !o.openWeights);
    });

    if (args.has("json")) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const PriceOffer& o : offers) {
            list.push_back({{"provider", o.provider},
                            {"model", o.model},
                            {"input_usd_per_mtok", o.inputUsdPerMtok},
                            {"cached_input_usd_per_mtok", optionalNumber(o.cachedInputUsdPerMtok)},
                            {"cache_write_usd_per_mtok", optionalNumber(o.cacheWriteUsdPerMtok)},
                            {"output_usd_per_mtok", o.outputUsdPerMtok},
                            {"open_weights", o.openWeights},
                            {"effective_from", o.effectiveFrom.toString()},
                            {"source", o.source}});
        }
        printJson(ctx.out, {{"offers", list}});
        return ExitOk;
    }

    TextTable table;
    table.addColumn("provider");
    table.addColumn("model");
    table.addColumn("input", TextTable::Align::Right);
    table.addColumn("cached", TextTable::Align::Right);
    table.addColumn("cache write", TextTable::Align::Right);
    table.addColumn("output", TextTable::Align::Right);
    table.addColumn("open");
    table.addColumn("from");
    auto price = [](const std::optional<double>& v) { return v ? formatUnitPrice(*v) : std::string("-"); };
    for (const PriceOffer& o : offers)
        table.addRow({o.provider, o.model, formatUnitPrice(o.inputUsdPerMtok), price(o.cachedInputUsdPerMtok),
                      price(o.cacheWriteUsdPerMtok), formatUnitPrice(o.outputUsdPerMtok), o.openWeights ? "yes" : "no",
                      o.effectiveFrom.toString()});
    table.print(ctx.out);
    ctx.out << offers.size() << " offers, USD per million tokens\n";
    return ExitOk;
}

} // namespace finops::cli
