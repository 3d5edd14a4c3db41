#include "nativepriceimporter.h"

#include "inputerror.h"
#include "jsondocument.h"

#include <cmath>
#include <map>
#include <tuple>

namespace finops {

namespace {

using nlohmann::json;

void checkCurrency(const JsonFields& r)
{
    if (auto currency = r.string("currency"); currency && *currency != "USD")
        r.fail("currency", "unknown currency '" + *currency + "' (prices must be in USD)");
}

} // namespace

bool NativePriceImporter::recognises(std::string_view head) const
{
    return head.find(kSchema) != std::string_view::npos ||
           (head.find("\"offers\"") != std::string_view::npos &&
            head.find("_usd_per_mtok\"") != std::string_view::npos);
}

PriceSheet NativePriceImporter::read(std::string_view text, const std::string& fileName,
                                     const PriceImportOptions& /*options*/) const
{
    const JsonDocument doc = JsonDocument::parse(text, fileName);
    const json& root = doc.root();
    if (!root.is_object())
        doc.fail("", "", "expected a JSON object with an \"offers\" array");
    const JsonFields sheet(doc, root, "", "");
    if (auto schema = sheet.string("schema"); schema && *schema != kSchema)
        sheet.fail("schema", "expected \"" + std::string(kSchema) + "\"");
    if (auto version = sheet.number("version"); version && *version != 1)
        sheet.fail("version", "unsupported version (this build reads version 1)");
    checkCurrency(sheet);

    const std::string sheetProvider = sheet.string("provider").value_or("");
    const std::string sheetSource = sheet.string("source").value_or("");
    const std::string sheetSourceDate = sheet.string("source_date").value_or("");

    const json* offers = sheet.find("offers");
    if (!offers)
        sheet.fail("offers", "missing (required)");
    if (!offers->is_array())
        sheet.fail("offers", "expected an array");

    PriceSheet result;
    result.name = fileName;
    result.format = "native";
    result.offers.reserve(offers->size());
    // (provider, model, date) -> line of first occurrence, for duplicate detection
    std::map<std::tuple<std::string, std::string, int>, std::int64_t> seen;

    for (std::size_t i = 0; i < offers->size(); ++i) {
        const std::string pointer = "/offers/" + std::to_string(i);
        const json& o = (*offers)[i];
        if (!o.is_object())
            doc.fail(pointer, "offers[" + std::to_string(i) + "]", "expected an object");
        const JsonFields r(doc, o, pointer, "");
        checkCurrency(r);

        PriceOffer offer;
        offer.provider = r.string("provider").value_or(sheetProvider);
        if (offer.provider.empty())
            r.fail("provider", "missing: give \"provider\" on the offer or the sheet");
        offer.model = r.string("model").value_or("");
        if (offer.model.empty())
            r.fail("model", "missing (required)");
        offer.displayName = r.string("display_name").value_or(offer.model);
        if (const json* aliases = r.find("aliases")) {
            if (!aliases->is_array())
                r.fail("aliases", "expected an array of strings");
            for (const json& a : *aliases) {
                if (!a.is_string())
                    r.fail("aliases", "expected an array of strings");
                offer.aliases.push_back(a.get<std::string>());
            }
        }
        offer.inputUsdPerMtok = r.requiredNonNegative("input_usd_per_mtok");
        offer.cachedInputUsdPerMtok = r.nonNegative("cached_input_usd_per_mtok");
        offer.cacheWriteUsdPerMtok = r.nonNegative("cache_write_usd_per_mtok");
        offer.outputUsdPerMtok = r.requiredNonNegative("output_usd_per_mtok");
        offer.batchDiscount = r.number("batch_discount").value_or(0);
        if (!(offer.batchDiscount >= 0 && offer.batchDiscount <= 1))
            r.fail("batch_discount", "must be a fraction between 0 and 1");

        if (const json* lc = r.find("long_context")) {
            if (!lc->is_object())
                r.fail("long_context", "expected an object or null");
            const JsonFields t(doc, *lc, pointer + "/long_context", "long_context.");
            LongContextTier tier;
            const double above = t.requiredNumber("above_tokens");
            if (!(above > 0) || above != std::floor(above))
                t.fail("above_tokens", "must be a positive whole number of tokens");
            tier.aboveTokens = static_cast<std::int64_t>(above);
            tier.inputUsdPerMtok = t.requiredNonNegative("input_usd_per_mtok");
            tier.outputUsdPerMtok = t.requiredNonNegative("output_usd_per_mtok");
            tier.cachedInputUsdPerMtok = t.nonNegative("cached_input_usd_per_mtok");
            offer.longContext = tier;
        }
        if (auto window = r.positive("context_window")) {
            if (*window != std::floor(*window))
                r.fail("context_window", "must be a whole number of tokens");
            offer.contextWindowTokens = static_cast<std::int64_t>(*window);
        }
        auto open = r.boolean("open_weights");
        if (!open)
            r.fail("open_weights", "missing (required): true or false");
        offer.openWeights = *open;
        offer.totalParamsB = r.positive("total_params_b");
        offer.activeParamsB = r.positive("active_params_b");
        if (offer.totalParamsB && offer.activeParamsB && *offer.activeParamsB > *offer.totalParamsB)
            r.fail("active_params_b", "exceeds total_params_b");
        offer.license = r.string("license").value_or("");
        auto effective = r.date("effective_from");
        if (!effective)
            r.fail("effective_from", "missing (required): the date the prices took effect");
        offer.effectiveFrom = *effective;
        offer.source = r.string("source").value_or(sheetSource);
        if (offer.source.empty())
            offer.source = fileName;
        offer.sourceDate = r.string("source_date").value_or(sheetSourceDate);
        offer.sheet = fileName;

        const auto key = std::make_tuple(offer.provider, offer.model, offer.effectiveFrom.daysSinceEpoch);
        const std::int64_t line = doc.lineOf(pointer);
        if (auto [it, inserted] = seen.emplace(key, line); !inserted)
            r.fail("effective_from", "duplicate offer: " + offer.provider + "/" + offer.model +
                                         " effective " + offer.effectiveFrom.toString() +
                                         " is already given on line " + std::to_string(it->second));
        result.offers.push_back(std::move(offer));
    }
    return result;
}

} // namespace finops
