#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace finops::kernels {

// The microbenchmark kernels finops-kbench runs to measure what this machine delivers.
// Multi-threaded with OpenMP (static schedule), arrays initialised by the threads that
// later read them (first touch), best of several timed runs after a warm-up, results
// checked: a kernel that computes garbage reports verified = false.

// Called between runs with the kernel's progress (0..1); returning false stops early.
using Progress = std::function<bool(double fraction)>;

// Bytes of the last-level cache, from sysfs (0 when unknown).
std::size_t lastLevelCacheBytes();
// The CPU's model name, from /proc/cpuinfo.
std::string cpuModel();
int hardwareThreads();

// STREAM (McCalpin): copy c=a, scale b=s*c, add c=a+b, triad a=b+s*c on doubles. Bytes
// are counted as STREAM counts them: 2 arrays for copy and scale, 3 for add and triad.
struct StreamResult
{
    double copyGbs = 0, scaleGbs = 0, addGbs = 0, triadGbs = 0;
    std::size_t arrayBytes = 0;
    int runs = 0;
    bool verified = false;
    bool complete = false;
};
StreamResult stream(std::size_t elements, int threads, int runs, const Progress& progress);

// FP32 matrix product C = A * B (n x n) with Eigen: GFLOP/s from 2 n^3 flops.
struct GemmResult
{
    double gflops = 0;
    int n = 0;
    bool verified = false;
    bool complete = false;
};
GemmResult gemm(int n, int threads, int runs, const Progress& progress);

// The decode step of an LLM: y = W x with W quantised and dequantised on the fly into
// float accumulators. Formats: FP16; INT8 and INT4 in blocks of 32 weights with one
// float scale per block (as llama.cpp's Q8_0 / Q4_0, with a float scale). Effective GB/s
// counts the weight bytes read (scales included).
enum class WeightFormat { F16, Int8, Int4 };
double bytesPerWeight(WeightFormat format);
struct GemvResult
{
    double gbs = 0;
    std::size_t weightBytes = 0;
    bool verified = false;
    bool complete = false;
};
GemvResult gemv(WeightFormat format, std::size_t rows, std::size_t cols, int threads, int runs, const Progress& progress);

} // namespace finops::kernels
