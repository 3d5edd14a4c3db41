#include "csvpriceimporter.h"

#include "csvreader.h"
#include "inputerror.h"
#include "textparse.h"

#include <map>
#include <tuple>

namespace finops {

bool CsvPriceImporter::recognises(std::string_view head) const
{
    const auto firstLine = head.substr(0, head.find('\n'));
    return firstLine.find("provider") != std::string_view::npos &&
           firstLine.find("model") != std::string_view::npos &&
           firstLine.find("input_usd_per_mtok") != std::string_view::npos;
}

PriceSheet CsvPriceImporter::read(std::string_view text, const std::string& fileName,
                                  const PriceImportOptions& options) const
{
    CsvReader reader(text, fileName);
    CsvRecord record;
    if (!reader.next(record))
        throw InputError(fileName, 1, "", "empty file: expected a header line");
    const CsvHeader header(record);
    const std::int64_t headerLine = record.line;

    auto column = [&](std::string_view name, bool required) {
        const int index = header.indexOf(name);
        if (required && index < 0)
            throw InputError(fileName, headerLine, std::string(name), "column missing from the header");
        return index;
    };
    const int cProvider = column("provider", true);
    const int cModel = column("model", true);
    const int cInput = column("input_usd_per_mtok", true);
    const int cOutput = column("output_usd_per_mtok", true);
    const int cCached = column("cached_input_usd_per_mtok", false);
    const int cWrite = column("cache_write_usd_per_mtok", false);
    const int cBatch = column("batch_discount", false);
    const int cWindow = column("context_window", false);
    const int cOpen = column("open_weights", false);
    const int cDate = column("effective_from", false);
    const int cCurrency = column("currency", false);
    const int cLicense = column("license", false);
    const int cSource = column("source", false);
    const int cName = column("display_name", false);
    const int cAliases = column("aliases", false);
    const int cTotal = column("total_params_b", false);
    const int cActive = column("active_params_b", false);

    PriceSheet result;
    result.name = fileName;
    result.format = "csv";
    std::map<std::tuple<std::string, std::string, int>, std::int64_t> seen;

    while (reader.next(record)) {
        const std::int64_t line = record.line;
        if (record.fields.size() != header.names().size())
            throw InputError(fileName, line, "",
                             "expected " + std::to_string(header.names().size()) +
                                 " fields as in the header, found " + std::to_string(record.fields.size()));
        auto cell = [&](int index) -> std::string_view {
            return index < 0 ? std::string_view{} : text::trim(record.fields[static_cast<std::size_t>(index)]);
        };
        auto fieldName = [&](int index) { return header.names()[static_cast<std::size_t>(index)]; };
        auto number = [&](int index, bool required) -> std::optional<double> {
            const auto s = cell(index);
            if (s.empty()) {
                if (required)
                    throw InputError(fileName, line, fieldName(index), "missing (required)");
                return std::nullopt;
            }
            auto v = text::parseDouble(s);
            if (!v)
                throw InputError(fileName, line, fieldName(index), "not a number: '" + std::string(s) + "'");
            return v;
        };
        auto price = [&](int index, bool required) {
            auto v = number(index, required);
            if (v)
                priceimport::checkPrice(*v, fileName, line, fieldName(index));
            return v;
        };
        auto positive = [&](int index) {
            auto v = number(index, false);
            if (v && !(*v > 0 && *v < 1e300))
                throw InputError(fileName, line, fieldName(index), "must be a positive number");
            return v;
        };

        if (const auto currency = cell(cCurrency); !currency.empty() && currency != "USD")
            throw InputError(fileName, line, "currency",
                             "unknown currency '" + std::string(currency) + "' (prices must be in USD)");
        PriceOffer offer;
        offer.provider = std::string(cell(cProvider));
        if (offer.provider.empty())
            throw InputError(fileName, line, "provider", "missing (required)");
        offer.model = std::string(cell(cModel));
        if (offer.model.empty())
            throw InputError(fileName, line, "model", "missing (required)");
        offer.displayName = cName >= 0 && !cell(cName).empty() ? std::string(cell(cName)) : offer.model;
        if (cAliases >= 0)
            for (auto a : text::split(cell(cAliases), ';'))
                if (auto t = text::trim(a); !t.empty())
                    offer.aliases.emplace_back(t);
        offer.inputUsdPerMtok = *price(cInput, true);
        offer.outputUsdPerMtok = *price(cOutput, true);
        offer.cachedInputUsdPerMtok = price(cCached, false);
        offer.cacheWriteUsdPerMtok = price(cWrite, false);
        offer.batchDiscount = number(cBatch, false).value_or(0);
        if (!(offer.batchDiscount >= 0 && offer.batchDiscount <= 1))
            throw InputError(fileName, line, "batch_discount", "must be a fraction between 0 and 1");
        if (auto window = positive(cWindow))
            offer.contextWindowTokens = static_cast<std::int64_t>(*window);
        if (const auto open = cell(cOpen); !open.empty()) {
            auto b = text::parseBool(open);
            if (!b)
                throw InputError(fileName, line, "open_weights",
                                 "expected true/false, yes/no or 1/0, found '" + std::string(open) + "'");
            offer.openWeights = *b;
        }
        offer.totalParamsB = positive(cTotal);
        offer.activeParamsB = positive(cActive);
        if (const auto d = cell(cDate); !d.empty()) {
            auto date = Date::parse(d);
            if (!date)
                throw InputError(fileName, line, "effective_from",
                                 "expected a date as YYYY-MM-DD, found '" + std::string(d) + "'");
            offer.effectiveFrom = *date;
        } else {
            offer.effectiveFrom = options.defaultEffectiveFrom;
        }
        offer.license = std::string(cell(cLicense));
        offer.source = cell(cSource).empty() ? fileName : std::string(cell(cSource));
        offer.sheet = fileName;

        const auto key = std::make_tuple(offer.provider, offer.model, offer.effectiveFrom.daysSinceEpoch);
        if (auto [it, inserted] = seen.emplace(key, line); !inserted)
            throw InputError(fileName, line, "effective_from",
                             "duplicate offer: " + offer.provider + "/" + offer.model + " effective " +
                                 offer.effectiveFrom.toString() + " is already given on line " +
                                 std::to_string(it->second));
        result.offers.push_back(std::move(offer));
    }
    return result;
}

} // namespace finops
