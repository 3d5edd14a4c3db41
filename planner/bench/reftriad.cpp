// The reference triad of `finops-cli bench kbench`: the plainest OpenMP STREAM triad,
// compiled -O3 -march=native, that finops-kbench's triad is compared against.
// Usage: finops-reftriad ELEMENTS THREADS RUNS  -> prints the best GB/s
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <omp.h>

int main(int argc, char** argv)
{
    if (argc != 4)
        return 2;
    const long n = std::atol(argv[1]);
    const int threads = std::atoi(argv[2]);
    const int runs = std::atoi(argv[3]);
    double* a = static_cast<double*>(std::aligned_alloc(64, (n * sizeof(double) + 63) / 64 * 64));
    double* b = static_cast<double*>(std::aligned_alloc(64, (n * sizeof(double) + 63) / 64 * 64));
    double* c = static_cast<double*>(std::aligned_alloc(64, (n * sizeof(double) + 63) / 64 * 64));
#pragma omp parallel for schedule(static) num_threads(threads)
    for (long i = 0; i < n; ++i) {
        a[i] = 1.0;
        b[i] = 2.0;
        c[i] = 0.5;
    }
    double best = 1e300;
    for (int k = 0; k <= runs; ++k) {
        const auto t0 = std::chrono::steady_clock::now();
#pragma omp parallel for schedule(static) num_threads(threads)
        for (long i = 0; i < n; ++i)
            a[i] = b[i] + 3.0 * c[i];
        const double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (k > 0 && t < best)
            best = t;
    }
    std::printf("%.6f\n", 3.0 * n * sizeof(double) / best / 1e9);
    const int ok = a[n / 2] == 2.0 + 3.0 * 0.5;
    std::free(a);
    std::free(b);
    std::free(c);
    return ok ? 0 : 1;
}
