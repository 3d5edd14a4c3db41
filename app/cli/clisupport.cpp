#include "scenarioeval.h"
#include "scenariostore.h"
#include "clisupport.h"

#include "workspacecatalog.h"

#include <filesystem>

namespace finops::cli {

OptionSpec dbOption() { return {"db", "PATH", "workspace store (default: " + Store::defaultPath() + ")"}; }
OptionSpec jsonOption() { return {"json", "", "machine-readable JSON on stdout"}; }

std::unique_ptr<Store> openStore(const ArgParser& args, bool create)
{
    const std::string path = args.value("db").value_or(Store::defaultPath());
    if (!create && !std::filesystem::exists(path))
        return nullptr;
    return std::make_unique<Store>(path);
}

ScenarioContext openScenario(const ArgParser& args)
{
    ScenarioContext c{openStore(args, false), defaultScenario()};
    if (!c.store)
        c.store = std::make_unique<Store>(":memory:");
    if (const auto name = args.value("scenario")) {
        auto s = ScenarioStore(*c.store).get(*name);
        if (!s)
            args.fail("scenario", "no scenario named '" + *name + "' (see finops-cli scenario list)");
        c.scenario = std::move(*s);
    }
    return c;
}

PriceCatalog loadCatalog(const ArgParser& args)
{
    auto store = openStore(args, false);
    return loadWorkspaceCatalog(store.get());
}

Date lookupDate(const ArgParser& args)
{
    if (auto at = args.value("at")) {
        auto d = Date::parse(*at);
        if (!d)
            args.fail("at", "expected a date as YYYY-MM-DD, found '" + *at + "'");
        return *d;
    }
    return Clock::today();
}

void printJson(std::ostream& out, const nlohmann::ordered_json& j) { out << j.dump(2) << '\n'; }

nlohmann::ordered_json optionalNumber(const std::optional<double>& v)
{
    return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
}

bool handleHelp(const ArgParser& args, std::ostream& out)
{
    if (!args.has("help"))
        return false;
    out << args.help();
    return true;
}

} // namespace finops::cli
