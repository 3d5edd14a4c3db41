#pragma once

#include "priceoffer.h"
#include "sqlitedb.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace finops {

// The workspace database (SQLite): imported price sheets now, usage and scenarios as
// later features add their tables through migrations. Opening a path creates the file
// and applies every migration not applied yet (PRAGMA user_version counts them). WAL
// with synchronous=NORMAL: a commit survives a killed process. Every write that belongs
// together is one transaction, so a failure leaves the store as it was.
class Store
{
public:
    // $XDG_DATA_HOME/finops-planner/planner.db, else ~/.local/share/finops-planner/planner.db.
    static std::string defaultPath();

    // Opens or creates the store; creates missing parent folders. A file that is not a
    // SQLite database, or one written by a newer schema, throws InputError.
    explicit Store(const std::string& path);
    ~Store();

    const std::string& path() const { return m_db.path(); }
    int schemaVersion() const;
    static int latestSchemaVersion();

    struct SheetInfo
    {
        std::int64_t id = 0;
        std::string name;
        std::string sha256;
        std::string format;
        std::string importedAt; // ISO 8601 UTC
        std::int64_t offers = 0;
        std::int64_t skipped = 0;
    };
    struct SheetImport
    {
        std::int64_t sheetId = 0;
        bool alreadyImported = false; // same content (SHA-256) imported before: nothing added
    };
    // Stores the sheet and its offers in one transaction.
    SheetImport addPriceSheet(const PriceSheet& sheet, const std::string& sha256);
    std::vector<SheetInfo> priceSheetInfos();
    // Every stored sheet with its offers, oldest import first.
    std::vector<PriceSheet> priceSheets();
    bool removePriceSheet(std::int64_t id);

    SqliteDatabase& database() { return m_db; }

private:
    void migrate();

    SqliteDatabase m_db;
};

} // namespace finops
