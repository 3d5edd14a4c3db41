#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace finops {

// An open-weight model's architecture, as pricing-data/models.json gives it (from the
// model's config.json): what the capacity model needs to count bytes and FLOPs.
struct ModelArchitecture
{
    std::string id; // "llama-3.1-8b"
    std::string name;
    double totalParamsB = 0;  // every weight resident in memory
    double activeParamsB = 0; // weights used per token (MoE: shared + active experts)
    int layers = 0;
    int hiddenSize = 0;
    int attentionHeads = 0;
    int kvHeads = 0;
    int headDim = 0;
    int vocabSize = 0;
    std::optional<int> experts;       // routed experts per layer (MoE)
    std::optional<int> activeExperts; // routed experts per token
    std::string attention;            // "mha", "gqa" or "mla"
    std::optional<int> kvLoraRank;    // MLA: compressed KV width
    std::optional<int> qkRopeHeadDim; // MLA: decoupled RoPE key width
    std::optional<int> maxContext;
    std::string license;
    std::string source;
    std::string sourceDate;

    // KV-cache elements stored per token of context, across all layers.
    double kvElementsPerToken() const;
};

// Reads a models.json text; throws InputError (file:line:field) on a bad value.
std::vector<ModelArchitecture> readModelCatalog(std::string_view text, const std::string& fileName);

// The bundled pricing-data/models.json.
const std::vector<ModelArchitecture>& bundledModels();
std::optional<ModelArchitecture> findModel(std::string_view id);

} // namespace finops
