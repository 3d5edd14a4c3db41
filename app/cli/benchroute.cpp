#include "cliapp.h"
#include "clisupport.h"
#include "cplexlp.h"
#include "mip.h"
#include "routing.h"
#include "routinginstances.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <unistd.h>

namespace finops::cli {

namespace {

using Clock = std::chrono::steady_clock;

// The LP: `tasks` task classes x `models` models from 10 providers, every pair allowed,
// capacities that bind on the cheap models, and no provider above 30% of spend.
RoutingProblem lpInstance(int tasks, int models, std::mt19937& rng)
{
    RoutingProblem p;
    std::uniform_real_distribution<double> u(0, 1);
    double totalTokens = 0;
    for (int t = 0; t < tasks; ++t) {
        RoutingTask task;
        task.id = "task-" + std::to_string(t);
        task.monthlyRequests = std::round(1e4 + 1e6 * u(rng));
        task.inputTokens = std::round(200 + 3000 * u(rng));
        task.outputTokens = std::round(50 + 800 * u(rng));
        task.cachedInputShare = std::round(100 * 0.5 * u(rng)) / 100;
        totalTokens += task.monthlyTokens();
        p.tasks.push_back(task);
    }
    for (int m = 0; m < models; ++m) {
        RoutingModel model;
        model.id = "model-" + std::to_string(m);
        model.provider = "provider-" + std::to_string(m % 10);
        const double in = std::round(100 * (0.05 + 5 * u(rng) * u(rng))) / 100;
        model.inputUsdPerMtok = in;
        model.outputUsdPerMtok = std::round(100 * in * (2 + 3 * u(rng))) / 100;
        model.cachedInputUsdPerMtok = std::round(1000 * in * 0.1) / 1000;
        // Together the models can carry 3x the traffic (each 1-5% of it with 100 models):
        // capacity binds on the cheap ones.
        model.capacity = std::round(totalTokens * (0.01 + 0.04 * u(rng)) * 100.0 / models);
        p.models.push_back(model);
    }
    p.constraints.maxProviderShare = 0.3;
    return p;
}

struct GlpsolRun
{
    lp::GlpsolReport report;
    double seconds = 0;
    bool ran = false;
};

GlpsolRun runGlpsol(const std::string& lpFile, const std::string& dir, const std::string& tag, double timeLimit)
{
    GlpsolRun r;
    const std::string out = dir + "/" + tag + ".out", log = dir + "/" + tag + ".log";
    std::string cmd = "glpsol --lp '" + lpFile + "' -o '" + out + "'";
    if (timeLimit > 0)
        cmd += " --tmlim " + std::to_string(static_cast<int>(std::ceil(timeLimit)));
    cmd += " > '" + log + "' 2>&1";
    const auto t0 = Clock::now();
    const int rc = std::system(cmd.c_str());
    r.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    if (rc != 0)
        return r;
    auto slurp = [](const std::string& p) {
        std::ifstream f(p);
        std::stringstream ss;
        ss << f.rdbuf();
        return ss.str();
    };
    r.report = lp::parseGlpsolReport(slurp(out) + "\n" + slurp(log));
    r.ran = true;
    return r;
}

} // namespace

int benchRoute(CommandContext& ctx, std::span<const std::string> argv)
{
    ArgParser args("bench route", "[--tasks N] [--models N] [--mip-jobs N] [--mip-agents N] [--time-limit S] [--seed N] [--json]",
                   {{"tasks", "N", "LP task classes (default 500)"},
                    {"models", "N", "LP models (default 100)"},
                    {"mip-jobs", "N", "MIP tasks (default 100)"},
                    {"mip-agents", "N", "MIP models (default 10)"},
                    {"time-limit", "S", "per-solver limit on the MIP, seconds (default 120)"},
                    {"seed", "N", "random seed (default 6)"},
                    {"keep", "DIR", "write the CPLEX LP files there and keep them"},
                    jsonOption()},
                   "Generates a routing LP (capacities, provider caps) and a tightly capacitated GAP\n"
                   "(Chu-Beasley type D), writes both as CPLEX LP, solves each with our optimizer and\n"
                   "with glpsol (GLPK, a child process) in the same run, and prints both times, the\n"
                   "ratio (ours / glpsol) and whether the objectives agree (relative 1e-7).");
    args.parse(argv);
    if (handleHelp(args, ctx.out))
        return ExitOk;
    auto intOpt = [&](const char* name, long long def, long long lo, long long hi) {
        const long long v = args.integer(name).value_or(def);
        if (v < lo || v > hi)
            args.fail(name, "must be from " + std::to_string(lo) + " to " + std::to_string(hi));
        return static_cast<int>(v);
    };
    const int tasks = intOpt("tasks", 500, 1, 5000), models = intOpt("models", 100, 1, 1000);
    const int jobs = intOpt("mip-jobs", 100, 2, 1000), agents = intOpt("mip-agents", 10, 2, 100);
    const double timeLimit = args.nonNegative("time-limit").value_or(120);
    std::mt19937 rng(static_cast<unsigned>(intOpt("seed", 6, 0, 1 << 30)));

    std::string dir;
    if (const auto keep = args.value("keep")) {
        dir = *keep;
        std::filesystem::create_directories(dir);
    } else {
        char tmpl[] = "/tmp/finops-bench-route-XXXXXX";
        if (!::mkdtemp(tmpl))
            throw std::runtime_error("cannot create a temporary folder");
        dir = tmpl;
    }
    const bool haveGlpsol = std::system("glpsol --version > /dev/null 2>&1") == 0;

    nlohmann::ordered_json report;
    auto runCase = [&](const char* name, const RoutingProblem& problem, bool integral) {
        const RoutingModelLp model = buildRoutingLp(problem, integral);
        const std::string lpFile = dir + "/" + name + ".lp";
        {
            std::ofstream f(lpFile);
            f << lp::toCplexLp(model.lp);
        }
        ctx.err << name << ": " << model.lp.numRows() << " rows x " << model.lp.numCols() << " columns, ours...\n";
        const auto t0 = Clock::now();
        lp::Status status;
        double objective = 0, gap = 0;
        long long nodes = 1;
        if (integral) {
            lp::MipOptions o;
            o.timeLimitSeconds = timeLimit;
            const lp::MipResult r = lp::solveMip(model.lp, o);
            status = r.status;
            objective = r.objective;
            gap = r.gap;
            nodes = r.nodes;
        } else {
            const lp::Result r = lp::solve(model.lp);
            status = r.status;
            objective = r.objective;
        }
        const double ours = std::chrono::duration<double>(Clock::now() - t0).count();
        nlohmann::ordered_json j;
        j["rows"] = model.lp.numRows();
        j["columns"] = model.lp.numCols();
        j["ours_status"] = lp::statusName(status);
        j["ours_objective"] = status == lp::Status::Optimal || status == lp::Status::TimeLimit
            ? nlohmann::ordered_json(objective)
            : nlohmann::ordered_json(nullptr);
        j["ours_seconds"] = ours;
        if (integral) {
            j["ours_gap"] = std::isfinite(gap) ? nlohmann::ordered_json(gap) : nlohmann::ordered_json(nullptr);
            j["ours_nodes"] = nodes;
        }
        if (haveGlpsol) {
            ctx.err << name << ": glpsol...\n";
            const GlpsolRun g = runGlpsol(lpFile, dir, name, integral ? timeLimit : 0);
            j["glpsol_status"] = !g.ran ? "failed" : g.report.known ? lp::statusName(g.report.status) : g.report.statusText;
            j["glpsol_objective"] = optionalNumber(g.report.objective);
            j["glpsol_seconds"] = g.seconds;
            j["ratio"] = g.seconds > 0 ? ours / g.seconds : 0.0;
            // Agree: the same status and, when both have a solution, the same objective.
            const bool agree = g.ran && g.report.known && g.report.status == status
                && ((status != lp::Status::Optimal && status != lp::Status::TimeLimit)
                    || (g.report.objective
                        && std::abs(objective - *g.report.objective)
                            <= 1e-7 * std::max(1.0, std::abs(*g.report.objective))));
            j["objectives_agree"] = agree;
        } else {
            j["glpsol_status"] = "not installed";
        }
        report[name] = j;
    };
    runCase("lp", lpInstance(tasks, models, rng), false);
    runCase("mip", hardAssignmentProblem(jobs, agents), true);
    if (!args.value("keep"))
        std::filesystem::remove_all(dir);

    if (args.has("json")) {
        printJson(ctx.out, report);
        return ExitOk;
    }
    for (const char* name : {"lp", "mip"}) {
        const auto& j = report[name];
        char line[512];
        const double oobj = j["ours_objective"].is_null() ? NAN : j["ours_objective"].get<double>();
        std::snprintf(line, sizeof line, "%s (%d x %d): ours %s %.10g in %.3f s", name, j["rows"].get<int>(),
                      j["columns"].get<int>(), j["ours_status"].get<std::string>().c_str(), oobj,
                      j["ours_seconds"].get<double>());
        ctx.out << line;
        if (j.contains("glpsol_seconds")) {
            const double gobj = j["glpsol_objective"].is_null() ? NAN : j["glpsol_objective"].get<double>();
            std::snprintf(line, sizeof line, "; glpsol %s %.10g in %.3f s; ratio %.2f; objectives %s",
                          j["glpsol_status"].get<std::string>().c_str(), gobj, j["glpsol_seconds"].get<double>(),
                          j["ratio"].get<double>(), j["objectives_agree"].get<bool>() ? "agree" : "DIFFER");
            ctx.out << line;
        } else {
            ctx.out << "; glpsol not installed";
        }
        ctx.out << '\n';
    }
    return ExitOk;
}

} // namespace finops::cli
