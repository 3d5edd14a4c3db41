#include "cliapp.h"
#include "clisupport.h"
#include "displayformat.h"
#include "inputerror.h"
#include "scenariostore.h"
#include "texttable.h"

namespace finops::cli {

namespace {

const char* const kSynopsis =
    "list | show NAME | create NAME [--from FILE.json] | export NAME -o FILE.json | import "
    "FILE.json [--name NAME] "
    "[--replace] | duplicate NAME NEW | rename NAME NEW | delete NAME  [--db PATH] [--json]";

std::string positional(const ArgParser& args, std::size_t index, const char* what)
{
    if (args.positionals().size() <= index)
        throw UsageError("finops-cli scenario " + args.positionals().front() + ": missing " + what +
                         " (see finops-cli scenario --help)");
    return args.positionals()[index];
}

void expectPositionals(const ArgParser& args, std::size_t count)
{
    if (args.positionals().size() > count)
        throw UsageError("finops-cli scenario " + args.positionals().front() +
                         ": unexpected argument '" + args.positionals()[count] + "'");
}

Scenario requireScenario(ScenarioStore& scenarios, const std::string& name)
{
    auto s = scenarios.get(name);
    if (!s)
        throw InputError("", 0, "NAME",
                         "no scenario named '" + name + "' (see finops-cli scenario list)");
    return *s;
}

nlohmann::ordered_json toOrdered(const nlohmann::json& j)
{
    return nlohmann::ordered_json::parse(j.dump());
}

} // namespace

static int runScenarioCommand(CommandContext& ctx, std::span<const std::string> argv)
{
    ArgParser args(
        "scenario", kSynopsis,
        {{"from", "FILE", "create: take the assumptions from a scenario JSON file"},
         {"output", "FILE", "export: the file to write", 'o'},
         {"name", "NAME", "import: store under this name instead of the file's"},
         {"replace", "", "import: replace a stored scenario of the same name"},
         dbOption(),
         jsonOption()},
        "Saved scenarios: named sets of planning assumptions (baseline period, prices,\n"
        "mix, growth, price trends, elasticity, Monte Carlo ranges, TCO inputs, capacity,\n"
        "routing problem and assignment). `create NAME` without --from stores the defaults\n"
        "(pricing-data/forecast-defaults.json). A failed create or import stores nothing.");
    args.parse(argv);
    if (handleHelp(args, ctx.out))
        return ExitOk;
    if (args.positionals().empty())
        throw UsageError("finops-cli scenario: missing subcommand: " + std::string(kSynopsis));
    const std::string sub = args.positionals().front();
    const bool json = args.has("json");
    const bool writes = sub == "create" || sub == "import" || sub == "duplicate" ||
                        sub == "rename" || sub == "delete";
    if (sub != "list" && sub != "show" && sub != "export" && !writes)
        throw UsageError("finops-cli scenario: unknown subcommand '" + sub + "': " + kSynopsis);

    // A file to read is read first: a bad one fails before any store is opened or made.
    std::optional<Scenario> fromFile;
    if (sub == "create")
        if (const auto from = args.value("from"))
            fromFile = readScenarioFile(*from);
    if (sub == "import")
        (void)readScenarioFile(positional(args, 1, "FILE.json"));
    // Only create and import may make a new store; the others need a scenario that exists.
    std::unique_ptr<Store> store = openStore(args, sub == "create" || sub == "import");
    if (!store) {
        // No store yet: nothing is saved.
        if (sub == "list") {
            if (json)
                printJson(ctx.out, {{"scenarios", nlohmann::ordered_json::array()}});
            else
                ctx.out << "no scenarios\n";
            return ExitOk;
        }
        throw InputError(args.value("db").value_or(Store::defaultPath()), 0, "",
                         "no store here yet, so no scenario named '" + positional(args, 1, "NAME") +
                             "'");
    }
    ScenarioStore scenarios(*store);

    if (sub == "list") {
        expectPositionals(args, 1);
        const auto infos = scenarios.list();
        if (json) {
            nlohmann::ordered_json list = nlohmann::ordered_json::array();
            for (const auto& i : infos)
                list.push_back({{"name", i.name},
                                {"description", i.description},
                                {"created_at", i.createdAt},
                                {"updated_at", i.updatedAt}});
            printJson(ctx.out, {{"scenarios", list}});
            return ExitOk;
        }
        if (infos.empty()) {
            ctx.out << "no scenarios\n";
            return ExitOk;
        }
        TextTable table;
        table.addColumn("name");
        table.addColumn("updated");
        table.addColumn("description");
        for (const auto& i : infos)
            table.addRow({i.name, i.updatedAt, i.description});
        table.print(ctx.out);
        return ExitOk;
    }
    if (sub == "show") {
        const std::string name = positional(args, 1, "NAME");
        expectPositionals(args, 2);
        const Scenario s = requireScenario(scenarios, name);
        if (json) {
            printJson(ctx.out, toOrdered(scenarioToJson(s)));
            return ExitOk;
        }
        ctx.out << scenarioToJsonText(s);
        return ExitOk;
    }
    if (sub == "create") {
        const std::string name = positional(args, 1, "NAME");
        expectPositionals(args, 2);
        Scenario s = Scenario::withDefaults(name);
        if (fromFile) {
            s = *fromFile;
            s.name = name;
        }
        scenarios.create(s);
        if (json)
            printJson(ctx.out, {{"created", name}});
        else
            ctx.out << "created scenario '" << name << "'\n";
        return ExitOk;
    }
    if (sub == "import") {
        const std::string file = positional(args, 1, "FILE.json");
        expectPositionals(args, 2);
        const Scenario s = scenarios.importFile(file, args.value("name"), args.has("replace"));
        if (json)
            printJson(ctx.out, {{"imported", s.name}, {"file", file}});
        else
            ctx.out << "imported scenario '" << s.name << "' from " << file << '\n';
        return ExitOk;
    }
    if (sub == "export") {
        const std::string name = positional(args, 1, "NAME");
        expectPositionals(args, 2);
        const auto output = args.value("output");
        if (!output || output->empty())
            throw UsageError("finops-cli scenario export: -o FILE.json is required");
        requireScenario(scenarios, name);
        scenarios.exportFile(name, *output);
        if (json)
            printJson(ctx.out, {{"exported", name}, {"file", *output}});
        else
            ctx.out << "exported scenario '" << name << "' to " << *output << '\n';
        return ExitOk;
    }
    if (sub == "duplicate" || sub == "rename") {
        const std::string from = positional(args, 1, "NAME");
        const std::string to = positional(args, 2, "NEW");
        expectPositionals(args, 3);
        requireScenario(scenarios, from);
        if (sub == "duplicate")
            scenarios.duplicate(from, to);
        else
            scenarios.rename(from, to);
        if (json)
            printJson(ctx.out, {{sub == "duplicate" ? "duplicated" : "renamed", from}, {"to", to}});
        else
            ctx.out << (sub == "duplicate" ? "duplicated" : "renamed") << " scenario '" << from
                    << "' to '" << to << "'\n";
        return ExitOk;
    }
    // delete
    const std::string name = positional(args, 1, "NAME");
    expectPositionals(args, 2);
    if (!scenarios.remove(name))
        throw InputError("", 0, "NAME", "no scenario named '" + name + "'");
    if (json)
        printJson(ctx.out, {{"deleted", name}});
    else
        ctx.out << "deleted scenario '" << name << "'\n";
    return ExitOk;
}

// A problem with no file behind it (a name taken, a name missing) reads as a usage error
// naming the argument rather than "<input>:0".
int runScenario(CommandContext& ctx, std::span<const std::string> argv)
{
    try {
        return runScenarioCommand(ctx, argv);
    } catch (const InputError& e) {
        if (!e.file().empty())
            throw;
        throw UsageError("finops-cli scenario: " + e.field() + ": " + e.reason());
    }
}

} // namespace finops::cli
