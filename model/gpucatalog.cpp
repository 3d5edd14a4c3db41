#include "gpucatalog.h"

#include "bundleddata.h"
#include "jsondocument.h"

#include <algorithm>
#include <set>

namespace finops {

std::optional<GpuRental> GpuSpec::cheapestRental(std::string_view kind) const
{
    std::optional<GpuRental> best;
    for (const GpuRental& r : rentals)
        if (r.kind == kind && (!best || r.usdPerGpuHour < best->usdPerGpuHour))
            best = r;
    return best;
}

std::vector<GpuSpec> readGpuCatalog(std::string_view text, const std::string& fileName)
{
    const JsonDocument doc = JsonDocument::parse(text, fileName);
    if (!doc.root().is_object())
        doc.fail("", "", "expected a JSON object with a \"gpus\" array");
    const JsonFields top(doc, doc.root(), "");
    const nlohmann::json* gpus = top.find("gpus");
    if (!gpus || !gpus->is_array())
        top.fail("gpus", "missing or not an array");

    std::vector<GpuSpec> out;
    std::set<std::string> ids;
    for (std::size_t i = 0; i < gpus->size(); ++i) {
        const std::string pointer = "/gpus/" + std::to_string(i);
        const JsonFields f(doc, (*gpus)[i], pointer);
        GpuSpec g;
        g.id = f.string("id").value_or("");
        if (g.id.empty())
            f.fail("id", "missing (required)");
        if (!ids.insert(g.id).second)
            f.fail("id", "duplicate GPU id '" + g.id + "'");
        g.name = f.string("name").value_or(g.id);
        g.vendor = f.string("vendor").value_or("");
        auto required = [&](const char* key) {
            auto v = f.positive(key);
            if (!v)
                f.fail(key, "missing (required)");
            return *v;
        };
        g.memoryGb = required("memory_gb");
        g.memoryBandwidthGbs = required("memory_bandwidth_gbs");
        g.bf16DenseTflops = f.positive("bf16_dense_tflops");
        const auto fp16 = f.positive("fp16_dense_tflops");
        if (!fp16 && !g.bf16DenseTflops)
            f.fail("fp16_dense_tflops", "missing: give fp16_dense_tflops or bf16_dense_tflops");
        g.fp16DenseTflops = fp16 ? *fp16 : *g.bf16DenseTflops;
        g.fp8DenseTflops = f.positive("fp8_dense_tflops");
        g.tdpW = required("tdp_w");
        g.specSource = f.string("spec_source").value_or("");
        g.specDate = f.string("spec_date").value_or("");
        g.purchaseUsd = f.positive("purchase_usd");
        g.purchaseSource = f.string("purchase_source").value_or("");
        g.purchaseDate = f.string("purchase_date").value_or("");
        if (const nlohmann::json* rentals = f.find("rental")) {
            if (!rentals->is_array())
                f.fail("rental", "expected an array");
            for (std::size_t j = 0; j < rentals->size(); ++j) {
                const JsonFields r(doc, (*rentals)[j], pointer + "/rental/" + std::to_string(j), "rental.");
                GpuRental rent;
                rent.provider = r.string("provider").value_or("");
                rent.kind = r.string("kind").value_or("");
                static const std::set<std::string> kinds = {"hyperscaler-on-demand", "neocloud-on-demand", "spot"};
                if (!kinds.count(rent.kind))
                    r.fail("kind", "expected hyperscaler-on-demand, neocloud-on-demand or spot");
                auto price = r.positive("usd_per_gpu_hour");
                if (!price)
                    r.fail("usd_per_gpu_hour", "missing (required)");
                rent.usdPerGpuHour = *price;
                rent.source = r.string("source").value_or("");
                rent.date = r.string("date").value_or("");
                g.rentals.push_back(std::move(rent));
            }
        }
        out.push_back(std::move(g));
    }
    return out;
}

const std::vector<GpuSpec>& bundledGpus()
{
    static const std::vector<GpuSpec> gpus = [] {
        for (const BundledFile& f : bundledDataFiles())
            if (f.path == "gpus.json")
                return readGpuCatalog(f.text, "pricing-data/gpus.json");
        return std::vector<GpuSpec>{};
    }();
    return gpus;
}

std::optional<GpuSpec> findGpu(std::string_view id)
{
    const auto& gpus = bundledGpus();
    auto it = std::find_if(gpus.begin(), gpus.end(), [&](const GpuSpec& g) { return g.id == id; });
    if (it == gpus.end())
        return std::nullopt;
    return *it;
}

} // namespace finops
