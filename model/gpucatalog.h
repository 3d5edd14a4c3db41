#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace finops {

// A GPU rental price per GPU-hour. `kind` is "hyperscaler-on-demand",
// "neocloud-on-demand" or "spot".
struct GpuRental
{
    std::string provider;
    std::string kind;
    double usdPerGpuHour = 0;
    std::string source;
    std::string date;
};

// One accelerator as pricing-data/gpus.json describes it: peak (datasheet) figures,
// dense tensor TFLOPS without sparsity, bandwidth in GB/s, an indicative purchase price
// and rental prices, each with its source and date.
struct GpuSpec
{
    std::string id; // "h100-sxm"
    std::string name;
    std::string vendor;
    double memoryGb = 0;
    double memoryBandwidthGbs = 0;
    std::optional<double> bf16DenseTflops; // absent where the vendor publishes none (RTX 5090)
    double fp16DenseTflops = 0;
    std::optional<double> fp8DenseTflops;
    double tdpW = 0;
    std::string specSource;
    std::string specDate;
    std::optional<double> purchaseUsd;
    std::string purchaseSource;
    std::string purchaseDate;
    std::vector<GpuRental> rentals;

    // The lowest rental of a kind, if any.
    std::optional<GpuRental> cheapestRental(std::string_view kind) const;
};

// Reads a gpus.json text; throws InputError (file:line:field) on a bad value.
std::vector<GpuSpec> readGpuCatalog(std::string_view text, const std::string& fileName);

// The bundled pricing-data/gpus.json.
const std::vector<GpuSpec>& bundledGpus();
std::optional<GpuSpec> findGpu(std::string_view id);

} // namespace finops
