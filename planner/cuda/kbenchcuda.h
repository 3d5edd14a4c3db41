#pragma once

// The optional CUDA kernels of finops-kbench (built only with -DFINOPS_CUDA=ON when CMake
// finds a CUDA compiler; the target defines FINOPS_HAVE_CUDA for its users). Plain C++:
// no CUDA types here, so C++ code includes it without the CUDA headers. Every function
// reports CUDA failures (no driver, no device, out of memory, launch errors) in `error`
// and never throws or aborts.

#include <cstddef>
#include <functional>
#include <string>

namespace finops::kbenchcuda {

// Called between runs with the stage's progress (0..1); returning false stops early.
using Progress = std::function<bool(double fraction)>;

struct Device
{
    std::string error; // empty when a device was found; "no CUDA device" when there is none
    std::string detail; // the CUDA runtime's message when error is set
    std::string name;
    std::size_t l2Bytes = 0;
    std::size_t memoryBytes = 0;
};
// Selects device 0.
Device probe();

// STREAM triad a = b + s*c on doubles, grid-stride; 24 bytes per element as STREAM counts
// them. Best of `runs` after one warm-up, timed with CUDA events; the whole result array is
// checked on the host.
struct TriadResult
{
    std::string error;
    double gbs = 0;
    std::size_t arrayBytes = 0;
    int runs = 0;
    bool verified = false;
    bool complete = false;
};
TriadResult triad(std::size_t elements, int runs, const Progress& progress);

// The decode GEMV y = W x (x, y float) with W row-major in llama.cpp's layouts, dequantised
// on the fly: F16 (__half), Q8_0 (blocks of 32 int8 after one fp16 scale: 34 bytes) and
// Q4_0 (one fp16 scale, then 16 bytes whose low nibbles are weights 0..15 and high nibbles
// weights 16..31, each minus 8: 18 bytes). Effective GB/s = bytes of W read / best time.
// Sampled rows are checked against a host reference summed in double.
enum class Format { F16, Q8_0, Q4_0 };
double bytesPerWeight(Format format);
struct GemvResult
{
    std::string error;
    double gbs = 0;
    std::size_t weightBytes = 0;
    std::size_t rows = 0, cols = 0;
    bool verified = false;
    bool complete = false;
};
GemvResult gemv(Format format, std::size_t rows, std::size_t cols, int runs, const Progress& progress);

} // namespace finops::kbenchcuda
