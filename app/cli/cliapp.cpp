#include "cliapp.h"

#include "argparser.h"
#include "inputerror.h"
#include "sqlitedb.h"
#include "usageimport.h"

#include <algorithm>

#ifndef FINOPS_VERSION
#define FINOPS_VERSION "0.0.0"
#endif

namespace finops::cli {

const std::vector<Command>& commands()
{
    static const std::vector<Command> list = {
        {"prices", "list the price catalog (bundled and imported sheets)", runPrices},
        {"blend", "blended price of a price pair, or the whole catalog ranked", runBlend},
        {"catalog", "import, list and remove price sheets in the store", runCatalog},
        {"import", "import usage exports (OpenAI, Anthropic, OpenRouter, LiteLLM, FOCUS, generic)", runImport},
        {"imports", "list or remove import batches", runImports},
        {"spend", "spend by day, month, provider, model or tag", runSpend},
        {"reprice", "what the same usage would have cost on every catalog offer", runReprice},
        {"demo", "write the demo workspace", runDemo},
        {"mapping", "save or list column-mapping profiles for generic imports", runMapping},
        {"tco", "GPU buy vs rent: break-even, NPV, USD per million tokens", runTco},
        {"kbench", "measure this machine (memory bandwidth, GEMM, decode GEMV)", runKbench},
        {"capacity", "tokens/s, memory fit and USD per Mtok of a model on hardware; import measurements", runCapacity},
        {"scenario", "saved scenarios: list, show, create, import, export, duplicate, rename, delete", runScenario},
        {"forecast", "monthly spend forecast of a scenario: three plans, P10/P50/P90, payback", runForecast},
        {"report", "finance report of a scenario: PDF, XLSX and CSV tables", runReport},
        {"route", "optimal task-to-model routing (LP/MIP), Pareto frontier, LiteLLM/JSON/CSV export", runRoute},
        {"bench", "benchmarks: bench catalog", runBench},
    };
    return list;
}

namespace {
void printHelp(std::ostream& out)
{
    out << "Usage: finops-cli <command> [options]\n\n"
           "Plans the cost and capacity of LLM workloads. Every command prints a table,\n"
           "or JSON on stdout with --json; --help on any command shows its options.\n"
           "Exit status: 0 success, 2 bad input, 1 internal failure.\n\nCommands:\n";
    for (const Command& c : commands()) {
        std::string name = c.name;
        name.resize(12, ' ');
        out << "  " << name << c.summary << '\n';
    }
}
} // namespace

int run(std::span<const std::string> args, std::ostream& out, std::ostream& err)
{
    if (args.empty()) {
        printHelp(err);
        return ExitBadInput;
    }
    const std::string& name = args[0];
    if (name == "--help" || name == "-h" || name == "help") {
        printHelp(out);
        return ExitOk;
    }
    if (name == "--version") {
        out << "finops-cli " << FINOPS_VERSION << '\n';
        return ExitOk;
    }
    const auto& list = commands();
    auto it = std::find_if(list.begin(), list.end(), [&](const Command& c) { return c.name == name; });
    if (it == list.end()) {
        err << "finops-cli: unknown command '" << name << "' (see finops-cli --help)\n";
        return ExitBadInput;
    }
    CommandContext ctx{out, err};
    try {
        return it->run(ctx, args.subspan(1));
    } catch (const UsageError& e) {
        err << e.what() << '\n';
        return ExitBadInput;
    } catch (const InputError& e) {
        err << "finops-cli " << name << ": " << e.what() << '\n';
        return ExitBadInput;
    } catch (const ImportCanceled& e) {
        err << "finops-cli " << name << ": " << e.what() << '\n';
        return ExitFailure;
    } catch (const StoreError& e) {
        err << "finops-cli " << name << ": store error: " << e.what() << '\n';
        return ExitFailure;
    } catch (const std::exception& e) {
        err << "finops-cli " << name << ": internal error: " << e.what() << '\n';
        return ExitFailure;
    }
}

} // namespace finops::cli
