#pragma once

#include "modelcatalog.h"

#include <string>

namespace finops {

// Weight formats: FP16/BF16, and llama.cpp's Q8_0 (8.5 bits a weight: 32 int8 plus an
// fp16 scale) and Q4_0 (4.5 bits: 32 nibbles plus an fp16 scale).
enum class Quant { F16, Int8, Int4 };
double bitsPerWeight(Quant quant);
const char* quantName(Quant quant); // "fp16", "int8", "int4"

// What the hardware offers: peaks (from gpus.json) with efficiency factors, or measured
// rates (from finops-kbench) with efficiency 1.
struct Hardware
{
    std::string name;
    double memoryGb = 0;     // per device
    double bandwidthGbs = 0; // per device
    double tflops = 0;       // dense FP16 per device
    int count = 1;           // devices, tensor-parallel
    double bandwidthEfficiency = 1; // share of peak bandwidth decode achieves
    double computeEfficiency = 1;   // share of peak FLOPs prefill achieves
    double tensorParallelEfficiency = 0.9; // scaling kept per device beyond the first
    double perLayerOverheadUs = 0;  // fixed time per layer and decode step (kernel launches, syncs)

    // Peak figures with the efficiencies calibrated on llama.cpp's published 7B results
    // (tests/data/llamacpp-published.json, least squares on log error): decode reaches 86%
    // of peak bandwidth plus a fixed time per layer and step — 120 us on Apple GPUs (Metal,
    // 79 rows), 48 us on discrete GPUs (CUDA, 7 rows; no ROCm rows are published, so AMD
    // cards take the same figure); prefill 54% of peak FP16 FLOPs. Apple: `name` contains
    // "Apple" (any case).
    static Hardware fromPeaks(std::string name, double memoryGb, double bandwidthGbs, double tflops, int count = 1);
    static constexpr double kCalibratedBandwidthEfficiency = 0.86;
    static constexpr double kCalibratedComputeEfficiency = 0.54;
    static constexpr double kCalibratedPerLayerOverheadUs = 120;         // Apple GPUs, Metal
    static constexpr double kCalibratedPerLayerOverheadUsDiscrete = 48;  // discrete GPUs, CUDA
};

struct CapacityInputs
{
    ModelArchitecture model;
    Hardware hardware;
    Quant quant = Quant::F16;
    int batch = 1;             // sequences decoded together
    int contextTokens = 4096;  // KV cache held per sequence
    int promptTokens = 512;    // for the prefill rate (llama-bench's pp512)
    double kvBytesPerElement = 2; // FP16 KV cache
    double memoryReservePct = 10; // activations, runtime buffers, fragmentation

    std::string validate() const; // empty when valid
};

// A roofline estimate. Decode reads, per step, the weights the batch touches (for MoE the
// shared weights plus the expected distinct experts of B tokens) and every sequence's KV
// cache; it is bound by those bytes over bandwidth and by 2 x active parameters FLOPs per
// token over compute. Prefill of a prompt reads the weights once and is usually
// compute-bound. Throughputs are for the whole batch.
struct CapacityEstimate
{
    double decodeTokensPerS = 0;   // all sequences of the batch together
    double decodeTokensPerSPerSequence = 0;
    double prefillTokensPerS = 0;
    bool decodeMemoryBound = true;
    double weightsGb = 0;          // every weight resident
    double kvCacheGbPerSequence = 0;
    bool fits = false;             // weights + batch x KV within memory
    int maxBatch = 0;              // most sequences at the context that fit
    double decodeBytesPerStep = 0;
    double decodeFlopsPerStep = 0;
    double effectiveBandwidthGbs = 0; // after efficiencies and tensor parallelism
    double effectiveTflops = 0;
};

CapacityEstimate estimateCapacity(const CapacityInputs& inputs);

} // namespace finops
