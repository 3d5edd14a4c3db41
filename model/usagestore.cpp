#include "usagestore.h"

#include "hash64.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <chrono>
#include <cstdio>
#include <unordered_map>

namespace finops {

namespace {


// Maps names to the integer ids of an (id, name) table. Loaded once; new names get the
// next id at once and are queued for the database thread to insert.
class Interner
{
public:
    Interner(SqliteDatabase& db, const std::string& table, const std::string& column) : m_table(table)
    {
        auto st = db.prepare("SELECT id, " + column + " FROM " + table);
        while (st.step()) {
            m_ids.emplace(st.text(1), st.int64(0));
            m_next = std::max(m_next, st.int64(0) + 1);
        }
    }
    std::int64_t id(std::string_view name, std::vector<std::pair<std::int64_t, std::string>>& pending)
    {
        m_lookup.assign(name);
        if (auto it = m_ids.find(m_lookup); it != m_ids.end())
            return it->second;
        const std::int64_t id = m_next++;
        m_ids.emplace(m_lookup, id);
        pending.emplace_back(id, m_lookup);
        return id;
    }

private:
    std::string m_table;
    std::unordered_map<std::string, std::int64_t> m_ids;
    std::string m_lookup;
    std::int64_t m_next = 1;
};

// A bounded hand-over of work between two threads.
template <typename T> class BoundedQueue
{
public:
    explicit BoundedQueue(std::size_t capacity) : m_capacity(capacity) {}
    // false when the queue was closed (the consumer has stopped).
    bool push(T item)
    {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock, [&] { return m_items.size() < m_capacity || m_closed; });
        if (m_closed)
            return false;
        m_items.push_back(std::move(item));
        m_notEmpty.notify_one();
        return true;
    }
    std::optional<T> pop()
    {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait(lock, [&] { return !m_items.empty() || m_closed; });
        if (m_items.empty())
            return std::nullopt;
        T item = std::move(m_items.front());
        m_items.pop_front();
        m_notFull.notify_one();
        return item;
    }
    void close()
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_notEmpty.notify_all();
        m_notFull.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_notEmpty, m_notFull;
    std::deque<T> m_items;
    std::size_t m_capacity;
    bool m_closed = false;
};

struct RollupKey
{
    std::int32_t day;
    std::int32_t provider;
    std::int32_t model;
    std::int32_t kind;
    std::int32_t hasCost;
    std::int32_t tagKey;
    std::int32_t tagValue;
    bool operator==(const RollupKey&) const = default;
};

struct Measures
{
    std::int64_t requests = 0, input = 0, cached = 0, write = 0, output = 0, costNano = 0;
    void add(const UsageRecord& r)
    {
        requests += r.requests;
        input += r.inputTokens;
        cached += r.cachedInputTokens;
        write += r.cacheWriteTokens;
        output += r.outputTokens;
        costNano += r.reportedCostNanoUsd.value_or(0);
    }
};

// The rollups an import accumulates: an open-addressing table in one array, because a
// record touches five to ten of them and a node-based map's cache misses dominated the
// import (15% of it).
class RollupTable
{
public:
    struct Slot
    {
        RollupKey key;
        Measures measures;
        bool used = false;
    };

    RollupTable() : m_slots(1024) {}

    Measures& operator[](const RollupKey& key)
    {
        if (2 * (m_count + 1) > m_slots.size())
            grow();
        Slot& slot = find(m_slots, key);
        if (!slot.used) {
            slot.used = true;
            slot.key = key;
            ++m_count;
        }
        return slot.measures;
    }

    template <typename F> void forEach(F&& f) const
    {
        for (const Slot& s : m_slots)
            if (s.used)
                f(s.key, s.measures);
    }

private:
    static std::uint64_t hash(const RollupKey& k)
    {
        std::uint64_t a = (std::uint64_t(std::uint32_t(k.day)) << 32) | std::uint32_t(k.provider);
        std::uint64_t b = (std::uint64_t(std::uint32_t(k.model)) << 32) | std::uint32_t(k.tagValue);
        std::uint64_t c = (std::uint64_t(std::uint32_t(k.tagKey)) << 2) | std::uint64_t(k.kind << 1) | std::uint64_t(k.hasCost);
        std::uint64_t h = a * 0x9E3779B97F4A7C15ULL ^ b * 0xC2B2AE3D27D4EB4FULL ^ c * 0x165667B19E3779F9ULL;
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdULL;
        h ^= h >> 33;
        return h;
    }
    static Slot& find(std::vector<Slot>& slots, const RollupKey& key)
    {
        const std::size_t mask = slots.size() - 1;
        for (std::size_t i = hash(key) & mask;; i = (i + 1) & mask)
            if (!slots[i].used || slots[i].key == key)
                return slots[i];
    }
    void grow()
    {
        std::vector<Slot> bigger(m_slots.size() * 2);
        for (const Slot& s : m_slots)
            if (s.used)
                find(bigger, s.key) = s;
        m_slots.swap(bigger);
    }

    std::vector<Slot> m_slots;
    std::size_t m_count = 0;
};

using RollupMap = RollupTable;

std::optional<std::int64_t> dayBound(const std::optional<Date>& d)
{
    return d ? std::optional<std::int64_t>(d->daysSinceEpoch) : std::nullopt;
}

} // namespace

// An import runs on two threads: the caller's thread parses records, interns names,
// computes dedupe keys and accumulates rollups; a database thread inserts the rows. They
// meet in a queue of batches. Rows the unique index refuses (duplicates) come back after
// the database thread has finished, and their share is taken out of the rollups.
struct UsageStore::ImportSession::Impl
{
    struct Row
    {
        std::int64_t id, key, ts;
        std::int32_t day, provider, model, kind;
        std::int64_t tagset, requests, input, cached, write, output, costNano;
        bool hasCost;
    };
    struct NewTagset
    {
        std::int64_t id;
        std::string canonical;
        std::vector<std::pair<std::int32_t, std::int32_t>> items;
    };
    struct Batch
    {
        std::vector<Row> rows;
        std::vector<std::pair<std::int64_t, std::string>> providers, models, tagKeys, tagValues;
        std::vector<NewTagset> tagsets;
    };
    struct TagsetEntry
    {
        std::int64_t id;
        std::vector<std::pair<std::int32_t, std::int32_t>> items;
    };
    static constexpr std::size_t kBatchRows = 8192;

    Impl(SqliteDatabase& database, std::string fileName, std::string sha, std::string formatName, std::string ns)
        : db(database), tx(database), providers(database, "providers", "name"), models(database, "models", "name"),
          tagKeys(database, "tag_keys", "name"), tagValues(database, "tag_values", "value"), file(std::move(fileName)),
          sha256(std::move(sha)), format(std::move(formatName)), keyNamespace(std::move(ns)), queue(3)
    {
        auto next = db.prepare("SELECT coalesce(max(id), 0) + 1 FROM import_batches");
        next.step();
        batchId = next.int64(0);
        auto nextRecord = db.prepare("SELECT coalesce(max(id), 0) + 1 FROM usage_records");
        nextRecord.step();
        nextRecordId = nextRecord.int64(0);
        firstRecordId = nextRecordId;
        std::unordered_map<std::int64_t, std::vector<std::pair<std::int32_t, std::int32_t>>> items;
        auto itemRows = db.prepare("SELECT tagset_id, key_id, value_id FROM tagset_items ORDER BY tagset_id, key_id, value_id");
        while (itemRows.step())
            items[itemRows.int64(0)].emplace_back(static_cast<std::int32_t>(itemRows.int64(1)),
                                                  static_cast<std::int32_t>(itemRows.int64(2)));
        auto sets = db.prepare("SELECT id, canonical FROM tagsets");
        while (sets.step()) {
            const std::int64_t id = sets.int64(0);
            nextTagsetId = std::max(nextTagsetId, id + 1);
            tagsetItems[id] = items[id];
            tagsets.emplace(sets.text(1), TagsetEntry{id, items[id]});
        }
        consumer = std::thread([this] { consume(); });
    }

    ~Impl()
    {
        // Stop the database thread before the transaction rolls back.
        queue.close();
        if (consumer.joinable())
            consumer.join();
    }

    // --- the database thread ---

    void consume()
    {
        try {
            SqliteStatement insertRecord = db.prepare(
                "INSERT INTO usage_records (id, batch_id, dedupe_key, ts, day, provider_id, model_id, tagset_id, kind, "
                "requests, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, reported_cost_nano) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(dedupe_key) DO NOTHING");
            SqliteStatement insertProvider = db.prepare("INSERT INTO providers (id, name) VALUES (?, ?)");
            SqliteStatement insertModel = db.prepare("INSERT INTO models (id, name) VALUES (?, ?)");
            SqliteStatement insertKey = db.prepare("INSERT INTO tag_keys (id, name) VALUES (?, ?)");
            SqliteStatement insertValue = db.prepare("INSERT INTO tag_values (id, value) VALUES (?, ?)");
            SqliteStatement insertTagset = db.prepare("INSERT INTO tagsets (id, canonical) VALUES (?, ?)");
            SqliteStatement insertItem = db.prepare("INSERT INTO tagset_items (tagset_id, key_id, value_id) VALUES (?,?,?)");
            auto names = [](SqliteStatement& st, const std::vector<std::pair<std::int64_t, std::string>>& list) {
                for (const auto& [id, name] : list) {
                    st.bind(1, id).bind(2, name);
                    st.run();
                }
            };
            while (auto batch = queue.pop()) {
                names(insertProvider, batch->providers);
                names(insertModel, batch->models);
                names(insertKey, batch->tagKeys);
                names(insertValue, batch->tagValues);
                for (const NewTagset& t : batch->tagsets) {
                    insertTagset.bind(1, t.id).bind(2, t.canonical);
                    insertTagset.run();
                    for (const auto& [k, v] : t.items) {
                        insertItem.bind(1, t.id).bind(2, k).bind(3, v);
                        insertItem.run();
                    }
                }
                for (const Row& r : batch->rows) {
                    insertRecord.bind(1, r.id).bind(2, batchId).bind(3, r.key).bind(4, r.ts).bind(5, r.day);
                    insertRecord.bind(6, r.provider).bind(7, r.model).bind(8, r.tagset).bind(9, r.kind);
                    insertRecord.bind(10, r.requests).bind(11, r.input).bind(12, r.cached).bind(13, r.write);
                    insertRecord.bind(14, r.output);
                    if (r.hasCost)
                        insertRecord.bind(15, r.costNano);
                    else
                        insertRecord.bindNull(15);
                    insertRecord.step();
                    insertRecord.reset();
                    if (db.changes() == 0)
                        rejectedAsDuplicates.push_back(r);
                    else
                        lastInsertedId = r.id;
                }
            }
        } catch (...) {
            consumerError = std::current_exception();
            queue.close();
        }
    }

    // --- the parsing thread ---

    // The interned id of a record's tag set (and its (key id, value id) items).
    const TagsetEntry& tagset(const std::vector<std::pair<std::string, std::string>>& tags)
    {
        sortedTags.assign(tags.begin(), tags.end());
        std::sort(sortedTags.begin(), sortedTags.end());
        sortedTags.erase(std::unique(sortedTags.begin(), sortedTags.end()), sortedTags.end());
        canonical.clear();
        for (const auto& [k, v] : sortedTags) {
            canonical += k;
            canonical += '\x1f';
            canonical += v;
            canonical += '\x1e';
        }
        if (auto it = tagsets.find(canonical); it != tagsets.end())
            return it->second;
        TagsetEntry entry{nextTagsetId++, {}};
        for (const auto& [k, v] : sortedTags)
            entry.items.emplace_back(static_cast<std::int32_t>(tagKeys.id(k, batch.tagKeys)),
                                     static_cast<std::int32_t>(tagValues.id(v, batch.tagValues)));
        batch.tagsets.push_back({entry.id, canonical, entry.items});
        tagsetItems[entry.id] = entry.items;
        return tagsets.emplace(canonical, std::move(entry)).first->second;
    }

    std::uint64_t dedupeKey(const UsageRecord& r)
    {
        if (!r.sourceId.empty())
            return Hash64Builder().add(keyNamespace).add(r.sourceId).value();
        // No id: the record's content, plus how many identical records came before it in
        // this file, so that two equal rows stay two rows and a re-import matches both.
        Hash64Builder h;
        h.add(r.timestampUtc).add(r.provider).add(r.model).add(static_cast<std::int64_t>(r.kind)).add(r.requests);
        h.add(r.inputTokens).add(r.cachedInputTokens).add(r.cacheWriteTokens).add(r.outputTokens);
        h.add(r.reportedCostNanoUsd.value_or(INT64_MIN));
        keyTags.assign(r.tags.begin(), r.tags.end());
        std::sort(keyTags.begin(), keyTags.end());
        for (const auto& [k, v] : keyTags)
            h.add(k).add(v);
        const std::uint64_t content = h.value();
        const std::uint32_t occurrence = occurrences[content]++;
        return Hash64Builder().add(static_cast<std::int64_t>(content)).add(std::int64_t{occurrence}).value();
    }

    void addToRollups(const Row& row, std::int64_t sign)
    {
        UsageRecord m; // the measures only
        m.requests = sign * row.requests;
        m.inputTokens = sign * row.input;
        m.cachedInputTokens = sign * row.cached;
        m.cacheWriteTokens = sign * row.write;
        m.outputTokens = sign * row.output;
        if (row.hasCost)
            m.reportedCostNanoUsd = sign * row.costNano;
        RollupKey k{row.day, row.provider, row.model, row.kind, row.hasCost ? 1 : 0, 0, 0};
        base[k].add(m);
        std::int32_t previousKey = 0;
        for (const auto& [keyId, valueId] : tagsetItems[row.tagset]) {
            k.tagKey = keyId;
            // value 0: the record counted once for its key, however many values it has,
            // so "untagged" = base - this is exact even for multi-valued keys.
            if (keyId != previousKey) {
                k.tagValue = 0;
                tagged[k].add(m);
                previousKey = keyId;
            }
            k.tagValue = valueId;
            tagged[k].add(m);
        }
    }

    void add(const UsageRecord& r, const std::vector<std::pair<std::string, std::string>>& extraTags)
    {
        // The key comes from the record as its file has it; the extra tags only annotate.
        Row row;
        row.key = static_cast<std::int64_t>(dedupeKey(r));
        if (extraTags.empty()) {
            row.tagset = tagset(r.tags).id;
        } else {
            withExtra.assign(r.tags.begin(), r.tags.end());
            withExtra.insert(withExtra.end(), extraTags.begin(), extraTags.end());
            row.tagset = tagset(withExtra).id;
        }
        row.id = nextRecordId++;
        row.ts = r.timestampUtc;
        row.day = dayOf(r.timestampUtc).daysSinceEpoch;
        row.provider = static_cast<std::int32_t>(providers.id(r.provider, batch.providers));
        row.model = static_cast<std::int32_t>(models.id(r.model, batch.models));
        row.kind = static_cast<std::int32_t>(r.kind);
        row.requests = r.requests;
        row.input = r.inputTokens;
        row.cached = r.cachedInputTokens;
        row.write = r.cacheWriteTokens;
        row.output = r.outputTokens;
        row.hasCost = r.reportedCostNanoUsd.has_value();
        row.costNano = r.reportedCostNanoUsd.value_or(0);
        addToRollups(row, 1);
        batch.rows.push_back(row);
        ++sent;
        if (batch.rows.size() >= kBatchRows)
            flush();
    }

    void flush()
    {
        if (!queue.push(std::move(batch)) || consumerError)
            finishConsumer(); // rethrows the database thread's error
        batch = Batch{};
        batch.rows.reserve(kBatchRows);
    }

    void finishConsumer()
    {
        queue.close();
        if (consumer.joinable())
            consumer.join();
        if (consumerError)
            std::rethrow_exception(consumerError);
    }

    // Ends the database thread and takes the duplicates out of the counts and rollups.
    void drain()
    {
        if (drained)
            return;
        queue.push(std::move(batch));
        batch = Batch{};
        finishConsumer();
        for (const Row& dup : rejectedAsDuplicates)
            addToRollups(dup, -1);
        duplicates = static_cast<std::int64_t>(rejectedAsDuplicates.size());
        added = sent - duplicates;
        drained = true;
    }

    void writeRollups(const RollupMap& map, bool withTags)
    {
        const std::string measures = "requests, input_tokens, cached_input_tokens, cache_write_tokens, output_tokens, cost_nano";
        const std::string keys = withTags ? "day, provider_id, model_id, kind, has_cost, key_id, value_id"
                                          : "day, provider_id, model_id, kind, has_cost";
        const std::string conflict = withTags ? "key_id, day, provider_id, model_id, kind, has_cost, value_id" : keys;
        auto st = db.prepare("INSERT INTO " + std::string(withTags ? "daily_tag_rollup" : "daily_rollup") + " (" +
                             keys + ", " + measures + ") VALUES (" + (withTags ? "?,?,?,?,?,?,?," : "?,?,?,?,?,") +
                             "?,?,?,?,?,?) ON CONFLICT(" + conflict +
                             ") DO UPDATE SET requests = requests + excluded.requests, input_tokens = input_tokens + "
                             "excluded.input_tokens, cached_input_tokens = cached_input_tokens + "
                             "excluded.cached_input_tokens, cache_write_tokens = cache_write_tokens + "
                             "excluded.cache_write_tokens, output_tokens = output_tokens + excluded.output_tokens, "
                             "cost_nano = cost_nano + excluded.cost_nano");
        map.forEach([&](const RollupKey& k, const Measures& m) {
            if (!m.requests && !m.input && !m.cached && !m.write && !m.output && !m.costNano)
                return; // only duplicates fell here: nothing to add
            st.bind(1, k.day).bind(2, k.provider).bind(3, k.model).bind(4, k.kind).bind(5, k.hasCost);
            const int m0 = withTags ? 8 : 6; // first measure's parameter
            if (withTags)
                st.bind(6, k.tagKey).bind(7, k.tagValue);
            st.bind(m0, m.requests).bind(m0 + 1, m.input).bind(m0 + 2, m.cached).bind(m0 + 3, m.write);
            st.bind(m0 + 4, m.output).bind(m0 + 5, m.costNano);
            st.run();
        });
    }

    std::int64_t commit(std::int64_t rejected)
    {
        drain();
        if (added == 0 && rejected == 0) {
            // Nothing new: leave the store as it was and point at the earlier import.
            auto earlier = db.prepare("SELECT id FROM import_batches WHERE sha256 = ? ORDER BY id DESC LIMIT 1");
            earlier.bind(1, sha256);
            return earlier.step() ? earlier.int64(0) : 0;
        }
        auto batchRow = db.prepare("INSERT INTO import_batches (id, file, sha256, format, imported_at, records, "
                                   "duplicates, rejected, first_record, last_record) VALUES (?,?,?,?,?,?,?,?,?,?)");
        batchRow.bind(1, batchId).bind(2, file).bind(3, sha256).bind(4, format).bind(5, Clock::nowUtc());
        batchRow.bind(6, added).bind(7, duplicates).bind(8, rejected);
        if (added > 0)
            batchRow.bind(9, firstRecordId).bind(10, lastInsertedId);
        else
            batchRow.bindNull(9).bindNull(10);
        batchRow.run();
        writeRollups(base, false);
        writeRollups(tagged, true);
        tx.commit();
        return batchId;
    }

    SqliteDatabase& db;
    SqliteTransaction tx;
    Interner providers, models, tagKeys, tagValues;
    std::unordered_map<std::string, TagsetEntry> tagsets;
    std::unordered_map<std::int64_t, std::vector<std::pair<std::int32_t, std::int32_t>>> tagsetItems;
    std::unordered_map<std::uint64_t, std::uint32_t> occurrences;
    std::vector<std::pair<std::string, std::string>> sortedTags, keyTags, withExtra;
    std::string canonical;
    RollupMap base, tagged;
    std::string file, sha256, format, keyNamespace;
    std::int64_t batchId = 0, nextRecordId = 1, firstRecordId = 1, nextTagsetId = 1, lastInsertedId = 0;
    std::int64_t sent = 0, added = 0, duplicates = 0;
    bool drained = false;
    Batch batch;
    BoundedQueue<Batch> queue;
    std::vector<Row> rejectedAsDuplicates; // written by the database thread until it is joined
    std::exception_ptr consumerError;
    std::thread consumer; // last: started once everything above exists
};

UsageStore::ImportSession::ImportSession(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
UsageStore::ImportSession::~ImportSession() = default;
void UsageStore::ImportSession::add(const UsageRecord& record,
                                    const std::vector<std::pair<std::string, std::string>>& extraTags)
{
    m_impl->add(record, extraTags);
}
std::int64_t UsageStore::ImportSession::commit(std::int64_t rejected) { return m_impl->commit(rejected); }
std::int64_t UsageStore::ImportSession::added() const
{
    m_impl->drain();
    return m_impl->added;
}
std::int64_t UsageStore::ImportSession::duplicates() const
{
    m_impl->drain();
    return m_impl->duplicates;
}
void UsageStore::ImportSession::setSha256(const std::string& sha256) { m_impl->sha256 = sha256; }

UsageStore::UsageStore(Store& store) : m_store(store) {}

std::unique_ptr<UsageStore::ImportSession> UsageStore::beginImport(const std::string& file, const std::string& sha256,
                                                                   const std::string& format,
                                                                   const std::string& keyNamespace)
{
    return std::unique_ptr<ImportSession>(
        new ImportSession(std::make_unique<ImportSession::Impl>(m_store.database(), file, sha256, format, keyNamespace)));
}

std::vector<UsageStore::BatchInfo> UsageStore::batches()
{
    std::vector<BatchInfo> out;
    auto st = m_store.database().prepare(
        "SELECT id, file, sha256, format, imported_at, records, duplicates, rejected FROM import_batches ORDER BY id");
    while (st.step())
        out.push_back({st.int64(0), st.text(1), st.text(2), st.text(3), st.text(4), st.int64(5), st.int64(6), st.int64(7)});
    return out;
}

bool UsageStore::removeBatch(std::int64_t id)
{
    SqliteDatabase& db = m_store.database();
    SqliteTransaction tx(db);
    auto range = db.prepare("SELECT first_record, last_record FROM import_batches WHERE id = ?");
    range.bind(1, id);
    if (!range.step())
        return false;
    const auto first = range.optionalInt64(0);
    const auto last = range.optionalInt64(1);
    range.reset();
    if (first && last) {
        db.exec("CREATE TEMP TABLE IF NOT EXISTS affected_days (day INTEGER PRIMARY KEY); DELETE FROM affected_days;");
        auto days = db.prepare("INSERT OR IGNORE INTO affected_days SELECT DISTINCT day FROM usage_records "
                               "WHERE id BETWEEN ? AND ? AND batch_id = ?");
        days.bind(1, *first).bind(2, *last).bind(3, id);
        days.run();
        auto del = db.prepare("DELETE FROM usage_records WHERE id BETWEEN ? AND ? AND batch_id = ?");
        del.bind(1, *first).bind(2, *last).bind(3, id);
        del.run();
        // Rebuild the rollups of the touched days from the records that remain.
        db.exec(R"sql(
            DELETE FROM daily_rollup WHERE day IN (SELECT day FROM affected_days);
            DELETE FROM daily_tag_rollup WHERE day IN (SELECT day FROM affected_days);
            INSERT INTO daily_rollup
              SELECT day, provider_id, model_id, kind, reported_cost_nano IS NOT NULL, sum(requests),
                     sum(input_tokens), sum(cached_input_tokens), sum(cache_write_tokens), sum(output_tokens),
                     coalesce(sum(reported_cost_nano), 0)
              FROM usage_records WHERE day IN (SELECT day FROM affected_days)
              GROUP BY day, provider_id, model_id, kind, reported_cost_nano IS NOT NULL;
            INSERT INTO daily_tag_rollup
              SELECT r.day, r.provider_id, r.model_id, r.kind, r.reported_cost_nano IS NOT NULL, ti.key_id, ti.value_id,
                     sum(r.requests), sum(r.input_tokens), sum(r.cached_input_tokens), sum(r.cache_write_tokens),
                     sum(r.output_tokens), coalesce(sum(r.reported_cost_nano), 0)
              FROM usage_records r JOIN tagset_items ti ON ti.tagset_id = r.tagset_id
              WHERE r.day IN (SELECT day FROM affected_days)
              GROUP BY r.day, r.provider_id, r.model_id, r.kind, r.reported_cost_nano IS NOT NULL, ti.key_id, ti.value_id;
            INSERT INTO daily_tag_rollup
              SELECT r.day, r.provider_id, r.model_id, r.kind, r.reported_cost_nano IS NOT NULL, tk.key_id, 0,
                     sum(r.requests), sum(r.input_tokens), sum(r.cached_input_tokens), sum(r.cache_write_tokens),
                     sum(r.output_tokens), coalesce(sum(r.reported_cost_nano), 0)
              FROM usage_records r JOIN (SELECT DISTINCT tagset_id, key_id FROM tagset_items) tk
                ON tk.tagset_id = r.tagset_id
              WHERE r.day IN (SELECT day FROM affected_days)
              GROUP BY r.day, r.provider_id, r.model_id, r.kind, r.reported_cost_nano IS NOT NULL, tk.key_id;
            DELETE FROM affected_days;
        )sql");
    }
    auto delBatch = db.prepare("DELETE FROM import_batches WHERE id = ?");
    delBatch.bind(1, id);
    delBatch.run();
    tx.commit();
    return true;
}

namespace {
void bindDays(SqliteStatement& st, int first, const std::optional<Date>& from, const std::optional<Date>& to)
{
    st.bind(first, dayBound(from).value_or(INT32_MIN)).bind(first + 1, dayBound(to).value_or(INT32_MAX));
}

UsageStore::RollupRow rollupRow(const SqliteStatement& st, bool tagged)
{
    UsageStore::RollupRow r;
    int i = 0;
    r.day = Date{static_cast<int>(st.int64(i++))};
    r.provider = st.text(i++);
    r.model = st.text(i++);
    if (tagged)
        r.tagValue = st.text(i++); // NULL (coverage rows) reads as ""
    r.costOnly = st.int64(i++) == static_cast<int>(UsageRecord::Kind::Cost);
    r.hasReportedCost = st.int64(i++) != 0;
    r.requests = st.int64(i++);
    r.inputTokens = st.int64(i++);
    r.cachedInputTokens = st.int64(i++);
    r.cacheWriteTokens = st.int64(i++);
    r.outputTokens = st.int64(i++);
    r.reportedCostNano = st.int64(i++);
    return r;
}
} // namespace

std::vector<UsageStore::RollupRow> UsageStore::rollups(std::optional<Date> from, std::optional<Date> to)
{
    auto st = m_store.database().prepare(
        "SELECT r.day, p.name, m.name, r.kind, r.has_cost, r.requests, r.input_tokens, r.cached_input_tokens, "
        "r.cache_write_tokens, r.output_tokens, r.cost_nano FROM daily_rollup r "
        "JOIN providers p ON p.id = r.provider_id JOIN models m ON m.id = r.model_id "
        "WHERE r.day BETWEEN ? AND ? ORDER BY r.day");
    bindDays(st, 1, from, to);
    std::vector<RollupRow> out;
    while (st.step())
        out.push_back(rollupRow(st, false));
    return out;
}

std::vector<UsageStore::RollupRow> UsageStore::tagRows(const std::string& tagKey, std::optional<Date> from,
                                                       std::optional<Date> to, bool coverage)
{
    auto st = m_store.database().prepare(
        "SELECT r.day, p.name, m.name, v.value, r.kind, r.has_cost, r.requests, r.input_tokens, "
        "r.cached_input_tokens, r.cache_write_tokens, r.output_tokens, r.cost_nano FROM daily_tag_rollup r "
        "JOIN tag_keys k ON k.id = r.key_id LEFT JOIN tag_values v ON v.id = r.value_id "
        "JOIN providers p ON p.id = r.provider_id JOIN models m ON m.id = r.model_id "
        "WHERE k.name = ? AND r.day BETWEEN ? AND ? AND (r.value_id = 0) = ? ORDER BY r.day");
    st.bind(1, tagKey);
    bindDays(st, 2, from, to);
    st.bind(4, coverage ? 1 : 0);
    std::vector<RollupRow> out;
    while (st.step())
        out.push_back(rollupRow(st, true));
    return out;
}

std::vector<UsageStore::RollupRow> UsageStore::tagRollups(const std::string& tagKey, std::optional<Date> from,
                                                          std::optional<Date> to)
{
    return tagRows(tagKey, from, to, false);
}

std::vector<UsageStore::RollupRow> UsageStore::tagCoverage(const std::string& tagKey, std::optional<Date> from,
                                                           std::optional<Date> to)
{
    return tagRows(tagKey, from, to, true);
}

std::vector<std::string> UsageStore::tagKeys()
{
    std::vector<std::string> out;
    auto st = m_store.database().prepare(
        "SELECT name FROM tag_keys WHERE id IN (SELECT DISTINCT key_id FROM daily_tag_rollup) ORDER BY name");
    while (st.step())
        out.push_back(st.text(0));
    return out;
}

std::optional<std::pair<Date, Date>> UsageStore::usageRange()
{
    auto st = m_store.database().prepare("SELECT min(day), max(day) FROM daily_rollup");
    if (!st.step() || st.isNull(0))
        return std::nullopt;
    return std::make_pair(Date{static_cast<int>(st.int64(0))}, Date{static_cast<int>(st.int64(1))});
}

namespace {
std::string recordWhere(const UsageStore::RecordFilter& f)
{
    std::string where = " WHERE r.day BETWEEN ?1 AND ?2";
    if (!f.provider.empty())
        where += " AND p.name = ?3";
    if (!f.modelContains.empty())
        where += " AND instr(lower(m.name), lower(?4)) > 0";
    return where;
}

void bindRecordFilter(SqliteStatement& st, const UsageStore::RecordFilter& f)
{
    bindDays(st, 1, f.from, f.to);
    if (!f.provider.empty())
        st.bind(3, f.provider);
    if (!f.modelContains.empty())
        st.bind(4, f.modelContains);
}
} // namespace

std::vector<UsageStore::RecordRow> UsageStore::records(const RecordFilter& filter)
{
    auto st = m_store.database().prepare(
        "SELECT r.id, r.ts, p.name, m.name, t.canonical, r.kind, r.requests, r.input_tokens, r.cached_input_tokens, "
        "r.cache_write_tokens, r.output_tokens, r.reported_cost_nano, r.batch_id FROM usage_records r "
        "JOIN providers p ON p.id = r.provider_id JOIN models m ON m.id = r.model_id "
        "JOIN tagsets t ON t.id = r.tagset_id" +
        recordWhere(filter) + " ORDER BY r.ts DESC, r.id DESC LIMIT ?5 OFFSET ?6");
    bindRecordFilter(st, filter);
    st.bind(5, filter.limit).bind(6, filter.offset);
    std::vector<RecordRow> out;
    while (st.step()) {
        RecordRow r;
        r.id = st.int64(0);
        r.timestampUtc = st.int64(1);
        r.provider = st.text(2);
        r.model = st.text(3);
        // canonical "k\x1fv\x1e..." -> "k=v, ..."
        for (char c : st.text(4)) {
            if (c == '\x1f')
                r.tags += '=';
            else if (c == '\x1e')
                r.tags += ", ";
            else
                r.tags += c;
        }
        if (r.tags.size() >= 2)
            r.tags.resize(r.tags.size() - 2);
        r.costOnly = st.int64(5) == static_cast<int>(UsageRecord::Kind::Cost);
        r.requests = st.int64(6);
        r.inputTokens = st.int64(7);
        r.cachedInputTokens = st.int64(8);
        r.cacheWriteTokens = st.int64(9);
        r.outputTokens = st.int64(10);
        r.reportedCostNano = st.optionalInt64(11);
        r.batchId = st.int64(12);
        out.push_back(std::move(r));
    }
    return out;
}

std::int64_t UsageStore::recordCount(const RecordFilter& filter)
{
    auto st = m_store.database().prepare("SELECT count(*) FROM usage_records r JOIN providers p ON p.id = r.provider_id "
                                         "JOIN models m ON m.id = r.model_id" +
                                         recordWhere(filter));
    bindRecordFilter(st, filter);
    return st.step() ? st.int64(0) : 0;
}

void UsageStore::saveMappingProfile(const MappingProfile& profile)
{
    auto st = m_store.database().prepare(
        "INSERT INTO mapping_profiles (name, profile) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET profile = excluded.profile");
    st.bind(1, profile.name).bind(2, profile.toJson());
    st.run();
}

std::optional<MappingProfile> UsageStore::mappingProfile(const std::string& name)
{
    auto st = m_store.database().prepare("SELECT profile FROM mapping_profiles WHERE name = ?");
    st.bind(1, name);
    if (!st.step())
        return std::nullopt;
    return MappingProfile::fromJson(st.text(0), "mapping profile '" + name + "'");
}

std::vector<std::string> UsageStore::mappingProfileNames()
{
    std::vector<std::string> out;
    auto st = m_store.database().prepare("SELECT name FROM mapping_profiles ORDER BY name");
    while (st.step())
        out.push_back(st.text(0));
    return out;
}

} // namespace finops
