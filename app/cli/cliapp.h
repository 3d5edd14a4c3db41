#pragma once

#include <functional>
#include <ostream>
#include <span>
#include <string>
#include <vector>

namespace finops::cli {

// Exit statuses of every command (DESIGN.md): 0 success, 2 bad input, 1 internal failure.
enum ExitStatus { ExitOk = 0, ExitFailure = 1, ExitBadInput = 2 };

struct CommandContext
{
    std::ostream& out;
    std::ostream& err;
};

struct Command
{
    std::string name;
    std::string summary;
    std::function<int(CommandContext&, std::span<const std::string>)> run;
};

// Runs `finops-cli ARGS...` (ARGS without the program name) and returns the exit status.
// Bad input is reported on `err` as one line naming file:line:field or the option.
int run(std::span<const std::string> args, std::ostream& out, std::ostream& err);

// The subcommands, in the order `--help` lists them.
const std::vector<Command>& commands();

// Individual commands (one source file each).
int runPrices(CommandContext& ctx, std::span<const std::string> args);
int runBlend(CommandContext& ctx, std::span<const std::string> args);
int runCatalog(CommandContext& ctx, std::span<const std::string> args);
int runBench(CommandContext& ctx, std::span<const std::string> args);
int runImport(CommandContext& ctx, std::span<const std::string> args);
int runImports(CommandContext& ctx, std::span<const std::string> args);
int runSpend(CommandContext& ctx, std::span<const std::string> args);
int runReprice(CommandContext& ctx, std::span<const std::string> args);
int runDemo(CommandContext& ctx, std::span<const std::string> args);
int runMapping(CommandContext& ctx, std::span<const std::string> args);
int runTco(CommandContext& ctx, std::span<const std::string> args);
int runKbench(CommandContext& ctx, std::span<const std::string> args);
int runCapacity(CommandContext& ctx, std::span<const std::string> args);
int runScenario(CommandContext& ctx, std::span<const std::string> args);
int runForecast(CommandContext& ctx, std::span<const std::string> args);
int runReport(CommandContext& ctx, std::span<const std::string> args);
int runRoute(CommandContext& ctx, std::span<const std::string> args);
// bench route (app/cli/benchroute.cpp)
int benchRoute(CommandContext& ctx, std::span<const std::string> args);
// bench report (app/cli/benchreport.cpp)
int benchReport(CommandContext& ctx, std::span<const std::string> args);
// bench forecast (app/cli/benchforecast.cpp)
int benchForecast(CommandContext& ctx, std::span<const std::string> args);
// bench scenario-switch (app/cli/benchscenario.cpp)
int benchScenarioSwitch(CommandContext& ctx, std::span<const std::string> args);

} // namespace finops::cli
