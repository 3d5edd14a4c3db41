#include "modelcatalog.h"

#include "bundleddata.h"
#include "jsondocument.h"

#include <algorithm>
#include <set>

namespace finops {

double ModelArchitecture::kvElementsPerToken() const
{
    if (attention == "mla" && kvLoraRank)
        return static_cast<double>(layers) * (*kvLoraRank + qkRopeHeadDim.value_or(0));
    // K and V for each KV head.
    return 2.0 * layers * kvHeads * headDim;
}

std::vector<ModelArchitecture> readModelCatalog(std::string_view text, const std::string& fileName)
{
    const JsonDocument doc = JsonDocument::parse(text, fileName);
    if (!doc.root().is_object())
        doc.fail("", "", "expected a JSON object with a \"models\" array");
    const JsonFields top(doc, doc.root(), "");
    const nlohmann::json* models = top.find("models");
    if (!models || !models->is_array())
        top.fail("models", "missing or not an array");
    std::vector<ModelArchitecture> out;
    std::set<std::string> ids;
    for (std::size_t i = 0; i < models->size(); ++i) {
        const JsonFields f(doc, (*models)[i], "/models/" + std::to_string(i));
        ModelArchitecture m;
        m.id = f.string("id").value_or("");
        if (m.id.empty())
            f.fail("id", "missing (required)");
        if (!ids.insert(m.id).second)
            f.fail("id", "duplicate model id '" + m.id + "'");
        m.name = f.string("name").value_or(m.id);
        auto positive = [&](const char* key) {
            const auto v = f.positive(key);
            if (!v)
                f.fail(key, "missing (required)");
            return *v;
        };
        auto count = [&](const char* key) { return static_cast<int>(positive(key)); };
        auto optionalCount = [&](const char* key) -> std::optional<int> {
            const auto v = f.positive(key);
            return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
        };
        m.totalParamsB = positive("total_params_b");
        m.activeParamsB = positive("active_params_b");
        if (m.activeParamsB > m.totalParamsB)
            f.fail("active_params_b", "exceeds total_params_b");
        m.layers = count("layers");
        m.hiddenSize = count("hidden_size");
        m.attentionHeads = count("attention_heads");
        m.kvHeads = count("kv_heads");
        m.headDim = count("head_dim");
        m.vocabSize = count("vocab_size");
        m.experts = optionalCount("experts");
        m.activeExperts = optionalCount("active_experts");
        m.attention = f.string("attention").value_or("gqa");
        if (m.attention != "mha" && m.attention != "gqa" && m.attention != "mla")
            f.fail("attention", "expected mha, gqa or mla");
        m.kvLoraRank = optionalCount("kv_lora_rank");
        m.qkRopeHeadDim = optionalCount("qk_rope_head_dim");
        if (m.attention == "mla" && !m.kvLoraRank)
            f.fail("kv_lora_rank", "MLA attention needs kv_lora_rank");
        m.maxContext = optionalCount("max_context");
        m.license = f.string("license").value_or("");
        m.source = f.string("source").value_or("");
        m.sourceDate = f.string("source_date").value_or("");
        out.push_back(std::move(m));
    }
    return out;
}

const std::vector<ModelArchitecture>& bundledModels()
{
    static const std::vector<ModelArchitecture> models = [] {
        for (const BundledFile& f : bundledDataFiles())
            if (f.path == "models.json")
                return readModelCatalog(f.text, "pricing-data/models.json");
        return std::vector<ModelArchitecture>{};
    }();
    return models;
}

std::optional<ModelArchitecture> findModel(std::string_view id)
{
    const auto& models = bundledModels();
    const auto it = std::find_if(models.begin(), models.end(), [&](const ModelArchitecture& m) { return m.id == id; });
    if (it == models.end())
        return std::nullopt;
    return *it;
}

} // namespace finops
