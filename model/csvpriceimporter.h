#pragma once

#include "pricesheetimporter.h"

namespace finops {

// A simple CSV price sheet, one offer per row, with a header naming the columns:
//   provider, model, input_usd_per_mtok, output_usd_per_mtok          (required)
//   cached_input_usd_per_mtok, cache_write_usd_per_mtok, batch_discount,
//   context_window, open_weights (true/false/yes/no/1/0), effective_from (YYYY-MM-DD),
//   currency (USD), license, source, display_name, aliases (';'-separated),
//   total_params_b, active_params_b                                   (optional)
// An empty optional cell means "not given". Rows without effective_from take the
// import's default date.
class CsvPriceImporter : public PriceSheetImporter
{
public:
    std::string_view format() const override { return "csv"; }
    bool recognises(std::string_view head) const override;
    PriceSheet read(std::string_view text, const std::string& fileName,
                    const PriceImportOptions& options) const override;
};

} // namespace finops
