#pragma once

#include "date.h"
#include "mappingprofile.h"
#include "store.h"
#include "usagerecord.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace finops {

// Usage records, their import batches and the daily rollups, in the workspace store.
// Records are deduplicated on a 64-bit key (the source's record id, else a hash of the
// record's content and its occurrence in the file) held in a unique index. Rollups per
// (day, provider, model) and per (day, provider, model, tag) are kept up to date by every
// import and removal, so spend queries never scan raw records.
class UsageStore
{
public:
    explicit UsageStore(Store& store);

    struct BatchInfo
    {
        std::int64_t id = 0;
        std::string file;
        std::string sha256;
        std::string format;
        std::string importedAt;
        std::int64_t records = 0;
        std::int64_t duplicates = 0;
        std::int64_t rejected = 0;
    };

    // Writes one file's records in one transaction. Nothing is visible to other
    // connections until commit(); destroying the session without commit() rolls it all back.
    class ImportSession
    {
    public:
        ~ImportSession();
        ImportSession(const ImportSession&) = delete;
        ImportSession& operator=(const ImportSession&) = delete;

        // Queues a record for storing. `extraTags` (--tag K=V) are stored with the record
        // but do not make it a different record. Whether it was new or a duplicate is known
        // after all records are in: added() and duplicates() count them.
        void add(const UsageRecord& record, const std::vector<std::pair<std::string, std::string>>& extraTags = {});
        // Writes the batch row and the rollups and commits. When nothing was added, nothing
        // is written and the id of an earlier batch of the same file (or 0) is returned.
        std::int64_t commit(std::int64_t rejected);

        // Both wait for the queued records to be written.
        std::int64_t added() const;
        std::int64_t duplicates() const;
        // The file's SHA-256, when it is known only after reading (before commit()).
        void setSha256(const std::string& sha256);

    private:
        friend class UsageStore;
        struct Impl;
        explicit ImportSession(std::unique_ptr<Impl> impl);
        std::unique_ptr<Impl> m_impl;
    };

    // `keyNamespace` scopes source record ids (usually the format name).
    std::unique_ptr<ImportSession> beginImport(const std::string& file, const std::string& sha256,
                                               const std::string& format, const std::string& keyNamespace);

    std::vector<BatchInfo> batches();
    // Removes a batch's records and rebuilds the rollups of the days they touched.
    bool removeBatch(std::int64_t id);

    using RollupRow = UsageRollupRow;
    // Base rollups for days in [from, to] (inclusive; nullopt: unbounded).
    std::vector<RollupRow> rollups(std::optional<Date> from, std::optional<Date> to);
    // Rollups of one tag key, one row per value; records without that tag are not included
    // and a record with several values of the key is in each.
    std::vector<RollupRow> tagRollups(const std::string& tagKey, std::optional<Date> from, std::optional<Date> to);
    // The usage that has the tag key at all, each record counted once (tagValue empty):
    // base rollups minus these are the untagged usage.
    std::vector<RollupRow> tagCoverage(const std::string& tagKey, std::optional<Date> from, std::optional<Date> to);
    std::vector<std::string> tagKeys();
    // First and last day with usage.
    std::optional<std::pair<Date, Date>> usageRange();

    // Raw records for browsing, newest first.
    struct RecordFilter
    {
        std::optional<Date> from, to;
        std::string provider; // exact; empty: all
        std::string modelContains;
        std::int64_t limit = 1000;
        std::int64_t offset = 0;
    };
    struct RecordRow
    {
        std::int64_t id = 0;
        std::int64_t timestampUtc = 0;
        std::string provider, model, tags;
        bool costOnly = false;
        std::int64_t requests = 0, inputTokens = 0, cachedInputTokens = 0, cacheWriteTokens = 0, outputTokens = 0;
        std::optional<std::int64_t> reportedCostNano;
        std::int64_t batchId = 0;
    };
    std::vector<RecordRow> records(const RecordFilter& filter);
    std::int64_t recordCount(const RecordFilter& filter);

    void saveMappingProfile(const MappingProfile& profile);
    std::optional<MappingProfile> mappingProfile(const std::string& name);
    std::vector<std::string> mappingProfileNames();

private:
    std::vector<RollupRow> tagRows(const std::string& tagKey, std::optional<Date> from, std::optional<Date> to,
                                   bool coverage);

    Store& m_store;
};

} // namespace finops
