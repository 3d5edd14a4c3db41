#include "workspace.h"

#include "fileio.h"
#include "inputerror.h"
#include "sha256.h"
#include "throughputimport.h"
#include "usageimport.h"
#include "workspacecatalog.h"

#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <set>

namespace finops {

qint64 UsageImportOutcome::imported() const
{
    qint64 n = 0;
    for (const UsageFileOutcome& f : files)
        n += f.imported;
    return n;
}

qint64 UsageImportOutcome::duplicates() const
{
    qint64 n = 0;
    for (const UsageFileOutcome& f : files)
        n += f.duplicates;
    return n;
}

qint64 UsageImportOutcome::rejected() const
{
    qint64 n = 0;
    for (const UsageFileOutcome& f : files)
        n += f.rejected;
    return n;
}

namespace {

// NAME.rejects.csv beside the imported file, or beside the store when the file's folder
// cannot be written (a read-only mount, a download folder of another user).
QString rejectsPathFor(const QString& file, const QString& dbPath)
{
    const QFileInfo info(file);
    const QString name = info.completeBaseName() + QStringLiteral(".rejects.csv");
    const QFileInfo folder(info.absolutePath());
    if (folder.isDir() && folder.isWritable())
        return QDir(info.absolutePath()).filePath(name);
    return QFileInfo(dbPath).dir().filePath(name);
}

std::optional<MappingProfile> loadMapping(const UsageImportJob& job, Store& store)
{
    if (job.mapping.isEmpty())
        return std::nullopt;
    const std::string name = job.mapping.toStdString();
    if (job.mappingIsFile)
        return MappingProfile::fromJson(readWholeFile(name), name);
    if (auto saved = UsageStore(store).mappingProfile(name))
        return saved;
    throw InputError(store.path(), 0, "mapping", "no saved mapping profile named '" + name + "'");
}

void runUsageImport(QPromise<UsageImportOutcome>& promise, const UsageImportJob& job, const std::string& db,
                    const std::shared_ptr<std::atomic_bool>& cancel)
{
    UsageImportOutcome outcome;
    promise.setProgressRange(0, Workspace::kProgressMaximum);
    const auto fileCount = static_cast<double>(std::max<qsizetype>(1, job.files.size()));
    try {
        Store store(db); // this thread's own connection
        const std::optional<MappingProfile> mapping = loadMapping(job, store);
        UsageImportRequest request;
        request.format = job.format.toStdString();
        request.mapping = mapping ? &*mapping : nullptr;
        request.skipBad = job.skipBad;
        request.cancel = cancel.get();
        for (qsizetype i = 0; i < job.files.size(); ++i) {
            const QString& file = job.files[i];
            outcome.failedFile = file;
            const QString step = QObject::tr("Importing %1 (%2 of %3)…")
                                     .arg(QFileInfo(file).fileName())
                                     .arg(i + 1)
                                     .arg(job.files.size());
            promise.setProgressValueAndText(static_cast<int>(Workspace::kProgressMaximum * (static_cast<double>(i) / fileCount)),
                                            step);
            request.path = file.toStdString();
            request.progress = [&promise, i, fileCount](double fraction) {
                promise.setProgressValue(static_cast<int>(Workspace::kProgressMaximum *
                                                          ((static_cast<double>(i) + std::clamp(fraction, 0.0, 1.0)) / fileCount)));
            };
            const UsageImportResult r = importUsageFile(store, request);
            UsageFileOutcome f;
            f.file = file;
            f.format = QString::fromStdString(r.format);
            f.batchId = r.batchId;
            f.imported = r.imported;
            f.duplicates = r.duplicates;
            f.rejected = r.rejected;
            outcome.files.push_back(f);
            if (!r.rejects.empty()) {
                // The records are in; a rejects file that cannot be written is reported, not
                // a reason to undo the import.
                const QString path = rejectsPathFor(file, QString::fromStdString(db));
                try {
                    writeRejects(path.toStdString(), r.rejects);
                    outcome.files.back().rejectsPath = path;
                } catch (const std::exception& e) {
                    outcome.files.back().rejectsError = QString::fromStdString(e.what());
                }
            }
        }
        outcome.failedFile.clear();
        outcome.ok = true;
        promise.setProgressValue(Workspace::kProgressMaximum);
    } catch (const ImportCanceled&) {
        outcome.canceled = true;
    } catch (const std::exception& e) {
        outcome.error = QString::fromStdString(e.what());
    }
    promise.addResult(outcome);
}

} // namespace

Workspace::Workspace(const QString& dbPath, QObject* parent)
    : QObject(parent), m_store(std::make_unique<Store>(dbPath.toStdString()))
{
    reloadCatalog();
}

Workspace::~Workspace() = default;

QString Workspace::dbPath() const { return QString::fromStdString(m_store->path()); }

void Workspace::reloadCatalog()
{
    m_catalog = loadWorkspaceCatalog(m_store.get());
    m_currentOffers = m_catalog.offersAt(Clock::today());
    emit catalogChanged();
}

std::optional<KbenchRun> Workspace::latestKbenchRun() const { return MeasurementStore(*m_store).latestKbenchRun(); }

void Workspace::addKbenchRun(const KbenchRun& run)
{
    MeasurementStore(*m_store).addKbenchRun(run);
    emit measurementsChanged();
}

std::vector<ThroughputMeasurement> Workspace::throughputMeasurements() const
{
    return MeasurementStore(*m_store).measurements();
}

std::size_t Workspace::importThroughputFile(const QString& path, const QString& format, const QString& hardware,
                                           const QString& quant)
{
    const std::string file = path.toStdString();
    const std::string text = readWholeFile(file);
    const auto rows = readThroughputFile(text, file, format.toStdString(), hardware.toStdString(), quant.toStdString());
    const std::size_t added = MeasurementStore(*m_store).addMeasurements(Sha256::hex(text), rows);
    emit measurementsChanged();
    return added;
}

void Workspace::addSelfHostedSheet(const PriceSheet& sheet)
{
    std::string identity = sheet.name;
    for (const PriceOffer& o : sheet.offers)
        identity += '\n' + o.source;
    m_store->addPriceSheet(sheet, Sha256::hex(identity));
    reloadCatalog();
}

QFuture<PriceImportOutcome> Workspace::importPriceSheet(const QString& path, const QString& format,
                                                        const std::shared_ptr<std::atomic_bool>& cancel)
{
    const std::string file = path.toStdString();
    const std::string fmt = format.toStdString();
    const std::string db = m_store->path();
    const Date today = Clock::today();
    return QtConcurrent::run([file, fmt, db, today, cancel]() {
        PriceImportOutcome outcome;
        try {
            PriceImportOptions options;
            options.defaultEffectiveFrom = today;
            const PriceSheetFile sheet = readPriceSheetFile(file, fmt, options);
            if (cancel && *cancel) {
                outcome.canceled = true;
                return outcome;
            }
            Store store(db); // this thread's own connection
            outcome.alreadyImported = store.addPriceSheet(sheet.sheet, sheet.sha256).alreadyImported;
            outcome.imported = outcome.alreadyImported ? 0 : static_cast<int>(sheet.sheet.offers.size());
            outcome.skipped = static_cast<int>(sheet.sheet.skipped.size());
            outcome.ok = true;
        } catch (const std::exception& e) {
            outcome.error = QString::fromStdString(e.what());
        }
        return outcome;
    });
}

template <typename T, typename Changed>
void Workspace::emitUsageChangedWhen(const QFuture<T>& future, Changed changed)
{
    // Watched here first, so usageChanged() reaches the pages before the caller's watcher
    // reports the end: both are queued to this thread in the order they were attached.
    auto* watcher = new QFutureWatcher<T>(this);
    connect(watcher, &QFutureWatcher<T>::finished, this, [this, watcher, changed] {
        watcher->deleteLater();
        if (watcher->future().resultCount() > 0 && changed(watcher->result()))
            emit usageChanged();
    });
    watcher->setFuture(future);
}

QFuture<UsageImportOutcome> Workspace::importUsageFiles(const UsageImportJob& job,
                                                        const std::shared_ptr<std::atomic_bool>& cancel)
{
    const std::string db = m_store->path();
    QFuture<UsageImportOutcome> future =
        QtConcurrent::run([job, db, cancel](QPromise<UsageImportOutcome>& promise) { runUsageImport(promise, job, db, cancel); });
    emitUsageChangedWhen(future, [](const UsageImportOutcome& o) {
        return std::any_of(o.files.begin(), o.files.end(), [](const UsageFileOutcome& f) { return f.imported > 0; });
    });
    return future;
}

QFuture<UsageRemoveOutcome> Workspace::removeUsageBatch(qint64 batchId)
{
    const std::string db = m_store->path();
    QFuture<UsageRemoveOutcome> future = QtConcurrent::run([db, batchId] {
        UsageRemoveOutcome outcome;
        try {
            Store store(db);
            outcome.ok = UsageStore(store).removeBatch(batchId);
            if (!outcome.ok)
                outcome.error = QObject::tr("There is no import batch %1; it was removed already.").arg(batchId);
        } catch (const std::exception& e) {
            outcome.error = QString::fromStdString(e.what());
        }
        return outcome;
    });
    emitUsageChangedWhen(future, [](const UsageRemoveOutcome& o) { return o.ok; });
    return future;
}

QFuture<UsageOverview> Workspace::loadUsageOverview() const
{
    const std::string db = m_store->path();
    return QtConcurrent::run([db] {
        UsageOverview overview;
        try {
            Store store(db);
            UsageStore usage(store);
            overview.batches = usage.batches();
            std::reverse(overview.batches.begin(), overview.batches.end()); // newest first
            std::set<std::string> providers;
            for (const UsageRollupRow& r : usage.rollups(std::nullopt, std::nullopt))
                providers.insert(r.provider);
            for (const std::string& p : providers)
                overview.providers << QString::fromStdString(p);
            for (const std::string& name : usage.mappingProfileNames())
                overview.mappingProfiles << QString::fromStdString(name);
            overview.mappingProfiles.sort(Qt::CaseInsensitive);
            overview.usageRange = usage.usageRange();
        } catch (const std::exception& e) {
            overview.error = QString::fromStdString(e.what());
        }
        return overview;
    });
}

QFuture<UsageRecordPage> Workspace::loadUsageRecords(const UsageStore::RecordFilter& filter, bool withTotal) const
{
    const std::string db = m_store->path();
    return QtConcurrent::run([db, filter, withTotal] {
        UsageRecordPage page;
        try {
            Store store(db);
            UsageStore usage(store);
            page.rows = usage.records(filter);
            if (withTotal)
                page.total = usage.recordCount(filter);
        } catch (const std::exception& e) {
            page.error = QString::fromStdString(e.what());
        }
        return page;
    });
}

} // namespace finops
