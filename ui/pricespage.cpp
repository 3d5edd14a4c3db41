#include "pricespage.h"

#include "offerfilterproxymodel.h"
#include "offertablemodel.h"
#include "workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace finops {

PricesPage::PricesPage(Workspace& workspace, QWidget* parent)
    : QWidget(parent), m_workspace(workspace), m_model(new OfferTableModel(this)),
      m_proxy(new OfferFilterProxyModel(this)), m_search(new QLineEdit(this)), m_provider(new QComboBox(this)),
      m_openOnly(new QCheckBox(tr("Open weights only"), this)), m_table(new QTableView(this)),
      m_count(new QLabel(this)), m_import(new QPushButton(tr("Import price sheet…"), this))
{
    m_search->setObjectName(QStringLiteral("priceSearch"));
    m_search->setPlaceholderText(tr("Filter by provider or model"));
    m_search->setClearButtonEnabled(true);
    m_provider->setObjectName(QStringLiteral("providerFilter"));
    m_openOnly->setObjectName(QStringLiteral("openOnlyFilter"));
    m_import->setObjectName(QStringLiteral("importSheetButton"));
    m_table->setObjectName(QStringLiteral("priceTable"));

    m_proxy->setSourceModel(m_model);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(OfferTableModel::Provider, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);

    auto* title = new QLabel(tr("<h2>Prices</h2>USD per million tokens, in force today. Hover a row for its "
                                "source."),
                             this);
    auto* filters = new QHBoxLayout;
    filters->addWidget(m_search, 2);
    filters->addWidget(new QLabel(tr("Provider:"), this));
    filters->addWidget(m_provider, 1);
    filters->addWidget(m_openOnly);
    filters->addStretch();
    filters->addWidget(m_import);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_count);

    connect(m_search, &QLineEdit::textChanged, this, [this](const QString& t) {
        m_proxy->setText(t);
        m_count->setText(tr("%1 of %2 offers").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
    });
    connect(m_provider, &QComboBox::currentIndexChanged, this, [this] {
        m_proxy->setProvider(m_provider->currentData().toString());
        m_count->setText(tr("%1 of %2 offers").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
    });
    connect(m_openOnly, &QCheckBox::toggled, this, [this](bool on) {
        m_proxy->setOpenOnly(on);
        m_count->setText(tr("%1 of %2 offers").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
    });
    connect(m_import, &QPushButton::clicked, this, &PricesPage::importSheet);
    connect(&m_workspace, &Workspace::catalogChanged, this, &PricesPage::reload);
    reload();
}

void PricesPage::reload()
{
    m_model->setOffers(m_workspace.currentOffers());
    const QString selected = m_provider->currentData().toString();
    QSignalBlocker block(m_provider);
    m_provider->clear();
    m_provider->addItem(tr("All providers"), QString());
    for (const std::string& p : m_workspace.catalog().providers())
        m_provider->addItem(QString::fromStdString(p), QString::fromStdString(p));
    m_provider->setCurrentIndex(std::max(0, m_provider->findData(selected)));
    m_proxy->setProvider(m_provider->currentData().toString());
    m_table->resizeColumnsToContents();
    m_count->setText(tr("%1 of %2 offers").arg(m_proxy->rowCount()).arg(m_model->rowCount()));
}

void PricesPage::importSheet()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import price sheet"), QString(),
                                                      tr("Price sheets (*.json *.csv);;All files (*)"));
    if (!path.isEmpty())
        importFile(path);
}

void PricesPage::importFile(const QString& path)
{
    auto cancel = std::make_shared<std::atomic_bool>(false);
    auto* progress = new QProgressDialog(tr("Importing %1…").arg(path), tr("Cancel"), 0, 0, this);
    progress->setObjectName(QStringLiteral("importProgress"));
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(300);
    progress->setAutoClose(false);
    auto* watcher = new QFutureWatcher<PriceImportOutcome>(this);
    connect(progress, &QProgressDialog::canceled, this, [cancel] { *cancel = true; });
    connect(watcher, &QFutureWatcher<PriceImportOutcome>::finished, this, [this, watcher, progress, path] {
        const PriceImportOutcome outcome = watcher->result();
        watcher->deleteLater();
        progress->deleteLater();
        m_import->setEnabled(true);
        QString message;
        if (outcome.canceled) {
            message = tr("Import of %1 canceled; nothing was added.").arg(path);
        } else if (!outcome.ok) {
            message = outcome.error;
            // open(), not exec(): the dialog is window-modal without a nested event loop.
            auto* box = new QMessageBox(QMessageBox::Warning, tr("Import failed"),
                                        tr("The price sheet was not imported; the catalog is unchanged."),
                                        QMessageBox::Ok, this);
            box->setObjectName(QStringLiteral("importErrorDialog"));
            box->setInformativeText(outcome.error);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        } else if (outcome.alreadyImported) {
            message = tr("%1 was imported before; nothing was added.").arg(path);
        } else {
            message = tr("Imported %1 offers (%2 entries skipped).").arg(outcome.imported).arg(outcome.skipped);
            m_workspace.reloadCatalog();
        }
        emit importFinished(outcome.ok, message);
    });
    m_import->setEnabled(false);
    watcher->setFuture(m_workspace.importPriceSheet(path, QStringLiteral("auto"), cancel));
}

} // namespace finops
