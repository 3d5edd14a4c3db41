#pragma once

#include "date.h"
#include "store.h"

#include <cstdint>

namespace finops {

// The built-in demo workspace: 90 days of generated usage ending on `today` for five
// teams and their tasks across OpenAI, Anthropic, Google, DeepSeek and Groq models (and
// one in-house fine-tune the catalog cannot price), with growth, weekly seasonality,
// prompt caching and some logs that carry their own cost. Deterministic for a seed.
// Stored as one batch (format "demo"); writing it twice adds nothing.
struct DemoResult
{
    std::int64_t batchId = 0;
    std::int64_t records = 0;
};
DemoResult writeDemoWorkspace(Store& store, Date today, std::uint64_t seed = 20251122);

} // namespace finops
