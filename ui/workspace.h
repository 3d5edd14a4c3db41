#pragma once

#include "pricecatalog.h"
#include "store.h"

#include <QFuture>
#include <QObject>
#include <QString>
#include <atomic>
#include <memory>
#include <vector>

namespace finops {

// What a background price-sheet import ended with.
struct PriceImportOutcome
{
    bool ok = false;
    bool canceled = false;
    bool alreadyImported = false;
    QString error; // file:line:field: message, when !ok
    int imported = 0;
    int skipped = 0;
};

// The open workspace as the GUI sees it: the store file and the price catalog loaded
// from the bundled sheets and the store. Pages read the catalog from here and listen to
// catalogChanged(). Long work (imports) runs on a worker thread with its own database
// connection; the catalog is reloaded on the GUI thread when it is done.
class Workspace : public QObject
{
    Q_OBJECT
public:
    // Opens (creating if needed) the store at `dbPath`. Throws InputError / StoreError.
    explicit Workspace(const QString& dbPath, QObject* parent = nullptr);
    ~Workspace() override;

    QString dbPath() const;
    const PriceCatalog& catalog() const { return m_catalog; }
    // Offers in force today (Clock::today()), sorted by provider and model.
    const std::vector<PriceOffer>& currentOffers() const { return m_currentOffers; }

    // Imports a price sheet on a worker thread. Setting *cancel before the store write
    // abandons it with nothing written.
    QFuture<PriceImportOutcome> importPriceSheet(const QString& path, const QString& format,
                                                 const std::shared_ptr<std::atomic_bool>& cancel);

    // Re-reads the store's sheets and emits catalogChanged().
    void reloadCatalog();

signals:
    void catalogChanged();

private:
    std::unique_ptr<Store> m_store;
    PriceCatalog m_catalog;
    std::vector<PriceOffer> m_currentOffers;
};

} // namespace finops
