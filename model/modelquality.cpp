#include "modelquality.h"

#include "bundleddata.h"
#include "jsondocument.h"
#include "textparse.h"

#include <set>

namespace finops {

namespace {

double checkedQuality(const JsonFields& f, const std::string& key)
{
    const auto q = f.nonNegative(key);
    if (!q)
        f.fail(key, "missing (required): a quality from 0 to 1");
    if (*q > 1)
        f.fail(key, "must be from 0 to 1");
    return *q;
}

} // namespace

std::vector<ModelQuality> readQualityTable(std::string_view text, const std::string& fileName)
{
    const JsonDocument doc = JsonDocument::parse(text, fileName);
    if (!doc.root().is_object())
        doc.fail("", "", "expected a JSON object (\"scores\": [...], or model id -> quality)");
    const JsonFields top(doc, doc.root(), "");
    std::vector<ModelQuality> out;
    std::set<std::string> seen;
    if (const nlohmann::json* scores = top.find("scores")) {
        if (!scores->is_array())
            top.fail("scores", "expected an array");
        for (std::size_t i = 0; i < scores->size(); ++i) {
            const JsonFields f(doc, (*scores)[i], "/scores/" + std::to_string(i), "scores[" + std::to_string(i) + "].");
            ModelQuality m;
            m.model = f.string("model").value_or("");
            if (m.model.empty())
                f.fail("model", "missing (required)");
            if (!seen.insert(text::toLower(m.model)).second)
                f.fail("model", "duplicate model '" + m.model + "'");
            m.quality = checkedQuality(f, "quality");
            if (const nlohmann::json* aliases = f.find("aliases")) {
                if (!aliases->is_array())
                    f.fail("aliases", "expected an array of names");
                for (const auto& a : *aliases) {
                    if (!a.is_string())
                        f.fail("aliases", "expected an array of names");
                    m.aliases.push_back(a.get<std::string>());
                }
            }
            m.raw = f.string("raw").value_or("");
            m.source = f.string("source").value_or("");
            m.sourceDate = f.string("source_date").value_or("");
            out.push_back(std::move(m));
        }
        return out;
    }
    const nlohmann::json* object = &doc.root();
    std::string pointer;
    if (const nlohmann::json* models = top.find("models"); models && models->is_object()) {
        object = models;
        pointer = "/models";
    }
    const JsonFields f(doc, *object, pointer);
    for (auto it = object->begin(); it != object->end(); ++it) {
        ModelQuality m;
        m.model = it.key();
        if (it->is_object()) {
            const JsonFields g(doc, *it, pointer + "/" + it.key(), it.key() + ".");
            m.quality = checkedQuality(g, "quality");
        } else if (it->is_number()) {
            m.quality = checkedQuality(f, it.key());
        } else {
            f.fail(it.key(), "expected a number from 0 to 1 or an object with \"quality\"");
        }
        out.push_back(std::move(m));
    }
    return out;
}

const std::vector<ModelQuality>& bundledQuality()
{
    static const std::vector<ModelQuality> table = [] {
        for (const BundledFile& f : bundledDataFiles())
            if (f.path == "quality.json")
                return readQualityTable(f.text, "pricing-data/quality.json");
        return std::vector<ModelQuality>{};
    }();
    return table;
}

std::map<std::string, double> qualityByName(const std::vector<ModelQuality>& table)
{
    std::map<std::string, double> out;
    for (const ModelQuality& m : table) {
        out[text::toLower(m.model)] = m.quality;
        for (const std::string& a : m.aliases)
            out.emplace(text::toLower(a), m.quality);
    }
    return out;
}

const ModelQuality* findQuality(const std::vector<ModelQuality>& table, std::string_view name)
{
    const std::string lower = text::toLower(std::string(name));
    for (const ModelQuality& m : table) {
        if (text::toLower(m.model) == lower)
            return &m;
        for (const std::string& a : m.aliases)
            if (text::toLower(a) == lower)
                return &m;
    }
    return nullptr;
}

} // namespace finops
