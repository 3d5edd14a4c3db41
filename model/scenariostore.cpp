#include "scenariostore.h"

#include "inputerror.h"

#include <chrono>
#include <cstdio>

namespace finops {

namespace {

void checkValid(const Scenario& scenario)
{
    if (const std::string problem = scenario.validate(); !problem.empty()) {
        const auto colon = problem.find(':');
        throw InputError("", 0, problem.substr(0, colon),
                         colon == std::string::npos ? problem : problem.substr(colon + 2));
    }
}

bool exists(SqliteDatabase& db, const std::string& name)
{
    auto st = db.prepare("SELECT 1 FROM scenarios WHERE name = ?");
    st.bind(1, name);
    return st.step();
}

void insert(SqliteDatabase& db, const Scenario& scenario)
{
    const std::string now = Clock::nowUtc();
    auto st = db.prepare("INSERT INTO scenarios (name, description, created_at, updated_at, body) "
                         "VALUES (?,?,?,?,?)");
    st.bind(1, scenario.name).bind(2, scenario.description).bind(3, now).bind(4, now);
    st.bind(5, scenarioToJson(scenario).dump());
    st.run();
}

void replace(SqliteDatabase& db, const Scenario& scenario)
{
    auto st =
        db.prepare("UPDATE scenarios SET description = ?, updated_at = ?, body = ? WHERE name = ?");
    st.bind(1, scenario.description)
        .bind(2, Clock::nowUtc())
        .bind(3, scenarioToJson(scenario).dump())
        .bind(4, scenario.name);
    st.run();
}

} // namespace

ScenarioStore::ScenarioStore(Store& store) : m_store(store) {}

std::vector<ScenarioStore::Info> ScenarioStore::list()
{
    std::vector<Info> out;
    auto st = m_store.database().prepare(
        "SELECT id, name, description, created_at, updated_at FROM scenarios ORDER BY name");
    while (st.step())
        out.push_back({st.int64(0), st.text(1), st.text(2), st.text(3), st.text(4)});
    return out;
}

std::vector<std::string> ScenarioStore::names()
{
    std::vector<std::string> out;
    auto st = m_store.database().prepare("SELECT name FROM scenarios ORDER BY name");
    while (st.step())
        out.push_back(st.text(0));
    return out;
}

bool ScenarioStore::contains(const std::string& name)
{
    return exists(m_store.database(), name);
}

std::optional<Scenario> ScenarioStore::get(const std::string& name)
{
    auto st = m_store.database().prepare("SELECT body FROM scenarios WHERE name = ?");
    st.bind(1, name);
    if (!st.step())
        return std::nullopt;
    // Stored bodies were validated on the way in; a damaged one names the store and the scenario.
    return scenarioFromJsonText(st.text(0), m_store.path() + "#scenario:" + name);
}

std::int64_t ScenarioStore::create(const Scenario& scenario)
{
    checkValid(scenario);
    SqliteDatabase& db = m_store.database();
    SqliteTransaction tx(db);
    if (exists(db, scenario.name))
        throw InputError("", 0, "name", "a scenario named '" + scenario.name + "' exists already");
    insert(db, scenario);
    const std::int64_t id = db.lastInsertRowId();
    tx.commit();
    return id;
}

void ScenarioStore::update(const Scenario& scenario)
{
    checkValid(scenario);
    SqliteDatabase& db = m_store.database();
    SqliteTransaction tx(db);
    if (!exists(db, scenario.name))
        throw InputError("", 0, "name", "no scenario named '" + scenario.name + "'");
    replace(db, scenario);
    tx.commit();
}

void ScenarioStore::save(const Scenario& scenario)
{
    checkValid(scenario);
    SqliteDatabase& db = m_store.database();
    SqliteTransaction tx(db);
    if (exists(db, scenario.name))
        replace(db, scenario);
    else
        insert(db, scenario);
    tx.commit();
}

void ScenarioStore::duplicate(const std::string& from, const std::string& to)
{
    std::optional<Scenario> source = get(from);
    if (!source)
        throw InputError("", 0, "name", "no scenario named '" + from + "'");
    source->name = to;
    create(*source);
}

void ScenarioStore::rename(const std::string& from, const std::string& to)
{
    std::optional<Scenario> source = get(from);
    if (!source)
        throw InputError("", 0, "name", "no scenario named '" + from + "'");
    if (from == to)
        return;
    source->name = to;
    checkValid(*source);
    SqliteDatabase& db = m_store.database();
    SqliteTransaction tx(db);
    if (exists(db, to))
        throw InputError("", 0, "name", "a scenario named '" + to + "' exists already");
    auto st = db.prepare("UPDATE scenarios SET name = ?, updated_at = ?, body = ? WHERE name = ?");
    st.bind(1, to).bind(2, Clock::nowUtc()).bind(3, scenarioToJson(*source).dump()).bind(4, from);
    st.run();
    tx.commit();
}

bool ScenarioStore::remove(const std::string& name)
{
    SqliteDatabase& db = m_store.database();
    SqliteTransaction tx(db);
    auto st = db.prepare("DELETE FROM scenarios WHERE name = ?");
    st.bind(1, name);
    st.run();
    const bool removed = db.changes() > 0;
    tx.commit();
    return removed;
}

Scenario ScenarioStore::importFile(const std::string& path,
                                   const std::optional<std::string>& asName, bool replaceExisting)
{
    Scenario scenario = readScenarioFile(path); // throws before anything is written
    if (asName)
        scenario.name = *asName;
    if (replaceExisting)
        save(scenario);
    else
        create(scenario);
    return scenario;
}

void ScenarioStore::exportFile(const std::string& name, const std::string& path)
{
    const std::optional<Scenario> scenario = get(name);
    if (!scenario)
        throw InputError("", 0, "name", "no scenario named '" + name + "'");
    writeScenarioFile(*scenario, path);
}

} // namespace finops
