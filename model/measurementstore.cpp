#include "measurementstore.h"

#include "date.h"

#include <chrono>

namespace finops {

MeasurementStore::MeasurementStore(Store& store) : m_store(store) {}

std::int64_t MeasurementStore::addKbenchRun(const KbenchRun& run)
{
    auto st = m_store.database().prepare(
        "INSERT INTO kbench_runs (run_at, cpu, threads, quick, partial, result) VALUES (?,?,?,?,?,?)");
    st.bind(1, run.runAt.empty() ? Clock::nowUtc() : run.runAt).bind(2, run.cpu).bind(3, run.threads);
    st.bind(4, run.quick ? 1 : 0).bind(5, run.partial ? 1 : 0).bind(6, run.resultJson);
    st.run();
    return m_store.database().lastInsertRowId();
}

std::vector<KbenchRun> MeasurementStore::kbenchRuns()
{
    std::vector<KbenchRun> out;
    auto st = m_store.database().prepare(
        "SELECT id, run_at, cpu, threads, quick, partial, result FROM kbench_runs ORDER BY id");
    while (st.step())
        out.push_back({st.int64(0), st.text(1), st.text(2), static_cast<int>(st.int64(3)), st.int64(4) != 0,
                       st.int64(5) != 0, st.text(6)});
    return out;
}

std::optional<KbenchRun> MeasurementStore::latestKbenchRun(bool includeQuick)
{
    const auto runs = kbenchRuns();
    for (auto it = runs.rbegin(); it != runs.rend(); ++it)
        if (!it->partial && (includeQuick || !it->quick))
            return *it;
    return std::nullopt;
}

std::size_t MeasurementStore::addMeasurements(const std::string& sha256, const std::vector<ThroughputMeasurement>& rows)
{
    SqliteTransaction tx(m_store.database());
    auto st = m_store.database().prepare(
        "INSERT INTO throughput_measurements (sha256, seq, source_file, format, imported_at, model, hardware, quant, "
        "params_b, prompt_tokens_per_s, decode_tokens_per_s, batch) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT(sha256, seq) DO NOTHING");
    const std::string at = Clock::nowUtc();
    std::size_t added = 0;
    std::int64_t seq = 0;
    for (const ThroughputMeasurement& m : rows) {
        st.bind(1, sha256).bind(2, seq++).bind(3, m.sourceFile).bind(4, m.format).bind(5, at).bind(6, m.model);
        st.bind(7, m.hardware).bind(8, m.quant).bind(9, m.paramsB).bind(10, m.promptTokensPerS);
        st.bind(11, m.decodeTokensPerS);
        if (m.batch)
            st.bind(12, *m.batch);
        else
            st.bindNull(12);
        st.run();
        added += static_cast<std::size_t>(m_store.database().changes());
    }
    tx.commit();
    return added;
}

std::vector<ThroughputMeasurement> MeasurementStore::measurements()
{
    std::vector<ThroughputMeasurement> out;
    auto st = m_store.database().prepare(
        "SELECT id, source_file, format, model, hardware, quant, params_b, prompt_tokens_per_s, decode_tokens_per_s, "
        "batch FROM throughput_measurements ORDER BY id");
    while (st.step()) {
        ThroughputMeasurement m;
        m.id = st.int64(0);
        m.sourceFile = st.text(1);
        m.format = st.text(2);
        m.model = st.text(3);
        m.hardware = st.text(4);
        m.quant = st.text(5);
        m.paramsB = st.optionalReal(6);
        m.promptTokensPerS = st.optionalReal(7);
        m.decodeTokensPerS = st.optionalReal(8);
        if (const auto b = st.optionalInt64(9))
            m.batch = static_cast<int>(*b);
        out.push_back(std::move(m));
    }
    return out;
}

} // namespace finops
