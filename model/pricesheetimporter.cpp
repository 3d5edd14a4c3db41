#include "pricesheetimporter.h"

#include "csvpriceimporter.h"
#include "inputerror.h"
#include "litellmpriceimporter.h"
#include "nativepriceimporter.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

namespace finops {

const std::vector<std::unique_ptr<PriceSheetImporter>>& priceSheetImporters()
{
    static const std::vector<std::unique_ptr<PriceSheetImporter>> importers = [] {
        std::vector<std::unique_ptr<PriceSheetImporter>> v;
        v.push_back(std::make_unique<NativePriceImporter>());
        v.push_back(std::make_unique<LiteLlmPriceImporter>());
        v.push_back(std::make_unique<CsvPriceImporter>());
        return v;
    }();
    return importers;
}

const PriceSheetImporter& priceSheetImporterFor(std::string_view format, std::string_view text,
                                                const std::string& fileName)
{
    const auto& importers = priceSheetImporters();
    if (format.empty() || format == "auto") {
        const std::string_view head = text.substr(0, std::size_t{64} * 1024);
        for (const auto& imp : importers)
            if (imp->recognises(head))
                return *imp;
        throw InputError(fileName, 1, "",
                         "unrecognised price sheet: expected a FinOps Planner sheet, LiteLLM's "
                         "model_prices_and_context_window.json or a CSV with provider,model,"
                         "input_usd_per_mtok,output_usd_per_mtok columns");
    }
    for (const auto& imp : importers)
        if (imp->format() == format)
            return *imp;
    throw InputError(fileName, 0, "format",
                     "unknown format '" + std::string(format) + "' (auto, native, litellm, csv)");
}

PriceSheet readPriceSheet(std::string_view text, const std::string& fileName,
                          std::string_view format, const PriceImportOptions& options)
{
    return priceSheetImporterFor(format, text, fileName).read(text, fileName, options);
}

namespace priceimport {

void checkPrice(double usdPerMtok, const std::string& file, std::int64_t line,
                const std::string& field)
{
    if (std::isnan(usdPerMtok))
        throw InputError(file, line, field, "price is NaN");
    if (!std::isfinite(usdPerMtok))
        throw InputError(file, line, field, "price is infinite");
    if (usdPerMtok < 0)
        throw InputError(file, line, field, "price is negative");
}

bool looksOpenWeights(std::string_view modelName)
{
    std::string name(modelName);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    // Families whose weights are published for download and self-hosting. Mistral's
    // closed models (large, medium) and hosted-only variants are deliberately absent.
    static constexpr std::array families = {
        "llama",    "qwen",        "qwq",     "deepseek",  "gemma",      "glm-",     "kimi-k2",
        "gpt-oss",  "mixtral",     "mistral-7b", "mistral-small", "mistral-nemo", "open-mistral",
        "ministral", "codestral-mamba", "phi-", "phi3", "phi4", "falcon", "olmo", "nemotron",
        "hermes",   "dbrx",        "yi-",     "minimax-m", "zephyr",     "starcoder", "magistral-small",
        "devstral"};
    return std::any_of(families.begin(), families.end(),
                       [&](const char* f) { return name.find(f) != std::string::npos; });
}

double perTokenToPerMtok(double usdPerToken)
{
    const double v = usdPerToken * 1e6;
    if (v == 0 || !std::isfinite(v))
        return v;
    const double magnitude = std::pow(10.0, 11 - static_cast<int>(std::floor(std::log10(std::fabs(v)))));
    return std::round(v * magnitude) / magnitude;
}

} // namespace priceimport
} // namespace finops
