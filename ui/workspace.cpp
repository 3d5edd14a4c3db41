#include "workspace.h"

#include "inputerror.h"
#include "workspacecatalog.h"

#include <QtConcurrent/QtConcurrentRun>

namespace finops {

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

} // namespace finops
