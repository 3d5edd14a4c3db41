#include "exportreportdialog.h"

#include "inputerror.h"
#include "reportmodel.h"
#include "reportwriter.h"
#include "scenariostore.h"
#include "sqlitedb.h"
#include "tableexport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMetaObject>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace finops {

namespace {

std::function<bool(const QUrl&)>& urlOpener()
{
    static std::function<bool(const QUrl&)> opener;
    return opener;
}

constexpr int kProgressMax = 1000;

struct ExportJob
{
    QString dbPath;
    QString scenario; // empty: the default scenario
    QPageSize::PageSizeId paper = QPageSize::A4;
    QString pdfPath;
    QString xlsxPath;
};

// Runs on a worker thread: its own store connection, the same buildReportModel the CLI uses.
ReportExportOutcome runExport(const ExportJob& job, const std::shared_ptr<std::atomic_bool>& cancel,
                              const std::function<void(int)>& progress)
{
    ReportExportOutcome out;
    out.pdfPath = job.pdfPath;
    out.xlsxPath = job.xlsxPath;
    try {
        Store store(job.dbPath.toStdString());
        Scenario scenario = defaultScenario();
        if (!job.scenario.isEmpty()) {
            auto s = ScenarioStore(store).get(job.scenario.toStdString());
            if (!s) {
                out.error =
                    QObject::tr("There is no scenario named %1 any more.").arg(job.scenario);
                return out;
            }
            scenario = std::move(*s);
        }
        progress(50);
        const ReportModel model = buildReportModel(store, scenario);
        out.currentMonthlyUsd = model.summary.currentMonthlyUsd;
        out.plannedMonthlyUsd = model.summary.plannedMonthlyUsd;
        if (cancel->load()) {
            out.canceled = true;
            return out;
        }
        progress(150);
        report::PdfOptions options;
        options.paper = job.paper;
        options.progress = [&](int page, int count) {
            progress(150 + 750 * page / std::max(1, count));
            return !cancel->load();
        };
        const report::PdfOutcome pdf = report::writeReportPdf(model, job.pdfPath, options);
        if (pdf.canceled) {
            out.canceled = true;
            return out;
        }
        if (!pdf.ok) {
            out.error = pdf.error;
            return out;
        }
        out.pages = pdf.pages;
        if (!job.xlsxPath.isEmpty())
            writeXlsx(model.exportTables(), job.xlsxPath.toStdString());
        progress(kProgressMax);
        out.ok = true;
    } catch (const InputError& e) {
        out.error = QString::fromStdString(e.what());
    } catch (const std::exception& e) {
        out.error = QObject::tr("The report could not be written: %1")
                        .arg(QString::fromStdString(e.what()));
    }
    return out;
}

} // namespace

void ExportReportDialog::setUrlOpener(std::function<bool(const QUrl&)> opener)
{
    urlOpener() = std::move(opener);
}

ExportReportDialog::ExportReportDialog(const QString& dbPath, QWidget* parent)
    : QDialog(parent), m_dbPath(dbPath), m_scenario(new QComboBox(this)),
      m_paper(new QComboBox(this)), m_file(new QLineEdit(this)),
      m_xlsx(new QCheckBox(tr("Also write the tables as XLSX beside it"), this)),
      m_open(new QCheckBox(tr("Open the PDF when done"), this)), m_progress(new QProgressBar(this)),
      m_status(new QLabel(this)), m_export(new QPushButton(tr("Export"), this)),
      m_cancel(new QPushButton(tr("Cancel export"), this)),
      m_close(new QPushButton(tr("Close"), this)),
      m_cancelFlag(std::make_shared<std::atomic_bool>(false))
{
    setWindowTitle(tr("Export report"));
    m_scenario->setObjectName(QStringLiteral("scenarioCombo"));
    m_paper->setObjectName(QStringLiteral("paperCombo"));
    m_file->setObjectName(QStringLiteral("pdfPathEdit"));
    m_xlsx->setObjectName(QStringLiteral("xlsxCheck"));
    m_open->setObjectName(QStringLiteral("openCheck"));
    m_progress->setObjectName(QStringLiteral("exportProgress"));
    m_status->setObjectName(QStringLiteral("exportStatus"));
    m_export->setObjectName(QStringLiteral("exportButton"));
    m_cancel->setObjectName(QStringLiteral("cancelExportButton"));

    m_scenario->addItem(tr("(default: all usage, observed mix)"), QString());
    try {
        Store store(dbPath.toStdString());
        for (const std::string& name : ScenarioStore(store).names())
            m_scenario->addItem(QString::fromStdString(name), QString::fromStdString(name));
    } catch (const std::exception& e) {
        m_status->setText(
            tr("Scenarios could not be read: %1").arg(QString::fromStdString(e.what())));
    }
    m_paper->addItem(tr("A4"), static_cast<int>(QPageSize::A4));
    m_paper->addItem(tr("US Letter"), static_cast<int>(QPageSize::Letter));
    if (QLocale().measurementSystem() == QLocale::ImperialUSSystem)
        m_paper->setCurrentIndex(1);
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty())
        folder = QDir::homePath();
    m_file->setText(QDir(folder).filePath(QStringLiteral("finops-report.pdf")));
    m_xlsx->setChecked(true);
    m_open->setChecked(true);
    m_progress->setRange(0, kProgressMax);
    m_progress->setValue(0);
    m_status->setWordWrap(true);

    auto* browse = new QPushButton(tr("Browse…"), this);
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);
    auto* form = new QFormLayout;
    form->addRow(tr("Scenario:"), m_scenario);
    form->addRow(tr("Paper:"), m_paper);
    form->addRow(tr("PDF file:"), fileRow);
    form->addRow(QString(), m_xlsx);
    form->addRow(QString(), m_open);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_export);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_close);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addLayout(buttons);
    m_export->setDefault(true);
    setRunning(false);
    resize(560, sizeHint().height());

    connect(browse, &QPushButton::clicked, this, &ExportReportDialog::chooseFile);
    connect(m_export, &QPushButton::clicked, this, &ExportReportDialog::startExport);
    connect(m_cancel, &QPushButton::clicked, this, &ExportReportDialog::cancelExport);
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);
    connect(&m_watcher, &QFutureWatcher<ReportExportOutcome>::finished, this,
            &ExportReportDialog::finished);
}

ExportReportDialog::~ExportReportDialog()
{
    // The worker holds no pointer to the dialog (progress goes through a QPointer), but it
    // must not outlive the store path it writes to unnoticed: cancel and wait.
    m_cancelFlag->store(true);
    m_watcher.waitForFinished();
}

void ExportReportDialog::chooseFile()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export report"), m_file->text(), tr("PDF (*.pdf)"));
    if (!path.isEmpty())
        m_file->setText(path.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive)
                            ? path
                            : path + QStringLiteral(".pdf"));
}

bool ExportReportDialog::isRunning() const
{
    return m_watcher.isRunning();
}

void ExportReportDialog::setRunning(bool running)
{
    m_export->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_close->setEnabled(!running);
    m_scenario->setEnabled(!running);
    m_paper->setEnabled(!running);
    m_file->setEnabled(!running);
    m_xlsx->setEnabled(!running);
}

void ExportReportDialog::startExport()
{
    if (isRunning())
        return;
    ExportJob job;
    job.dbPath = m_dbPath;
    job.scenario = m_scenario->currentData().toString();
    job.paper = static_cast<QPageSize::PageSizeId>(m_paper->currentData().toInt());
    job.pdfPath = m_file->text().trimmed();
    if (job.pdfPath.isEmpty()) {
        m_status->setText(tr("Choose where to write the PDF."));
        return;
    }
    if (m_xlsx->isChecked()) {
        const QFileInfo info(job.pdfPath);
        job.xlsxPath = info.dir().filePath(info.completeBaseName() + QStringLiteral(".xlsx"));
    }
    m_cancelFlag = std::make_shared<std::atomic_bool>(false);
    m_progress->setValue(0);
    m_status->setText(tr("Building the report…"));
    setRunning(true);
    QPointer<QProgressBar> bar(m_progress);
    auto progress = [bar](int value) {
        QMetaObject::invokeMethod(
            bar,
            [bar, value] {
                if (bar)
                    bar->setValue(value);
            },
            Qt::QueuedConnection);
    };
    m_watcher.setFuture(
        QtConcurrent::run(runExport, job, m_cancelFlag, std::function<void(int)>(progress)));
}

void ExportReportDialog::cancelExport()
{
    if (!isRunning())
        return;
    m_cancelFlag->store(true);
    m_status->setText(tr("Canceling…"));
}

void ExportReportDialog::finished()
{
    const ReportExportOutcome out = m_watcher.result();
    setRunning(false);
    if (out.canceled) {
        m_progress->setValue(0);
        m_status->setText(tr("Canceled: nothing was written."));
    } else if (!out.ok) {
        m_status->setText(tr("Export failed: %1").arg(out.error));
    } else {
        m_progress->setValue(kProgressMax);
        m_status->setText(out.xlsxPath.isEmpty()
                              ? tr("Wrote %1 (%2 pages).").arg(out.pdfPath).arg(out.pages)
                              : tr("Wrote %1 (%2 pages) and %3.")
                                    .arg(out.pdfPath)
                                    .arg(out.pages)
                                    .arg(out.xlsxPath));
        if (m_open->isChecked()) {
            const QUrl url = QUrl::fromLocalFile(out.pdfPath);
            if (urlOpener())
                urlOpener()(url);
            else
                QDesktopServices::openUrl(url);
        }
    }
    emit exportFinished(out);
}

} // namespace finops
