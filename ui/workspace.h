#pragma once

#include "measurementstore.h"
#include "pricecatalog.h"
#include "store.h"
#include "usagestore.h"

#include <QFuture>
#include <QObject>
#include <QString>
#include <QStringList>
#include <atomic>
#include <memory>
#include <optional>
#include <utility>
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

// What to import on a usage import: files and how to read them.
struct UsageImportJob
{
    QStringList files;
    QString format = QStringLiteral("auto");
    // A mapping profile for the generic format: a name saved in the store, or a profile
    // file when `mappingIsFile`; empty: none.
    QString mapping;
    bool mappingIsFile = false;
    // false: the first bad record refuses its file. true: bad records are skipped and
    // written, with their reasons, to NAME.rejects.csv beside each file (or beside the
    // store when that folder is not writable).
    bool skipBad = false;
};

// One file of a usage import that went in.
struct UsageFileOutcome
{
    QString file;
    QString format;
    qint64 batchId = 0; // 0: nothing new and the file was never imported before
    qint64 imported = 0;
    qint64 duplicates = 0;
    qint64 rejected = 0;
    QString rejectsPath; // where the rejected records were written, when there were some
    QString rejectsError; // why they could not be written (the records are imported all the same)
};

// What a background usage import ended with. Files are imported in order, each in its
// own transaction: `files` are the ones that went in; on an error or a cancel the file
// named in `failedFile` and the ones after it were not imported (the store holds nothing
// of them).
struct UsageImportOutcome
{
    bool ok = false;
    bool canceled = false;
    QString error; // file:line:field: message, when !ok and !canceled
    QString failedFile;
    std::vector<UsageFileOutcome> files;

    qint64 imported() const;
    qint64 duplicates() const;
    qint64 rejected() const;
};

// The usage side of the workspace as the Usage page lists it.
struct UsageOverview
{
    QString error; // a database error, when the read failed
    std::vector<UsageStore::BatchInfo> batches; // newest first
    QStringList providers;                      // with usage, sorted
    QStringList mappingProfiles;                // saved names, sorted
    std::optional<std::pair<Date, Date>> usageRange;
};

// One page of usage records, newest first.
struct UsageRecordPage
{
    QString error;
    std::vector<UsageStore::RecordRow> rows;
    qint64 total = -1; // records matching the filter, when asked for
};

// What removing an import batch ended with.
struct UsageRemoveOutcome
{
    bool ok = false;
    QString error;
};

// The open workspace as the GUI sees it: the store file and the price catalog loaded
// from the bundled sheets and the store. Pages read the catalog from here and listen to
// catalogChanged(), and to usageChanged() for the usage store. Long work (imports,
// removals) and every usage query runs on a worker thread with its own database
// connection (SQLite connections are per thread); the catalog is reloaded on the GUI
// thread when a price import is done, and usageChanged() is emitted on the GUI thread
// after a usage import or removal changed the store.
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

    // Imports usage files on a worker thread. The future reports progress from 0 to
    // kProgressMaximum, with the file being read as its progress text. Setting *cancel
    // abandons the file being read (nothing of it is written; the files before it stay).
    // usageChanged() is emitted before the future's watchers hear that it finished.
    static constexpr int kProgressMaximum = 1000;
    QFuture<UsageImportOutcome> importUsageFiles(const UsageImportJob& job,
                                                 const std::shared_ptr<std::atomic_bool>& cancel);
    // Removes an import batch and the rollups of its days on a worker thread; emits
    // usageChanged() when it is gone.
    QFuture<UsageRemoveOutcome> removeUsageBatch(qint64 batchId);

    // Queries on a worker thread: the batches, providers and saved mapping profiles; a
    // page of records (with the number matching the filter when `withTotal`).
    QFuture<UsageOverview> loadUsageOverview() const;
    QFuture<UsageRecordPage> loadUsageRecords(const UsageStore::RecordFilter& filter, bool withTotal) const;

    // Hardware measurements: finops-kbench runs and imported llama-bench / vLLM results
    // (small; read and written on the GUI thread). Writers emit measurementsChanged().
    std::optional<KbenchRun> latestKbenchRun() const;
    void addKbenchRun(const KbenchRun& run);
    std::vector<ThroughputMeasurement> throughputMeasurements() const;
    // Reads and stores a measurement file; returns how many were new. Throws InputError
    // (field "hardware" for a vLLM result when `hardware` is empty: vLLM does not record it).
    std::size_t importThroughputFile(const QString& path, const QString& format, const QString& hardware = {},
                                     const QString& quant = {});
    // Adds a sheet of self-hosted offers to the store and reloads the catalog.
    void addSelfHostedSheet(const PriceSheet& sheet);

signals:
    void catalogChanged();
    // A kbench run or throughput measurements were stored.
    void measurementsChanged();
    // The usage store changed (an import added records, a batch was removed).
    void usageChanged();

private:
    // Emits usageChanged() when `future` finishes and `changed` says its result did.
    template <typename T, typename Changed>
    void emitUsageChangedWhen(const QFuture<T>& future, Changed changed);

    std::unique_ptr<Store> m_store;
    PriceCatalog m_catalog;
    std::vector<PriceOffer> m_currentOffers;
};

} // namespace finops
