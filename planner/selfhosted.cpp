#include "selfhosted.h"

#include "textparse.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

namespace finops {

std::optional<Quant> parseQuant(std::string_view text)
{
    if (text == "fp16" || text == "bf16")
        return Quant::F16;
    if (text == "int8")
        return Quant::Int8;
    if (text == "int4")
        return Quant::Int4;
    return std::nullopt;
}

Hardware hardwareForGpu(const GpuSpec& gpu, int count)
{
    return Hardware::fromPeaks(gpu.name, gpu.memoryGb, gpu.memoryBandwidthGbs,
                               gpu.bf16DenseTflops.value_or(gpu.fp16DenseTflops), count);
}

std::string gpuMeasurementKey(const GpuSpec& gpu)
{
    // Ids are "<chip>-<variant>" ("h100-sxm") except consumer cards ("rtx-4090").
    const auto dash = gpu.id.find('-');
    if (dash == std::string::npos)
        return gpu.id;
    return gpu.name.find("RTX") != std::string::npos ? gpu.id.substr(dash + 1) : gpu.id.substr(0, dash);
}

namespace {

std::optional<double> positive(const nlohmann::json& j, const char* key)
{
    const auto it = j.find(key);
    if (it == j.end() || !it->is_number())
        return std::nullopt;
    const double v = it->get<double>();
    return v > 0 ? std::optional<double>(v) : std::nullopt;
}

} // namespace

std::optional<KbenchFigures> parseKbenchResult(const std::string& resultJson)
{
    const nlohmann::json r = nlohmann::json::parse(resultJson, nullptr, false);
    if (!r.is_object() || !r.contains("stream") || !r["stream"].is_object())
        return std::nullopt;
    KbenchFigures f;
    f.cpu = r.value("cpu", std::string());
    f.threads = r.value("threads", 0);
    f.quick = r.value("quick", false);
    f.partial = r.value("partial", false);
    f.verified = r.value("verified", false);
    const nlohmann::json& s = r["stream"];
    f.copyGbs = positive(s, "copy_gbs").value_or(0);
    f.scaleGbs = positive(s, "scale_gbs").value_or(0);
    f.addGbs = positive(s, "add_gbs").value_or(0);
    f.triadGbs = positive(s, "triad_gbs").value_or(0);
    f.gemmGflops = positive(r, "gemm_gflops");
    if (const auto n = positive(r, "gemm_n"))
        f.gemmN = static_cast<int>(*n);
    if (r.contains("gemv") && r["gemv"].is_object()) {
        f.f16Gbs = positive(r["gemv"], "f16_gbs");
        f.int8Gbs = positive(r["gemv"], "int8_gbs");
        f.int4Gbs = positive(r["gemv"], "int4_gbs");
    }
    return f;
}

std::optional<Hardware> hardwareFromKbench(const KbenchFigures& figures, Quant quant, int count, double memoryGb)
{
    const std::optional<double> gbs = quant == Quant::F16    ? figures.f16Gbs
                                      : quant == Quant::Int8 ? figures.int8Gbs
                                                             : figures.int4Gbs;
    if (!gbs || !figures.gemmGflops)
        return std::nullopt;
    Hardware h;
    h.name = figures.cpu + (figures.quick ? " (quick kbench: cache-sized arrays)" : "");
    h.memoryGb = memoryGb;
    h.bandwidthGbs = *gbs;
    h.tflops = *figures.gemmGflops / 1000;
    h.count = count;
    // A CPU decode step has no kernel launches; what is left is thread synchronisation.
    h.perLayerOverheadUs = 20;
    return h;
}

bool measuredQuantMatches(std::string_view measured, Quant quant)
{
    const std::string m = text::toLower(measured);
    switch (quant) {
    case Quant::F16:
        return m == "f16" || m == "bf16" || m == "fp16";
    case Quant::Int8:
        return m.starts_with("q8") || m == "int8" || m == "fp8";
    case Quant::Int4:
        return m.starts_with("q4") || m == "int4" || m == "awq" || m == "gptq";
    }
    return false;
}

std::optional<ThroughputMeasurement> findMeasurement(const std::vector<ThroughputMeasurement>& all,
                                                     const ModelArchitecture& model, std::string_view hardwareKey,
                                                     Quant quant)
{
    const std::string key = text::toLower(hardwareKey);
    if (key.empty())
        return std::nullopt;
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
        const ThroughputMeasurement& m = *it;
        const bool modelMatches = text::toLower(m.model).find(model.id) != std::string::npos ||
                                  (m.paramsB && std::fabs(*m.paramsB / model.totalParamsB - 1) < 0.05);
        if (modelMatches && text::toLower(m.hardware).find(key) != std::string::npos &&
            measuredQuantMatches(m.quant, quant))
            return m;
    }
    return std::nullopt;
}

void applyMeasurement(CapacityEstimate& estimate, const ThroughputMeasurement& measurement, int batch)
{
    if (measurement.decodeTokensPerS && batch == measurement.batch.value_or(1)) {
        estimate.decodeTokensPerS = *measurement.decodeTokensPerS;
        estimate.decodeTokensPerSPerSequence = *measurement.decodeTokensPerS / batch;
    }
    if (measurement.promptTokensPerS)
        estimate.prefillTokensPerS = *measurement.promptTokensPerS;
}

SelfHostedCost selfHostedCost(const CapacityEstimate& estimate, double usdPerDeviceHour, int count, double hoursPerMonth)
{
    SelfHostedCost c;
    c.usdPerHour = usdPerDeviceHour * count;
    const double outputPerHour = estimate.decodeTokensPerS * 3600;
    const double inputPerHour = estimate.prefillTokensPerS * 3600;
    c.outputUsdPerMtok = outputPerHour > 0 ? c.usdPerHour / (outputPerHour / 1e6) : INFINITY;
    c.inputUsdPerMtok = inputPerHour > 0 ? c.usdPerHour / (inputPerHour / 1e6) : INFINITY;
    c.outputTokensPerMonth = outputPerHour * hoursPerMonth;
    c.inputTokensPerMonth = inputPerHour * hoursPerMonth;
    return c;
}

CapacityPlan planCapacity(const ModelArchitecture& model, const HardwareOption& hardware, Quant quant, int batch,
                          int contextTokens, std::optional<int> fixedCount,
                          const std::vector<ThroughputMeasurement>& measurements)
{
    CapacityInputs in;
    in.model = model;
    in.hardware = hardware.device;
    in.quant = quant;
    in.batch = batch;
    in.contextTokens = contextTokens;
    CapacityPlan plan;
    const auto estimateOn = [&](int count) {
        in.hardware.count = count;
        plan.count = count;
        plan.estimate = estimateCapacity(in);
    };
    if (fixedCount) {
        estimateOn(*fixedCount);
    } else {
        for (int count : {1, 2, 4, 8}) {
            estimateOn(count);
            if (plan.estimate.fits)
                break;
        }
    }
    plan.source = "roofline";
    if (plan.count == 1) {
        if (const auto m = findMeasurement(measurements, model, hardware.key, quant)) {
            applyMeasurement(plan.estimate, *m, batch);
            plan.source = "measured (" + m->sourceFile + ")";
        }
    }
    if (hardware.usdPerDeviceHour)
        plan.cost = selfHostedCost(plan.estimate, *hardware.usdPerDeviceHour, plan.count);
    return plan;
}

PriceSheet selfHostedOfferSheet(const SelfHostedOfferInputs& in)
{
    const int count = in.hardware.count;
    const SelfHostedCost cost = selfHostedCost(in.estimate, in.usdPerDeviceHour, count);
    PriceSheet sheet;
    sheet.name = "self-hosted " + in.model.id + " (" + quantName(in.quant) + ") on " + std::to_string(count) + " x " +
                 in.hardwareId;
    sheet.format = "self-hosted";
    PriceOffer o;
    o.provider = "self-hosted-" + in.hardwareId + (count > 1 ? "-x" + std::to_string(count) : "");
    o.model = in.model.id + (in.quant == Quant::F16 ? "" : std::string("-") + quantName(in.quant));
    o.displayName = in.model.name + " (self-hosted, " + quantName(in.quant) + ")";
    o.inputUsdPerMtok = cost.inputUsdPerMtok;
    o.outputUsdPerMtok = cost.outputUsdPerMtok;
    o.openWeights = true;
    o.totalParamsB = in.model.totalParamsB;
    o.activeParamsB = in.model.activeParamsB;
    o.license = in.model.license;
    o.contextWindowTokens = in.contextTokens;
    o.effectiveFrom = in.today;
    char src[384];
    std::snprintf(src, sizeof src,
                  "capacity %s: %d x %s at $%.4f/device-hour, %s, batch %d, %.1f decode and %.0f prefill tok/s, "
                  "%.3g output tokens/month",
                  in.estimateSource.c_str(), count, in.hardware.name.c_str(), in.usdPerDeviceHour, quantName(in.quant),
                  in.batch, in.estimate.decodeTokensPerS, in.estimate.prefillTokensPerS, cost.outputTokensPerMonth);
    o.source = src;
    o.sourceDate = in.today.toString();
    o.sheet = sheet.name;
    sheet.offers.push_back(o);
    return sheet;
}

} // namespace finops
