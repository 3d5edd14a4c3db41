#include "store.h"

#include "inputerror.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

namespace finops {

namespace {

// Each entry moves the schema one version up; never edit a released entry, append.
const char* const kMigrations[] = {
    // 1: imported price sheets
    R"sql(
    CREATE TABLE price_sheets (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL,
        sha256      TEXT NOT NULL UNIQUE,
        format      TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        offers      INTEGER NOT NULL,
        skipped     INTEGER NOT NULL
    );
    CREATE TABLE price_offers (
        sheet_id        INTEGER NOT NULL REFERENCES price_sheets(id) ON DELETE CASCADE,
        seq             INTEGER NOT NULL,
        provider        TEXT NOT NULL,
        model           TEXT NOT NULL,
        display_name    TEXT NOT NULL,
        aliases         TEXT NOT NULL,
        input_usd_per_mtok        REAL NOT NULL,
        cached_input_usd_per_mtok REAL,
        cache_write_usd_per_mtok  REAL,
        output_usd_per_mtok       REAL NOT NULL,
        batch_discount  REAL NOT NULL,
        lc_above_tokens INTEGER,
        lc_input_usd_per_mtok        REAL,
        lc_output_usd_per_mtok       REAL,
        lc_cached_input_usd_per_mtok REAL,
        context_window  INTEGER,
        open_weights    INTEGER NOT NULL,
        total_params_b  REAL,
        active_params_b REAL,
        license         TEXT NOT NULL,
        effective_from  TEXT NOT NULL,
        source          TEXT NOT NULL,
        source_date     TEXT NOT NULL,
        PRIMARY KEY (sheet_id, seq)
    );
    )sql",
    // 2: usage records, their import batches and daily rollups
    R"sql(
    CREATE TABLE import_batches (
        id           INTEGER PRIMARY KEY,
        file         TEXT NOT NULL,
        sha256       TEXT NOT NULL,
        format       TEXT NOT NULL,
        imported_at  TEXT NOT NULL,
        records      INTEGER NOT NULL,
        duplicates   INTEGER NOT NULL,
        rejected     INTEGER NOT NULL,
        first_record INTEGER,
        last_record  INTEGER
    );
    CREATE TABLE providers  (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
    CREATE TABLE models     (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
    CREATE TABLE tag_keys   (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
    CREATE TABLE tag_values (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE);
    -- A record's tags as one interned set; items list its (key, value) pairs.
    CREATE TABLE tagsets (id INTEGER PRIMARY KEY, canonical TEXT NOT NULL UNIQUE);
    CREATE TABLE tagset_items (
        tagset_id INTEGER NOT NULL,
        key_id    INTEGER NOT NULL,
        value_id  INTEGER NOT NULL,
        PRIMARY KEY (tagset_id, key_id, value_id)
    ) WITHOUT ROWID;
    -- Narrow rows: integer ids, integer tokens, money as int64 nano-USD (NULL: not reported).
    CREATE TABLE usage_records (
        id          INTEGER PRIMARY KEY,
        batch_id    INTEGER NOT NULL,
        dedupe_key  INTEGER NOT NULL,
        ts          INTEGER NOT NULL,
        day         INTEGER NOT NULL,
        provider_id INTEGER NOT NULL,
        model_id    INTEGER NOT NULL,
        tagset_id   INTEGER NOT NULL,
        kind        INTEGER NOT NULL,
        requests    INTEGER NOT NULL,
        input_tokens        INTEGER NOT NULL,
        cached_input_tokens INTEGER NOT NULL,
        cache_write_tokens  INTEGER NOT NULL,
        output_tokens       INTEGER NOT NULL,
        reported_cost_nano  INTEGER
    );
    CREATE UNIQUE INDEX usage_records_dedupe ON usage_records(dedupe_key);
    CREATE TABLE daily_rollup (
        day INTEGER NOT NULL, provider_id INTEGER NOT NULL, model_id INTEGER NOT NULL,
        kind INTEGER NOT NULL, has_cost INTEGER NOT NULL,
        requests INTEGER NOT NULL, input_tokens INTEGER NOT NULL, cached_input_tokens INTEGER NOT NULL,
        cache_write_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL, cost_nano INTEGER NOT NULL,
        PRIMARY KEY (day, provider_id, model_id, kind, has_cost)
    ) WITHOUT ROWID;
    CREATE TABLE daily_tag_rollup (
        day INTEGER NOT NULL, provider_id INTEGER NOT NULL, model_id INTEGER NOT NULL,
        kind INTEGER NOT NULL, has_cost INTEGER NOT NULL, key_id INTEGER NOT NULL, value_id INTEGER NOT NULL,
        requests INTEGER NOT NULL, input_tokens INTEGER NOT NULL, cached_input_tokens INTEGER NOT NULL,
        cache_write_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL, cost_nano INTEGER NOT NULL,
        PRIMARY KEY (key_id, day, provider_id, model_id, kind, has_cost, value_id)
    ) WITHOUT ROWID;
    CREATE TABLE mapping_profiles (name TEXT PRIMARY KEY, profile TEXT NOT NULL);
    )sql",
    // 3: hardware measurements: finops-kbench runs and imported throughput benchmarks
    R"sql(
    CREATE TABLE kbench_runs (
        id       INTEGER PRIMARY KEY,
        run_at   TEXT NOT NULL,
        cpu      TEXT NOT NULL,
        threads  INTEGER NOT NULL,
        quick    INTEGER NOT NULL,
        partial  INTEGER NOT NULL,
        result   TEXT NOT NULL
    );
    CREATE TABLE throughput_measurements (
        id            INTEGER PRIMARY KEY,
        sha256        TEXT NOT NULL,
        seq           INTEGER NOT NULL,
        source_file   TEXT NOT NULL,
        format        TEXT NOT NULL,
        imported_at   TEXT NOT NULL,
        model         TEXT NOT NULL,
        hardware      TEXT NOT NULL,
        quant         TEXT NOT NULL,
        params_b      REAL,
        prompt_tokens_per_s  REAL,
        decode_tokens_per_s  REAL,
        batch         INTEGER,
        UNIQUE (sha256, seq)
    );
    )sql",
    // 4: saved scenarios (model/scenariostore.h): the assumptions as scenario JSON
    R"sql(
    CREATE TABLE scenarios (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL UNIQUE,
        description TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        body        TEXT NOT NULL
    );
    )sql",
};


std::string openDatabasePath(const std::string& path)
{
    const std::filesystem::path p(path);
    if (p.has_parent_path()) {
        std::error_code ec;
        std::filesystem::create_directories(p.parent_path(), ec);
        if (ec)
            throw InputError(path, 0, "", "cannot create the folder for the database: " + ec.message());
    }
    if (std::filesystem::is_directory(p))
        throw InputError(path, 0, "", "is a folder, not a database file");
    return path;
}

} // namespace

std::string Store::defaultPath()
{
    std::filesystem::path base;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        base = xdg;
    else if (const char* home = std::getenv("HOME"); home && *home)
        base = std::filesystem::path(home) / ".local" / "share";
    else
        base = std::filesystem::temp_directory_path();
    return (base / "finops-planner" / "planner.db").string();
}

int Store::latestSchemaVersion() { return static_cast<int>(std::size(kMigrations)); }

Store::Store(const std::string& path) : m_db(openDatabasePath(path))
{
    try {
        // 64 MiB of page cache keeps the dedupe index of a large import in memory.
        m_db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                  "PRAGMA cache_size=-65536; PRAGMA temp_store=MEMORY;");
        migrate();
    } catch (const StoreError& e) {
        const int code = sqlite3_errcode(m_db.handle()) & 0xff;
        if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
            throw InputError(path, 0, "", "not a FinOps Planner database (" + std::string(e.what()) + ")");
        throw;
    }
}

Store::~Store() = default;

int Store::schemaVersion() const
{
    auto& db = const_cast<SqliteDatabase&>(m_db);
    auto st = db.prepare("PRAGMA user_version");
    return st.step() ? static_cast<int>(st.int64(0)) : 0;
}

void Store::migrate()
{
    const int current = schemaVersion();
    if (current > latestSchemaVersion())
        throw InputError(m_db.path(), 0, "",
                         "the database has schema version " + std::to_string(current) +
                             ", newer than this build understands (" + std::to_string(latestSchemaVersion()) + ")");
    if (current == latestSchemaVersion())
        return;
    SqliteTransaction tx(m_db);
    for (int v = current; v < latestSchemaVersion(); ++v)
        m_db.exec(kMigrations[v]);
    m_db.exec("PRAGMA user_version = " + std::to_string(latestSchemaVersion()));
    tx.commit();
}

Store::SheetImport Store::addPriceSheet(const PriceSheet& sheet, const std::string& sha256)
{
    SheetImport result;
    {
        auto find = m_db.prepare("SELECT id FROM price_sheets WHERE sha256 = ?");
        find.bind(1, sha256);
        if (find.step()) {
            result.sheetId = find.int64(0);
            result.alreadyImported = true;
            return result;
        }
    }
    SqliteTransaction tx(m_db);
    auto insertSheet = m_db.prepare(
        "INSERT INTO price_sheets (name, sha256, format, imported_at, offers, skipped) VALUES (?,?,?,?,?,?)");
    insertSheet.bind(1, sheet.name).bind(2, sha256).bind(3, sheet.format).bind(4, Clock::nowUtc());
    insertSheet.bind(5, static_cast<std::int64_t>(sheet.offers.size()));
    insertSheet.bind(6, static_cast<std::int64_t>(sheet.skipped.size()));
    insertSheet.run();
    result.sheetId = m_db.lastInsertRowId();

    auto insertOffer = m_db.prepare(
        "INSERT INTO price_offers (sheet_id, seq, provider, model, display_name, aliases, "
        "input_usd_per_mtok, cached_input_usd_per_mtok, cache_write_usd_per_mtok, output_usd_per_mtok, "
        "batch_discount, lc_above_tokens, lc_input_usd_per_mtok, lc_output_usd_per_mtok, "
        "lc_cached_input_usd_per_mtok, context_window, open_weights, total_params_b, active_params_b, "
        "license, effective_from, source, source_date) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    std::int64_t seq = 0;
    for (const PriceOffer& o : sheet.offers) {
        insertOffer.bind(1, result.sheetId).bind(2, seq++).bind(3, o.provider).bind(4, o.model);
        insertOffer.bind(5, o.displayName).bind(6, nlohmann::json(o.aliases).dump());
        insertOffer.bind(7, o.inputUsdPerMtok).bind(8, o.cachedInputUsdPerMtok);
        insertOffer.bind(9, o.cacheWriteUsdPerMtok).bind(10, o.outputUsdPerMtok).bind(11, o.batchDiscount);
        if (o.longContext) {
            insertOffer.bind(12, o.longContext->aboveTokens).bind(13, o.longContext->inputUsdPerMtok);
            insertOffer.bind(14, o.longContext->outputUsdPerMtok).bind(15, o.longContext->cachedInputUsdPerMtok);
        } else {
            insertOffer.bindNull(12).bindNull(13).bindNull(14).bindNull(15);
        }
        insertOffer.bind(16, o.contextWindowTokens).bind(17, o.openWeights ? 1 : 0);
        insertOffer.bind(18, o.totalParamsB).bind(19, o.activeParamsB).bind(20, o.license);
        insertOffer.bind(21, o.effectiveFrom.toString()).bind(22, o.source).bind(23, o.sourceDate);
        insertOffer.run();
    }
    tx.commit();
    return result;
}

std::vector<Store::SheetInfo> Store::priceSheetInfos()
{
    std::vector<SheetInfo> out;
    auto st = m_db.prepare("SELECT id, name, sha256, format, imported_at, offers, skipped FROM price_sheets ORDER BY id");
    while (st.step())
        out.push_back({st.int64(0), st.text(1), st.text(2), st.text(3), st.text(4), st.int64(5), st.int64(6)});
    return out;
}

std::vector<PriceSheet> Store::priceSheets()
{
    std::vector<PriceSheet> sheets;
    for (const SheetInfo& info : priceSheetInfos()) {
        PriceSheet sheet;
        sheet.name = info.name;
        sheet.format = info.format;
        auto st = m_db.prepare(
            "SELECT provider, model, display_name, aliases, input_usd_per_mtok, cached_input_usd_per_mtok, "
            "cache_write_usd_per_mtok, output_usd_per_mtok, batch_discount, lc_above_tokens, "
            "lc_input_usd_per_mtok, lc_output_usd_per_mtok, lc_cached_input_usd_per_mtok, context_window, "
            "open_weights, total_params_b, active_params_b, license, effective_from, source, source_date "
            "FROM price_offers WHERE sheet_id = ? ORDER BY seq");
        st.bind(1, info.id);
        while (st.step()) {
            PriceOffer o;
            o.provider = st.text(0);
            o.model = st.text(1);
            o.displayName = st.text(2);
            o.aliases = nlohmann::json::parse(st.text(3)).get<std::vector<std::string>>();
            o.inputUsdPerMtok = st.real(4);
            o.cachedInputUsdPerMtok = st.optionalReal(5);
            o.cacheWriteUsdPerMtok = st.optionalReal(6);
            o.outputUsdPerMtok = st.real(7);
            o.batchDiscount = st.real(8);
            if (!st.isNull(9)) {
                LongContextTier t;
                t.aboveTokens = st.int64(9);
                t.inputUsdPerMtok = st.real(10);
                t.outputUsdPerMtok = st.real(11);
                t.cachedInputUsdPerMtok = st.optionalReal(12);
                o.longContext = t;
            }
            o.contextWindowTokens = st.optionalInt64(13);
            o.openWeights = st.int64(14) != 0;
            o.totalParamsB = st.optionalReal(15);
            o.activeParamsB = st.optionalReal(16);
            o.license = st.text(17);
            o.effectiveFrom = Date::parse(st.text(18)).value_or(Date{});
            o.source = st.text(19);
            o.sourceDate = st.text(20);
            o.sheet = info.name;
            sheet.offers.push_back(std::move(o));
        }
        sheets.push_back(std::move(sheet));
    }
    return sheets;
}

bool Store::removePriceSheet(std::int64_t id)
{
    SqliteTransaction tx(m_db);
    auto st = m_db.prepare("DELETE FROM price_sheets WHERE id = ?");
    st.bind(1, id);
    st.run();
    const bool removed = m_db.changes() > 0;
    tx.commit();
    return removed;
}

} // namespace finops
