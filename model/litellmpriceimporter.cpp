#include "litellmpriceimporter.h"

#include "inputerror.h"
#include "jsondocument.h"

#include <charconv>
#include <cstring>

namespace finops {

namespace {

using nlohmann::json;

// The first "<kind>_cost_per_token_above_<N>k_tokens" tier of an entry, if any.
std::optional<std::int64_t> longContextThreshold(const json& entry)
{
    static constexpr std::string_view prefix = "input_cost_per_token_above_";
    std::optional<std::int64_t> best;
    for (auto it = entry.begin(); it != entry.end(); ++it) {
        const std::string& key = it.key();
        if (key.compare(0, prefix.size(), prefix) != 0)
            continue;
        std::int64_t thousands = 0;
        const char* first = key.data() + prefix.size();
        const char* last = key.data() + key.size();
        auto [ptr, ec] = std::from_chars(first, last, thousands);
        if (ec != std::errc() || std::string_view(ptr, static_cast<std::size_t>(last - ptr)) != "k_tokens")
            continue;
        if (!best || thousands * 1000 < *best)
            best = thousands * 1000;
    }
    return best;
}

} // namespace

bool LiteLlmPriceImporter::recognises(std::string_view head) const
{
    return head.find("\"litellm_provider\"") != std::string_view::npos ||
           head.find("\"input_cost_per_token\"") != std::string_view::npos;
}

PriceSheet LiteLlmPriceImporter::read(std::string_view text, const std::string& fileName,
                                      const PriceImportOptions& options) const
{
    const JsonDocument doc = JsonDocument::parse(text, fileName);
    const json& root = doc.root();
    if (!root.is_object())
        doc.fail("", "", "expected LiteLLM's JSON object keyed by model name");

    PriceSheet result;
    result.name = fileName;
    result.format = "litellm";
    const std::string defaultSource = "LiteLLM model_prices_and_context_window.json (" + fileName + ")";

    for (auto it = root.begin(); it != root.end(); ++it) {
        const std::string& key = it.key();
        std::string pointer = "/";
        for (char c : key)
            pointer += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
        const json& entry = it.value();
        if (!entry.is_object()) {
            result.skipped.push_back({key, "not an object"});
            continue;
        }
        const JsonFields f(doc, entry, pointer, key + ".");
        const auto mode = f.string("mode");
        if (!mode) {
            result.skipped.push_back({key, "no mode given (not known to be a chat model)"});
            continue;
        }
        if (*mode != "chat") {
            result.skipped.push_back({key, "mode '" + *mode + "' is not a chat model"});
            continue;
        }
        // A negative or non-numeric price on a chat entry is an error, not a skip: the
        // file is damaged and importing the rest would hide it.
        const auto input = f.nonNegative("input_cost_per_token");
        const auto output = f.nonNegative("output_cost_per_token");
        const auto cacheRead = f.nonNegative("cache_read_input_token_cost");
        const auto cacheHit = f.nonNegative("input_cost_per_token_cache_hit");
        const auto cacheWrite = f.nonNegative("cache_creation_input_token_cost");
        const auto inputBatch = f.nonNegative("input_cost_per_token_batches");
        if (!input || !output) {
            std::string why = "no per-token price";
            if (f.find("input_cost_per_character") || f.find("output_cost_per_character"))
                why += " (priced per character)";
            else if (f.find("input_cost_per_second") || f.find("output_cost_per_second"))
                why += " (priced per second)";
            else if (f.find("input_cost_per_request"))
                why += " (priced per request)";
            result.skipped.push_back({key, why});
            continue;
        }

        PriceOffer offer;
        offer.provider = f.string("litellm_provider").value_or("");
        if (offer.provider.empty())
            f.fail("litellm_provider", "missing (required)");
        offer.model = key;
        offer.displayName = key;
        offer.inputUsdPerMtok = priceimport::perTokenToPerMtok(*input);
        offer.outputUsdPerMtok = priceimport::perTokenToPerMtok(*output);
        if (cacheRead)
            offer.cachedInputUsdPerMtok = priceimport::perTokenToPerMtok(*cacheRead);
        else if (cacheHit)
            offer.cachedInputUsdPerMtok = priceimport::perTokenToPerMtok(*cacheHit);
        // LiteLLM writes 0.0 for "no separate cache-write price" on some entries.
        if (cacheWrite && *cacheWrite > 0)
            offer.cacheWriteUsdPerMtok = priceimport::perTokenToPerMtok(*cacheWrite);
        if (inputBatch && *input > 0 && *inputBatch <= *input)
            offer.batchDiscount = 1.0 - *inputBatch / *input;
        if (auto above = longContextThreshold(entry)) {
            const std::string suffix = "_above_" + std::to_string(*above / 1000) + "k_tokens";
            const auto lcIn = f.nonNegative("input_cost_per_token" + suffix);
            const auto lcOut = f.nonNegative("output_cost_per_token" + suffix);
            const auto lcCached = f.nonNegative("cache_read_input_token_cost" + suffix);
            if (lcIn) {
                LongContextTier tier;
                tier.aboveTokens = *above;
                tier.inputUsdPerMtok = priceimport::perTokenToPerMtok(*lcIn);
                tier.outputUsdPerMtok = priceimport::perTokenToPerMtok(lcOut.value_or(*output));
                if (lcCached)
                    tier.cachedInputUsdPerMtok = priceimport::perTokenToPerMtok(*lcCached);
                offer.longContext = tier;
            }
        }
        // Descriptive fields are taken when usable and ignored otherwise: the database has
        // entries with a context window of 0, and a wrong one must not block the prices.
        for (const char* windowKey : {"max_input_tokens", "max_tokens"}) {
            const json* w = f.find(windowKey);
            if (w && w->is_number() && w->get<double>() >= 1) {
                offer.contextWindowTokens = w->get<std::int64_t>();
                break;
            }
        }
        offer.openWeights = priceimport::looksOpenWeights(key);
        offer.effectiveFrom = options.defaultEffectiveFrom;
        const json* source = f.find("source");
        offer.source = source && source->is_string() ? source->get<std::string>() : defaultSource;
        offer.sheet = fileName;
        result.offers.push_back(std::move(offer));
    }
    return result;
}

} // namespace finops
