#pragma once

#include <QDialog>
#include <QFutureWatcher>
#include <QString>
#include <QUrl>
#include <atomic>
#include <functional>
#include <memory>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace finops {

// What a report export ended with.
struct ReportExportOutcome
{
    bool ok = false;
    bool canceled = false;
    QString error;
    QString pdfPath;
    QString xlsxPath; // empty when not asked for
    int pages = 0;
    double currentMonthlyUsd = 0; // the summary's figures, for the status bar and tests
    double plannedMonthlyUsd = 0;
};

// File -> Export report: pick a scenario, the paper size, the PDF file and whether to write
// the XLSX tables beside it; the report is built and written on a worker thread (its own
// database connection) with a progress bar and Cancel. When it is done the PDF is opened
// with the desktop's viewer (QDesktopServices; tests replace the opener).
class ExportReportDialog : public QDialog
{
    Q_OBJECT
public:
    // `dbPath`: the workspace store (the worker opens its own connection to it).
    explicit ExportReportDialog(const QString& dbPath, QWidget* parent = nullptr);
    ~ExportReportDialog() override;

    // Replaces QDesktopServices::openUrl for every dialog (tests); an empty function restores it.
    static void setUrlOpener(std::function<bool(const QUrl&)> opener);

    // Starts the export with the options shown (what the Export button does).
    void startExport();
    bool isRunning() const;
    // Asks a running export to stop; nothing is written.
    void cancelExport();

signals:
    void exportFinished(const finops::ReportExportOutcome& outcome);

private:
    void chooseFile();
    void finished();
    void setRunning(bool running);

    QString m_dbPath;
    QComboBox* m_scenario;
    QComboBox* m_paper;
    QLineEdit* m_file;
    QCheckBox* m_xlsx;
    QCheckBox* m_open;
    QProgressBar* m_progress;
    QLabel* m_status;
    QPushButton* m_export;
    QPushButton* m_cancel;
    QPushButton* m_close;
    std::shared_ptr<std::atomic_bool> m_cancelFlag;
    QFutureWatcher<ReportExportOutcome> m_watcher;
};

} // namespace finops

Q_DECLARE_METATYPE(finops::ReportExportOutcome)
