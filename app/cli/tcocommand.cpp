#include "cliapp.h"
#include "clisupport.h"
#include "displayformat.h"
#include "gpucatalog.h"
#include "tco.h"
#include "texttable.h"

#include <cstdio>

namespace finops::cli {

int runTco(CommandContext& ctx, std::span<const std::string> argv)
{
    ArgParser args(
        "tco",
        "[--gpu ID] [--count N] [--purchase-usd P] [--rent-usd-per-hour R] [--utilization U] [--hours-per-month H] "
        "[--power-w W] [--pue X] [--usd-per-kwh E] [--colo-usd-per-kw-month C] [--ops-usd-per-month O] "
        "[--depreciation-years Y] [--residual-pct R] [--rent-decline-pct-per-year D] [--egress-gb-per-month G "
        "--egress-usd-per-gb Q] [--discount-rate-pct I] [--horizon-months M] [--tokens-per-second T] [--json]",
        {{"gpu", "ID", "take purchase price, rent (cheapest neo-cloud on-demand) and power from pricing-data/gpus.json"},
         {"count", "N", "number of GPUs (default 1)"},
         {"purchase-usd", "P", "purchase price per GPU"},
         {"overhead-pct", "PCT", "server, network and installation on top of the GPUs, % of purchase"},
         {"rent-usd-per-hour", "R", "rental price per GPU-hour"},
         {"utilization", "U", "share of hours the GPUs do useful work, 0..1 (default 1)"},
         {"hours-per-month", "H", "hours in a month (default 730)"},
         {"power-w", "W", "power per GPU at full load, W"},
         {"host-overhead-pct", "PCT", "host power per GPU, % of GPU power"},
         {"idle-power-fraction", "F", "power drawn when idle, fraction of full load, 0..1"},
         {"pue", "X", "data-centre PUE (default 1)"},
         {"usd-per-kwh", "E", "electricity price"},
         {"colo-usd-per-kw-month", "C", "colocation price per kW of IT load"},
         {"ops-usd-per-month", "O", "operations staff and support per month"},
         {"depreciation-years", "Y", "straight-line depreciation period (default: the horizon)"},
         {"residual-pct", "R", "value left after depreciation, % of capital"},
         {"rent-decline-pct-per-year", "D", "yearly fall of rental prices, %"},
         {"egress-gb-per-month", "G", "data egress in the cloud case, GB a month"},
         {"egress-usd-per-gb", "Q", "egress price per GB"},
         {"discount-rate-pct", "I", "yearly discount rate for the NPV, %"},
         {"horizon-months", "M", "months compared (default 60)"},
         {"tokens-per-second", "T", "a model's throughput on one GPU, for USD per million tokens"},
         jsonOption()},
        "Buy vs rent for GPUs: cumulative cost curves, break-even month and utilization, NPV of\n"
        "buying minus renting (negative: buying is cheaper), and with --tokens-per-second the\n"
        "owned and rented USD per million tokens. An option not given (and not set by --gpu)\n"
        "costs nothing, so the bare purchase-vs-rent case is expressible.");
    args.parse(argv);
    if (handleHelp(args, ctx.out))
        return ExitOk;

    TcoInputs in;
    std::string gpuNote;
    if (const auto id = args.value("gpu")) {
        const auto gpu = findGpu(*id);
        if (!gpu) {
            std::string known;
            for (const GpuSpec& g : bundledGpus())
                known += (known.empty() ? "" : ", ") + g.id;
            args.fail("gpu", "unknown GPU '" + *id + "' (" + known + ")");
        }
        in.purchaseUsdPerGpu = gpu->purchaseUsd.value_or(0);
        in.powerWPerGpu = gpu->tdpW;
        if (auto rent = gpu->cheapestRental("neocloud-on-demand"))
            in.rentUsdPerGpuHour = rent->usdPerGpuHour;
        else if (auto any = gpu->cheapestRental("hyperscaler-on-demand"))
            in.rentUsdPerGpuHour = any->usdPerGpuHour;
        gpuNote = gpu->name;
    }
    if (const auto n = args.integer("count")) {
        if (*n < 1 || *n > 100000)
            args.fail("count", "must be from 1 to 100000");
        in.gpuCount = static_cast<int>(*n);
    }
    auto set = [&](const char* option, double& field) {
        if (const auto v = args.number(option))
            field = *v;
    };
    set("purchase-usd", in.purchaseUsdPerGpu);
    set("overhead-pct", in.overheadPct);
    set("rent-usd-per-hour", in.rentUsdPerGpuHour);
    set("utilization", in.utilization);
    set("hours-per-month", in.hoursPerMonth);
    set("power-w", in.powerWPerGpu);
    set("host-overhead-pct", in.hostOverheadPct);
    set("idle-power-fraction", in.idlePowerFraction);
    set("pue", in.pue);
    set("usd-per-kwh", in.usdPerKwh);
    set("colo-usd-per-kw-month", in.coloUsdPerKwMonth);
    set("ops-usd-per-month", in.opsUsdPerMonth);
    set("depreciation-years", in.depreciationYears);
    set("residual-pct", in.residualPct);
    set("rent-decline-pct-per-year", in.rentDeclinePctPerYear);
    set("egress-gb-per-month", in.egressGbPerMonth);
    set("egress-usd-per-gb", in.egressUsdPerGb);
    set("discount-rate-pct", in.discountRatePct);
    if (const auto h = args.integer("horizon-months"))
        in.horizonMonths = static_cast<int>(std::clamp<long long>(*h, -1, 100000));
    if (const auto t = args.number("tokens-per-second"))
        in.tokensPerSecondPerGpu = *t;
    if (const std::string problem = in.validate(); !problem.empty())
        throw UsageError("finops-cli tco: --" + problem);

    const TcoResult r = computeTco(in);
    const auto sensitivity = tcoSensitivity(in);
    auto optional = [](const std::optional<double>& v) {
        return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
    };
    if (args.has("json")) {
        nlohmann::ordered_json j;
        j["breakeven_months"] = optional(r.breakevenMonths);
        j["breakeven_utilization"] = optional(r.breakevenUtilization);
        j["monthly_own_usd"] = r.monthlyOwnUsd;
        j["monthly_rent_usd"] = r.monthlyRentUsd;
        j["npv_buy_minus_rent_usd"] = r.npvBuyMinusRentUsd;
        if (in.tokensPerSecondPerGpu) {
            j["own_usd_per_mtok"] = optional(r.ownUsdPerMtok);
            j["rent_usd_per_mtok"] = optional(r.rentUsdPerMtok);
        }
        nlohmann::ordered_json curve = nlohmann::ordered_json::array();
        for (const TcoPoint& p : r.curve)
            curve.push_back({{"month", p.month}, {"own_cumulative_usd", p.ownCumulativeUsd},
                             {"rent_cumulative_usd", p.rentCumulativeUsd}});
        j["curve"] = curve;
        j["capital_usd"] = r.capitalUsd;
        j["monthly_own_running_usd"] = r.monthlyOwnRunningUsd;
        nlohmann::ordered_json tornado = nlohmann::ordered_json::array();
        for (const TcoSensitivity& s : sensitivity)
            tornado.push_back({{"input", s.input}, {"low_value", s.lowValue}, {"high_value", s.highValue},
                               {"breakeven_months_low", optional(s.breakevenAtLow)},
                               {"breakeven_months_high", optional(s.breakevenAtHigh)}});
        j["sensitivity"] = tornado;
        j["inputs"] = {{"gpu", args.value("gpu").value_or("")}, {"count", in.gpuCount},
                       {"purchase_usd", in.purchaseUsdPerGpu}, {"overhead_pct", in.overheadPct},
                       {"rent_usd_per_hour", in.rentUsdPerGpuHour}, {"utilization", in.utilization},
                       {"hours_per_month", in.hoursPerMonth}, {"power_w", in.powerWPerGpu},
                       {"host_overhead_pct", in.hostOverheadPct}, {"idle_power_fraction", in.idlePowerFraction},
                       {"pue", in.pue}, {"usd_per_kwh", in.usdPerKwh}, {"colo_usd_per_kw_month", in.coloUsdPerKwMonth},
                       {"ops_usd_per_month", in.opsUsdPerMonth}, {"depreciation_years", in.depreciationYears},
                       {"residual_pct", in.residualPct}, {"rent_decline_pct_per_year", in.rentDeclinePctPerYear},
                       {"egress_gb_per_month", in.egressGbPerMonth}, {"egress_usd_per_gb", in.egressUsdPerGb},
                       {"discount_rate_pct", in.discountRatePct}, {"horizon_months", in.horizonMonths}};
        printJson(ctx.out, j);
        return ExitOk;
    }
    char buf[64];
    if (!gpuNote.empty())
        ctx.out << in.gpuCount << " x " << gpuNote << '\n';
    ctx.out << "capital:             " << formatUsd(r.capitalUsd) << '\n';
    ctx.out << "monthly, owning:     " << formatUsd(r.monthlyOwnUsd) << " (depreciation + " << formatUsd(r.monthlyOwnRunningUsd)
            << " running)\n";
    ctx.out << "monthly, renting:    " << formatUsd(r.monthlyRentUsd) << '\n';
    if (r.breakevenMonths) {
        std::snprintf(buf, sizeof buf, "%.1f", *r.breakevenMonths);
        ctx.out << "break-even:          month " << buf << '\n';
    } else {
        ctx.out << "break-even:          not within " << in.horizonMonths << " months: renting is cheaper\n";
    }
    if (r.breakevenUtilization) {
        std::snprintf(buf, sizeof buf, "%.0f%%", *r.breakevenUtilization * 100);
        ctx.out << "owning wins above:   " << buf << " utilization\n";
    } else {
        ctx.out << "owning wins above:   never within the horizon\n";
    }
    ctx.out << "NPV buy - rent:      " << formatUsd(r.npvBuyMinusRentUsd)
            << (r.npvBuyMinusRentUsd < 0 ? " (buying is cheaper)" : " (renting is cheaper)") << '\n';
    if (r.ownUsdPerMtok)
        ctx.out << "owned:               " << formatUnitPrice(*r.ownUsdPerMtok) << " per million tokens\n";
    if (r.rentUsdPerMtok)
        ctx.out << "rented:              " << formatUnitPrice(*r.rentUsdPerMtok) << " per million tokens\n";
    if (!sensitivity.empty()) {
        ctx.out << "\nsensitivity (each input -20% / +20%, break-even month):\n";
        TextTable table;
        table.addColumn("input");
        table.addColumn("-20%", TextTable::Align::Right);
        table.addColumn("+20%", TextTable::Align::Right);
        auto month = [&](const std::optional<double>& m) {
            if (!m)
                return std::string("never");
            std::snprintf(buf, sizeof buf, "%.1f", *m);
            return std::string(buf);
        };
        for (const TcoSensitivity& s : sensitivity)
            table.addRow({s.input, month(s.breakevenAtLow), month(s.breakevenAtHigh)});
        table.print(ctx.out);
    }
    return ExitOk;
}

} // namespace finops::cli
