#pragma once

#include "pricesheetimporter.h"

namespace finops {

// Our own price-sheet format (pricing-data/price-sheet.schema.json): one provider per
// file by default, prices in USD per million tokens, an effective date and a source on
// every offer. The bundled catalog is written in it.
class NativePriceImporter : public PriceSheetImporter
{
public:
    static constexpr std::string_view kSchema = "finops-planner.price-sheet";

    std::string_view format() const override { return "native"; }
    bool recognises(std::string_view head) const override;
    PriceSheet read(std::string_view text, const std::string& fileName,
                    const PriceImportOptions& options) const override;
};

} // namespace finops
