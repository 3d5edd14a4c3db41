#pragma once

#include "inputerror.h"
#include "usagerecord.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace finops {

struct MappingProfile;

// What an importer reads records into. `accept` takes a checked record (an importer may
// reuse the object for the next record once accept returns); `reject` is
// given a bad one: it throws the error again in strict mode (the whole file is
// refused) or notes it and returns in --skip-bad mode, and the importer carries on
// with the next record. `progress` is called now and then with the byte offset reached.
class UsageRecordSink
{
public:
    virtual ~UsageRecordSink() = default;
    virtual void accept(const UsageRecord& record) = 0;
    virtual void reject(const InputError& error) = 0;
    virtual void progress(std::size_t /*offset*/) {}
};

// One usage-export format. Implementations follow the vendor's documented field names,
// keep token kinds apart (input = uncached input only), and check every value: a
// negative or non-integral token count, a timestamp out of range, a missing model are
// InputErrors naming file:line:field.
class UsageImporter
{
public:
    virtual ~UsageImporter() = default;
    virtual std::string_view format() const = 0;
    virtual std::string_view description() const = 0;
    // Looks at the start of the file (up to 64 KiB): true when it is this format.
    virtual bool recognises(std::string_view head) const = 0;
    virtual void read(std::string_view text, const std::string& fileName, const MappingProfile* mapping,
                      UsageRecordSink& sink) const = 0;
};

// Every importer, in detection order.
const std::vector<std::unique_ptr<UsageImporter>>& usageImporters();
// The importer named `format`, or for "auto" the first that recognises the text; throws
// InputError naming the file when none does.
const UsageImporter& usageImporterFor(std::string_view format, std::string_view text, const std::string& fileName);

// Checks shared by the importers.
namespace usagecheck {
// Timestamps from 2000-01-01 up to a year after today are plausible usage.
void checkTimestamp(std::int64_t seconds, const std::string& file, std::int64_t line, const std::string& field);
// A token or request count: a whole number from 0 to 10^15.
std::int64_t checkCount(double value, const std::string& file, std::int64_t line, const std::string& field);
std::int64_t parseCount(std::string_view text, const std::string& file, std::int64_t line, const std::string& field);
// A money amount in USD from text (exact) into nano-USD; `decimalShift` -2 reads cents.
std::int64_t parseMoneyNano(std::string_view text, const std::string& file, std::int64_t line,
                            const std::string& field, int decimalShift = 0);
// A money amount from a JSON number (rounded to the nano-dollar).
std::int64_t moneyNano(double usd, const std::string& file, std::int64_t line, const std::string& field);
} // namespace usagecheck

} // namespace finops

namespace finops {
class JsonFields;
namespace usagecheck {
// A token or request count member of a JSON record: absent or null reads as 0.
std::int64_t jsonCount(const JsonFields& fields, const std::string& key);
} // namespace usagecheck
} // namespace finops

namespace finops {
class JsonDocument;
namespace usagecheck {
// Streams the buckets of an OpenAI / Anthropic style report ({"data": [{..., "results":
// [...]}]}) and calls `onResult` for each result with the bucket's fields and the
// result's. An InputError thrown by `onResult` goes to sink.reject, so --skip-bad skips
// just that result.
void forEachBucketResult(std::string_view text, const std::string& fileName, UsageRecordSink& sink,
                         const std::function<void(const JsonFields& bucket, const JsonFields& result)>& onResult);
// Streams the records of a JSON array / {"data": [...]} file, or of a JSONL file (one
// object per line), passing each record's fields; errors go to sink.reject.
void forEachJsonRecord(std::string_view text, const std::string& fileName, UsageRecordSink& sink,
                       const std::function<void(const JsonFields& record)>& onRecord);
// Whether the text starts (after white space) with '{' or '[' followed by a newline-separated
// object per line: JSONL.
bool looksLikeJsonLines(std::string_view head);
// Line of a JSON record's member, for records built by hand.
std::int64_t lineOf(const JsonFields& fields, const std::string& key);
// The string member, or "" when absent or null; a non-string is an error.
std::string jsonText(const JsonFields& fields, const std::string& key);
} // namespace usagecheck
} // namespace finops
