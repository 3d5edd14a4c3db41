#include "cliapp.h"
#include "clisupport.h"
#include "measurementstore.h"

#include <cstdio>
#include <filesystem>
#include <sys/wait.h>
#include <unistd.h>

namespace finops::cli {

namespace {

// finops-kbench beside this executable, else from PATH.
std::string kbenchExecutable()
{
    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const auto beside = self.parent_path() / "finops-kbench";
        if (std::filesystem::exists(beside))
            return beside.string();
    }
    return "finops-kbench";
}

} // namespace

int runKbench(CommandContext& ctx, std::span<const std::string> argv)
{
    ArgParser args("kbench", "[--quick] [--threads N] [--db PATH] [--json]",
                   {{"quick", "", "small arrays, a few seconds (below STREAM's size rule)"},
                    {"threads", "N", "threads (default: all cores)"},
                    dbOption(),
                    jsonOption()},
                   "Runs finops-kbench as a child process (STREAM, FP32 GEMM, FP16/INT8/INT4 decode GEMV),\n"
                   "shows its progress, stores the result in the workspace and prints it.");
    args.parse(argv);
    if (handleHelp(args, ctx.out))
        return ExitOk;
    std::vector<std::string> command{kbenchExecutable()};
    if (args.has("quick"))
        command.push_back("--quick");
    if (const auto t = args.integer("threads")) {
        if (*t < 1 || *t > 1024)
            args.fail("threads", "must be from 1 to 1024");
        command.push_back("--threads");
        command.push_back(std::to_string(*t));
    }

    int out[2];
    if (::pipe(out) != 0)
        throw std::runtime_error("pipe failed");
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(out[1], 1);
        ::close(out[0]);
        std::vector<char*> a;
        for (auto& s : command)
            a.push_back(s.data());
        a.push_back(nullptr);
        ::execvp(a[0], a.data());
        ::_exit(127);
    }
    ::close(out[1]);
    std::FILE* in = ::fdopen(out[0], "r");
    std::string resultLine;
    char buffer[1 << 16];
    while (std::fgets(buffer, sizeof buffer, in)) {
        std::string line(buffer);
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
            line.pop_back();
        const auto event = nlohmann::json::parse(line, nullptr, false);
        if (event.is_discarded() || !event.is_object())
            continue;
        if (event.value("event", "") == "progress") {
            if (!args.has("json"))
                ctx.err << "\r" << event.value("stage", "") << " " << static_cast<int>(event.value("fraction", 0.0) * 100)
                        << "%   " << std::flush;
        } else if (event.value("event", "") == "result") {
            resultLine = line;
        }
    }
    std::fclose(in);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!args.has("json"))
        ctx.err << "\r" << std::string(30, ' ') << "\r";
    if (resultLine.empty()) {
        if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
            throw std::runtime_error("cannot start " + command[0]);
        throw std::runtime_error("finops-kbench ended without a result (exit status " +
                                 std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")");
    }
    const auto result = nlohmann::ordered_json::parse(resultLine);
    KbenchRun run;
    run.cpu = result.value("cpu", "");
    run.threads = result.value("threads", 0);
    run.quick = result.value("quick", false);
    run.partial = result.value("partial", false);
    run.resultJson = resultLine;
    auto store = openStore(args, true);
    MeasurementStore(*store).addKbenchRun(run);

    if (args.has("json")) {
        printJson(ctx.out, result);
        return ExitOk;
    }
    const auto& s = result["stream"];
    const auto& g = result["gemv"];
    auto num = [](const nlohmann::ordered_json& v) {
        char b[32];
        std::snprintf(b, sizeof b, "%.1f", v.is_number() ? v.get<double>() : 0.0);
        return std::string(b);
    };
    ctx.out << run.cpu << ", " << run.threads << " threads" << (run.quick ? " (quick)" : "")
            << (run.partial ? " - PARTIAL (stopped)" : "") << '\n';
    ctx.out << "STREAM GB/s: copy " << num(s["copy_gbs"]) << ", scale " << num(s["scale_gbs"]) << ", add "
            << num(s["add_gbs"]) << ", triad " << num(s["triad_gbs"]) << '\n';
    ctx.out << "FP32 GEMM:   " << num(result["gemm_gflops"]) << " GFLOP/s\n";
    ctx.out << "decode GEMV GB/s: fp16 " << num(g["f16_gbs"]) << ", int8 " << num(g["int8_gbs"]) << ", int4 "
            << num(g["int4_gbs"]) << '\n';
    ctx.out << (result.value("verified", false) ? "results verified" : "RESULTS NOT VERIFIED") << "; stored in "
            << store->path() << '\n';
    return result.value("verified", false) || run.partial ? ExitOk : ExitFailure;
}

} // namespace finops::cli
