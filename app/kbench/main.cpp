// finops-kbench: measures what this machine delivers (memory bandwidth, FP32 GEMM, LLM
// decode GEMV) and prints JSON lines on stdout: progress events while it runs, then one
// result event. SIGTERM stops it between runs; the result then says "partial": true.
#include "kernels.h"
#ifdef FINOPS_HAVE_CUDA
#include "kbenchcuda.h"
#endif

#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <unistd.h>

using nlohmann::ordered_json;
namespace k = finops::kernels;

namespace {

std::atomic_bool g_stop{false};
// The share of the progress fraction the CPU stages take (the CUDA stages, when run, the rest).
double g_cpuShare = 1.0;

extern "C" void onSignal(int) { g_stop = true; }

void emitProgress(const char* stage, double fraction)
{
    std::cout << ordered_json{{"event", "progress"}, {"stage", stage}, {"fraction", fraction}}.dump() << std::endl;
}

k::Progress progressFor(const char* stage, double from, double to)
{
    return [stage, from, to](double f) {
        emitProgress(stage, g_cpuShare * (from + (to - from) * f));
        return !g_stop;
    };
}

int usage(const char* self, int status)
{
    (status ? std::cerr : std::cout)
        << "Usage: " << self << " [--quick] [--threads N]"
#ifdef FINOPS_HAVE_CUDA
        << " [--cuda]"
#endif
        << "\n"
        << "Runs the STREAM kernels (copy, scale, add, triad), FP32 GEMM and the LLM decode\n"
           "GEMV at FP16, INT8 and INT4; prints JSON lines (progress, then the result).\n"
           "--quick finishes in a few seconds with smaller arrays (below the STREAM size rule).\n"
#ifdef FINOPS_HAVE_CUDA
           "--cuda also runs the CUDA triad and decode GEMV (FP16, Q8_0, Q4_0) on device 0 after\n"
           "the CPU kernels and adds a \"cuda\" object to the result ({\"error\": ...} without a device).\n"
#endif
        ;
    return status;
}

#ifdef FINOPS_HAVE_CUDA
namespace kc = finops::kbenchcuda;

kc::Progress cudaProgressFor(const char* stage, double from, double to)
{
    return [stage, from, to](double f) {
        emitProgress(stage, from + (to - from) * f);
        return !g_stop;
    };
}

// The CUDA stages: the "cuda" object of the result. `garbage` is set when a kernel ran to
// completion and its results were wrong; `partial` when SIGTERM stopped a stage.
ordered_json runCuda(bool quick, int runs, bool& partial, bool& garbage)
{
    emitProgress("cuda_probe", g_cpuShare);
    const kc::Device device = kc::probe();
    if (!device.error.empty())
        return {{"error", device.error}, {"detail", device.detail}};
    // Each array (or weight matrix) at least 4x the device's L2 and 32 MiB (--quick) or
    // 256 MiB, at most an eighth of device memory.
    std::size_t bytes = std::max(4 * device.l2Bytes, quick ? std::size_t{32} << 20 : std::size_t{256} << 20);
    bytes = std::min(bytes, std::max<std::size_t>(device.memoryBytes / 8, std::size_t{8} << 20));

    ordered_json out{{"device", device.name}, {"triad_gbs", nullptr}};
    ordered_json gemv{{"f16_gbs", nullptr}, {"int8_gbs", nullptr}, {"int4_gbs", nullptr}};
    bool verified = true;
    std::string error;
    const double step = (1.0 - g_cpuShare) / 4;
    double from = g_cpuShare;
    const auto t = kc::triad(bytes / sizeof(double), runs, cudaProgressFor("cuda_triad", from, from + step));
    from += step;
    if (!t.error.empty())
        error = t.error;
    else {
        out["triad_gbs"] = t.gbs;
        verified = verified && t.verified;
        garbage = garbage || (t.complete && !t.verified);
        partial = partial || !t.complete;
    }
    const std::pair<const char*, kc::Format> formats[] = {
        {"f16", kc::Format::F16}, {"int8", kc::Format::Q8_0}, {"int4", kc::Format::Q4_0}};
    const char* stages[] = {"cuda_gemv_f16", "cuda_gemv_int8", "cuda_gemv_int4"};
    std::size_t weightBytes = 0;
    for (int i = 0; i < 3 && error.empty(); ++i) {
        if (g_stop) {
            partial = true;
            break;
        }
        const auto& [name, format] = formats[i];
        const std::size_t cols = 4096;
        const std::size_t rows = std::max<std::size_t>(64, static_cast<std::size_t>(static_cast<double>(bytes) / kc::bytesPerWeight(format) / cols));
        const auto r = kc::gemv(format, rows, cols, runs, cudaProgressFor(stages[i], from, from + step));
        from += step;
        if (!r.error.empty()) {
            error = r.error;
            break;
        }
        gemv[std::string(name) + "_gbs"] = r.gbs;
        weightBytes = std::max(weightBytes, r.weightBytes);
        verified = verified && r.verified;
        garbage = garbage || (r.complete && !r.verified);
        partial = partial || !r.complete;
    }
    out["gemv"] = gemv;
    out["verified"] = verified && error.empty();
    if (!error.empty())
        out["error"] = error;
    out["l2_bytes"] = device.l2Bytes;
    out["array_bytes"] = t.arrayBytes;
    out["gemv_weight_bytes"] = weightBytes;
    out["runs"] = runs;
    return out;
}
#endif

} // namespace

int main(int argc, char** argv)
{
    bool quick = false;
    int threads = k::hardwareThreads();
#ifdef FINOPS_HAVE_CUDA
    bool cuda = false;
#endif
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--quick")
            quick = true;
        else if (a == "--threads" && i + 1 < argc) {
            threads = std::atoi(argv[++i]);
            if (threads < 1 || threads > 1024) {
                std::cerr << "finops-kbench: --threads must be from 1 to 1024\n";
                return 2;
            }
        }
#ifdef FINOPS_HAVE_CUDA
        else if (a == "--cuda")
            cuda = true;
#endif
        else if (a == "--help" || a == "-h")
            return usage(argv[0], 0);
        else {
            std::cerr << "finops-kbench: unknown option " << a << '\n';
            return usage(argv[0], 2);
        }
    }
    struct sigaction action{};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);

    // STREAM's rule: each array at least 4x the last-level cache (and 256 MiB), capped at
    // an eighth of physical memory. --quick uses 32 MiB arrays.
    const std::size_t llc = k::lastLevelCacheBytes();
    const std::size_t memory = static_cast<std::size_t>(sysconf(_SC_PHYS_PAGES)) * static_cast<std::size_t>(sysconf(_SC_PAGE_SIZE));
    std::size_t arrayBytes = quick ? (std::size_t{32} << 20) : std::max(4 * llc, std::size_t{256} << 20);
    arrayBytes = std::min(arrayBytes, std::max<std::size_t>(memory / 8, std::size_t{32} << 20));
    const int runs = quick ? 3 : 10;
#ifdef FINOPS_HAVE_CUDA
    if (cuda)
        g_cpuShare = 0.8;
#endif

    ordered_json result{{"event", "result"}, {"cpu", k::cpuModel()}, {"threads", threads}, {"quick", quick}};
    bool verified = true;
    bool partial = false;

    const auto s = k::stream(arrayBytes / sizeof(double), threads, runs, progressFor("stream", 0.0, 0.4));
    result["stream"] = {{"copy_gbs", s.copyGbs}, {"scale_gbs", s.scaleGbs}, {"add_gbs", s.addGbs},
                        {"triad_gbs", s.triadGbs}, {"array_bytes", s.arrayBytes}, {"runs", s.runs}};
    verified = verified && s.verified;
    partial = partial || !s.complete;

    if (!g_stop) {
        const auto g = k::gemm(quick ? 512 : 2048, threads, quick ? 3 : 5, progressFor("gemm", 0.4, 0.6));
        result["gemm_gflops"] = g.gflops;
        result["gemm_n"] = g.n;
        verified = verified && g.verified;
        partial = partial || !g.complete;
    } else {
        result["gemm_gflops"] = nullptr;
    }

    // The decode kernel: one weight matrix of the same byte size for each format, shaped
    // like Llama's FFN (rows of 4096 inputs).
    ordered_json gemv{{"f16_gbs", nullptr}, {"int8_gbs", nullptr}, {"int4_gbs", nullptr}};
    ordered_json tokens{{"reference_model", "llama-3.1-8b (8.03e9 weights)"}};
    const std::pair<const char*, k::WeightFormat> formats[] = {
        {"f16", k::WeightFormat::F16}, {"int8", k::WeightFormat::Int8}, {"int4", k::WeightFormat::Int4}};
    double from = 0.6;
    for (const auto& [name, format] : formats) {
        if (g_stop) {
            partial = true;
            break;
        }
        const std::size_t cols = 4096;
        const std::size_t rows = std::max<std::size_t>(64, static_cast<std::size_t>(
                                                               static_cast<double>(arrayBytes) / k::bytesPerWeight(format) / cols));
        const std::string stage = std::string("gemv_") + name;
        const auto r = k::gemv(format, rows, cols, threads, runs, progressFor(stage == "gemv_f16" ? "gemv_f16" : stage == "gemv_int8" ? "gemv_int8" : "gemv_int4", from, from + 0.4 / 3));
        from += 0.4 / 3;
        gemv[std::string(name) + "_gbs"] = r.gbs;
        // Decode reads every weight once per token: tokens/s = bandwidth / model bytes.
        tokens[name] = r.gbs * 1e9 / (8.03e9 * k::bytesPerWeight(format));
        verified = verified && r.verified;
        partial = partial || !r.complete;
    }
    result["gemv"] = gemv;
    result["decode_tokens_per_s"] = tokens;
    bool cudaGarbage = false;
#ifdef FINOPS_HAVE_CUDA
    if (cuda && !g_stop)
        result["cuda"] = runCuda(quick, runs, partial, cudaGarbage);
    else if (cuda)
        result["cuda"] = {{"error", "stopped before the CUDA stages"}};
#endif
    result["verified"] = verified;
    result["partial"] = partial || static_cast<bool>(g_stop);
    std::cout << result.dump() << std::endl;
    return (verified && !cudaGarbage) || partial ? 0 : 1;
}
