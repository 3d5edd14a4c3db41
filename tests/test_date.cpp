#include "date.h"

#include <QtTest>

using finops::Clock;
using finops::Date;

class TestDate : public QObject
{
    Q_OBJECT
private slots:
    void parse_data();
    void parse();
    void roundTrip();
    void clockCanBeFixed();
};

void TestDate::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("days");
    QTest::newRow("epoch") << "1970-01-01" << true << 0;
    QTest::newRow("deepseek v3.2 price date") << "2025-09-29" << true << 20360;
    QTest::newRow("leap day") << "2024-02-29" << true << 19782;
    QTest::newRow("no leap day in 2025") << "2025-02-29" << false << 0;
    QTest::newRow("month 13") << "2025-13-01" << false << 0;
    QTest::newRow("slashes") << "2025/09/29" << false << 0;
    QTest::newRow("short") << "2025-9-29" << false << 0;
    QTest::newRow("trailing") << "2025-09-29T" << false << 0;
    QTest::newRow("empty") << "" << false << 0;
}

void TestDate::parse()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(int, days);
    const auto d = Date::parse(text.toStdString());
    QCOMPARE(d.has_value(), valid);
    if (valid) {
        QCOMPARE(d->daysSinceEpoch, days);
        QCOMPARE(QString::fromStdString(d->toString()), text);
    }
}

void TestDate::roundTrip()
{
    for (int days = -800; days < 30000; days += 97) {
        const Date d{days};
        QCOMPARE(Date::parse(d.toString())->daysSinceEpoch, days);
    }
}

void TestDate::clockCanBeFixed()
{
    Clock::setToday(Date::fromCivil(2030, 1, 15));
    QCOMPARE(QString::fromStdString(Clock::today().toString()), QStringLiteral("2030-01-15"));
    Clock::setToday(std::nullopt);
    QVERIFY(Clock::today().year() >= 2025);
}

QTEST_GUILESS_MAIN(TestDate)
#include "test_date.moc"
