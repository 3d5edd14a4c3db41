#include "capacity.h"
#include "selfhosted.h"
#include "cliapp.h"
#include "clisupport.h"
#include "displayformat.h"
#include "fileio.h"
#include "gpucatalog.h"
#include "inputerror.h"
#include "measurementstore.h"
#include "modelcatalog.h"
#include "sha256.h"
#include "textparse.h"
#include "throughputimport.h"

#include <cmath>
#include <cstdio>
#include <unistd.h>

namespace finops::cli {

namespace {

Quant quantOption(const ArgParser& args)
{
    const auto q = parseQuant(args.value("quant").value_or("fp16"));
    if (!q)
        args.fail("quant", "expected fp16, int8 or int4");
    return *q;
}

int capacityImport(CommandContext& ctx, std::span<const std::string> argv)
{
    ArgParser args("capacity import", "FILE [--format auto|llama-bench|vllm] [--hardware NAME] [--quant Q] [--db PATH] [--json]",
                   {{"format", "F", "auto (default), llama-bench or vllm"},
                    {"hardware", "NAME", "the hardware a vLLM result ran on (vLLM does not record it)"},
                    {"quant", "Q", "the weight format of a vLLM result (fp16, int8, int4)"},
                    dbOption(),
                    jsonOption()},
                   "Imports measured throughput (llama.cpp llama-bench -o json, vLLM benchmark JSON). Measured\n"
                   "figures override the roofline estimate of `finops-cli capacity`.");
    args.parse(argv);
    if (handleHelp(args, ctx.out))
        return ExitOk;
    if (args.positionals().size() != 1)
        throw UsageError("finops-cli capacity import: expected one FILE");
    const std::string path = args.positionals()[0];
    const std::string text = readWholeFile(path);
    const auto rows = readThroughputFile(text, path, args.value("format").value_or("auto"),
                                         args.value("hardware").value_or(""), args.value("quant").value_or(""));
    auto store = openStore(args, true);
    const std::size_t added = MeasurementStore(*store).addMeasurements(Sha256::hex(text), rows);
    if (args.has("json")) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const auto& m : rows)
            list.push_back({{"model", m.model},
                            {"hardware", m.hardware},
                            {"quant", m.quant},
                            {"prefill_tokens_per_s", optionalNumber(m.promptTokensPerS)},
                            {"decode_tokens_per_s", optionalNumber(m.decodeTokensPerS)}});
        printJson(ctx.out, {{"imported", added}, {"measurements", list}});
    } else {
        ctx.out << path << ": " << added << " measurements imported" << (added < rows.size() ? " (the rest were imported before)" : "")
                << '\n';
    }
    return ExitOk;
}

} // namespace

int runCapacity(CommandContext& ctx, std::span<const std::string> argv)
{
    if (!argv.empty() && argv[0] == "import")
        return capacityImport(ctx, argv.subspan(1));
    ArgParser args("capacity",
                   "--model ID (--gpu ID | --measured) [--count N] [--quant fp16|int8|int4] [--batch B] [--context T] "
                   "[--rent-usd-per-hour R] [--add-offer] [--db PATH] [--json]\n"
                   "       finops-cli capacity import FILE [--format llama-bench|vllm] [--db PATH] [--json]",
                   {{"model", "ID", "a model of pricing-data/models.json (llama-3.1-8b, deepseek-v3, ...)"},
                    {"gpu", "ID", "a GPU of pricing-data/gpus.json (its peaks with calibrated efficiencies)"},
                    {"measured", "", "this machine, as finops-kbench last measured it"},
                    {"count", "N", "devices, tensor-parallel (default 1)"},
                    {"quant", "Q", "fp16 (default), int8 (Q8_0) or int4 (Q4_0)"},
                    {"batch", "B", "sequences decoded together (default 1)"},
                    {"context", "T", "tokens of context per sequence (default 4096)"},
                    {"rent-usd-per-hour", "R", "price per device-hour (default for --gpu: cheapest neo-cloud on-demand)"},
                    {"add-offer", "", "add the result as a self-hosted offer to the workspace's catalog"},
                    dbOption(),
                    jsonOption()},
                   "Tokens per second a model reaches on hardware (roofline: decode bound by bytes read per step\n"
                   "over bandwidth, prefill by FLOPs), memory fit and largest batch, and with a price the USD per\n"
                   "million input and output tokens. A stored measurement (capacity import) overrides the estimate.");
    args.parse(argv);
    if (handleHelp(args, ctx.out))
        return ExitOk;
    const auto modelId = args.value("model");
    if (!modelId)
        args.fail("model", "missing (required)");
    const auto model = findModel(*modelId);
    if (!model) {
        std::string known;
        for (const auto& m : bundledModels())
            known += (known.empty() ? "" : ", ") + m.id;
        args.fail("model", "unknown model '" + *modelId + "' (" + known + ")");
    }
    if (args.has("gpu") == args.has("measured"))
        throw UsageError("finops-cli capacity: give exactly one of --gpu ID and --measured");

    CapacityInputs in;
    in.model = *model;
    in.quant = quantOption(args);
    if (auto b = args.integer("batch")) {
        if (*b < 1 || *b > 100000)
            args.fail("batch", "must be from 1 to 100000");
        in.batch = static_cast<int>(*b);
    }
    if (auto c = args.integer("context")) {
        if (*c < 1 || *c > 10000000)
            args.fail("context", "must be from 1 to 10,000,000 tokens");
        in.contextTokens = static_cast<int>(*c);
    }
    int count = 1;
    if (auto n = args.integer("count")) {
        if (*n < 1 || *n > 1024)
            args.fail("count", "must be from 1 to 1024");
        count = static_cast<int>(*n);
    }
    std::optional<double> rent = args.nonNegative("rent-usd-per-hour");
    auto store = openStore(args, args.has("add-offer") || args.has("measured"));
    std::string hardwareKey, hardwareId;
    if (const auto gpuId = args.value("gpu")) {
        const auto gpu = findGpu(*gpuId);
        if (!gpu) {
            std::string known;
            for (const GpuSpec& g : bundledGpus())
                known += (known.empty() ? "" : ", ") + g.id;
            args.fail("gpu", "unknown GPU '" + *gpuId + "' (" + known + ")");
        }
        in.hardware = hardwareForGpu(*gpu, count);
        if (!rent) {
            if (auto r = gpu->cheapestRental("neocloud-on-demand"))
                rent = r->usdPerGpuHour;
            else if (auto h = gpu->cheapestRental("hyperscaler-on-demand"))
                rent = h->usdPerGpuHour;
        }
        hardwareKey = gpuMeasurementKey(*gpu);
        hardwareId = gpu->id;
    } else {
        const auto run = store ? MeasurementStore(*store).latestKbenchRun() : std::nullopt;
        if (!run)
            throw InputError(store ? store->path() : Store::defaultPath(), 0, "kbench",
                             "no finops-kbench result stored yet: run `finops-cli kbench` first");
        const auto figures = parseKbenchResult(run->resultJson);
        const double memoryGb = static_cast<double>(sysconf(_SC_PHYS_PAGES)) * static_cast<double>(sysconf(_SC_PAGE_SIZE)) / 1e9;
        const auto hardware = figures ? hardwareFromKbench(*figures, in.quant, count, memoryGb) : std::nullopt;
        if (!hardware)
            throw InputError(store->path(), 0, "kbench", "the stored finops-kbench result has no GEMV/GEMM figures");
        in.hardware = *hardware;
        hardwareKey = run->cpu;
        hardwareId = "cpu";
    }
    if (const std::string problem = in.validate(); !problem.empty())
        throw UsageError("finops-cli capacity: " + problem);

    CapacityEstimate e = estimateCapacity(in);
    std::string estimateSource = "roofline";
    if (store) {
        if (const auto m = findMeasurement(MeasurementStore(*store).measurements(), *model, hardwareKey, in.quant);
            m && count == 1) {
            applyMeasurement(e, *m, in.batch);
            estimateSource = "measured (" + m->sourceFile + ")";
        }
    }
    std::optional<SelfHostedCost> cost;
    if (rent)
        cost = selfHostedCost(e, *rent, count);

    if (args.has("add-offer")) {
        if (!rent)
            args.fail("add-offer", "needs a price: --rent-usd-per-hour");
        const SelfHostedOfferInputs offer{*model, in.hardware, hardwareId, in.quant, in.batch, in.contextTokens,
                                          *rent, e, estimateSource, Clock::today()};
        const PriceSheet sheet = selfHostedOfferSheet(offer);
        store->addPriceSheet(sheet, Sha256::hex(sheet.name + sheet.offers.front().source + Clock::today().toString()));
    }

    if (args.has("json")) {
        nlohmann::ordered_json j{{"decode_tokens_per_s", e.decodeTokensPerS},
                                 {"prefill_tokens_per_s", e.prefillTokensPerS},
                                 {"fits", e.fits},
                                 {"max_batch", e.maxBatch},
                                 {"weights_gb", e.weightsGb},
                                 {"kv_cache_gb_per_sequence", e.kvCacheGbPerSequence}};
        if (cost) {
            j["usd_per_mtok_input"] = cost->inputUsdPerMtok;
            j["usd_per_mtok_output"] = cost->outputUsdPerMtok;
            j["output_tokens_per_month"] = cost->outputTokensPerMonth;
        }
        j["decode_tokens_per_s_per_sequence"] = e.decodeTokensPerSPerSequence;
        j["decode_memory_bound"] = e.decodeMemoryBound;
        j["estimate_source"] = estimateSource;
        j["hardware"] = {{"name", in.hardware.name}, {"count", count}, {"memory_gb", in.hardware.memoryGb},
                         {"bandwidth_gbs", in.hardware.bandwidthGbs}, {"tflops", in.hardware.tflops},
                         {"bandwidth_efficiency", in.hardware.bandwidthEfficiency},
                         {"compute_efficiency", in.hardware.computeEfficiency},
                         {"per_layer_overhead_us", in.hardware.perLayerOverheadUs}};
        j["inputs"] = {{"model", model->id}, {"quant", quantName(in.quant)}, {"batch", in.batch},
                       {"context", in.contextTokens}, {"rent_usd_per_hour", optionalNumber(rent)}};
        printJson(ctx.out, j);
        return ExitOk;
    }
    char buf[160];
    ctx.out << model->name << " (" << quantName(in.quant) << ") on " << count << " x " << in.hardware.name << ", "
            << estimateSource << '\n';
    std::snprintf(buf, sizeof buf, "decode:   %.1f tokens/s (batch %d, %s-bound)\nprefill:  %.0f tokens/s\n",
                  e.decodeTokensPerS, in.batch, e.decodeMemoryBound ? "memory" : "compute", e.prefillTokensPerS);
    ctx.out << buf;
    std::snprintf(buf, sizeof buf, "memory:   weights %.1f GB + KV %.2f GB per sequence at %d tokens: %s, up to %d sequences\n",
                  e.weightsGb, e.kvCacheGbPerSequence, in.contextTokens, e.fits ? "fits" : "DOES NOT FIT", e.maxBatch);
    ctx.out << buf;
    if (cost) {
        ctx.out << "cost:     " << formatUnitPrice(cost->inputUsdPerMtok) << " per million input, "
                << formatUnitPrice(cost->outputUsdPerMtok) << " per million output tokens at " << formatUnitPrice(*rent)
                << " per device-hour\n";
        std::snprintf(buf, sizeof buf, "capacity: %.3g output tokens a month (730 h, nothing else running)\n",
                      cost->outputTokensPerMonth);
        ctx.out << buf;
    }
    if (args.has("add-offer"))
        ctx.out << "added as a self-hosted offer to " << store->path() << '\n';
    return ExitOk;
}

} // namespace finops::cli
