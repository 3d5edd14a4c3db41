#include "cliapp.h"
#include "clisupport.h"
#include "forecast.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <random>

namespace finops::cli {

namespace {

// The same Monte Carlo written the plain way (one path at a time, std::pow per month, a
// scalar loop): the reference the vectorised kernel is timed and checked against.
Bands scalarReference(const ForecastInputs& in)
{
    std::mt19937_64 rng(in.seed);
    auto unit = [&] { return static_cast<double>(rng() >> 11) * 0x1.0p-53; };
    const auto n = static_cast<std::size_t>(in.paths);
    std::vector<double> g(n), shift(n);
    for (std::size_t i = 0; i < n; ++i) {
        g[i] = in.growthLow + (in.growthHigh - in.growthLow) * unit();
        shift[i] = in.declineSpread * (2.0 * unit() - 1.0);
    }
    auto decline = [&](int c, std::size_t i) {
        return std::clamp(in.declinePerYear[c] + shift[i], -0.99, 0.99);
    };
    Bands b;
    std::vector<double> spend(n);
    for (int m = 1; m <= in.months; ++m) {
        for (std::size_t i = 0; i < n; ++i) {
            const double growth = std::pow(1 + g[i], m);
            const double closed = std::pow(1 - decline(0, i), m / 12.0);
            const double open = std::pow(1 - decline(1, i), m / 12.0);
            const PlanSpend& p = in.optimized;
            double cost = p.closedApiUsd * closed + p.openWeightApiUsd * open;
            double elastic = 1;
            if (in.elasticity > 0 && p.total() > 0)
                elastic = std::pow(cost / p.total(), -in.elasticity);
            cost *= elastic * growth;
            if (in.plan == 2 && in.fleet.enabled) {
                const double capacity =
                    in.fleet.capacityMtokPerMonth / std::pow(1 - decline(2, i), m / 12.0);
                const double volume = in.baselineMonthlyMtok * growth * elastic;
                const double served = std::min(volume * in.fleet.selfHostableShare, capacity);
                cost = in.fleet.monthlyCostUsd + cost * (volume > 0 ? 1 - served / volume : 1);
            }
            spend[i] = cost;
        }
        std::sort(spend.begin(), spend.end());
        auto q = [&](double p) {
            const double pos = p * static_cast<double>(n - 1);
            const auto lo = static_cast<std::size_t>(pos);
            const std::size_t hi = std::min(lo + 1, n - 1);
            return spend[lo] + (spend[hi] - spend[lo]) * (pos - static_cast<double>(lo));
        };
        b.p10.push_back(q(0.1));
        b.p50.push_back(q(0.5));
        b.p90.push_back(q(0.9));
    }
    return b;
}

template <typename F> double bestMs(int runs, F&& f)
{
    double best = 1e300;
    for (int r = 0; r < runs; ++r) {
        const auto t0 = std::chrono::steady_clock::now();
        f();
        best = std::min(
            best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                      .count());
    }
    return best;
}

} // namespace

int benchForecast(CommandContext& ctx, std::span<const std::string> argv)
{
    ArgParser args(
        "bench forecast", "[--paths N] [--months N] [--runs N] [--json]",
        {{"paths", "N", "Monte Carlo paths (default 1000)"},
         {"months", "N", "months (default 36)"},
         {"runs", "N", "repetitions, best reported (default 20)"},
         jsonOption()},
        "Times the forecast's Monte Carlo (self-hosted plan with elasticity: every term of the\n"
        "model) against the same simulation written as a plain scalar loop, in the same run,\n"
        "and checks both give the same P10/P50/P90. Goal: 1,000 paths x 36 months < 50 ms.");
    args.parse(argv);
    if (handleHelp(args, ctx.out))
        return ExitOk;
    ForecastInputs in;
    in.firstMonth = Date::fromCivil(2027, 1, 1);
    in.months =
        static_cast<int>(std::clamp<long long>(args.integer("months").value_or(36), 1, 120));
    in.paths =
        static_cast<int>(std::clamp<long long>(args.integer("paths").value_or(1000), 1, 1'000'000));
    const int runs =
        static_cast<int>(std::clamp<long long>(args.integer("runs").value_or(20), 1, 10000));
    in.baselineMonthlyMtok = 5000;
    in.statusQuo = {80000, 20000};
    in.optimized = {30000, 25000};
    in.fleet = {true, 40000, 25000, 400000, 2000, 0.5};
    in.elasticity = 1.2;
    in.plan = 2;
    in.growthLow = 0;
    in.growthHigh = 0.06;
    in.declineSpread = 0.1;
    in.declinePerYear[0] = 0.3;
    in.declinePerYear[1] = 0.5;
    in.declinePerYear[2] = 0.25;

    Bands ours, reference;
    const double oursMs = bestMs(runs, [&] { ours = monteCarloBands(in); });
    const double referenceMs =
        bestMs(std::max(1, runs / 4), [&] { reference = scalarReference(in); });
    double maxRelDiff = 0;
    for (std::size_t i = 0; i < ours.p50.size(); ++i)
        for (auto [a, b] :
             {std::pair{ours.p10[i], reference.p10[i]}, std::pair{ours.p50[i], reference.p50[i]},
              std::pair{ours.p90[i], reference.p90[i]}})
            maxRelDiff = std::max(maxRelDiff, std::fabs(a - b) / std::max(1.0, std::fabs(b)));
    const bool agree = maxRelDiff < 1e-9;
    if (args.has("json")) {
        printJson(ctx.out, {{"paths", in.paths},
                            {"months", in.months},
                            {"ms", oursMs},
                            {"reference_scalar_ms", referenceMs},
                            {"speedup", oursMs > 0 ? referenceMs / oursMs : 0.0},
                            {"goal_ms", 50},
                            {"agree", agree},
                            {"max_rel_diff", maxRelDiff}});
        return agree ? ExitOk : ExitFailure;
    }
    ctx.out << "Monte Carlo " << in.paths << " paths x " << in.months << " months: " << oursMs
            << " ms (goal < 50 ms)\n";
    ctx.out << "scalar reference: " << referenceMs << " ms, speed-up "
            << (oursMs > 0 ? referenceMs / oursMs : 0.0) << "x\n";
    ctx.out << "bands agree: " << (agree ? "yes" : "NO") << " (max relative difference "
            << maxRelDiff << ")\n";
    return agree ? ExitOk : ExitFailure;
}

} // namespace finops::cli
