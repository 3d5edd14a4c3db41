#pragma once

#include "date.h"
#include "priceoffer.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace finops {

// Every price offer the application knows: the bundled sheets, then the sheets the user
// imported. An offer is identified by (provider, model, effective date); several dates
// for one (provider, model) form its price history, and the offer in force on a day is
// the one with the latest effective date on or before it. A sheet added later replaces
// offers of an earlier sheet with the same identity (a corrected or newer sheet wins).
// Lookups by model accept the model id or any alias, case-insensitively.
class PriceCatalog
{
public:
    // Adds a whole sheet. Importers have validated it, so this cannot fail half-way.
    void addSheet(const PriceSheet& sheet);

    // Every offer of every date, in the order sheets were added.
    const std::vector<PriceOffer>& allOffers() const { return m_offers; }
    std::size_t size() const { return m_offers.size(); }

    // For each (provider, model), the offer in force on `day`; sorted by provider, model.
    // Offers that take effect after `day` are left out.
    std::vector<PriceOffer> offersAt(Date day) const;

    // The offer in force on `day` for `model` (id or alias) at `provider`.
    std::optional<PriceOffer> find(std::string_view provider, std::string_view model, Date day) const;

    // Every provider's offer of `model` (id or alias) in force on `day`.
    std::vector<PriceOffer> offersOfModel(std::string_view model, Date day) const;

    // The offer that prices usage logged as `model` at `provider` on `day`, trying in turn:
    // the name as given (id or alias, case-insensitive, '.' and '-' alike); without a
    // "vendor/" prefix, at the provider and at the vendor (OpenRouter's
    // "deepseek/deepseek-chat-v3.1"); without a date suffix ("-2024-08-06", "-20250929").
    // nullopt when nothing matches: the usage is unpriced, never priced at zero.
    std::optional<PriceOffer> resolve(std::string_view provider, std::string_view model, Date day) const;

    // Every (provider, model) with its prices by effective date, oldest first.
    std::vector<OfferPriceHistory> histories() const;

    // The price history of (provider, model), oldest first.
    std::vector<PriceOffer> history(std::string_view provider, std::string_view model) const;

    // Provider ids, sorted.
    std::vector<std::string> providers() const;

private:
    std::vector<PriceOffer> m_offers;
};

} // namespace finops
