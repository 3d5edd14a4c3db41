#pragma once

// From hardware to a self-hosted offer: the steps the capacity command and the Capacity
// page share, so a figure on screen and in `finops-cli capacity --json` cannot differ.

#include "capacity.h"
#include "date.h"
#include "gpucatalog.h"
#include "measurementstore.h"
#include "priceoffer.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace finops {

// "fp16" (or "bf16"), "int8", "int4".
std::optional<Quant> parseQuant(std::string_view text);

// A catalogue GPU: its peaks with the calibrated efficiencies, `count` devices.
Hardware hardwareForGpu(const GpuSpec& gpu, int count);

// What a measurement's hardware name contains when it was taken on this GPU
// ("NVIDIA GeForce RTX 4090" -> "4090", "NVIDIA H100 80GB HBM3" -> "h100").
std::string gpuMeasurementKey(const GpuSpec& gpu);

// The figures of a finops-kbench result event.
struct KbenchFigures
{
    std::string cpu;
    int threads = 0;
    bool quick = false;
    bool partial = false;
    bool verified = false; // kbench checked its kernels' results
    double copyGbs = 0, scaleGbs = 0, addGbs = 0, triadGbs = 0;
    std::optional<double> gemmGflops;
    std::optional<int> gemmN;
    std::optional<double> f16Gbs, int8Gbs, int4Gbs;
};

// Reads the result object finops-kbench printed; nullopt when it is not one.
std::optional<KbenchFigures> parseKbenchResult(const std::string& resultJson);

// This machine as kbench measured it: the decode GEMV bandwidth at `quant` and the GEMM
// rate, efficiency 1 (measured rates already include what the hardware achieves).
// nullopt when the result lacks the GEMV figure for `quant` or the GEMM figure.
std::optional<Hardware> hardwareFromKbench(const KbenchFigures& figures, Quant quant, int count, double memoryGb);

// Whether llama.cpp's / vLLM's name of a weight format is `quant`.
bool measuredQuantMatches(std::string_view measured, Quant quant);

// The newest stored measurement of `model` (by id in its name, or by parameter count
// within 5%) on hardware whose name contains `hardwareKey`, at `quant`.
std::optional<ThroughputMeasurement> findMeasurement(const std::vector<ThroughputMeasurement>& all,
                                                     const ModelArchitecture& model, std::string_view hardwareKey,
                                                     Quant quant);

// Replaces the estimate's rates by the measured ones that apply (decode only at the
// measured batch, 1 when the tool does not say).
void applyMeasurement(CapacityEstimate& estimate, const ThroughputMeasurement& measurement, int batch);

// What the tokens cost when the hardware is paid by the hour: USD per million input
// (prefill) and output (decode) tokens, and the tokens it can serve in a month when it
// does nothing else.
struct SelfHostedCost
{
    double usdPerHour = 0; // all devices
    double inputUsdPerMtok = 0;
    double outputUsdPerMtok = 0;
    double outputTokensPerMonth = 0;
    double inputTokensPerMonth = 0;
};
SelfHostedCost selfHostedCost(const CapacityEstimate& estimate, double usdPerDeviceHour, int count,
                              double hoursPerMonth = 730);

// How a self-hosted offer was arrived at.
struct SelfHostedOfferInputs
{
    ModelArchitecture model;
    Hardware hardware;
    std::string hardwareId; // "h100-sxm", "cpu"
    Quant quant = Quant::F16;
    int batch = 1;
    int contextTokens = 4096;
    double usdPerDeviceHour = 0;
    CapacityEstimate estimate;
    std::string estimateSource; // "roofline" or "measured (FILE)"
    Date today;
};

// Offers of self-hosted models are listed under a provider "self-hosted-<hardware>".
inline bool isSelfHostedProvider(std::string_view provider) { return provider.starts_with("self-hosted"); }

// A column of the model x hardware grid: one device of some hardware, what a measurement
// taken on it has in its hardware name, and its price per device-hour when known.
struct HardwareOption
{
    std::string id;  // "h100-sxm", "cpu"
    std::string key; // gpuMeasurementKey(), or the CPU model for this machine
    Hardware device; // count 1
    std::optional<double> usdPerDeviceHour;
};

// A model on some devices of one hardware: the estimate (or the measurement that overrides
// it) and, with a price, what its tokens cost.
struct CapacityPlan
{
    int count = 1;
    CapacityEstimate estimate;
    std::string source; // "roofline" or "measured (FILE)"
    std::optional<SelfHostedCost> cost;
};

// Plans `model` on `fixedCount` devices, or when absent on the fewest of 1, 2, 4 or 8 that
// hold its weights and the batch's KV cache (8 when none does: the plan then does not fit).
// A stored measurement replaces the estimate on a single device.
CapacityPlan planCapacity(const ModelArchitecture& model, const HardwareOption& hardware, Quant quant, int batch,
                          int contextTokens, std::optional<int> fixedCount,
                          const std::vector<ThroughputMeasurement>& measurements);

// A one-offer price sheet for the catalog (format "self-hosted"), its source naming the
// hardware, price, batch, rates and capacity.
PriceSheet selfHostedOfferSheet(const SelfHostedOfferInputs& in);

} // namespace finops
