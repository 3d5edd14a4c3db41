#include "demoworkspace.h"
#include "fileio.h"
#include "importbatchmodel.h"
#include "mappingprofile.h"
#include "store.h"
#include "usagepage.h"
#include "usagerecordmodel.h"
#include "usagestore.h"
#include "workspace.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QUrl>
#include <QtTest>
#include <fstream>

using namespace finops;

namespace {
QString sample(const char* name)
{
    return QStringLiteral(FINOPS_TEST_DATA "/usage/") + QLatin1String(name);
}

// A LiteLLM spend log whose third line has a count that is not a number.
const char* const kBadLiteLlm =
    "request_id,startTime,model,custom_llm_provider,prompt_tokens,completion_tokens\n"
    "a,2025-09-01T00:00:00Z,gpt-4o,openai,10,2\n"
    "b,2025-09-01T00:00:00Z,gpt-4o,openai,ten,2\n"
    "c,2025-09-01T00:00:00Z,gpt-4o,openai,10,2\n";

constexpr int kTimeout = 60000; // sanitizer builds on a loaded machine
} // namespace

class TestUsagePage : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void importAddsABatchAndItsRecords_data();
    void importAddsABatchAndItsRecords();
    void severalFilesAreSeveralBatches();
    void reimportAddsNothing();
    void badFileShowsErrorAndChangesNothing();
    void skipBadListsRejectsBesideTheFile();
    void cancelLeavesTheStoreUnchanged();
    void removeAsksThenRemovesTheBatch();
    void recordFiltersNarrowTheTable();
    void recordsAreReadPageByPage();
    void droppedFilesAreImported();
    void modelDestroyedWhileLoadingIsSafe();

private:
    // Imports through the page and waits for the end: (ok, message).
    std::pair<bool, QString> import(const QStringList& files);
    void recreatePage();
    std::int64_t storedRecords();
    QString writeFile(const QString& name, const std::string& contents);
    template <typename T> T* child(const char* name) const
    {
        return m_page->findChild<T*>(QString::fromLatin1(name));
    }
    int historyRows() const { return m_page->batchModel()->rowCount(); }
    int recordRows() const { return m_page->recordModel()->rowCount(); }

    QTemporaryDir m_dir;
    QString m_db;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<UsagePage> m_page;
    std::unique_ptr<QAbstractItemModelTester> m_batchTester;
    std::unique_ptr<QAbstractItemModelTester> m_recordTester;
};

void TestUsagePage::init()
{
    static int n = 0;
    m_db = m_dir.filePath(QStringLiteral("w%1.db").arg(++n));
    m_workspace = std::make_unique<Workspace>(m_db);
    recreatePage();
}

void TestUsagePage::recreatePage()
{
    m_batchTester.reset();
    m_recordTester.reset();
    m_page = std::make_unique<UsagePage>(*m_workspace);
    m_page->resize(1100, 700);
    m_page->show();
    m_batchTester = std::make_unique<QAbstractItemModelTester>(
        m_page->batchModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_recordTester = std::make_unique<QAbstractItemModelTester>(
        m_page->recordModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY_WITH_TIMEOUT(m_page->recordModel()->totalCount() >= 0, kTimeout);
}

void TestUsagePage::cleanup()
{
    m_batchTester.reset();
    m_recordTester.reset();
    m_page.reset();
    m_workspace.reset();
}

std::pair<bool, QString> TestUsagePage::import(const QStringList& files)
{
    QSignalSpy finished(m_page.get(), &UsagePage::importFinished);
    m_page->importFiles(files);
    if (!finished.wait(kTimeout))
        return {false, QStringLiteral("timed out")};
    return {finished[0][0].toBool(), finished[0][1].toString()};
}

std::int64_t TestUsagePage::storedRecords()
{
    Store store(m_db.toStdString());
    return UsageStore(store).recordCount({});
}

QString TestUsagePage::writeFile(const QString& name, const std::string& contents)
{
    const QString path = m_dir.filePath(name);
    std::ofstream(path.toStdString(), std::ios::binary) << contents;
    return path;
}

void TestUsagePage::importAddsABatchAndItsRecords_data()
{
    // Record counts from tests/data/usage/README.md.
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("detected");
    QTest::addColumn<int>("records");
    QTest::newRow("openai usage, 3 buckets x 2 results")
        << sample("openai-usage-completions.json") << "auto"
        << "openai-usage" << 6;
    QTest::newRow("litellm spend logs csv, 6 rows") << sample("litellm-spend-logs.csv") << "auto"
                                                    << "litellm" << 6;
    QTest::newRow("anthropic messages, 5 results")
        << sample("anthropic-usage-messages.json") << "anthropic-usage"
        << "anthropic-usage" << 5;
    QTest::newRow("generic csv with a saved mapping") << sample("generic-gateway.csv") << "generic"
                                                      << "generic" << 6;
}

void TestUsagePage::importAddsABatchAndItsRecords()
{
    QFETCH(QString, file);
    QFETCH(QString, format);
    QFETCH(QString, detected);
    QFETCH(int, records);

    if (format == QStringLiteral("generic")) {
        const std::string profile = sample("generic-gateway.mapping.json").toStdString();
        {
            Store store(m_db.toStdString());
            UsageStore(store).saveMappingProfile(
                MappingProfile::fromJson(readWholeFile(profile), profile));
        }
        recreatePage(); // lists the saved profile
    }
    auto* formatCombo = child<QComboBox>("usageFormat");
    formatCombo->setCurrentIndex(formatCombo->findData(format));
    QCOMPARE(formatCombo->currentData().toString(), format);
    if (format == QStringLiteral("generic")) {
        auto* mapping = child<QComboBox>("mappingProfile");
        QTRY_VERIFY(mapping->findData(QStringLiteral("acme-gateway")) >= 0);
        QVERIFY(mapping->isEnabled());
        mapping->setCurrentIndex(mapping->findData(QStringLiteral("acme-gateway")));
    }

    const auto [ok, message] = import({file});
    QVERIFY2(ok, qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("imported %1, duplicates 0, rejected 0").arg(records)),
             qPrintable(message));
    QTRY_COMPARE_WITH_TIMEOUT(historyRows(), 1, kTimeout);
    const auto& batch = m_page->batchModel()->batch(0);
    QCOMPARE(QString::fromStdString(batch.format), detected);
    QCOMPARE(batch.records, std::int64_t(records));
    QCOMPARE(m_page->batchModel()->index(0, ImportBatchModel::File).data().toString(),
             QFileInfo(file).fileName());
    QTRY_COMPARE_WITH_TIMEOUT(recordRows(), records, kTimeout);
    QCOMPARE(m_page->recordModel()->totalCount(), qint64(records));
    QCOMPARE(child<QLabel>("recordCount")->text(),
             QStringLiteral("Showing %1 of %1 records, newest first").arg(records));
    QVERIFY(!m_page->isBusy());
}

void TestUsagePage::severalFilesAreSeveralBatches()
{
    const auto [ok, message] =
        import({sample("openai-usage-completions.json"), sample("openrouter-generations.jsonl")});
    QVERIFY2(ok, qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("2 files: imported 10, duplicates 0, rejected 0")),
             qPrintable(message));
    QTRY_COMPARE_WITH_TIMEOUT(historyRows(), 2, kTimeout);
    // Newest first.
    QCOMPARE(m_page->batchModel()->index(0, ImportBatchModel::File).data().toString(),
             QStringLiteral("openrouter-generations.jsonl"));
    QTRY_COMPARE_WITH_TIMEOUT(recordRows(), 10, kTimeout);
}

void TestUsagePage::reimportAddsNothing()
{
    QVERIFY(import({sample("openai-usage-completions.json")}).first);
    const auto [ok, message] = import({sample("openai-usage-completions.json")});
    QVERIFY(ok);
    QVERIFY2(message.contains(QStringLiteral("imported 0, duplicates 6")), qPrintable(message));
    QTRY_COMPARE_WITH_TIMEOUT(historyRows(), 1, kTimeout);
    QCOMPARE(storedRecords(), std::int64_t(6));
}

void TestUsagePage::badFileShowsErrorAndChangesNothing()
{
    QVERIFY(import({sample("openai-usage-completions.json")}).first);
    QTRY_COMPARE_WITH_TIMEOUT(recordRows(), 6, kTimeout);

    const QString bad = writeFile(QStringLiteral("bad.csv"), kBadLiteLlm);
    const auto [ok, message] = import({bad});
    QVERIFY(!ok);
    QVERIFY2(message.contains(QStringLiteral("bad.csv:3:prompt_tokens")), qPrintable(message));
    auto* dialog = child<QMessageBox>("importErrorDialog");
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QVERIFY2(dialog->informativeText().contains(QStringLiteral("bad.csv:3:prompt_tokens")),
             qPrintable(dialog->informativeText()));
    QVERIFY2(dialog->text().contains(QStringLiteral("unchanged")), qPrintable(dialog->text()));
    dialog->close();

    QCOMPARE(storedRecords(), std::int64_t(6));
    QCOMPARE(historyRows(), 1);
    QCOMPARE(recordRows(), 6);
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("bad.rejects.csv"))));
}

void TestUsagePage::skipBadListsRejectsBesideTheFile()
{
    const QString bad = writeFile(QStringLiteral("mixed.csv"), kBadLiteLlm);
    child<QCheckBox>("skipBadRecords")->setChecked(true);
    const auto [ok, message] = import({bad});
    QVERIFY2(ok, qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("imported 2, duplicates 0, rejected 1")),
             qPrintable(message));
    const QString rejects = m_dir.filePath(QStringLiteral("mixed.rejects.csv"));
    QVERIFY2(message.contains(rejects), qPrintable(message));
    const std::string text = readWholeFile(rejects.toStdString());
    QVERIFY2(text.find("prompt_tokens") != std::string::npos, text.c_str());
    QTRY_COMPARE_WITH_TIMEOUT(historyRows(), 1, kTimeout);
    QCOMPARE(m_page->batchModel()->index(0, ImportBatchModel::Rejected).data().toString(),
             QStringLiteral("1"));
}

void TestUsagePage::cancelLeavesTheStoreUnchanged()
{
    // Big enough that the import is still reading when Cancel is pressed.
    std::string big =
        "request_id,startTime,model,custom_llm_provider,prompt_tokens,completion_tokens\n";
    for (int i = 0; i < 200000; ++i)
        big += "r" + std::to_string(i) + ",2025-09-01T00:00:00Z,gpt-4o,openai,10,2\n";
    const QString file = writeFile(QStringLiteral("big.csv"), big);

    QSignalSpy finished(m_page.get(), &UsagePage::importFinished);
    m_page->importFiles({file});
    QVERIFY(m_page->isBusy());
    QVERIFY(child<QPushButton>("cancelImportButton")->isVisible());
    QVERIFY(!child<QPushButton>("importUsageButton")->isEnabled());
    QTest::mouseClick(child<QPushButton>("cancelImportButton"), Qt::LeftButton);
    QVERIFY(finished.wait(kTimeout));
    QVERIFY(!finished[0][0].toBool());
    QVERIFY2(finished[0][1].toString().contains(QStringLiteral("canceled")),
             qPrintable(finished[0][1].toString()));
    QVERIFY(!child<QPushButton>("cancelImportButton")->isVisible());
    QVERIFY(!child<QMessageBox>("importErrorDialog")); // canceling is not an error
    QCOMPARE(storedRecords(), std::int64_t(0));
    QCOMPARE(historyRows(), 0);
}

void TestUsagePage::removeAsksThenRemovesTheBatch()
{
    QVERIFY(
        import({sample("openai-usage-completions.json"), sample("litellm-spend-logs.csv")}).first);
    QTRY_COMPARE_WITH_TIMEOUT(historyRows(), 2, kTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(recordRows(), 12, kTimeout);

    auto* history = child<QTableView>("importHistoryTable");
    auto* remove = child<QPushButton>("removeBatchButton");
    QVERIFY(!remove->isEnabled()); // nothing selected
    history->selectRow(1);         // the older batch: openai-usage-completions.json
    QVERIFY(remove->isEnabled());
    const qint64 id = m_page->batchModel()->batch(1).id;

    QSignalSpy removed(m_page.get(), &UsagePage::batchRemoved);
    remove->click();
    auto* confirm = child<QMessageBox>("removeBatchConfirm");
    QVERIFY(confirm);
    QVERIFY(confirm->text().contains(QStringLiteral("openai-usage-completions.json")));
    QAbstractButton* yes = nullptr;
    for (QAbstractButton* b : confirm->buttons())
        if (confirm->buttonRole(b) == QMessageBox::DestructiveRole)
            yes = b;
    QVERIFY(yes);
    yes->click();
    QVERIFY(removed.wait(kTimeout));
    QVERIFY2(removed[0][0].toBool(), qPrintable(removed[0][1].toString()));
    QVERIFY(removed[0][1].toString().contains(QString::number(id)));

    QTRY_COMPARE_WITH_TIMEOUT(historyRows(), 1, kTimeout);
    QCOMPARE(m_page->batchModel()->batch(0).format, std::string("litellm"));
    QTRY_COMPARE_WITH_TIMEOUT(recordRows(), 6, kTimeout);
    QCOMPARE(storedRecords(), std::int64_t(6));
}

void TestUsagePage::recordFiltersNarrowTheTable()
{
    QVERIFY(
        import({sample("openai-usage-completions.json"), sample("openrouter-generations.jsonl")})
            .first);
    QTRY_COMPARE_WITH_TIMEOUT(recordRows(), 10, kTimeout);

    auto* provider = child<QComboBox>("recordsProvider");
    QTRY_VERIFY(provider->findData(QStringLiteral("openrouter")) >= 0);
    provider->setCurrentIndex(provider->findData(QStringLiteral("openrouter")));
    QTRY_COMPARE_WITH_TIMEOUT(m_page->recordModel()->totalCount(), qint64(4), kTimeout);
    QCOMPARE(recordRows(), 4);
    for (int r = 0; r < recordRows(); ++r)
        QCOMPARE(m_page->recordModel()->record(r).provider, std::string("openrouter"));

    child<QPushButton>("resetRecordFilters")->click();
    QTRY_COMPARE_WITH_TIMEOUT(recordRows(), 10, kTimeout);

    child<QLineEdit>("recordsModel")
        ->setText(QStringLiteral("GPT-4O-MINI")); // case does not matter
    QTRY_VERIFY_WITH_TIMEOUT(m_page->recordModel()->totalCount() > 0 && recordRows() < 10,
                             kTimeout);
    for (int r = 0; r < recordRows(); ++r)
        QVERIFY(QString::fromStdString(m_page->recordModel()->record(r).model)
                    .contains(QStringLiteral("gpt-4o-mini")));

    child<QPushButton>("resetRecordFilters")->click();
    QTRY_COMPARE_WITH_TIMEOUT(recordRows(), 10, kTimeout);
    // The OpenAI sample's first day: 2025-09-01, two results.
    child<QDateEdit>("recordsFrom")->setDate(QDate(2025, 9, 1));
    child<QDateEdit>("recordsTo")->setDate(QDate(2025, 9, 1));
    QTRY_COMPARE_WITH_TIMEOUT(m_page->recordModel()->totalCount(), qint64(2), kTimeout);
    QTRY_COMPARE(recordRows(), 2);
}

void TestUsagePage::recordsAreReadPageByPage()
{
    {
        Store store(m_db.toStdString());
        writeDemoWorkspace(store, Date::fromCivil(2026, 11, 22));
    }
    recreatePage();
    UsageRecordModel* records = m_page->recordModel();
    QTRY_COMPARE_WITH_TIMEOUT(records->totalCount(), qint64(990), kTimeout);
    QTRY_COMPARE(recordRows(), int(UsageRecordModel::kPageSize));
    QVERIFY(records->canFetchMore({}));
    auto* loadMore = child<QPushButton>("loadMoreButton");
    QVERIFY(loadMore->isVisible());
    QCOMPARE(child<QLabel>("recordCount")->text(),
             QStringLiteral("Showing 500 of 990 records, newest first"));
    loadMore->click();
    QTRY_COMPARE_WITH_TIMEOUT(recordRows(), 990, kTimeout);
    QVERIFY(!records->canFetchMore({}));
    QVERIFY(!loadMore->isVisible());
    // Newest first.
    QVERIFY(records->record(0).timestampUtc >= records->record(989).timestampUtc);
    QCOMPARE(records->index(0, UsageRecordModel::Time).data().toString(),
             QStringLiteral("2026-11-22T00:00:00Z"));
}

void TestUsagePage::droppedFilesAreImported()
{
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(sample("openai-usage-completions.json"))});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_page.get(), &enter);
    QVERIFY(enter.isAccepted());

    QSignalSpy finished(m_page.get(), &UsagePage::importFinished);
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_page.get(), &drop);
    QVERIFY(drop.isAccepted());
    QVERIFY(finished.wait(kTimeout));
    QVERIFY2(finished[0][0].toBool(), qPrintable(finished[0][1].toString()));
    QTRY_COMPARE_WITH_TIMEOUT(historyRows(), 1, kTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(recordRows(), 6, kTimeout);
}

// A record model destroyed while its page is still being read (the page closed, the workspace
// switched) drops the page quietly: nothing runs on the dead model (CI once aborted here).
void TestUsagePage::modelDestroyedWhileLoadingIsSafe()
{
    {
        Store store(m_db.toStdString());
        writeDemoWorkspace(store, Date::fromCivil(2026, 11, 22));
    }
    for (int i = 0; i < 20; ++i) {
        auto model = std::make_unique<UsageRecordModel>(*m_workspace);
        model->refresh();
        QVERIFY(model->isLoading());
        model.reset();
        QThreadPool::globalInstance()->waitForDone();
        QCoreApplication::processEvents();
    }
    auto model = std::make_unique<UsageRecordModel>(*m_workspace);
    model->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(model->totalCount(), qint64(990), kTimeout);
}

QTEST_MAIN(TestUsagePage)
#include "test_usagepage.moc"

