#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace finops {

// A model's quality for routing (0..1), from pricing-data/quality.json: one published
// benchmark for every model so the figures compare, each with its source and date.
struct ModelQuality
{
    std::string model;                // the catalog's model id ("gpt-5-mini")
    std::vector<std::string> aliases; // names usage exports use ("gpt-5-mini-2025-08-07")
    double quality = 0;               // 0..1
    std::string raw;                  // the figure as published ("83.0%")
    std::string source;
    std::string sourceDate;
};

// Reads a quality table: {"scores": [{"model", "aliases", "quality", "raw", "source",
// "source_date"}]}, or the short forms {"models": {"id": q}} / {"id": q}. Throws
// InputError (file:line:field) on a bad value (quality outside 0..1, no model id).
std::vector<ModelQuality> readQualityTable(std::string_view text, const std::string& fileName);

// The bundled pricing-data/quality.json (empty when the build has none).
const std::vector<ModelQuality>& bundledQuality();

// Model id and every alias -> quality, lower case.
std::map<std::string, double> qualityByName(const std::vector<ModelQuality>& table);

// The entry whose id or alias is `name` (any case); nullptr when none.
const ModelQuality* findQuality(const std::vector<ModelQuality>& table, std::string_view name);

} // namespace finops
