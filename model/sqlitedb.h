#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace finops {

// A database failure that is not the user's input: disk full, a locked or damaged file.
class StoreError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

class SqliteStatement;

// A thin RAII owner of an sqlite3 connection. Errors throw StoreError with SQLite's
// message. Not thread-safe: one connection per thread.
class SqliteDatabase
{
public:
    explicit SqliteDatabase(const std::string& path);
    ~SqliteDatabase();
    SqliteDatabase(const SqliteDatabase&) = delete;
    SqliteDatabase& operator=(const SqliteDatabase&) = delete;

    void exec(std::string_view sql);
    SqliteStatement prepare(std::string_view sql);
    std::int64_t lastInsertRowId() const;
    int changes() const;
    sqlite3* handle() const { return m_db; }
    const std::string& path() const { return m_path; }

    [[noreturn]] void raise(const std::string& what) const;

private:
    sqlite3* m_db = nullptr;
    std::string m_path;
};

// A prepared statement; bind indexes are 1-based, column indexes 0-based.
class SqliteStatement
{
public:
    SqliteStatement(SqliteDatabase& db, std::string_view sql);
    ~SqliteStatement();
    SqliteStatement(SqliteStatement&& other) noexcept;
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    SqliteStatement& bind(int index, std::int64_t value);
    SqliteStatement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    SqliteStatement& bind(int index, double value);
    SqliteStatement& bind(int index, std::string_view value);
    SqliteStatement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    SqliteStatement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    SqliteStatement& bindNull(int index);
    template <typename T> SqliteStatement& bind(int index, const std::optional<T>& value)
    {
        return value ? bind(index, *value) : bindNull(index);
    }

    // Steps once: true when a row is available.
    bool step();
    // Steps to completion (for statements that return no rows).
    void run();
    void reset();

    bool isNull(int column) const;
    std::int64_t int64(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    std::optional<double> optionalReal(int column) const;
    std::optional<std::int64_t> optionalInt64(int column) const;

private:
    SqliteDatabase* m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

// Commits on commit(), rolls back when destroyed before that (an exception unwinding).
class SqliteTransaction
{
public:
    explicit SqliteTransaction(SqliteDatabase& db);
    ~SqliteTransaction();
    SqliteTransaction(const SqliteTransaction&) = delete;
    SqliteTransaction& operator=(const SqliteTransaction&) = delete;
    void commit();

private:
    SqliteDatabase& m_db;
    bool m_done = false;
};

} // namespace finops
