#pragma once

#include "store.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace finops {

// A run of finops-kbench as stored: the result object it printed, and when.
struct KbenchRun
{
    std::int64_t id = 0;
    std::string runAt; // ISO 8601 UTC
    std::string cpu;
    int threads = 0;
    bool quick = false;
    bool partial = false;
    std::string resultJson; // the "result" event, verbatim
};

// A measured inference throughput for a model on some hardware, imported from llama.cpp's
// llama-bench or vLLM's benchmark output. It overrides the roofline estimate.
struct ThroughputMeasurement
{
    std::int64_t id = 0;
    std::string sourceFile;
    std::string format; // "llama-bench", "vllm"
    std::string model;  // as the tool names it
    std::string hardware;
    std::string quant;  // "F16", "Q4_0", ... or "" when unknown
    std::optional<double> paramsB;
    std::optional<double> promptTokensPerS;
    std::optional<double> decodeTokensPerS;
    std::optional<int> batch;
};

// Hardware measurements in the workspace store.
class MeasurementStore
{
public:
    explicit MeasurementStore(Store& store);

    std::int64_t addKbenchRun(const KbenchRun& run);
    std::optional<KbenchRun> latestKbenchRun(bool includeQuick = true);
    std::vector<KbenchRun> kbenchRuns();

    // Stores a file's measurements in one transaction; the same file again adds nothing
    // (returns 0).
    std::size_t addMeasurements(const std::string& sha256, const std::vector<ThroughputMeasurement>& rows);
    std::vector<ThroughputMeasurement> measurements();

private:
    Store& m_store;
};

} // namespace finops
