#include "inputerror.h"
#include "jsondocument.h"

#include <QtTest>

using finops::InputError;
using finops::JsonDocument;
using finops::JsonFields;

class TestJsonDocument : public QObject
{
    Q_OBJECT
private slots:
    void linesOfMembersAndElements_data();
    void linesOfMembersAndElements();
    void syntaxErrorNamesLine();
    void fieldsReportTypeErrorsWithLine();
};

static const char* kDoc = R"({
  "schema": "x",
  "offers": [
    {"model": "a",
     "price": 1.5},
    {
      "model": "b/c",
      "price": -2
    }
  ]
})";

void TestJsonDocument::linesOfMembersAndElements_data()
{
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<int>("line");
    QTest::newRow("root") << "" << 1;
    QTest::newRow("member") << "/schema" << 2;
    QTest::newRow("array") << "/offers" << 3;
    QTest::newRow("element 0") << "/offers/0" << 4;
    QTest::newRow("member of element 0") << "/offers/0/price" << 5;
    QTest::newRow("element 1") << "/offers/1" << 6;
    QTest::newRow("member of element 1") << "/offers/1/price" << 8;
    QTest::newRow("absent member falls back to parent") << "/offers/1/missing" << 6;
}

void TestJsonDocument::linesOfMembersAndElements()
{
    QFETCH(QString, pointer);
    QFETCH(int, line);
    const JsonDocument doc = JsonDocument::parse(kDoc, "d.json");
    QCOMPARE(doc.lineOf(pointer.toStdString()), line);
    QCOMPARE(doc.root()["offers"][1]["model"].get<std::string>(), std::string("b/c"));
}

void TestJsonDocument::syntaxErrorNamesLine()
{
    try {
        JsonDocument::parse("{\n  \"a\": 1,\n  \"b\": tru\n}", "bad.json");
        QFAIL("no error");
    } catch (const InputError& e) {
        QCOMPARE(e.file(), std::string("bad.json"));
        QCOMPARE(e.line(), 3);
        QVERIFY2(QString::fromStdString(e.what()).contains("invalid JSON"), e.what());
    }
}

void TestJsonDocument::fieldsReportTypeErrorsWithLine()
{
    const JsonDocument doc = JsonDocument::parse(kDoc, "d.json");
    const JsonFields offer(doc, doc.root()["offers"][1], "/offers/1");
    try {
        offer.nonNegative("price");
        QFAIL("no error");
    } catch (const InputError& e) {
        QCOMPARE(QString::fromStdString(e.what()), QStringLiteral("d.json:8:price: must not be negative"));
    }
    try {
        offer.number("model");
        QFAIL("no error");
    } catch (const InputError& e) {
        QCOMPARE(e.line(), 7);
        QCOMPARE(e.field(), std::string("model"));
    }
}

QTEST_GUILESS_MAIN(TestJsonDocument)
#include "test_jsondocument.moc"
