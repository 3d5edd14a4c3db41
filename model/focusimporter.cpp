#include "focusimporter.h"

#include "csvreader.h"
#include "date.h"
#include "textparse.h"

#include <nlohmann/json.hpp>

namespace finops {

namespace {

// "Tokens" -> 1, "1000 Tokens" / "1K Tokens" -> 1000, "1000000 Tokens" / "1M tokens" -> 1e6;
// 0 when the unit is not tokens.
std::int64_t tokenUnitScale(std::string_view unit)
{
    const std::string u = text::toLower(text::trim(unit));
    const auto word = u.find("token");
    if (word == std::string::npos)
        return 0;
    std::string_view prefix = text::trim(std::string_view(u).substr(0, word));
    if (prefix.empty())
        return 1;
    std::int64_t multiplier = 1;
    if (prefix.back() == 'k' || prefix.back() == 'm') {
        multiplier = prefix.back() == 'k' ? 1000 : 1'000'000;
        prefix.remove_suffix(1);
    }
    const auto n = text::parseInt(text::trim(prefix));
    return n && *n > 0 ? *n * multiplier : 0;
}

enum class TokenKind { Input, CachedInput, CacheWrite, Output };

// Which kind of token a charge is for, from its SKU and description.
TokenKind tokenKind(const std::string& described)
{
    const std::string d = text::toLower(described);
    const bool cache = d.find("cache") != std::string::npos || d.find("cached") != std::string::npos;
    if (cache && (d.find("write") != std::string::npos || d.find("creation") != std::string::npos))
        return TokenKind::CacheWrite;
    if (cache)
        return TokenKind::CachedInput;
    if (d.find("output") != std::string::npos || d.find("completion") != std::string::npos ||
        d.find("response") != std::string::npos)
        return TokenKind::Output;
    return TokenKind::Input;
}

std::string providerId(std::string_view name)
{
    std::string id;
    for (char c : text::trim(name)) {
        const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        id += (lower == ' ' || lower == '_') ? '-' : lower;
    }
    return id;
}

} // namespace

std::string_view FocusImporter::description() const { return "FOCUS 1.x cost and usage CSV"; }

bool FocusImporter::recognises(std::string_view head) const
{
    const auto firstLine = head.substr(0, head.find('\n'));
    return firstLine.find("BilledCost") != std::string_view::npos &&
           firstLine.find("ChargePeriodStart") != std::string_view::npos;
}

void FocusImporter::read(std::string_view text, const std::string& fileName, const MappingProfile*,
                         UsageRecordSink& sink) const
{
    CsvReader reader(text, fileName);
    CsvRecord row;
    if (!reader.next(row))
        throw InputError(fileName, 1, "", "the file is empty");
    const CsvHeader header(row);
    auto need = [&](const char* name) {
        const int i = header.indexOf(name);
        if (i < 0)
            throw InputError(fileName, row.line, name, "column missing from the header (required by FOCUS)");
        return i;
    };
    const int cBilled = need("BilledCost");
    const int cStart = need("ChargePeriodStart");
    const int cCurrency = need("BillingCurrency");
    const int cProvider = need("ProviderName");
    const int cService = header.indexOf("ServiceName");
    const int cSku = header.indexOf("SkuId");
    const int cSkuPrice = header.indexOf("SkuPriceId");
    const int cDescription = header.indexOf("ChargeDescription");
    const int cCategory = header.indexOf("ChargeCategory");
    const int cQuantity = header.indexOf("ConsumedQuantity");
    const int cUnit = header.indexOf("ConsumedUnit");
    const int cResourceName = header.indexOf("ResourceName");
    const int cResourceId = header.indexOf("ResourceId");
    const int cSubAccount = header.indexOf("SubAccountId");
    const int cTags = header.indexOf("Tags");
    int cModel = header.indexOf("x_Model");
    if (cModel < 0)
        cModel = header.indexOf("x_ModelName");
    const std::size_t columns = header.names().size();

    std::size_t n = 0;
    while (reader.next(row)) {
        try {
            if (row.fields.size() != columns)
                throw InputError(fileName, row.line, "",
                                 "expected " + std::to_string(columns) + " fields as in the header, found " +
                                     std::to_string(row.fields.size()));
            auto cell = [&](int i) {
                return i < 0 ? std::string_view{} : text::trim(row.fields[static_cast<std::size_t>(i)]);
            };
            UsageRecord r;
            r.line = row.line;
            const auto ts = parseTimestamp(cell(cStart));
            if (!ts)
                throw InputError(fileName, row.line, "ChargePeriodStart",
                                 cell(cStart).empty() ? "missing (required)"
                                                      : "not an ISO 8601 timestamp: '" + std::string(cell(cStart)) + "'");
            usagecheck::checkTimestamp(*ts, fileName, row.line, "ChargePeriodStart");
            r.timestampUtc = *ts;
            if (cell(cCurrency) != "USD")
                throw InputError(fileName, row.line, "BillingCurrency",
                                 "unknown currency '" + std::string(cell(cCurrency)) + "' (only USD is supported)");
            r.reportedCostNanoUsd = usagecheck::parseMoneyNano(cell(cBilled), fileName, row.line, "BilledCost");
            r.provider = providerId(cell(cProvider));
            if (r.provider.empty())
                throw InputError(fileName, row.line, "ProviderName", "missing (required)");
            for (int c : {cModel, cResourceName, cSku, cService})
                if (!cell(c).empty()) {
                    r.model = std::string(cell(c));
                    break;
                }
            if (r.model.empty())
                throw InputError(fileName, row.line, "SkuId", "no model: SkuId, ResourceName and ServiceName are empty");

            const std::int64_t scale = tokenUnitScale(cell(cUnit));
            const std::string_view quantity = cell(cQuantity);
            if (scale > 0 && !quantity.empty()) {
                const std::int64_t q = usagecheck::parseCount(quantity, fileName, row.line, "ConsumedQuantity");
                if (q > std::int64_t{1'000'000'000'000'000} / scale)
                    throw InputError(fileName, row.line, "ConsumedQuantity", "too large");
                const std::int64_t tokens = q * scale;
                const std::string described = std::string(cell(cSku)) + " " + std::string(cell(cSkuPrice)) + " " +
                                              std::string(cell(cDescription));
                switch (tokenKind(described)) {
                case TokenKind::Input:
                    r.inputTokens = tokens;
                    break;
                case TokenKind::CachedInput:
                    r.cachedInputTokens = tokens;
                    break;
                case TokenKind::CacheWrite:
                    r.cacheWriteTokens = tokens;
                    break;
                case TokenKind::Output:
                    r.outputTokens = tokens;
                    break;
                }
            } else {
                r.kind = UsageRecord::Kind::Cost;
            }
            if (auto v = cell(cService); !v.empty())
                r.tags.emplace_back("service", std::string(v));
            if (auto v = cell(cSubAccount); !v.empty())
                r.tags.emplace_back("sub_account", std::string(v));
            if (auto v = cell(cCategory); !v.empty())
                r.tags.emplace_back("charge_category", std::string(v));
            if (auto v = cell(cResourceId); !v.empty() && cModel >= 0)
                r.tags.emplace_back("resource", std::string(v));
            if (auto tags = cell(cTags); !tags.empty()) {
                const nlohmann::json t = nlohmann::json::parse(tags, nullptr, false);
                if (t.is_discarded() || !t.is_object())
                    throw InputError(fileName, row.line, "Tags", "expected a JSON object of tag: value");
                for (auto it = t.begin(); it != t.end(); ++it)
                    r.tags.emplace_back(it.key(), it->is_string() ? it->get<std::string>() : it->dump());
            }
            sink.accept(r);
        } catch (const InputError& e) {
            sink.reject(e);
        }
        if ((++n & 0xfff) == 0)
            sink.progress(reader.offset());
    }
}

} // namespace finops
