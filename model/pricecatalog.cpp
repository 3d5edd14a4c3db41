#include "pricecatalog.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <tuple>

namespace finops {

namespace {
bool sameName(std::string_view a, std::string_view b)
{
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
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
