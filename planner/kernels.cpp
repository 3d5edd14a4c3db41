#include "kernels.h"

#include <Eigen/Core>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <omp.h>
#include <random>
#include <thread>
#include <vector>
#if defined(__F16C__) || defined(__AVX2__)
#include <immintrin.h>
#endif

namespace finops::kernels {

namespace {

using Clock = std::chrono::steady_clock;

template <typename T> struct AlignedFree
{
    void operator()(T* p) const { std::free(p); }
};
template <typename T> using Aligned = std::unique_ptr<T[], AlignedFree<T>>;

template <typename T> Aligned<T> allocate(std::size_t n)
{
    const std::size_t bytes = (n * sizeof(T) + 63) / 64 * 64;
    void* p = std::aligned_alloc(64, std::max<std::size_t>(bytes, 64));
    if (!p)
        throw std::bad_alloc();
    return Aligned<T>(static_cast<T*>(p));
}

double seconds(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// IEEE 754 half <-> float without relying on compiler support.
std::uint16_t floatToHalf(float f)
{
    std::uint32_t x;
    std::memcpy(&x, &f, 4);
    const std::uint32_t sign = (x >> 16) & 0x8000;
    int exponent = static_cast<int>((x >> 23) & 0xff) - 127 + 15;
    std::uint32_t mantissa = x & 0x7fffff;
    if (exponent <= 0)
        return static_cast<std::uint16_t>(sign); // tiny values flush to zero (ours are not tiny)
    if (exponent >= 31)
        return static_cast<std::uint16_t>(sign | 0x7c00);
    mantissa += 0x1000; // round to nearest
    if (mantissa & 0x800000) {
        mantissa = 0;
        ++exponent;
    }
    return static_cast<std::uint16_t>(sign | (static_cast<std::uint32_t>(exponent) << 10) | (mantissa >> 13));
}

float halfToFloat(std::uint16_t h)
{
    const std::uint32_t sign = (h & 0x8000u) << 16;
    const std::uint32_t exponent = (h >> 10) & 0x1f;
    const std::uint32_t mantissa = h & 0x3ff;
    std::uint32_t x;
    if (exponent == 0)
        x = sign; // zero (subnormals do not occur in the benchmark's data)
    else if (exponent == 31)
        x = sign | 0x7f800000 | (mantissa << 13);
    else
        x = sign | ((exponent - 15 + 127) << 23) | (mantissa << 13);
    float f;
    std::memcpy(&f, &x, 4);
    return f;
}

constexpr std::size_t kBlock = 32;

struct QuantMatrix
{
    WeightFormat format;
    std::size_t rows = 0, cols = 0;
    Aligned<std::uint16_t> f16;
    Aligned<std::int8_t> q8;
    Aligned<std::uint8_t> q4; // Q4_0 layout: byte j of a block = weight j (low) and j + 16 (high), + 8
    Aligned<float> scales;     // one per block of 32 weights

    std::size_t weightBytes() const
    {
        const std::size_t n = rows * cols;
        switch (format) {
        case WeightFormat::F16:
            return n * 2;
        case WeightFormat::Int8:
            return n + n / kBlock * 4;
        case WeightFormat::Int4:
            return n / 2 + n / kBlock * 4;
        }
        return 0;
    }
    float weight(std::size_t r, std::size_t c) const
    {
        const std::size_t i = r * cols + c;
        switch (format) {
        case WeightFormat::F16:
            return halfToFloat(f16[i]);
        case WeightFormat::Int8:
            return scales[i / kBlock] * q8[i];
        case WeightFormat::Int4: {
            const std::size_t block = i / kBlock, j = i % kBlock;
            const std::uint8_t byte = q4[block * kBlock / 2 + j % 16];
            const int v = (j < 16 ? (byte & 0x0f) : (byte >> 4)) - 8;
            return scales[block] * static_cast<float>(v);
        }
        }
        return 0;
    }
};

// Row r of the product, dequantising in registers and accumulating in float.
float dotF16(const std::uint16_t* w, const float* x, std::size_t n)
{
    std::size_t i = 0;
    float total = 0;
#if defined(__AVX512F__)
    __m512 acc = _mm512_setzero_ps();
    for (; i + 16 <= n; i += 16) {
        const __m512 wf = _mm512_cvtph_ps(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(w + i)));
        acc = _mm512_fmadd_ps(wf, _mm512_loadu_ps(x + i), acc);
    }
    total = _mm512_reduce_add_ps(acc);
#elif defined(__F16C__) && defined(__AVX2__) && defined(__FMA__)
    __m256 acc = _mm256_setzero_ps();
    for (; i + 8 <= n; i += 8) {
        const __m256 wf = _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(w + i)));
        acc = _mm256_fmadd_ps(wf, _mm256_loadu_ps(x + i), acc);
    }
    alignas(32) float lanes[8];
    _mm256_store_ps(lanes, acc);
    for (float l : lanes)
        total += l;
#endif
    for (; i < n; ++i)
        total += halfToFloat(w[i]) * x[i];
    return total;
}

float dotQ8(const std::int8_t* w, const float* scales, const float* x, std::size_t n)
{
    float total = 0;
#if defined(__AVX512F__)
    __m512 acc = _mm512_setzero_ps();
    for (std::size_t b = 0; b < n / kBlock; ++b) {
        const std::int8_t* wb = w + b * kBlock;
        const float* xb = x + b * kBlock;
        const __m512 lo = _mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(wb))));
        const __m512 hi = _mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(wb + 16))));
        const __m512 block = _mm512_fmadd_ps(hi, _mm512_loadu_ps(xb + 16), _mm512_mul_ps(lo, _mm512_loadu_ps(xb)));
        acc = _mm512_fmadd_ps(block, _mm512_set1_ps(scales[b]), acc);
    }
    total = _mm512_reduce_add_ps(acc);
#else
    for (std::size_t b = 0; b < n / kBlock; ++b) {
        float block = 0;
        const std::int8_t* wb = w + b * kBlock;
        const float* xb = x + b * kBlock;
#pragma omp simd reduction(+ : block)
        for (std::size_t j = 0; j < kBlock; ++j)
            block += static_cast<float>(wb[j]) * xb[j];
        total += block * scales[b];
    }
#endif
    return total;
}

// Q4 blocks as llama.cpp's Q4_0 lays them out: byte j holds weight j in its low nibble and
// weight j + 16 in its high nibble, each stored as value + 8.
float dotQ4(const std::uint8_t* w, const float* scales, const float* x, std::size_t n)
{
    float total = 0;
#if defined(__AVX512F__)
    __m512 acc = _mm512_setzero_ps();
    const __m512i mask = _mm512_set1_epi32(0x0f);
    const __m512i eight = _mm512_set1_epi32(8);
    for (std::size_t b = 0; b < n / kBlock; ++b) {
        const std::uint8_t* wb = w + b * kBlock / 2;
        const float* xb = x + b * kBlock;
        const __m512i bytes = _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(wb)));
        const __m512 lo = _mm512_cvtepi32_ps(_mm512_sub_epi32(_mm512_and_si512(bytes, mask), eight));
        const __m512 hi = _mm512_cvtepi32_ps(_mm512_sub_epi32(_mm512_srli_epi32(bytes, 4), eight));
        const __m512 block = _mm512_fmadd_ps(hi, _mm512_loadu_ps(xb + 16), _mm512_mul_ps(lo, _mm512_loadu_ps(xb)));
        acc = _mm512_fmadd_ps(block, _mm512_set1_ps(scales[b]), acc);
    }
    total = _mm512_reduce_add_ps(acc);
#else
    for (std::size_t b = 0; b < n / kBlock; ++b) {
        float block = 0;
        const std::uint8_t* wb = w + b * kBlock / 2;
        const float* xb = x + b * kBlock;
#pragma omp simd reduction(+ : block)
        for (std::size_t j = 0; j < kBlock / 2; ++j)
            block += static_cast<float>((wb[j] & 0x0f) - 8) * xb[j] + static_cast<float>((wb[j] >> 4) - 8) * xb[j + 16];
        total += block * scales[b];
    }
#endif
    return total;
}

} // namespace

std::size_t lastLevelCacheBytes()
{
    std::size_t best = 0;
    for (int index = 0; index < 8; ++index) {
        std::ifstream in("/sys/devices/system/cpu/cpu0/cache/index" + std::to_string(index) + "/size");
        std::string text;
        if (!(in >> text))
            continue;
        std::size_t value = std::strtoull(text.c_str(), nullptr, 10);
        if (text.back() == 'K')
            value *= 1024;
        else if (text.back() == 'M')
            value *= 1024 * 1024;
        best = std::max(best, value);
    }
    return best;
}

std::string cpuModel()
{
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind("model name", 0) == 0)
            if (const auto colon = line.find(':'); colon != std::string::npos)
                return line.substr(line.find_first_not_of(' ', colon + 1));
    return "unknown CPU";
}

int hardwareThreads() { return std::max(1u, std::thread::hardware_concurrency()); }

StreamResult stream(std::size_t n, int threads, int runs, const Progress& progress)
{
    StreamResult r;
    r.arrayBytes = n * sizeof(double);
    auto a = allocate<double>(n), b = allocate<double>(n), c = allocate<double>(n);
    // First touch: each thread initialises the pages it will stream later.
#pragma omp parallel for schedule(static) num_threads(threads)
    for (std::size_t i = 0; i < n; ++i) {
        a[i] = 1.0;
        b[i] = 2.0;
        c[i] = 0.0;
    }
    const double scalar = 3.0;
    double best[4] = {1e300, 1e300, 1e300, 1e300};
    const int total = runs + 1; // the first run warms up and is not counted
    int done = 0;
    for (int k = 0; k < total; ++k) {
        double t[4];
        auto t0 = Clock::now();
#pragma omp parallel for schedule(static) num_threads(threads)
        for (std::size_t i = 0; i < n; ++i)
            c[i] = a[i];
        t[0] = seconds(t0);
        t0 = Clock::now();
#pragma omp parallel for schedule(static) num_threads(threads)
        for (std::size_t i = 0; i < n; ++i)
            b[i] = scalar * c[i];
        t[1] = seconds(t0);
        t0 = Clock::now();
#pragma omp parallel for schedule(static) num_threads(threads)
        for (std::size_t i = 0; i < n; ++i)
            c[i] = a[i] + b[i];
        t[2] = seconds(t0);
        t0 = Clock::now();
#pragma omp parallel for schedule(static) num_threads(threads)
        for (std::size_t i = 0; i < n; ++i)
            a[i] = b[i] + scalar * c[i];
        t[3] = seconds(t0);
        ++done;
        if (k > 0)
            for (int j = 0; j < 4; ++j)
                best[j] = std::min(best[j], t[j]);
        if (progress && !progress(static_cast<double>(k + 1) / total))
            break;
    }
    // STREAM's check: replay the recurrence on scalars and compare every element's kind.
    double aj = 1.0, bj = 2.0, cj = 0.0;
    for (int k = 0; k < done; ++k) {
        cj = aj;
        bj = scalar * cj;
        cj = aj + bj;
        aj = bj + scalar * cj;
    }
    double errA = 0, errB = 0, errC = 0;
#pragma omp parallel for schedule(static) num_threads(threads) reduction(max : errA, errB, errC)
    for (std::size_t i = 0; i < n; ++i) {
        errA = std::max(errA, std::fabs(a[i] - aj) / aj);
        errB = std::max(errB, std::fabs(b[i] - bj) / bj);
        errC = std::max(errC, std::fabs(c[i] - cj) / cj);
    }
    r.verified = done > 0 && errA < 1e-13 && errB < 1e-13 && errC < 1e-13;
    r.runs = done - 1;
    r.complete = done == total;
    if (r.runs > 0) {
        const double bytes = static_cast<double>(n) * sizeof(double);
        r.copyGbs = 2 * bytes / best[0] / 1e9;
        r.scaleGbs = 2 * bytes / best[1] / 1e9;
        r.addGbs = 3 * bytes / best[2] / 1e9;
        r.triadGbs = 3 * bytes / best[3] / 1e9;
    }
    return r;
}

GemmResult gemm(int n, int threads, int runs, const Progress& progress)
{
    GemmResult r;
    r.n = n;
    Eigen::setNbThreads(threads);
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
    Eigen::MatrixXf a(n, n), b(n, n), c(n, n);
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i) {
            a(i, j) = dist(rng);
            b(i, j) = dist(rng);
        }
    double best = 1e300;
    const int total = runs + 1;
    int done = 0;
    for (int k = 0; k < total; ++k) {
        const auto t0 = Clock::now();
        c.noalias() = a * b;
        const double t = seconds(t0);
        ++done;
        if (k > 0)
            best = std::min(best, t);
        if (progress && !progress(static_cast<double>(k + 1) / total))
            break;
    }
    // Check a sample of entries against dot products in double.
    bool ok = true;
    for (int s = 0; s < 32 && ok; ++s) {
        const int i = (s * 7919) % n, j = (s * 104729) % n;
        double ref = 0;
        for (int k = 0; k < n; ++k)
            ref += static_cast<double>(a(i, k)) * b(k, j);
        ok = std::fabs(c(i, j) - ref) <= 1e-3 * std::sqrt(static_cast<double>(n)) + 1e-4 * std::fabs(ref);
    }
    r.verified = ok && done > 0;
    r.complete = done == total;
    if (done > 1)
        r.gflops = 2.0 * n * static_cast<double>(n) * n / best / 1e9;
    return r;
}

double bytesPerWeight(WeightFormat format)
{
    switch (format) {
    case WeightFormat::F16:
        return 2.0;
    case WeightFormat::Int8:
        return 1.0 + 4.0 / kBlock;
    case WeightFormat::Int4:
        return 0.5 + 4.0 / kBlock;
    }
    return 0;
}

GemvResult gemv(WeightFormat format, std::size_t rows, std::size_t cols, int threads, int runs, const Progress& progress)
{
    cols = std::max(kBlock, cols / kBlock * kBlock);
    QuantMatrix m;
    m.format = format;
    m.rows = rows;
    m.cols = cols;
    const std::size_t n = rows * cols;
    if (format == WeightFormat::F16)
        m.f16 = allocate<std::uint16_t>(n);
    else
        m.scales = allocate<float>(n / kBlock);
    if (format == WeightFormat::Int8)
        m.q8 = allocate<std::int8_t>(n);
    if (format == WeightFormat::Int4)
        m.q4 = allocate<std::uint8_t>(n / 2);
    // First touch by rows, as the product reads them; deterministic pseudo-random values.
#pragma omp parallel for schedule(static) num_threads(threads)
    for (std::size_t r = 0; r < rows; ++r) {
        std::uint32_t state = static_cast<std::uint32_t>(r * 2654435761u + 12345u);
        for (std::size_t c = 0; c < cols; ++c) {
            state = state * 1664525u + 1013904223u;
            const std::size_t i = r * cols + c;
            const int v = static_cast<int>(state >> 28); // 0..15
            switch (format) {
            case WeightFormat::F16:
                m.f16[i] = floatToHalf((v - 8) / 16.0f);
                break;
            case WeightFormat::Int8:
                m.q8[i] = static_cast<std::int8_t>((v - 8) * 15);
                break;
            case WeightFormat::Int4: {
                const std::size_t block = i / kBlock, j = i % kBlock;
                std::uint8_t& byte = m.q4[block * kBlock / 2 + j % 16];
                byte = j < 16 ? static_cast<std::uint8_t>(v) : static_cast<std::uint8_t>(byte | (v << 4));
                break;
            }
            }
            if (format != WeightFormat::F16 && c % kBlock == 0)
                m.scales[i / kBlock] = 0.01f * static_cast<float>(1 + (r + c / kBlock) % 7);
        }
    }
    std::vector<float> x(cols), y(rows);
    for (std::size_t c = 0; c < cols; ++c)
        x[c] = std::sin(0.001f * static_cast<float>(c));

    auto product = [&] {
#pragma omp parallel for schedule(static) num_threads(threads)
        for (std::size_t r = 0; r < rows; ++r) {
            const std::size_t off = r * cols;
            switch (format) {
            case WeightFormat::F16:
                y[r] = dotF16(m.f16.get() + off, x.data(), cols);
                break;
            case WeightFormat::Int8:
                y[r] = dotQ8(m.q8.get() + off, m.scales.get() + off / kBlock, x.data(), cols);
                break;
            case WeightFormat::Int4:
                y[r] = dotQ4(m.q4.get() + off / 2, m.scales.get() + off / kBlock, x.data(), cols);
                break;
            }
        }
    };
    GemvResult result;
    result.weightBytes = m.weightBytes();
    double best = 1e300;
    const int total = runs + 1;
    int done = 0;
    for (int k = 0; k < total; ++k) {
        const auto t0 = Clock::now();
        product();
        const double t = seconds(t0);
        ++done;
        if (k > 0)
            best = std::min(best, t);
        if (progress && !progress(static_cast<double>(k + 1) / total))
            break;
    }
    // Check sampled rows against the dequantised weights, summed in double.
    bool ok = done > 0;
    for (std::size_t s = 0; s < 16 && ok; ++s) {
        const std::size_t r = (s * 7919) % rows;
        double ref = 0, magnitude = 0;
        for (std::size_t c = 0; c < cols; ++c) {
            ref += static_cast<double>(m.weight(r, c)) * x[c];
            magnitude += std::fabs(static_cast<double>(m.weight(r, c)) * x[c]);
        }
        ok = std::fabs(y[r] - ref) <= 1e-4 * magnitude + 1e-6;
    }
    result.verified = ok;
    result.complete = done == total;
    if (done > 1)
        result.gbs = static_cast<double>(result.weightBytes) / best / 1e9;
    return result;
}

} // namespace finops::kernels
