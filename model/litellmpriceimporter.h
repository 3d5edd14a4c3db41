#pragma once

#include "pricesheetimporter.h"

namespace finops {

// LiteLLM's model_prices_and_context_window.json: an object keyed by model name, prices
// in USD per *token* (scaled here to per million), `litellm_provider` and `mode`. Every
// entry is read; entries that are not chat models or carry no per-token price are listed
// as skipped with the reason. Model names are kept verbatim because a LiteLLM router
// config must name them exactly so. Offers take `defaultEffectiveFrom` as their date.
class LiteLlmPriceImporter : public PriceSheetImporter
{
public:
    std::string_view format() const override { return "litellm"; }
    bool recognises(std::string_view head) const override;
    PriceSheet read(std::string_view text, const std::string& fileName,
                    const PriceImportOptions& options) const override;
};

} // namespace finops
