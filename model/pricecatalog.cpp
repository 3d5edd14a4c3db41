#include "pricecatalog.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <tuple>

namespace finops {

namespace {
// Names compare case-insensitively, with '.', '-' and '_' alike ("claude-sonnet-4.5" is
// "claude-sonnet-4-5").
char foldChar(char c)
{
    if (c == '.' || c == '_')
        return '-';
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool sameName(std::string_view a, std::string_view b)
{
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return foldChar(x) == foldChar(y); });
}

// "gpt-4o-2024-08-06" -> "gpt-4o", "claude-3-5-haiku-20241022" -> "claude-3-5-haiku".
std::string_view withoutDateSuffix(std::string_view name)
{
    auto digits = [](std::string_view s) {
        return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    // "-YYYY-MM-DD": dashes 11, 6 and 3 characters from the end.
    if (name.size() > 11 && name[name.size() - 11] == '-' && name[name.size() - 6] == '-' &&
        name[name.size() - 3] == '-' && digits(name.substr(name.size() - 10, 4)) &&
        digits(name.substr(name.size() - 5, 2)) && digits(name.substr(name.size() - 2)))
        return name.substr(0, name.size() - 11);
    if (name.size() > 9 && name[name.size() - 9] == '-' && digits(name.substr(name.size() - 8)))
        return name.substr(0, name.size() - 9);
    return name;
}

// Vendor prefixes of router model names, and the provider ids our catalog uses for them.
std::string_view vendorProvider(std::string_view vendor)
{
    static const std::pair<std::string_view, std::string_view> map[] = {
        {"openai", "openai"},     {"anthropic", "anthropic"}, {"google", "google"},     {"deepseek", "deepseek"},
        {"deepseek-ai", "deepseek"}, {"mistralai", "mistral"}, {"mistral", "mistral"},  {"x-ai", "xai"},
        {"xai", "xai"},           {"qwen", "alibaba"},        {"moonshotai", "moonshot"}, {"z-ai", "zhipu"},
        {"zai-org", "zhipu"}};
    for (const auto& [from, to] : map)
        if (sameName(from, vendor))
            return to;
    return vendor;
}

bool namesModel(const PriceOffer& o, std::string_view model)
{
    if (sameName(o.model, model))
        return true;
    return std::any_of(o.aliases.begin(), o.aliases.end(),
                       [&](const std::string& a) { return sameName(a, model); });
}
} // namespace

void PriceCatalog::addSheet(const PriceSheet& sheet)
{
    // Index the existing offers once so a 2,000-offer sheet does not rescan the catalog
    // per offer.
    std::map<std::tuple<std::string_view, std::string_view, int>, std::size_t> index;
    for (std::size_t i = 0; i < m_offers.size(); ++i)
        index.emplace(std::make_tuple(std::string_view(m_offers[i].provider),
                                      std::string_view(m_offers[i].model),
                                      m_offers[i].effectiveFrom.daysSinceEpoch),
                      i);
    std::vector<PriceOffer> added;
    for (const PriceOffer& offer : sheet.offers) {
        auto it = index.find(std::make_tuple(std::string_view(offer.provider), std::string_view(offer.model),
                                             offer.effectiveFrom.daysSinceEpoch));
        if (it != index.end())
            m_offers[it->second] = offer;
        else
            added.push_back(offer);
    }
    m_offers.insert(m_offers.end(), std::make_move_iterator(added.begin()),
                    std::make_move_iterator(added.end()));
}

std::vector<PriceOffer> PriceCatalog::offersAt(Date day) const
{
    std::map<std::pair<std::string_view, std::string_view>, const PriceOffer*> current;
    for (const PriceOffer& o : m_offers) {
        if (o.effectiveFrom > day)
            continue;
        auto [it, inserted] = current.try_emplace({o.provider, o.model}, &o);
        if (!inserted && it->second->effectiveFrom < o.effectiveFrom)
            it->second = &o;
    }
    std::vector<PriceOffer> out;
    out.reserve(current.size());
    for (const auto& [key, offer] : current)
        out.push_back(*offer);
    return out;
}

std::optional<PriceOffer> PriceCatalog::find(std::string_view provider, std::string_view model, Date day) const
{
    const PriceOffer* best = nullptr;
    for (const PriceOffer& o : m_offers) {
        if (o.effectiveFrom > day || !sameName(o.provider, provider) || !namesModel(o, model))
            continue;
        if (!best || o.effectiveFrom > best->effectiveFrom)
            best = &o;
    }
    if (!best)
        return std::nullopt;
    return *best;
}

std::optional<PriceOffer> PriceCatalog::resolve(std::string_view provider, std::string_view model, Date day) const
{
    if (auto o = find(provider, model, day))
        return o;
    std::string_view bare = model;
    std::string_view vendor;
    if (const auto slash = model.rfind('/'); slash != std::string_view::npos) {
        bare = model.substr(slash + 1);
        vendor = vendorProvider(model.substr(0, model.find('/')));
    }
    for (std::string_view name : {bare, withoutDateSuffix(bare)}) {
        if (auto o = find(provider, name, day))
            return o;
        if (!vendor.empty())
            if (auto o = find(vendor, name, day))
                return o;
    }
    return std::nullopt;
}

std::vector<OfferPriceHistory> PriceCatalog::histories() const
{
    std::map<std::pair<std::string_view, std::string_view>, OfferPriceHistory> byOffer;
    for (const PriceOffer& o : m_offers) {
        OfferPriceHistory& h = byOffer[{o.provider, o.model}];
        h.provider = o.provider;
        h.model = o.model;
        h.openWeights = o.openWeights;
        h.prices.emplace_back(o.effectiveFrom, o.tokenPrices());
    }
    std::vector<OfferPriceHistory> out;
    out.reserve(byOffer.size());
    for (auto& [key, h] : byOffer) {
        std::sort(h.prices.begin(), h.prices.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
        out.push_back(std::move(h));
    }
    return out;
}

std::vector<PriceOffer> PriceCatalog::offersOfModel(std::string_view model, Date day) const
{
    std::vector<PriceOffer> out = offersAt(day);
    std::erase_if(out, [&](const PriceOffer& o) { return !namesModel(o, model); });
    return out;
}

std::vector<PriceOffer> PriceCatalog::history(std::string_view provider, std::string_view model) const
{
    std::vector<PriceOffer> out;
    for (const PriceOffer& o : m_offers)
        if (sameName(o.provider, provider) && namesModel(o, model))
            out.push_back(o);
    std::sort(out.begin(), out.end(),
              [](const PriceOffer& a, const PriceOffer& b) { return a.effectiveFrom < b.effectiveFrom; });
    return out;
}

std::vector<std::string> PriceCatalog::providers() const
{
    std::set<std::string> names;
    for (const PriceOffer& o : m_offers)
        names.insert(o.provider);
    return {names.begin(), names.end()};
}

} // namespace finops
