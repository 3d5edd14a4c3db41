#pragma once

#include <QStringList>
#include <QWidget>
#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDragEnterEvent;
class QDragLeaveEvent;
class QDropEvent;
class QFrame;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QTimer;
template <typename T> class QFutureWatcher;

namespace finops {

class ImportBatchModel;
class UsageRecordModel;
class Workspace;
struct UsageOverview;

// The Usage page: imports usage exports (file dialog or drag and drop; format, mapping
// profile, strict or skip-bad) on a worker thread with a progress bar and Cancel; the
// import history with removal of a batch; and the stored records, filtered by date,
// provider and model and loaded page by page.
class UsagePage : public QWidget
{
    Q_OBJECT
public:
    explicit UsagePage(Workspace& workspace, QWidget* parent = nullptr);
    ~UsagePage() override;

    ImportBatchModel* batchModel() const { return m_batches; }
    UsageRecordModel* recordModel() const { return m_records; }
    // An import or a removal is running.
    bool isBusy() const { return m_busy; }

public slots:
    // Asks for files and imports them.
    void chooseFiles();
    // Imports files, each as one batch, with the format, mapping and skip-bad choice the
    // page shows. Returns at once; importFinished() tells the end. Ignored while busy.
    void importFiles(const QStringList& paths);
    // Asks for confirmation, then removes the batch selected in the history.
    void removeSelectedBatch();
    // Removes an import batch without asking; batchRemoved() tells the end.
    void removeBatch(qint64 batchId);
    // Stops the running import; nothing of the file being read is written.
    void cancelImport();

signals:
    // An import ended: ok (every file went in), and the message shown to the user.
    void importFinished(bool ok, const QString& message);
    void batchRemoved(bool ok, const QString& message);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragLeaveEvent(QDragLeaveEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void refreshOverview();
    void applyOverview(const UsageOverview& overview);
    void applyFilter();
    void resetFilters();
    void setBusy(bool busy);
    void setDropHighlight(bool on);
    void updateRecordCount();
    void updateButtons();
    void showMessage(const QString& message);

    Workspace& m_workspace;
    ImportBatchModel* m_batches;
    UsageRecordModel* m_records;
    QFutureWatcher<UsageOverview>* m_overviewWatcher;
    std::shared_ptr<std::atomic_bool> m_cancel;
    bool m_busy = false;
    // The date filter follows the usage range until the user picks dates.
    bool m_datesFollowRange = true;

    QFrame* m_dropZone;
    QPushButton* m_import;
    QComboBox* m_format;
    QComboBox* m_mapping;
    QCheckBox* m_skipBad;
    QLabel* m_dropHint;
    QProgressBar* m_progress;
    QLabel* m_progressText;
    QPushButton* m_cancelImport;
    QLabel* m_status;
    QTableView* m_history;
    QLabel* m_historySummary;
    QPushButton* m_remove;
    QDateEdit* m_from;
    QDateEdit* m_to;
    QComboBox* m_provider;
    QLineEdit* m_model;
    QTimer* m_modelDebounce;
    QPushButton* m_resetFilters;
    QTableView* m_recordTable;
    QLabel* m_recordCount;
    QPushButton* m_loadMore;
};

} // namespace finops
