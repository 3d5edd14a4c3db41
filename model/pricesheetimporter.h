#pragma once

#include "date.h"
#include "priceoffer.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace finops {

struct PriceImportOptions
{
    // Effective date for offers whose file gives none (LiteLLM's database, CSV without
    // an effective_from column): usually the day of the import.
    Date defaultEffectiveFrom;
};

// Reads one price-sheet file format into offers. Implementations check every value and
// throw InputError (file:line:field) on the first bad one; they never return a partly
// read sheet.
class PriceSheetImporter
{
public:
    virtual ~PriceSheetImporter() = default;
    virtual std::string_view format() const = 0;
    // Cheap sniff of the file's start: does it look like this format?
    virtual bool recognises(std::string_view head) const = 0;
    virtual PriceSheet read(std::string_view text, const std::string& fileName,
                            const PriceImportOptions& options) const = 0;
};

// The importers, in detection order: native, litellm, csv.
const std::vector<std::unique_ptr<PriceSheetImporter>>& priceSheetImporters();

// The importer for a format name ("native", "litellm", "csv"), or for "auto" the first
// that recognises the text. Throws InputError when none fits.
const PriceSheetImporter& priceSheetImporterFor(std::string_view format, std::string_view text,
                                                const std::string& fileName);

// Detects (or takes) the format and reads the sheet.
PriceSheet readPriceSheet(std::string_view text, const std::string& fileName,
                          std::string_view format, const PriceImportOptions& options);

// Helpers the importers share.
namespace priceimport {
// Throws InputError unless `usdPerMtok` is a finite, non-negative number.
void checkPrice(double usdPerMtok, const std::string& file, std::int64_t line,
                const std::string& field);
// Whether a model name belongs to an open-weight family (Llama, Qwen, DeepSeek, Mistral's
// Apache models, Gemma, GLM, Kimi, gpt-oss, ...), for formats that do not say.
bool looksOpenWeights(std::string_view modelName);
// Rounds a per-token price scaled to per-million to 12 significant digits, so that
// 2.5e-06 * 1e6 reads as 2.5 rather than 2.4999999999999996.
double perTokenToPerMtok(double usdPerToken);
} // namespace priceimport

} // namespace finops
