#pragma once

#include <span>
#include <string_view>

namespace finops {

// A file of pricing-data/ compiled into the program: its path relative to pricing-data/
// ("prices/openai.json", "gpus.json") and its text.
struct BundledFile
{
    std::string_view path;
    std::string_view text;
};

// Every bundled data file, sorted by path. Defined in a source generated at build time.
std::span<const BundledFile> bundledDataFiles();

} // namespace finops
