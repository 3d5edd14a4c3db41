#include "selfhosted.h"
#include "blend.h"
#include "cliapp.h"
#include "clisupport.h"
#include "displayformat.h"
#include "texttable.h"

namespace finops::cli {

namespace {

int blendPair(CommandContext& ctx, const ArgParser& args, const BlendMix& mix)
{
    const auto input = args.nonNegative("input-price");
    const auto output = args.nonNegative("output-price");
    if (!input)
        args.fail("input-price", "missing: give --input-price and --output-price, or --catalog");
    if (!output)
        args.fail("output-price", "missing: give --input-price and --output-price, or --catalog");
    const double cached = args.nonNegative("cached-input-price").value_or(*input);
    const double blended = blendedUsdPerMtok(*input, *output, mix, cached);
    const auto tokens = args.nonNegative("monthly-tokens");

    if (args.has("json")) {
        nlohmann::ordered_json j{{"blended_usd_per_mtok", blended}};
        if (tokens)
            j["monthly_cost_usd"] = monthlyCostUsd(blended, *tokens);
        printJson(ctx.out, j);
        return ExitOk;
    }
    ctx.out << "blended price: " << formatUnitPrice(blended) << " per million tokens ("
            << mix.inputShare * 100 << "% input, " << mix.cacheHitRate * 100 << "% cache hits)\n";
    if (tokens)
        ctx.out << "monthly cost:  " << formatUsd(monthlyCostUsd(blended, *tokens)) << " for "
                << formatCount(*tokens) << " tokens\n";
    return ExitOk;
}

int blendCatalog(CommandContext& ctx, const ArgParser& args, const BlendMix& mix)
{
    for (const char* pairOnly : {"input-price", "output-price", "cached-input-price"})
        if (args.has(pairOnly))
            args.fail(pairOnly, "cannot be combined with --catalog");
    const auto top = args.integer("top");
    if (top && *top <= 0)
        args.fail("top", "must be a positive number of offers");

    const PriceCatalog catalog = loadCatalog(args);
    std::vector<PriceOffer> offers = catalog.offersAt(lookupDate(args));
    const auto provider = args.value("provider");
    std::erase_if(offers, [&](const PriceOffer& o) {
        return (provider && o.provider != *provider) || (args.has("open-only") && !o.openWeights);
    });
    const Eigen::ArrayXd blended = blendedUsdPerMtok(PriceColumns::from(offers), mix);
    std::vector<Eigen::Index> order = rankByBlendedPrice(blended);
    if (top && static_cast<std::size_t>(*top) < order.size())
        order.resize(static_cast<std::size_t>(*top));

    if (args.has("json")) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (Eigen::Index i : order) {
            const PriceOffer& o = offers[static_cast<std::size_t>(i)];
            list.push_back({{"provider", o.provider},
                            {"model", o.model},
                            {"blended_usd_per_mtok", blended[i]},
                            {"open_weights", o.openWeights}});
        }
        printJson(ctx.out, {{"offers", list}});
        return ExitOk;
    }
    const auto tokens = args.nonNegative("monthly-tokens");
    TextTable table;
    table.addColumn("#", TextTable::Align::Right);
    table.addColumn("provider");
    table.addColumn("model");
    table.addColumn("blended", TextTable::Align::Right);
    if (tokens)
        table.addColumn("per month", TextTable::Align::Right);
    table.addColumn("open");
    int rank = 0;
    for (Eigen::Index i : order) {
        const PriceOffer& o = offers[static_cast<std::size_t>(i)];
        std::vector<std::string> row{std::to_string(++rank), o.provider, o.model, formatUnitPrice(blended[i])};
        if (tokens)
            row.push_back(formatUsd(monthlyCostUsd(blended[i], *tokens)));
        row.push_back(isSelfHostedProvider(o.provider) ? "self-hosted" : o.openWeights ? "yes" : "no");
        table.addRow(std::move(row));
    }
    table.print(ctx.out);
    ctx.out << "blended USD per million tokens at " << mix.inputShare * 100 << "% input, "
            << mix.cacheHitRate * 100 << "% cache hits\n";
    return ExitOk;
}

} // namespace

int runBlend(CommandContext& ctx, std::span<const std::string> argv)
{
    ArgParser args("blend",
                   "--input-price X --output-price Y [--input-share W] [--cached-input-price C "
                   "--cache-hit-rate H] [--monthly-tokens N] [--json]\n"
                   "       finops-cli blend --catalog [--input-share W] [--cache-hit-rate H] [--top N] "
                   "[--open-only] [--provider P] [--json]",
                   {{"input-price", "X", "input price, USD per million tokens"},
                    {"output-price", "Y", "output price, USD per million tokens"},
                    {"cached-input-price", "C", "cache-read price, USD per million tokens (default: input price)"},
                    {"input-share", "W", "fraction of tokens that are input, 0..1 (default 0.8)"},
                    {"cache-hit-rate", "H", "fraction of input tokens read from the cache, 0..1 (default 0)"},
                    {"monthly-tokens", "N", "tokens a month, for the monthly cost"},
                    {"catalog", "", "rank every offer of the catalog instead"},
                    {"top", "N", "with --catalog: only the N cheapest"},
                    {"open-only", "", "with --catalog: only open-weight models"},
                    {"provider", "P", "with --catalog: only this provider"},
                    {"at", "YYYY-MM-DD", "with --catalog: prices in force on this day"},
                    dbOption(),
                    jsonOption()},
                   "Blended price = W * (H * cached + (1 - H) * input) + (1 - W) * output.");
    args.parse(argv);
    if (handleHelp(args, ctx.out))
        return ExitOk;
    if (!args.positionals().empty())
        throw UsageError("finops-cli blend: unexpected argument '" + args.positionals()[0] + "'");
    BlendMix mix;
    mix.inputShare = args.fraction("input-share").value_or(0.8);
    mix.cacheHitRate = args.fraction("cache-hit-rate").value_or(0.0);
    args.nonNegative("monthly-tokens"); // validated for both modes
    return args.has("catalog") ? blendCatalog(ctx, args, mix) : blendPair(ctx, args, mix);
}

} // namespace finops::cli
