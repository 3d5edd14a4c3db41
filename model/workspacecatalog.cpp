#include "workspacecatalog.h"

#include "bundleddata.h"
#include "fileio.h"
#include "nativepriceimporter.h"
#include "sha256.h"

namespace finops {

const std::vector<PriceSheet>& bundledPriceSheets()
{
    static const std::vector<PriceSheet> sheets = [] {
        std::vector<PriceSheet> out;
        const NativePriceImporter importer;
        for (const BundledFile& f : bundledDataFiles()) {
            if (!f.path.starts_with("prices/"))
                continue;
            PriceSheet sheet = importer.read(f.text, "pricing-data/" + std::string(f.path), {});
            for (PriceOffer& o : sheet.offers)
                o.sheet = "bundled:" + std::string(f.path);
            sheet.name = "bundled:" + std::string(f.path);
            out.push_back(std::move(sheet));
        }
        return out;
    }();
    return sheets;
}

PriceCatalog loadWorkspaceCatalog(Store* store)
{
    PriceCatalog catalog;
    for (const PriceSheet& sheet : bundledPriceSheets())
        catalog.addSheet(sheet);
    if (store)
        for (const PriceSheet& sheet : store->priceSheets())
            catalog.addSheet(sheet);
    return catalog;
}

PriceSheetFile readPriceSheetFile(const std::string& path, std::string_view format,
                                  const PriceImportOptions& options)
{
    const std::string text = readWholeFile(path);
    return {readPriceSheet(text, path, format, options), Sha256::hex(text)};
}

} // namespace finops
