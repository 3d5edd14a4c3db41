#pragma once

#include "pricecatalog.h"
#include "pricesheetimporter.h"
#include "store.h"

#include <string>
#include <vector>

namespace finops {

// The bundled price sheets (pricing-data/prices/*.json), parsed once per process.
const std::vector<PriceSheet>& bundledPriceSheets();

// The catalog a workspace sees: the bundled sheets, then every sheet imported into the
// store (when given), in import order.
PriceCatalog loadWorkspaceCatalog(Store* store);

// A price-sheet file read and checked, with the SHA-256 of its bytes that the store uses
// to recognise it when it is imported again. Throws InputError on a bad file; pass the
// result to Store::addPriceSheet, which writes it in one transaction.
struct PriceSheetFile
{
    PriceSheet sheet;
    std::string sha256;
};
PriceSheetFile readPriceSheetFile(const std::string& path, std::string_view format,
                                  const PriceImportOptions& options);

} // namespace finops
