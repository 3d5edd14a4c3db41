#include "csvreader.h"
#include "inputerror.h"

#include <QtTest>

using finops::CsvReader;
using finops::CsvRecord;
using finops::InputError;

namespace {
// Records as "field|field" strings with the start line, to compare whole files at once.
QStringList readAll(const std::string& text)
{
    CsvReader reader(text, "t.csv");
    CsvRecord r;
    QStringList out;
    while (reader.next(r)) {
        QStringList fields;
        for (auto f : r.fields)
            fields << QString::fromUtf8(f.data(), static_cast<int>(f.size()));
        out << QString::number(r.line) + ":" + fields.join('|');
    }
    return out;
}
} // namespace

class TestCsvReader : public QObject
{
    Q_OBJECT
private slots:
    void records_data();
    void records();
    void errors_data();
    void errors();
    void manyEscapedFieldsInOneRecord();
};

void TestCsvReader::records_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("plain") << QByteArray("a,b,c\n1,2,3\n") << QStringList{"1:a|b|c", "2:1|2|3"};
    QTest::newRow("no final newline") << QByteArray("a,b\n1,2") << QStringList{"1:a|b", "2:1|2"};
    QTest::newRow("CRLF (RFC 4180 2.1)") << QByteArray("a,b\r\n1,2\r\n") << QStringList{"1:a|b", "2:1|2"};
    QTest::newRow("empty fields") << QByteArray("a,,c,\n") << QStringList{"1:a||c|"};
    QTest::newRow("quoted comma (RFC 4180 2.6)") << QByteArray("\"a,b\",c\n") << QStringList{"1:a,b|c"};
    QTest::newRow("quoted newline keeps start line")
        << QByteArray("x\n\"line1\nline2\",y\nz\n") << QStringList{"1:x", "2:line1\nline2|y", "4:z"};
    QTest::newRow("doubled quote (RFC 4180 2.7)") << QByteArray("\"say \"\"hi\"\"\",2\n")
                                                  << QStringList{"1:say \"hi\"|2"};
    QTest::newRow("empty quoted") << QByteArray("\"\",x\n") << QStringList{"1:|x"};
    QTest::newRow("only a doubled quote") << QByteArray("\"\"\"\"\n") << QStringList{"1:\""};
    QTest::newRow("blank lines skipped") << QByteArray("a\n\n\nb\n") << QStringList{"1:a", "4:b"};
    QTest::newRow("UTF-8 BOM ignored") << QByteArray("\xEF\xBB\xBFprovider,model\n") << QStringList{"1:provider|model"};
    QTest::newRow("JSON in a quoted field")
        << QByteArray("id,meta\nr1,\"{\"\"usage\"\": {\"\"cached\"\": 3}}\"\n")
        << QStringList{"1:id|meta", "2:r1|{\"usage\": {\"cached\": 3}}"};
    QTest::newRow("spaces kept") << QByteArray(" a , b \n") << QStringList{"1: a | b "};
}

void TestCsvReader::records()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, expected);
    QCOMPARE(readAll(text.toStdString()), expected);
}

void TestCsvReader::errors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("unterminated quote") << QByteArray("a,b\n1,\"open\n2,3\n") << "t.csv:2: unterminated quoted field";
    QTest::newRow("text after closing quote") << QByteArray("a\n\"x\"y,1\n") << "t.csv:2: unexpected character after a closing quote";
    QTest::newRow("quote inside unquoted field") << QByteArray("a,b\n1,2\"3\n") << "t.csv:2: a quote inside an unquoted field (field 2)";
}

void TestCsvReader::errors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, message);
    try {
        readAll(text.toStdString());
        QFAIL("no error");
    } catch (const InputError& e) {
        QVERIFY2(QString::fromStdString(e.what()).startsWith(message), e.what());
    }
}

void TestCsvReader::manyEscapedFieldsInOneRecord()
{
    // More escaped fields than the reader's inline buffer holds.
    std::string line;
    QStringList expected;
    for (int i = 0; i < 20; ++i) {
        line += (i ? "," : "") + std::string("\"v\"\"") + std::to_string(i) + "\"";
        expected << "v\"" + QString::number(i);
    }
    QCOMPARE(readAll(line + "\n"), QStringList{"1:" + expected.join('|')});
}

QTEST_GUILESS_MAIN(TestCsvReader)
#include "test_csvreader.moc"
