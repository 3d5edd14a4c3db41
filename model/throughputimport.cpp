#include "throughputimport.h"

#include "inputerror.h"
#include "jsondocument.h"
#include "textparse.h"

#include <map>

namespace finops {

namespace {

// "llama 7B Q4_0" / "llama 7B mostly Q4_0" -> "Q4_0"; "" when no quantisation is named.
std::string quantFromModelType(const std::string& type)
{
    for (const char* q : {"Q4_0", "Q4_1", "Q4_K_M", "Q4_K", "Q5_0", "Q5_K_M", "Q5_K", "Q6_K", "Q8_0", "F16", "BF16", "F32"})
        if (type.find(q) != std::string::npos)
            return q;
    return {};
}

std::vector<ThroughputMeasurement> readLlamaBench(std::string_view text, const std::string& fileName)
{
    // One result per (model, hardware, quant): prompt and generation tests merge.
    std::map<std::tuple<std::string, std::string, std::string>, ThroughputMeasurement> merged;
    std::vector<std::tuple<std::string, std::string, std::string>> order;
    auto handle = [&](const JsonDocument& doc) {
        const JsonFields f(doc, doc.root(), "");
        if (!doc.root().is_object())
            doc.fail("", "", "expected a llama-bench test object");
        std::string modelType = f.string("model_type").value_or("");
        if (modelType.empty())
            modelType = f.string("model_filename").value_or("");
        if (modelType.empty())
            f.fail("model_type", "missing (required)");
        const auto avg = f.positive("avg_ts");
        if (!avg)
            f.fail("avg_ts", "missing (required): tokens per second");
        const double nPrompt = f.nonNegative("n_prompt").value_or(0);
        const double nGen = f.nonNegative("n_gen").value_or(0);
        if (nPrompt == 0 && nGen == 0)
            f.fail("n_prompt", "neither n_prompt nor n_gen is set");
        std::string hardware = f.string("gpu_info").value_or("");
        if (hardware.empty())
            hardware = f.string("cpu_info").value_or("");
        if (const auto backends = f.string("backends"); backends && !backends->empty())
            hardware += (hardware.empty() ? "" : " (") + *backends + (hardware.empty() ? "" : ")");
        const std::string quant = quantFromModelType(modelType);
        const auto key = std::make_tuple(modelType, hardware, quant);
        auto [it, inserted] = merged.try_emplace(key);
        if (inserted)
            order.push_back(key);
        ThroughputMeasurement& m = it->second;
        m.sourceFile = fileName;
        m.format = "llama-bench";
        m.model = modelType;
        m.hardware = hardware;
        m.quant = quant;
        if (const auto params = f.positive("model_n_params"))
            m.paramsB = *params / 1e9;
        // A generation test (tg) measures decode; a prompt test (pp) measures prefill.
        if (nGen > 0 && nPrompt == 0)
            m.decodeTokensPerS = *avg;
        else if (nPrompt > 0 && nGen == 0)
            m.promptTokensPerS = *avg;
        else
            m.decodeTokensPerS = *avg; // combined pg tests: closest to decode
        // llama-bench runs one sequence: its n_batch is the prompt's chunk size, not
        // concurrent sequences, so the generation rate is a batch-1 decode rate.
        m.batch = 1;
    };
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && text[first] == '{' && text.find('\n', first) != std::string_view::npos &&
        text.find("}\n{") != std::string_view::npos) {
        // JSONL
        std::size_t pos = 0;
        std::int64_t line = 1;
        while (pos < text.size()) {
            std::size_t end = text.find('\n', pos);
            if (end == std::string_view::npos)
                end = text.size();
            if (!text::trim(text.substr(pos, end - pos)).empty())
                handle(JsonDocument::parse(text.substr(pos, end - pos), fileName, line));
            pos = end + 1;
            ++line;
        }
    } else {
        JsonDocument::forEachRecord(text, fileName, handle);
    }
    std::vector<ThroughputMeasurement> out;
    for (const auto& k : order)
        out.push_back(merged[k]);
    return out;
}

std::vector<ThroughputMeasurement> readVllm(std::string_view text, const std::string& fileName,
                                            const std::string& hardware, const std::string& quant)
{
    const JsonDocument doc = JsonDocument::parse(text, fileName);
    if (!doc.root().is_object())
        doc.fail("", "", "expected a vLLM benchmark result object");
    const JsonFields f(doc, doc.root(), "");
    ThroughputMeasurement m;
    m.sourceFile = fileName;
    m.format = "vllm";
    m.model = f.string("model_id").value_or(f.string("model").value_or(""));
    if (m.model.empty())
        f.fail("model_id", "missing (required)");
    m.hardware = hardware;
    m.quant = quant;
    if (auto out = f.positive("output_throughput"))
        m.decodeTokensPerS = out;
    else if (auto tokens = f.positive("tokens_per_second"))
        m.decodeTokensPerS = tokens;
    if (auto in = f.positive("input_throughput"))
        m.promptTokensPerS = in;
    else if (auto inputs = f.positive("total_input_tokens"); inputs && f.positive("duration"))
        m.promptTokensPerS = *inputs / *f.positive("duration");
    if (!m.decodeTokensPerS && !m.promptTokensPerS)
        f.fail("output_throughput", "no throughput (output_throughput or tokens_per_second)");
    if (auto prompts = f.positive("max_concurrency"))
        m.batch = static_cast<int>(*prompts);
    return {m};
}

} // namespace

std::vector<ThroughputMeasurement> readThroughputFile(std::string_view text, const std::string& fileName,
                                                      std::string_view format, const std::string& hardware,
                                                      const std::string& quant)
{
    if (text::trim(text).empty())
        throw InputError(fileName, 0, "", "the file is empty");
    std::string_view chosen = format;
    if (chosen.empty() || chosen == "auto") {
        const auto head = text.substr(0, 4096);
        if (head.find("\"avg_ts\"") != std::string_view::npos || head.find("\"n_gen\"") != std::string_view::npos)
            chosen = "llama-bench";
        else if (head.find("throughput") != std::string_view::npos || head.find("tokens_per_second") != std::string_view::npos)
            chosen = "vllm";
        else
            throw InputError(fileName, 1, "", "not llama-bench JSON or a vLLM benchmark result; give --format");
    }
    if (chosen == "llama-bench")
        return readLlamaBench(text, fileName);
    if (chosen == "vllm") {
        if (hardware.empty())
            throw InputError(fileName, 0, "hardware", "vLLM results do not name the hardware: give --hardware NAME");
        return readVllm(text, fileName, hardware, quant);
    }
    throw InputError(fileName, 0, "format", "unknown format '" + std::string(chosen) + "' (llama-bench, vllm)");
}

} // namespace finops
