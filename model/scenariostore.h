#pragma once

#include "scenario.h"
#include "store.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace finops {

// Saved scenarios in the workspace store (table `scenarios`, schema migration 4): one row
// per scenario, its assumptions as the JSON of scenarioToJson(). Names are unique and
// non-empty. Every write is one transaction with prepared statements; a failed write
// (bad name, duplicate name, invalid scenario) throws and leaves the store as it was.
class ScenarioStore
{
public:
    explicit ScenarioStore(Store& store);

    struct Info
    {
        std::int64_t id = 0;
        std::string name;
        std::string description;
        std::string createdAt; // ISO 8601 UTC
        std::string updatedAt;
    };

    // Sorted by name.
    std::vector<Info> list();
    std::vector<std::string> names();
    bool contains(const std::string& name);
    std::optional<Scenario> get(const std::string& name);

    // Inserts a new scenario; InputError("", 0, "name", ...) when the name is empty or taken,
    // or the scenario fails validate().
    std::int64_t create(const Scenario& scenario);
    // Replaces the stored scenario of the same name (must exist) — the GUI's autosave.
    void update(const Scenario& scenario);
    // Creates or replaces.
    void save(const Scenario& scenario);
    // Copy under a new name; InputError when `from` is missing or `to` taken.
    void duplicate(const std::string& from, const std::string& to);
    // InputError when `from` is missing or `to` taken.
    void rename(const std::string& from, const std::string& to);
    // false when there was no such scenario.
    bool remove(const std::string& name);

    // Reads a scenario file and stores it in one step (create, or replace when `replace`);
    // a bad file throws InputError naming file:line:field and stores nothing.
    Scenario importFile(const std::string& path, const std::optional<std::string>& asName = {},
                        bool replace = false);
    // InputError when the scenario is missing.
    void exportFile(const std::string& name, const std::string& path);

private:
    Store& m_store;
};

} // namespace finops
