// The optional CUDA kernels of finops-kbench: STREAM triad and the LLM decode GEMV at
// FP16, Q8_0 and Q4_0. See kbenchcuda.h. CUDA failures become error strings: nothing here
// throws past the public functions or aborts the process.
#include "kbenchcuda.h"

#include <cuda_fp16.h>
#include <cuda_runtime.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <new>
#include <stdexcept>
#include <vector>

namespace finops::kbenchcuda {
namespace {

struct CudaError : std::runtime_error
{
    using std::runtime_error::runtime_error;
};

void check(cudaError_t status, const char* what)
{
    if (status != cudaSuccess)
        throw CudaError(std::string(what) + ": " + cudaGetErrorString(status));
}

template <typename T>
class DeviceBuffer
{
public:
    explicit DeviceBuffer(std::size_t count) { check(cudaMalloc(&ptr_, count * sizeof(T)), "cudaMalloc"); }
    ~DeviceBuffer()
    {
        if (ptr_)
            cudaFree(ptr_);
    }
    DeviceBuffer(const DeviceBuffer&) = delete;
    DeviceBuffer& operator=(const DeviceBuffer&) = delete;
    T* get() const { return ptr_; }

private:
    T* ptr_ = nullptr;
};

class Event
{
public:
    Event() { check(cudaEventCreate(&event_), "cudaEventCreate"); }
    ~Event() { cudaEventDestroy(event_); }
    Event(const Event&) = delete;
    Event& operator=(const Event&) = delete;
    cudaEvent_t get() const { return event_; }

private:
    cudaEvent_t event_{};
};

// Seconds taken by the kernels `launch` enqueues on the default stream.
template <typename Launch>
double timed(const Launch& launch)
{
    Event start, stop;
    check(cudaEventRecord(start.get()), "cudaEventRecord");
    launch();
    check(cudaGetLastError(), "kernel launch");
    check(cudaEventRecord(stop.get()), "cudaEventRecord");
    check(cudaEventSynchronize(stop.get()), "kernel execution");
    float ms = 0;
    check(cudaEventElapsedTime(&ms, start.get(), stop.get()), "cudaEventElapsedTime");
    return static_cast<double>(ms) / 1e3;
}

int multiprocessors()
{
    int device = 0, count = 0;
    check(cudaGetDevice(&device), "cudaGetDevice");
    check(cudaDeviceGetAttribute(&count, cudaDevAttrMultiProcessorCount, device), "cudaDeviceGetAttribute");
    return std::max(1, count);
}

// --- STREAM triad ---------------------------------------------------------------------

constexpr double kTriadScalar = 3.0;

// Values whose triad is exact in double, so the check can demand equality.
__host__ __device__ double triadB(std::size_t i) { return static_cast<double>(i % 1024); }
__host__ __device__ double triadC(std::size_t i) { return 0.25 * static_cast<double>(i % 17); }

__global__ void triadInit(double* a, double* b, double* c, std::size_t n)
{
    const std::size_t stride = static_cast<std::size_t>(gridDim.x) * blockDim.x;
    for (std::size_t i = static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x; i < n; i += stride) {
        a[i] = -1.0;
        b[i] = triadB(i);
        c[i] = triadC(i);
    }
}

__global__ void triadKernel(double* __restrict__ a, const double* __restrict__ b, const double* __restrict__ c,
                            double scalar, std::size_t n)
{
    const std::size_t stride = static_cast<std::size_t>(gridDim.x) * blockDim.x;
    for (std::size_t i = static_cast<std::size_t>(blockIdx.x) * blockDim.x + threadIdx.x; i < n; i += stride)
        a[i] = b[i] + scalar * c[i];
}

// --- decode GEMV ----------------------------------------------------------------------

constexpr std::size_t kBlock = 32; // weights per Q8_0 / Q4_0 block
constexpr std::size_t kQ8Bytes = 2 + 32; // fp16 scale + 32 int8
constexpr std::size_t kQ4Bytes = 2 + 16; // fp16 scale + 32 nibbles
constexpr int kWarp = 32;
constexpr int kRowsPerCta = 8; // one warp per row

__device__ float warpSum(float v)
{
    for (int offset = kWarp / 2; offset > 0; offset /= 2)
        v += __shfl_xor_sync(0xffffffffu, v, offset);
    return v;
}

__device__ float blockScale(const unsigned char* block) { return __half2float(*reinterpret_cast<const __half*>(block)); }

// FP16: each lane reads 16 bytes (8 weights) at a time; cols is a multiple of 8.
__global__ void gemvF16(const uint4* __restrict__ w, const float4* __restrict__ x, float* __restrict__ y,
                        std::size_t rows, std::size_t cols)
{
    const std::size_t row = static_cast<std::size_t>(blockIdx.x) * kRowsPerCta + threadIdx.x / kWarp;
    const int lane = static_cast<int>(threadIdx.x % kWarp);
    if (row >= rows)
        return;
    const std::size_t chunks = cols / 8;
    const uint4* wr = w + row * chunks;
    float sum = 0;
    for (std::size_t j = lane; j < chunks; j += kWarp) {
        const uint4 packed = wr[j];
        const __half2* h = reinterpret_cast<const __half2*>(&packed);
        const float4 x0 = x[2 * j], x1 = x[2 * j + 1];
        const float2 w0 = __half22float2(h[0]), w1 = __half22float2(h[1]);
        const float2 w2 = __half22float2(h[2]), w3 = __half22float2(h[3]);
        sum += w0.x * x0.x + w0.y * x0.y + w1.x * x0.z + w1.y * x0.w;
        sum += w2.x * x1.x + w2.y * x1.y + w3.x * x1.z + w3.y * x1.w;
    }
    sum = warpSum(sum);
    if (lane == 0)
        y[row] = sum;
}

// Q8_0: 8 lanes per block, 4 weights each (two 16-bit loads: blocks are 2-byte aligned).
__global__ void gemvQ8(const unsigned char* __restrict__ w, const float* __restrict__ x, float* __restrict__ y,
                       std::size_t rows, std::size_t blocksPerRow)
{
    const std::size_t row = static_cast<std::size_t>(blockIdx.x) * kRowsPerCta + threadIdx.x / kWarp;
    const int lane = static_cast<int>(threadIdx.x % kWarp);
    if (row >= rows)
        return;
    const unsigned char* wr = w + row * blocksPerRow * kQ8Bytes;
    const int t = lane % 8;
    float sum = 0;
    for (std::size_t b = static_cast<std::size_t>(lane / 8); b < blocksPerRow; b += 4) {
        const unsigned char* block = wr + b * kQ8Bytes;
        const auto* q = reinterpret_cast<const std::uint16_t*>(block + 2 + 4 * t);
        const std::uint32_t v = static_cast<std::uint32_t>(q[0]) | (static_cast<std::uint32_t>(q[1]) << 16);
        const float* xb = x + b * kBlock + 4 * t;
        float partial = 0;
        for (int k = 0; k < 4; ++k)
            partial += static_cast<float>(static_cast<std::int8_t>((v >> (8 * k)) & 0xffu)) * xb[k];
        sum += blockScale(block) * partial;
    }
    sum = warpSum(sum);
    if (lane == 0)
        y[row] = sum;
}

// Q4_0: 4 lanes per block; lane t reads bytes 4t..4t+3 = weights 4t..4t+3 (low nibbles)
// and 16+4t..16+4t+3 (high nibbles), each stored plus 8.
__global__ void gemvQ4(const unsigned char* __restrict__ w, const float* __restrict__ x, float* __restrict__ y,
                       std::size_t rows, std::size_t blocksPerRow)
{
    const std::size_t row = static_cast<std::size_t>(blockIdx.x) * kRowsPerCta + threadIdx.x / kWarp;
    const int lane = static_cast<int>(threadIdx.x % kWarp);
    if (row >= rows)
        return;
    const unsigned char* wr = w + row * blocksPerRow * kQ4Bytes;
    const int t = lane % 4;
    float sum = 0;
    for (std::size_t b = static_cast<std::size_t>(lane / 4); b < blocksPerRow; b += 8) {
        const unsigned char* block = wr + b * kQ4Bytes;
        const auto* q = reinterpret_cast<const std::uint16_t*>(block + 2 + 4 * t);
        const std::uint32_t v = static_cast<std::uint32_t>(q[0]) | (static_cast<std::uint32_t>(q[1]) << 16);
        const float* xb = x + b * kBlock + 4 * t;
        float partial = 0;
        for (int k = 0; k < 4; ++k) {
            const int byte = static_cast<int>((v >> (8 * k)) & 0xffu);
            partial += static_cast<float>((byte & 0xf) - 8) * xb[k] + static_cast<float>((byte >> 4) - 8) * xb[16 + k];
        }
        sum += blockScale(block) * partial;
    }
    sum = warpSum(sum);
    if (lane == 0)
        y[row] = sum;
}

std::size_t rowBytes(Format format, std::size_t cols)
{
    switch (format) {
    case Format::F16:
        return cols * 2;
    case Format::Q8_0:
        return cols / kBlock * kQ8Bytes;
    case Format::Q4_0:
        return cols / kBlock * kQ4Bytes;
    }
    return 0;
}

void putHalf(unsigned char* at, float value)
{
    const __half h = __float2half(value);
    std::memcpy(at, &h, sizeof h);
}

float getHalf(const unsigned char* at)
{
    __half h;
    std::memcpy(&h, at, sizeof h);
    return __half2float(h);
}

// Host weights in the device layout, deterministic pseudo-random values.
std::vector<unsigned char> makeWeights(Format format, std::size_t rows, std::size_t cols)
{
    const std::size_t bytes = rowBytes(format, cols);
    std::vector<unsigned char> w(rows * bytes);
    for (std::size_t r = 0; r < rows; ++r) {
        unsigned char* wr = w.data() + r * bytes;
        std::uint32_t state = static_cast<std::uint32_t>(r * 2654435761u + 12345u);
        auto next = [&state] {
            state = state * 1664525u + 1013904223u;
            return static_cast<int>(state >> 28); // 0..15
        };
        switch (format) {
        case Format::F16:
            for (std::size_t c = 0; c < cols; ++c)
                putHalf(wr + 2 * c, static_cast<float>(next() - 8) / 16.0f);
            break;
        case Format::Q8_0:
            for (std::size_t b = 0; b < cols / kBlock; ++b) {
                unsigned char* block = wr + b * kQ8Bytes;
                putHalf(block, 0.01f * static_cast<float>(1 + (r + b) % 7));
                for (std::size_t j = 0; j < kBlock; ++j)
                    block[2 + j] = static_cast<unsigned char>(static_cast<std::int8_t>((next() - 8) * 15));
            }
            break;
        case Format::Q4_0:
            for (std::size_t b = 0; b < cols / kBlock; ++b) {
                unsigned char* block = wr + b * kQ4Bytes;
                putHalf(block, 0.01f * static_cast<float>(1 + (r + b) % 7));
                for (std::size_t j = 0; j < 16; ++j)
                    block[2 + j] = static_cast<unsigned char>(next() | (next() << 4));
            }
            break;
        }
    }
    return w;
}

// Weight (r, c) decoded from the host copy, independently of the kernels' indexing.
double hostWeight(Format format, const unsigned char* wr, std::size_t c)
{
    switch (format) {
    case Format::F16:
        return getHalf(wr + 2 * c);
    case Format::Q8_0: {
        const unsigned char* block = wr + c / kBlock * kQ8Bytes;
        return static_cast<double>(getHalf(block)) * static_cast<std::int8_t>(block[2 + c % kBlock]);
    }
    case Format::Q4_0: {
        const unsigned char* block = wr + c / kBlock * kQ4Bytes;
        const std::size_t j = c % kBlock;
        const int byte = block[2 + j % 16];
        const int q = j < 16 ? (byte & 0xf) : (byte >> 4);
        return static_cast<double>(getHalf(block)) * (q - 8);
    }
    }
    return 0;
}

} // namespace

Device probe()
{
    Device d;
    int count = 0;
    const cudaError_t status = cudaGetDeviceCount(&count);
    if (status != cudaSuccess || count < 1) {
        d.error = "no CUDA device";
        d.detail = status != cudaSuccess ? cudaGetErrorString(status) : "cudaGetDeviceCount found 0 devices";
        cudaGetLastError(); // clear the error state
        return d;
    }
    try {
        check(cudaSetDevice(0), "cudaSetDevice");
        cudaDeviceProp prop{};
        check(cudaGetDeviceProperties(&prop, 0), "cudaGetDeviceProperties");
        d.name = prop.name;
        d.l2Bytes = static_cast<std::size_t>(std::max(0, prop.l2CacheSize));
        d.memoryBytes = prop.totalGlobalMem;
    } catch (const CudaError& e) {
        d.error = e.what();
        cudaGetLastError();
    }
    return d;
}

TriadResult triad(std::size_t elements, int runs, const Progress& progress)
{
    TriadResult r;
    const std::size_t n = std::max<std::size_t>(elements, 1024);
    r.arrayBytes = n * sizeof(double);
    try {
        DeviceBuffer<double> a(n), b(n), c(n);
        constexpr int threads = 256;
        int perSm = 0;
        check(cudaOccupancyMaxActiveBlocksPerMultiprocessor(&perSm, triadKernel, threads, 0), "cudaOccupancy");
        const int blocks = multiprocessors() * std::max(1, perSm);
        triadInit<<<blocks, threads>>>(a.get(), b.get(), c.get(), n);
        check(cudaGetLastError(), "kernel launch");
        check(cudaDeviceSynchronize(), "kernel execution");
        double best = 1e300;
        const int total = std::max(1, runs) + 1; // the first run warms up and is not counted
        int done = 0;
        for (int k = 0; k < total; ++k) {
            const double t = timed([&] { triadKernel<<<blocks, threads>>>(a.get(), b.get(), c.get(), kTriadScalar, n); });
            ++done;
            if (k > 0)
                best = std::min(best, t);
            if (progress && !progress(static_cast<double>(k + 1) / total))
                break;
        }
        std::vector<double> host(n);
        check(cudaMemcpy(host.data(), a.get(), r.arrayBytes, cudaMemcpyDeviceToHost), "cudaMemcpy");
        bool ok = done > 0;
        for (std::size_t i = 0; i < n && ok; ++i)
            ok = host[i] == triadB(i) + kTriadScalar * triadC(i);
        r.verified = ok;
        r.runs = done - 1;
        r.complete = done == total;
        if (r.runs > 0 && best > 0)
            r.gbs = 3.0 * static_cast<double>(r.arrayBytes) / best / 1e9;
    } catch (const CudaError& e) {
        r.error = e.what();
        cudaGetLastError();
    } catch (const std::bad_alloc&) {
        r.error = "out of host memory";
    }
    return r;
}

double bytesPerWeight(Format format)
{
    switch (format) {
    case Format::F16:
        return 2.0;
    case Format::Q8_0:
        return static_cast<double>(kQ8Bytes) / kBlock;
    case Format::Q4_0:
        return static_cast<double>(kQ4Bytes) / kBlock;
    }
    return 0;
}

GemvResult gemv(Format format, std::size_t rows, std::size_t cols, int runs, const Progress& progress)
{
    GemvResult result;
    rows = std::max<std::size_t>(rows, 1);
    cols = std::max<std::size_t>(256, cols / 256 * 256);
    result.rows = rows;
    result.cols = cols;
    try {
        const std::vector<unsigned char> w = makeWeights(format, rows, cols);
        result.weightBytes = w.size();
        std::vector<float> x(cols);
        for (std::size_t c = 0; c < cols; ++c)
            x[c] = std::sin(0.001f * static_cast<float>(c));

        DeviceBuffer<unsigned char> dw(w.size());
        DeviceBuffer<float> dx(cols), dy(rows);
        check(cudaMemcpy(dw.get(), w.data(), w.size(), cudaMemcpyHostToDevice), "cudaMemcpy");
        check(cudaMemcpy(dx.get(), x.data(), cols * sizeof(float), cudaMemcpyHostToDevice), "cudaMemcpy");
        check(cudaMemset(dy.get(), 0xff, rows * sizeof(float)), "cudaMemset"); // NaN: unwritten rows fail the check

        const unsigned grid = static_cast<unsigned>((rows + kRowsPerCta - 1) / kRowsPerCta);
        const unsigned threads = kRowsPerCta * kWarp;
        const std::size_t blocksPerRow = cols / kBlock;
        auto launch = [&] {
            switch (format) {
            case Format::F16:
                gemvF16<<<grid, threads>>>(reinterpret_cast<const uint4*>(dw.get()), reinterpret_cast<const float4*>(dx.get()),
                                           dy.get(), rows, cols);
                break;
            case Format::Q8_0:
                gemvQ8<<<grid, threads>>>(dw.get(), dx.get(), dy.get(), rows, blocksPerRow);
                break;
            case Format::Q4_0:
                gemvQ4<<<grid, threads>>>(dw.get(), dx.get(), dy.get(), rows, blocksPerRow);
                break;
            }
        };
        double best = 1e300;
        const int total = std::max(1, runs) + 1;
        int done = 0;
        for (int k = 0; k < total; ++k) {
            const double t = timed(launch);
            ++done;
            if (k > 0)
                best = std::min(best, t);
            if (progress && !progress(static_cast<double>(k + 1) / total))
                break;
        }
        std::vector<float> y(rows);
        check(cudaMemcpy(y.data(), dy.get(), rows * sizeof(float), cudaMemcpyDeviceToHost), "cudaMemcpy");
        // Sampled rows (and the last) against the host reference in double.
        const std::size_t bytes = rowBytes(format, cols);
        bool ok = done > 0;
        for (std::size_t s = 0; s <= 16 && ok; ++s) {
            const std::size_t r = s == 16 ? rows - 1 : (s * 7919) % rows;
            double ref = 0, magnitude = 0;
            for (std::size_t c = 0; c < cols; ++c) {
                const double term = hostWeight(format, w.data() + r * bytes, c) * x[c];
                ref += term;
                magnitude += std::fabs(term);
            }
            ok = std::isfinite(y[r]) && std::fabs(y[r] - ref) <= 1e-4 * magnitude + 1e-6;
        }
        result.verified = ok;
        result.complete = done == total;
        if (done > 1 && best > 0)
            result.gbs = static_cast<double>(result.weightBytes) / best / 1e9;
    } catch (const CudaError& e) {
        result.error = e.what();
        cudaGetLastError();
    } catch (const std::bad_alloc&) {
        result.error = "out of host memory";
    }
    return result;
}

} // namespace finops::kbenchcuda
