#include "usagepage.h"

#include "displayformat.h"
#include "importbatchmodel.h"
#include "usageimporter.h"
#include "usagerecordmodel.h"
#include "workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

namespace finops {

namespace {

constexpr int kMappingIsFileRole = Qt::UserRole + 1;
constexpr int kChooseMappingFile = -2; // data of the "Profile file…" item

QDate toQDate(Date d)
{
    return QDate(d.year(), static_cast<int>(d.month()), static_cast<int>(d.day()));
}
Date toDate(QDate d)
{
    return Date::fromCivil(d.year(), static_cast<unsigned>(d.month()),
                           static_cast<unsigned>(d.day()));
}

QStringList localFiles(const QMimeData* mime)
{
    QStringList files;
    if (!mime || !mime->hasUrls())
        return files;
    for (const QUrl& url : mime->urls())
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile())
            files << url.toLocalFile();
    return files;
}

QTableView* makeTable(const QString& name, QWidget* parent)
{
    auto* table = new QTableView(parent);
    table->setObjectName(name);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->setTextElideMode(Qt::ElideMiddle);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->horizontalHeader()->setHighlightSections(false);
    return table;
}

QString count(qint64 n)
{
    return QString::fromStdString(formatCount(static_cast<double>(n)));
}

QString fileList(const std::vector<UsageFileOutcome>& files)
{
    QStringList names;
    for (const UsageFileOutcome& f : files)
        names << QFileInfo(f.file).fileName();
    return names.join(QStringLiteral(", "));
}

} // namespace

UsagePage::UsagePage(Workspace& workspace, QWidget* parent)
    : QWidget(parent), m_workspace(workspace), m_batches(new ImportBatchModel(this)),
      m_records(new UsageRecordModel(workspace, this)),
      m_overviewWatcher(new QFutureWatcher<UsageOverview>(this)), m_dropZone(new QFrame(this)),
      m_import(new QPushButton(tr("Import usage files…"), this)), m_format(new QComboBox(this)),
      m_mapping(new QComboBox(this)), m_skipBad(new QCheckBox(tr("Skip bad records"), this)),
      m_dropHint(new QLabel(this)), m_progress(new QProgressBar(this)),
      m_progressText(new QLabel(this)), m_cancelImport(new QPushButton(tr("Cancel"), this)),
      m_status(new QLabel(this)), m_history(makeTable(QStringLiteral("importHistoryTable"), this)),
      m_historySummary(new QLabel(this)), m_remove(new QPushButton(tr("Remove batch…"), this)),
      m_from(new QDateEdit(this)), m_to(new QDateEdit(this)), m_provider(new QComboBox(this)),
      m_model(new QLineEdit(this)), m_modelDebounce(new QTimer(this)),
      m_resetFilters(new QPushButton(tr("Reset filters"), this)),
      m_recordTable(makeTable(QStringLiteral("recordTable"), this)),
      m_recordCount(new QLabel(this)), m_loadMore(new QPushButton(tr("Load more"), this))
{
    setAcceptDrops(true);

    // --- Import controls
    m_import->setObjectName(QStringLiteral("importUsageButton"));
    m_import->setDefault(true);
    m_format->setObjectName(QStringLiteral("usageFormat"));
    m_format->addItem(QStringLiteral("auto"), QStringLiteral("auto"));
    m_format->setItemData(0, tr("Detect the format from the start of each file"), Qt::ToolTipRole);
    for (const auto& importer : usageImporters()) {
        const QString format = QString::fromUtf8(importer->format().data(),
                                                 static_cast<qsizetype>(importer->format().size()));
        m_format->addItem(format, format);
        m_format->setItemData(
            m_format->count() - 1,
            QString::fromUtf8(importer->description().data(),
                              static_cast<qsizetype>(importer->description().size())),
            Qt::ToolTipRole);
    }
    m_format->setToolTip(
        tr("How to read the files; \"auto\" recognises every vendor export. Any other CSV or "
           "JSONL needs \"generic\" and a mapping profile."));
    m_mapping->setObjectName(QStringLiteral("mappingProfile"));
    m_mapping->setToolTip(tr("The column mapping for the generic format: a profile saved with "
                             "`finops-cli mapping save`, or a profile file"));
    m_mapping->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_skipBad->setObjectName(QStringLiteral("skipBadRecords"));
    m_skipBad->setToolTip(tr(
        "Off: the first bad record refuses the whole file and nothing of it is stored.\n"
        "On: the good records are imported and the bad ones are listed with their reasons in\n"
        "NAME.rejects.csv beside each file (beside the workspace when that folder is read-only)."));
    m_dropHint->setText(tr("…or drop export files here"));
    m_dropHint->setEnabled(false); // greyed: a hint, not a control

    m_progress->setObjectName(QStringLiteral("importProgress"));
    m_progress->setRange(0, Workspace::kProgressMaximum);
    m_progress->setTextVisible(true);
    m_cancelImport->setObjectName(QStringLiteral("cancelImportButton"));
    m_status->setObjectName(QStringLiteral("usageStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_dropZone->setObjectName(QStringLiteral("dropZone"));
    m_dropZone->setFrameShape(QFrame::StyledPanel);
    auto* importRow = new QHBoxLayout;
    importRow->addWidget(m_import);
    importRow->addSpacing(12);
    importRow->addWidget(new QLabel(tr("Format:"), this));
    importRow->addWidget(m_format);
    importRow->addWidget(new QLabel(tr("Mapping:"), this));
    importRow->addWidget(m_mapping);
    importRow->addSpacing(12);
    importRow->addWidget(m_skipBad);
    importRow->addStretch();
    importRow->addWidget(m_dropHint);
    auto* progressRow = new QHBoxLayout;
    progressRow->addWidget(m_progressText);
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancelImport);
    auto* dropLayout = new QVBoxLayout(m_dropZone);
    dropLayout->addLayout(importRow);
    dropLayout->addLayout(progressRow);
    dropLayout->addWidget(m_status);
    setDropHighlight(false);
    for (QWidget* w : {static_cast<QWidget*>(m_progress), static_cast<QWidget*>(m_progressText),
                       static_cast<QWidget*>(m_cancelImport)})
        w->hide();
    m_status->hide();

    // --- Import history
    m_history->setModel(m_batches);
    m_history->setSelectionMode(QAbstractItemView::SingleSelection);
    m_history->horizontalHeader()->setSectionResizeMode(ImportBatchModel::File,
                                                        QHeaderView::Stretch);
    m_remove->setObjectName(QStringLiteral("removeBatchButton"));
    m_remove->setToolTip(
        tr("Delete the selected batch's records from the workspace (the file is not touched)"));
    m_historySummary->setObjectName(QStringLiteral("historySummary"));
    auto* historyBox = new QGroupBox(tr("Import history"), this);
    auto* historyLayout = new QVBoxLayout(historyBox);
    historyLayout->addWidget(m_history, 1);
    auto* historyButtons = new QHBoxLayout;
    historyButtons->addWidget(m_historySummary, 1);
    historyButtons->addWidget(m_remove);
    historyLayout->addLayout(historyButtons);

    // --- Records
    for (QDateEdit* d : {m_from, m_to}) {
        d->setCalendarPopup(true);
        d->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        d->setDate(QDate::currentDate());
    }
    m_from->setObjectName(QStringLiteral("recordsFrom"));
    m_to->setObjectName(QStringLiteral("recordsTo"));
    m_provider->setObjectName(QStringLiteral("recordsProvider"));
    m_provider->addItem(tr("All providers"), QString());
    m_provider->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_model->setObjectName(QStringLiteral("recordsModel"));
    m_model->setPlaceholderText(tr("Model contains…"));
    m_model->setClearButtonEnabled(true);
    m_modelDebounce->setSingleShot(true);
    m_modelDebounce->setInterval(250);
    m_resetFilters->setObjectName(QStringLiteral("resetRecordFilters"));
    m_recordTable->setModel(m_records);
    m_recordTable->setTextElideMode(Qt::ElideRight);
    auto* header = m_recordTable->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(UsageRecordModel::Tags, QHeaderView::Stretch);
    header->setStretchLastSection(false);
    m_recordCount->setObjectName(QStringLiteral("recordCount"));
    m_loadMore->setObjectName(QStringLiteral("loadMoreButton"));
    m_loadMore->setToolTip(tr("Read the next %1 records (scrolling to the end does the same)")
                               .arg(UsageRecordModel::kPageSize));

    auto* recordsBox = new QGroupBox(tr("Records"), this);
    auto* recordsLayout = new QVBoxLayout(recordsBox);
    auto* filters = new QHBoxLayout;
    filters->addWidget(new QLabel(tr("From:"), this));
    filters->addWidget(m_from);
    filters->addWidget(new QLabel(tr("To:"), this));
    filters->addWidget(m_to);
    filters->addSpacing(12);
    filters->addWidget(new QLabel(tr("Provider:"), this));
    filters->addWidget(m_provider);
    filters->addSpacing(12);
    filters->addWidget(m_model, 1);
    filters->addWidget(m_resetFilters);
    recordsLayout->addLayout(filters);
    recordsLayout->addWidget(m_recordTable, 1);
    auto* recordFooter = new QHBoxLayout;
    recordFooter->addWidget(m_recordCount, 1);
    recordFooter->addWidget(m_loadMore);
    recordsLayout->addLayout(recordFooter);

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(historyBox);
    splitter->addWidget(recordsBox);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);

    auto* title = new QLabel(
        tr("<h2>Usage</h2>Usage exports imported into this workspace: OpenAI, Anthropic, "
           "OpenRouter, "
           "LiteLLM, FOCUS, or any CSV/JSONL with a mapping profile. Each file is one batch "
           "in one transaction; importing the same records again adds nothing."),
        this);
    title->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(m_dropZone);
    layout->addWidget(splitter, 1);

    // --- Behaviour
    connect(m_import, &QPushButton::clicked, this, &UsagePage::chooseFiles);
    connect(m_cancelImport, &QPushButton::clicked, this, &UsagePage::cancelImport);
    connect(m_remove, &QPushButton::clicked, this, &UsagePage::removeSelectedBatch);
    connect(m_format, &QComboBox::currentIndexChanged, this, &UsagePage::updateButtons);
    connect(m_mapping, &QComboBox::activated, this, [this](int index) {
        if (m_mapping->itemData(index).toInt() != kChooseMappingFile)
            return;
        const QString file = QFileDialog::getOpenFileName(
            this, tr("Mapping profile"), QString(), tr("Mapping profiles (*.json);;All files (*)"));
        if (file.isEmpty()) {
            m_mapping->setCurrentIndex(0);
            return;
        }
        int at = m_mapping->findData(file);
        if (at < 0) {
            at = m_mapping->count() - 1; // before "Profile file…"
            m_mapping->insertItem(at, QFileInfo(file).fileName(), file);
            m_mapping->setItemData(at, true, kMappingIsFileRole);
            m_mapping->setItemData(at, file, Qt::ToolTipRole);
        }
        m_mapping->setCurrentIndex(at);
    });
    connect(m_history->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &UsagePage::updateButtons);
    connect(m_overviewWatcher, &QFutureWatcher<UsageOverview>::finished, this,
            [this] { applyOverview(m_overviewWatcher->result()); });

    auto datesPicked = [this] {
        m_datesFollowRange = false;
        applyFilter();
    };
    connect(m_from, &QDateEdit::dateChanged, this, datesPicked);
    connect(m_to, &QDateEdit::dateChanged, this, datesPicked);
    connect(m_provider, &QComboBox::currentIndexChanged, this, &UsagePage::applyFilter);
    connect(m_model, &QLineEdit::textChanged, m_modelDebounce, qOverload<>(&QTimer::start));
    connect(m_modelDebounce, &QTimer::timeout, this, &UsagePage::applyFilter);
    connect(m_resetFilters, &QPushButton::clicked, this, &UsagePage::resetFilters);
    connect(m_loadMore, &QPushButton::clicked, this, [this] { m_records->fetchMore({}); });
    connect(m_records, &UsageRecordModel::loaded, this, &UsagePage::updateRecordCount);
    connect(m_records, &UsageRecordModel::loadingChanged, this, &UsagePage::updateRecordCount);
    connect(m_records, &UsageRecordModel::loadFailed, this, [this](const QString& message) {
        m_recordCount->setText(tr("Could not read the records: %1").arg(message));
    });
    connect(m_records, &QAbstractItemModel::rowsInserted, this, [this] {
        // Fit the columns to the first page once; later pages keep the widths (and the user's).
        if (m_records->rowCount() > UsageRecordModel::kPageSize)
            return;
        const int maxModel =
            fontMetrics().horizontalAdvance(QStringLiteral("claude-sonnet-4-5-20250929")) + 16;
        for (int c = 0; c < UsageRecordModel::ColumnCount; ++c) {
            if (c == UsageRecordModel::Tags)
                continue;
            m_recordTable->resizeColumnToContents(c);
            if (c == UsageRecordModel::Model)
                m_recordTable->setColumnWidth(c, std::min(m_recordTable->columnWidth(c), maxModel));
        }
    });
    connect(&m_workspace, &Workspace::usageChanged, this, [this] {
        refreshOverview();
        m_records->refresh();
    });

    refreshOverview();
    applyFilter();
    updateButtons();
}

UsagePage::~UsagePage() = default;

void UsagePage::refreshOverview()
{
    // A newer read replaces one still running: the watcher forgets the old future.
    m_overviewWatcher->setFuture(m_workspace.loadUsageOverview());
}

void UsagePage::applyOverview(const UsageOverview& overview)
{
    if (!overview.error.isEmpty()) {
        m_historySummary->setText(tr("Could not read the import history: %1").arg(overview.error));
        return;
    }
    const qint64 selected =
        m_history->currentIndex().isValid()
            ? m_history->currentIndex().data(ImportBatchModel::BatchIdRole).toLongLong()
            : 0;
    m_batches->setBatches(overview.batches);
    for (int c = ImportBatchModel::Format; c < ImportBatchModel::ColumnCount; ++c)
        m_history->resizeColumnToContents(c);
    if (const int row = m_batches->rowOf(selected); row >= 0)
        m_history->selectRow(row);
    qint64 records = 0;
    for (const auto& b : overview.batches)
        records += b.records;
    m_historySummary->setText(
        overview.batches.empty()
            ? tr("Nothing imported yet.")
            : (overview.batches.size() == 1
                   ? tr("1 batch, %1 records").arg(count(records))
                   : tr("%1 batches, %2 records")
                         .arg(count(static_cast<qint64>(overview.batches.size())),
                              count(records))));

    {
        const QString provider = m_provider->currentData().toString();
        const QSignalBlocker block(m_provider);
        while (m_provider->count() > 1)
            m_provider->removeItem(1);
        for (const QString& p : overview.providers)
            m_provider->addItem(p, p);
        m_provider->setCurrentIndex(std::max(0, m_provider->findData(provider)));
    }
    {
        const QString mapping = m_mapping->currentData().toString();
        const QSignalBlocker block(m_mapping);
        // Keep the profile files picked in this session; re-list the saved profiles.
        QList<QPair<QString, QString>> files;
        for (int i = 0; i < m_mapping->count(); ++i)
            if (m_mapping->itemData(i, kMappingIsFileRole).toBool())
                files.append({m_mapping->itemText(i), m_mapping->itemData(i).toString()});
        m_mapping->clear();
        m_mapping->addItem(tr("None"), QString());
        for (const QString& name : overview.mappingProfiles)
            m_mapping->addItem(name, name);
        for (const auto& [text, path] : files) {
            m_mapping->addItem(text, path);
            m_mapping->setItemData(m_mapping->count() - 1, true, kMappingIsFileRole);
            m_mapping->setItemData(m_mapping->count() - 1, path, Qt::ToolTipRole);
        }
        m_mapping->addItem(tr("Profile file…"), kChooseMappingFile);
        m_mapping->setCurrentIndex(std::max(0, m_mapping->findData(mapping)));
    }
    if (m_datesFollowRange && overview.usageRange) {
        const QSignalBlocker blockFrom(m_from);
        const QSignalBlocker blockTo(m_to);
        m_from->setDate(toQDate(overview.usageRange->first));
        m_to->setDate(toQDate(overview.usageRange->second));
    }
    updateButtons();
}

void UsagePage::applyFilter()
{
    UsageStore::RecordFilter filter;
    // Until dates are picked the filter is open-ended, so newly imported days show up.
    if (!m_datesFollowRange) {
        filter.from = toDate(m_from->date());
        filter.to = toDate(m_to->date());
    }
    filter.provider = m_provider->currentData().toString().toStdString();
    filter.modelContains = m_model->text().trimmed().toStdString();
    m_records->setFilter(filter);
    updateRecordCount();
}

void UsagePage::resetFilters()
{
    m_datesFollowRange = true;
    {
        const QSignalBlocker blockProvider(m_provider);
        const QSignalBlocker blockModel(m_model);
        m_provider->setCurrentIndex(0);
        m_model->clear();
    }
    m_modelDebounce->stop();
    applyFilter();
    refreshOverview(); // puts the dates back to the usage range
}

void UsagePage::updateRecordCount()
{
    const qint64 total = m_records->totalCount();
    const int shown = m_records->rowCount();
    if (total < 0)
        m_recordCount->setText(tr("Reading records…"));
    else if (total == 0)
        m_recordCount->setText(tr("No records match."));
    else
        m_recordCount->setText(
            tr("Showing %1 of %2 records, newest first").arg(count(shown), count(total)));
    m_loadMore->setEnabled(m_records->canFetchMore({}));
    m_loadMore->setVisible(total > shown);
}

void UsagePage::updateButtons()
{
    m_import->setEnabled(!m_busy);
    m_remove->setEnabled(!m_busy && m_history->selectionModel()->hasSelection());
    m_mapping->setEnabled(!m_busy &&
                          m_format->currentData().toString() == QStringLiteral("generic"));
    m_format->setEnabled(!m_busy);
    m_skipBad->setEnabled(!m_busy);
}

void UsagePage::setBusy(bool busy)
{
    m_busy = busy;
    updateButtons();
}

void UsagePage::showMessage(const QString& message)
{
    m_status->setText(message);
    m_status->setVisible(!message.isEmpty());
}

void UsagePage::setDropHighlight(bool on)
{
    m_dropZone->setStyleSheet(
        on ? QStringLiteral("QFrame#dropZone { border: 2px dashed palette(highlight); "
                            "border-radius: 6px; background: palette(alternate-base); }")
           : QStringLiteral(
                 "QFrame#dropZone { border: 1px solid palette(mid); border-radius: 6px; }"));
}

void UsagePage::chooseFiles()
{
    if (m_busy)
        return;
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Import usage exports"), QString(),
        tr("Usage exports (*.json *.jsonl *.ndjson *.csv);;All files (*)"));
    if (!files.isEmpty())
        importFiles(files);
}

void UsagePage::importFiles(const QStringList& paths)
{
    if (m_busy || paths.isEmpty())
        return;
    UsageImportJob job;
    job.files = paths;
    job.format = m_format->currentData().toString();
    if (job.format == QStringLiteral("generic")) {
        job.mapping = m_mapping->currentData().toString();
        job.mappingIsFile = m_mapping->currentData(kMappingIsFileRole).toBool();
    }
    job.skipBad = m_skipBad->isChecked();

    setBusy(true);
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_progress->setValue(0);
    m_progressText->setText(tr("Importing…"));
    m_cancelImport->setEnabled(true);
    for (QWidget* w : {static_cast<QWidget*>(m_progress), static_cast<QWidget*>(m_progressText),
                       static_cast<QWidget*>(m_cancelImport)})
        w->show();
    showMessage(QString());

    auto* watcher = new QFutureWatcher<UsageImportOutcome>(this);
    connect(watcher, &QFutureWatcher<UsageImportOutcome>::progressValueChanged, m_progress,
            &QProgressBar::setValue);
    connect(watcher, &QFutureWatcher<UsageImportOutcome>::progressTextChanged, m_progressText,
            &QLabel::setText);
    connect(watcher, &QFutureWatcher<UsageImportOutcome>::finished, this, [this, watcher] {
        const UsageImportOutcome outcome = watcher->result();
        watcher->deleteLater();
        for (QWidget* w : {static_cast<QWidget*>(m_progress), static_cast<QWidget*>(m_progressText),
                           static_cast<QWidget*>(m_cancelImport)})
            w->hide();
        m_cancel.reset();
        setBusy(false);

        QStringList lines;
        if (!outcome.files.empty()) {
            const QString what = outcome.files.size() == 1
                                     ? QFileInfo(outcome.files.front().file).fileName()
                                     : tr("%1 files").arg(outcome.files.size());
            lines << tr("%1: imported %2, duplicates %3, rejected %4.")
                         .arg(what, count(outcome.imported()), count(outcome.duplicates()),
                              count(outcome.rejected()));
            for (const UsageFileOutcome& f : outcome.files) {
                if (!f.rejectsPath.isEmpty())
                    lines << tr("The %1 rejected records of %2 are listed in %3.")
                                 .arg(count(f.rejected), QFileInfo(f.file).fileName(),
                                      f.rejectsPath);
                if (!f.rejectsError.isEmpty())
                    lines << tr("The rejected records of %1 could not be written: %2")
                                 .arg(QFileInfo(f.file).fileName(), f.rejectsError);
            }
        }
        if (outcome.canceled) {
            lines << tr("Import of %1 canceled; nothing of it was written.")
                         .arg(QFileInfo(outcome.failedFile).fileName());
        } else if (!outcome.ok) {
            const QString failed = QFileInfo(outcome.failedFile).fileName();
            lines << tr("%1 was not imported: %2")
                         .arg(failed.isEmpty() ? tr("The import") : failed, outcome.error);
            // open(), not exec(): window-modal without a nested event loop, so the page keeps
            // repainting and tests can find and close the dialog.
            auto* box = new QMessageBox(
                QMessageBox::Warning, tr("Import failed"),
                failed.isEmpty() ? tr("Nothing was imported; the workspace is unchanged.")
                                 : tr("%1 was not imported; nothing of it was stored, the "
                                      "workspace is unchanged.")
                                       .arg(failed),
                QMessageBox::Ok, this);
            box->setObjectName(QStringLiteral("importErrorDialog"));
            QString detail = outcome.error;
            if (!outcome.files.empty())
                detail +=
                    tr("\n\nThe files before it were imported: %1. Files after it were not read.")
                        .arg(fileList(outcome.files));
            if (!m_skipBad->isChecked())
                detail += tr("\n\nFix the record and import the file again, or tick \"Skip bad "
                             "records\" to import the "
                             "good records and list the bad ones.");
            box->setInformativeText(detail);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        }
        const QString message = lines.join(QLatin1Char(' '));
        showMessage(message);
        emit importFinished(outcome.ok, message);
    });
    watcher->setFuture(m_workspace.importUsageFiles(job, m_cancel));
}

void UsagePage::cancelImport()
{
    if (m_cancel) {
        *m_cancel = true;
        m_cancelImport->setEnabled(false);
        m_progressText->setText(tr("Canceling…"));
    }
}

void UsagePage::removeSelectedBatch()
{
    const QModelIndex current = m_history->currentIndex();
    if (m_busy || !current.isValid())
        return;
    const auto& batch = m_batches->batch(current.row());
    const qint64 id = batch.id;
    auto* box = new QMessageBox(
        QMessageBox::Question, tr("Remove import batch"),
        tr("Remove batch %1, %2 (%3 records)?")
            .arg(id)
            .arg(QFileInfo(QString::fromStdString(batch.file)).fileName(), count(batch.records)),
        QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("removeBatchConfirm"));
    box->setInformativeText(
        tr("Its records are deleted from the workspace and the daily totals of their days are "
           "rebuilt. The file itself is not touched; you can import it again."));
    QPushButton* remove = box->addButton(tr("Remove"), QMessageBox::DestructiveRole);
    box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, remove, id](QAbstractButton* button) {
        if (button == remove)
            removeBatch(id);
    });
    box->open();
}

void UsagePage::removeBatch(qint64 batchId)
{
    if (m_busy)
        return;
    setBusy(true);
    showMessage(tr("Removing batch %1…").arg(batchId));
    auto* watcher = new QFutureWatcher<UsageRemoveOutcome>(this);
    connect(watcher, &QFutureWatcher<UsageRemoveOutcome>::finished, this, [this, watcher, batchId] {
        const UsageRemoveOutcome outcome = watcher->result();
        watcher->deleteLater();
        setBusy(false);
        const QString message =
            outcome.ok ? tr("Removed import batch %1.").arg(batchId)
                       : tr("Could not remove batch %1: %2").arg(batchId).arg(outcome.error);
        showMessage(message);
        emit batchRemoved(outcome.ok, message);
    });
    watcher->setFuture(m_workspace.removeUsageBatch(batchId));
}

void UsagePage::dragEnterEvent(QDragEnterEvent* event)
{
    if (!m_busy && !localFiles(event->mimeData()).isEmpty()) {
        event->acceptProposedAction();
        setDropHighlight(true);
    }
}

void UsagePage::dragLeaveEvent(QDragLeaveEvent* event)
{
    setDropHighlight(false);
    QWidget::dragLeaveEvent(event);
}

void UsagePage::dropEvent(QDropEvent* event)
{
    setDropHighlight(false);
    const QStringList files = localFiles(event->mimeData());
    if (m_busy || files.isEmpty())
        return;
    event->acceptProposedAction();
    importFiles(files);
}

} // namespace finops
