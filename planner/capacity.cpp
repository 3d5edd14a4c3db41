#include "capacity.h"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace finops {

double bitsPerWeight(Quant quant)
{
    switch (quant) {
    case Quant::F16:
        return 16;
    case Quant::Int8:
        return 8.5;
    case Quant::Int4:
        return 4.5;
    }
    return 16;
}

const char* quantName(Quant quant)
{
    switch (quant) {
    case Quant::F16:
        return "fp16";
    case Quant::Int8:
        return "int8";
    case Quant::Int4:
        return "int4";
    }
    return "fp16";
}

Hardware Hardware::fromPeaks(std::string name, double memoryGb, double bandwidthGbs, double tflops, int count)
{
    Hardware h;
    h.name = std::move(name);
    h.memoryGb = memoryGb;
    h.bandwidthGbs = bandwidthGbs;
    h.tflops = tflops;
    h.count = count;
    h.bandwidthEfficiency = kCalibratedBandwidthEfficiency;
    h.computeEfficiency = kCalibratedComputeEfficiency;
    std::string lower = h.name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    h.perLayerOverheadUs = lower.find("apple") != std::string::npos
                               ? kCalibratedPerLayerOverheadUs
                               : kCalibratedPerLayerOverheadUsDiscrete;
    return h;
}

std::string CapacityInputs::validate() const
{
    if (batch < 1)
        return "batch must be at least 1";
    if (contextTokens < 1)
        return "context must be at least 1 token";
    if (promptTokens < 1)
        return "prompt must be at least 1 token";
    if (hardware.count < 1)
        return "count must be at least 1";
    if (!(hardware.bandwidthGbs > 0) || !(hardware.tflops > 0) || !(hardware.memoryGb > 0))
        return "the hardware needs memory, bandwidth and FLOPs";
    auto fraction = [](double v) { return v > 0 && v <= 1; };
    if (!fraction(hardware.bandwidthEfficiency) || !fraction(hardware.computeEfficiency) ||
        !fraction(hardware.tensorParallelEfficiency))
        return "efficiencies must be in (0, 1]";
    if (!(hardware.perLayerOverheadUs >= 0))
        return "per-layer overhead must not be negative";
    if (!(model.totalParamsB > 0 && model.activeParamsB > 0))
        return "the model needs its parameter counts";
    return {};
}

CapacityEstimate estimateCapacity(const CapacityInputs& in)
{
    CapacityEstimate e;
    const ModelArchitecture& m = in.model;
    const Hardware& hw = in.hardware;
    const double bytesPerWeight = bitsPerWeight(in.quant) / 8;
    const double total = m.totalParamsB * 1e9;
    const double active = m.activeParamsB * 1e9;

    // Devices beyond the first add their rates at the tensor-parallel efficiency.
    const double scale = 1 + (hw.count - 1) * hw.tensorParallelEfficiency;
    e.effectiveBandwidthGbs = hw.bandwidthGbs * hw.bandwidthEfficiency * scale;
    e.effectiveTflops = hw.tflops * hw.computeEfficiency * scale;
    const double bandwidth = e.effectiveBandwidthGbs * 1e9;
    const double flops = e.effectiveTflops * 1e12;

    // Weights a step of B tokens reads. For MoE, split the parameters into shared (always
    // read) and expert weights: shared + experts = total, shared + experts * k/E = active.
    auto weightsTouched = [&](double tokens) {
        if (!m.experts || !m.activeExperts || *m.experts <= *m.activeExperts)
            return active;
        const double share = static_cast<double>(*m.activeExperts) / *m.experts;
        const double experts = (total - active) / (1 - share);
        const double shared = total - experts;
        // Expected share of a layer's experts that B uniformly routed tokens hit.
        const double hit = 1 - std::pow(1 - share, tokens);
        return shared + experts * hit;
    };

    const double kvBytesPerToken = m.kvElementsPerToken() * in.kvBytesPerElement;
    e.kvCacheGbPerSequence = kvBytesPerToken * in.contextTokens / 1e9;
    e.weightsGb = total * bytesPerWeight / 1e9;

    // Attention FLOPs per token against a context of c tokens: QK^T and AV, 2 x 2 x c x
    // heads x head dim per layer.
    auto attentionFlops = [&](double context) {
        return 4.0 * m.layers * context * m.attentionHeads * m.headDim;
    };

    // Decode: one step produces one token for each of the B sequences.
    const double b = in.batch;
    e.decodeBytesPerStep = weightsTouched(b) * bytesPerWeight + b * kvBytesPerToken * in.contextTokens;
    e.decodeFlopsPerStep = b * (2 * active + attentionFlops(in.contextTokens));
    const double memoryTime = e.decodeBytesPerStep / bandwidth;
    const double computeTime = e.decodeFlopsPerStep / flops;
    e.decodeMemoryBound = memoryTime >= computeTime;
    const double stepTime = std::max(memoryTime, computeTime) + m.layers * hw.perLayerOverheadUs * 1e-6;
    e.decodeTokensPerS = b / stepTime;
    e.decodeTokensPerSPerSequence = 1 / stepTime;

    // Prefill: a prompt of P tokens reads the weights once (all experts it routes to) and
    // does 2 x active FLOPs per token plus attention over the growing prompt.
    const double p = in.promptTokens;
    const double prefillBytes = weightsTouched(p) * bytesPerWeight;
    const double prefillFlops = p * 2 * active + attentionFlops(p / 2) * p;
    e.prefillTokensPerS = p / std::max(prefillBytes / bandwidth, prefillFlops / flops);

    // Memory: all weights resident plus every sequence's KV cache.
    const double usableGb = hw.count * hw.memoryGb * (1 - in.memoryReservePct / 100);
    const double freeGb = usableGb - e.weightsGb;
    e.maxBatch = freeGb > 0 && e.kvCacheGbPerSequence > 0
                     ? static_cast<int>(std::min(1e6, std::floor(freeGb / e.kvCacheGbPerSequence)))
                     : 0;
    e.fits = freeGb >= b * e.kvCacheGbPerSequence && freeGb > 0;
    return e;
}

} // namespace finops
