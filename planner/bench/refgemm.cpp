// The reference GEMM of `finops-cli bench kbench`: OpenBLAS's cblas_sgemm on the same
// n x n FP32 matrices finops-kbench multiplies with Eigen.
// Usage: finops-refgemm N THREADS RUNS  -> prints the best GFLOP/s
#include <cblas.h>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

extern "C" void openblas_set_num_threads(int);

int main(int argc, char** argv)
{
    if (argc != 4)
        return 2;
    const int n = std::atoi(argv[1]);
    const int threads = std::atoi(argv[2]);
    const int runs = std::atoi(argv[3]);
    openblas_set_num_threads(threads);
    std::vector<float> a(static_cast<std::size_t>(n) * n), b(a.size()), c(a.size());
    unsigned state = 7;
    for (std::size_t i = 0; i < a.size(); ++i) {
        state = state * 1664525u + 1013904223u;
        a[i] = static_cast<float>(state >> 9) / 8388608.0f - 1.0f;
        state = state * 1664525u + 1013904223u;
        b[i] = static_cast<float>(state >> 9) / 8388608.0f - 1.0f;
    }
    double best = 1e300;
    for (int k = 0; k <= runs; ++k) {
        const auto t0 = std::chrono::steady_clock::now();
        cblas_sgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0f, a.data(), n, b.data(), n, 0.0f, c.data(), n);
        const double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (k > 0 && t < best)
            best = t;
    }
    std::printf("%.6f\n", 2.0 * n * n * static_cast<double>(n) / best / 1e9);
    return 0;
}
