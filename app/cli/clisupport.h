#pragma once

#include "argparser.h"
#include "pricecatalog.h"
#include "scenario.h"
#include "store.h"

#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>

namespace finops::cli {

// The standard options every store-using command accepts.
OptionSpec dbOption();
OptionSpec jsonOption();

// The store named by --db (default: the user data dir). For read-only commands
// (`create` false) a store file that does not exist yet is not created: nullptr.
std::unique_ptr<Store> openStore(const ArgParser& args, bool create);

// A scenario's store and the scenario --scenario NAME names (the built-in default scenario
// without it). With no store file yet: an empty in-memory store (no usage, bundled prices).
// An unknown name fails on the option.
struct ScenarioContext
{
    std::unique_ptr<Store> store;
    Scenario scenario;
};
ScenarioContext openScenario(const ArgParser& args);

// Bundled sheets plus the store's imports.
PriceCatalog loadCatalog(const ArgParser& args);

// The day prices are looked up at: --at DATE, else today (FINOPS_TODAY fixes it).
Date lookupDate(const ArgParser& args);

// Pretty JSON on one stream, with a final newline.
void printJson(std::ostream& out, const nlohmann::ordered_json& j);

// A double for JSON: null when absent.
nlohmann::ordered_json optionalNumber(const std::optional<double>& v);

// Shows --help and returns true when it was asked for.
bool handleHelp(const ArgParser& args, std::ostream& out);

} // namespace finops::cli
