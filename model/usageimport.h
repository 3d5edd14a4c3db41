#pragma once

#include "mappingprofile.h"
#include "store.h"

#include <atomic>
#include <functional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace finops {

// Thrown when an import is canceled; the store is left as it was.
class ImportCanceled : public std::runtime_error
{
public:
    ImportCanceled() : std::runtime_error("import canceled; nothing was written") {}
};

struct UsageImportRequest
{
    std::string path;
    std::string format = "auto";
    const MappingProfile* mapping = nullptr;
    std::vector<std::pair<std::string, std::string>> tags; // added to every record (--tag K=V)
    bool skipBad = false; // false: the first bad record refuses the whole file
    std::function<void(double fraction)> progress;
    const std::atomic_bool* cancel = nullptr;
};

struct RejectedRecord
{
    std::string file;
    std::int64_t line = 0;
    std::string field;
    std::string reason;
};

struct UsageImportResult
{
    std::string file;
    std::string format;
    std::int64_t batchId = 0; // 0 when nothing was new and the file was never imported before
    std::int64_t imported = 0;
    std::int64_t duplicates = 0;
    std::int64_t rejected = 0;
    std::vector<RejectedRecord> rejects;
};

// Reads a usage export and stores its records as one batch, in one transaction: all of
// it, or in strict mode nothing when any record is bad (InputError names file:line:field).
// The file is memory-mapped and streamed; its SHA-256 and UTF-8 check run on a second
// thread. Records already stored (same dedupe key) are counted as duplicates.
UsageImportResult importUsageFile(Store& store, const UsageImportRequest& request);

// Writes rejected records as CSV (file,line,field,reason).
void writeRejects(const std::string& path, const std::vector<RejectedRecord>& rejects);

} // namespace finops
