#include "forecast.h"

#include <QtTest>
#include <cmath>

using namespace finops;

namespace {

// A flat closed-API plan: no growth, no decline, no uncertainty, unless a test sets them.
ForecastInputs flat(double statusQuoUsd, double optimizedUsd, int months)
{
    ForecastInputs in;
    in.firstMonth = Date::fromCivil(2027, 1, 1);
    in.months = months;
    in.baselineMonthlyMtok = 1000;
    in.statusQuo = {statusQuoUsd, 0};
    in.optimized = {optimizedUsd, 0};
    in.monthlyGrowth = 0;
    in.growthLow = in.growthHigh = 0;
    in.declineSpread = 0;
    in.paths = 200;
    return in;
}

constexpr double kTol = 1e-9;

} // namespace

class TestForecast : public QObject
{
    Q_OBJECT
private slots:
    void compoundGrowth();
    void yearlyDecline_data();
    void yearlyDecline();
    void elasticity_data();
    void elasticity();
    void paybackOfSwitchingCost();
    void paybackOfSelfHostedFleetUsesCash();
    void paybackNeverWhenThePlanCostsMore();
    void selfHostedCapacityGrowsWithItsDecline();
    void fitOnExactExponentialHasRSquaredOne();
    void fitHandWorkedThreePoints();
    void fitNeedsThreeMonths();
    void monteCarloIsReproducibleWithItsSeed();
    void monteCarloBandsAreOrdered();
    void monteCarloDegenerateRangeIsTheLine();
    void monteCarloQuantilesOfUniformGrowth();
    void monthArithmetic();
    void invalidInputsAreNamed_data();
    void invalidInputsAreNamed();
};

void TestForecast::compoundGrowth()
{
    // 10 % a month on $1,000: 1,100, 1,210, 1,331; the optimised $500 plan grows alike.
    ForecastInputs in = flat(1000, 500, 3);
    in.monthlyGrowth = 0.10;
    const ForecastResult r = forecast(in);
    QCOMPARE(r.months.size(), std::size_t(3));
    const double expected[] = {1100, 1210, 1331};
    for (int m = 0; m < 3; ++m) {
        QVERIFY(std::fabs(r.months[m].statusQuoUsd - expected[m]) < kTol);
        QVERIFY(std::fabs(r.months[m].optimizedUsd - expected[m] / 2) < kTol);
        QVERIFY(std::fabs(r.months[m].statusQuoMtok - expected[m]) < kTol); // V0 = 1,000 Mtok
    }
    // Cumulative savings: 550, 550 + 605, + 665.5.
    QVERIFY(std::fabs(r.months[2].cumulativeSavingsOptimizedUsd - 1820.5) < kTol);
    QVERIFY(std::fabs(r.totalStatusQuoUsd - 3641) < kTol);
    QCOMPARE(monthLabel(r.months[0].month), std::string("2027-01"));
    QCOMPARE(monthLabel(r.months[2].month), std::string("2027-03"));
}

void TestForecast::yearlyDecline_data()
{
    QTest::addColumn<double>("decline");
    QTest::addColumn<int>("month");
    QTest::addColumn<bool>("openWeight");
    QTest::addColumn<double>("expected");
    // $1,200 a month; price factor (1 - d)^(m / 12).
    QTest::newRow("closed 50 %/y, month 12: half") << 0.5 << 12 << false << 600.0;
    QTest::newRow("closed 50 %/y, month 6: 1/sqrt(2)")
        << 0.5 << 6 << false << 1200.0 / std::sqrt(2.0);
    QTest::newRow("closed 50 %/y, month 24: quarter") << 0.5 << 24 << false << 300.0;
    QTest::newRow("open 75 %/y, month 12: quarter") << 0.75 << 12 << true << 300.0;
    QTest::newRow("open 75 %/y, month 18: eighth") << 0.75 << 18 << true << 150.0;
    QTest::newRow("rise 20 %/y (negative decline), month 12") << -0.2 << 12 << false << 1440.0;
}

void TestForecast::yearlyDecline()
{
    QFETCH(double, decline);
    QFETCH(int, month);
    QFETCH(bool, openWeight);
    QFETCH(double, expected);
    ForecastInputs in = flat(0, 0, month);
    in.statusQuo = openWeight ? PlanSpend{0, 1200} : PlanSpend{1200, 0};
    in.declinePerYear[openWeight ? 1 : 0] = decline;
    // The other class declines at a different rate and must not matter.
    in.declinePerYear[openWeight ? 0 : 1] = 0.9;
    const ForecastResult r = forecastLines(in);
    QVERIFY2(std::fabs(r.months.back().statusQuoUsd - expected) < 1e-6,
             qPrintable(QString::number(r.months.back().statusQuoUsd, 'g', 12)));
}

void TestForecast::elasticity_data()
{
    QTest::addColumn<double>("e");
    QTest::addColumn<double>("expectedUsd");
    QTest::addColumn<double>("expectedMtok");
    // Prices halve in a year: index 0.5, volume multiplier 0.5^-e.
    QTest::newRow("e = 0: volume flat, spend halves") << 0.0 << 500.0 << 1000.0;
    QTest::newRow("e = 1: volume doubles, spend flat") << 1.0 << 1000.0 << 2000.0;
    QTest::newRow("e = 2: volume x4, spend doubles") << 2.0 << 2000.0 << 4000.0;
    QTest::newRow("e = 0.5: volume x sqrt(2)")
        << 0.5 << 1000.0 / std::sqrt(2.0) << 1000.0 * std::sqrt(2.0);
}

void TestForecast::elasticity()
{
    QFETCH(double, e);
    QFETCH(double, expectedUsd);
    QFETCH(double, expectedMtok);
    ForecastInputs in = flat(1000, 1000, 12);
    in.declinePerYear[0] = 0.5;
    in.elasticity = e;
    const ForecastResult r = forecastLines(in);
    QVERIFY(std::fabs(r.months[11].statusQuoUsd - expectedUsd) < 1e-6);
    QVERIFY(std::fabs(r.months[11].statusQuoMtok - expectedMtok) < 1e-6);
}

void TestForecast::paybackOfSwitchingCost()
{
    // Saves $200 a month after a one-off $500: -300, -100, +100 -> month 3.
    ForecastInputs in = flat(1000, 800, 12);
    in.switchingCostUsd = 500;
    in.plan = 1;
    const ForecastResult r = forecastLines(in);
    QCOMPARE(r.paybackMonthIndex, std::optional<int>(3));
    QCOMPARE(r.paybackMonth, std::optional<Date>(Date::fromCivil(2027, 3, 1)));
    QVERIFY(std::fabs(r.months[1].cumulativeCashSavingsPlanUsd + 100) < kTol);
    QVERIFY(std::fabs(r.investmentUsd - 500) < kTol);

    // Without a one-off cost a saving pays back in its first month.
    in.switchingCostUsd = 0;
    QCOMPARE(forecastLines(in).paybackMonthIndex, std::optional<int>(1));
    // The status quo has nothing to pay back.
    in.plan = 0;
    QCOMPARE(forecastLines(in).paybackMonthIndex, std::optional<int>());
}

void TestForecast::paybackOfSelfHostedFleetUsesCash()
{
    // Fleet: $10,000 capital, $100 a month running, $400 a month with depreciation; it can
    // take all the traffic. Status quo $1,000; optimised $1,000 (no routing gain).
    ForecastInputs in = flat(1000, 1000, 24);
    in.fleet = {true, 400, 100, 10000, 1e9, 1.0};
    in.switchingCostUsd = 500;
    in.plan = 2;
    const ForecastResult r = forecastLines(in);
    // The line is accrual: $400 a month.
    QVERIFY(std::fabs(r.months[0].selfHostedUsd - 400) < kTol);
    QVERIFY(std::fabs(r.months[0].selfHostedMtok - 1000) < kTol);
    // Cash: -10,500 + 900 m >= 0 first at m = 12 (10,800); m = 11 gives 9,900.
    QCOMPARE(r.paybackMonthIndex, std::optional<int>(12));
    QVERIFY(std::fabs(r.investmentUsd - 10500) < kTol);
    QVERIFY(std::fabs(r.months[10].cumulativeCashSavingsPlanUsd - (9900 - 10500)) < kTol);
}

void TestForecast::paybackNeverWhenThePlanCostsMore()
{
    ForecastInputs in = flat(1000, 1100, 36);
    in.plan = 1;
    const ForecastResult r = forecastLines(in);
    QVERIFY(!r.paybackMonthIndex);
    QVERIFY(!r.paybackMonth);
}

void TestForecast::selfHostedCapacityGrowsWithItsDecline()
{
    // 1,000 Mtok a month, half may move; the fleet serves 300 Mtok now; optimised API $1,000.
    ForecastInputs in = flat(2000, 1000, 12);
    in.fleet = {true, 200, 50, 0, 300, 0.5};
    in.declinePerYear[2] = 0.5; // capacity doubles in a year
    in.plan = 2;
    const ForecastResult r = forecastLines(in);
    // Month 12: capacity 600 but only 500 may move: 200 + 1000 * (1 - 0.5) = 700.
    QVERIFY(std::fabs(r.months[11].selfHostedUsd - 700) < 1e-6);
    QVERIFY(std::fabs(r.months[11].selfHostedMtok - 500) < 1e-6);
    // Month 6: capacity 300 * sqrt(2) = 424.26 Mtok.
    const double served = 300 * std::sqrt(2.0);
    QVERIFY(std::fabs(r.months[5].selfHostedUsd - (200 + 1000 * (1 - served / 1000))) < 1e-6);
    // Without a fleet the self-hosted plan is the optimised plan.
    in.fleet.enabled = false;
    const ForecastResult none = forecastLines(in);
    QVERIFY(std::fabs(none.months[5].selfHostedUsd - none.months[5].optimizedUsd) < kTol);
}

void TestForecast::fitOnExactExponentialHasRSquaredOne()
{
    std::vector<double> v;
    for (int t = 0; t < 12; ++t)
        v.push_back(250.0 * std::pow(1.05, t));
    v[4] = 0; // a month without usage is left out, not read as zero
    const auto fit = fitGrowth(v);
    QVERIFY(fit);
    QCOMPARE(fit->points, 11);
    QVERIFY(std::fabs(fit->monthlyGrowth - 0.05) < 1e-12);
    QVERIFY(std::fabs(fit->rSquared - 1.0) < 1e-12);
    QVERIFY(std::fabs(fit->intercept - std::log(250.0)) < 1e-10);
}

void TestForecast::fitHandWorkedThreePoints()
{
    // ln v = 0, 1, 3 at t = 0, 1, 2: slope 3/2, intercept -1/6, residuals 1/6, -1/3, 1/6:
    // SSres = 1/6, SStot = 14/3, R² = 1 - 1/28 = 27/28.
    const std::vector<double> v{1.0, std::exp(1.0), std::exp(3.0)};
    const auto fit = fitGrowth(v);
    QVERIFY(fit);
    QVERIFY(std::fabs(fit->monthlyGrowth - (std::exp(1.5) - 1)) < 1e-12);
    QVERIFY(std::fabs(fit->intercept + 1.0 / 6) < 1e-12);
    QVERIFY(std::fabs(fit->rSquared - 27.0 / 28) < 1e-12);
}

void TestForecast::fitNeedsThreeMonths()
{
    QVERIFY(!fitGrowth(std::vector<double>{1, 2}));
    QVERIFY(!fitGrowth(std::vector<double>{1, 0, 2, -1}));
    QVERIFY(!fitGrowth(std::vector<double>{}));
}

void TestForecast::monteCarloIsReproducibleWithItsSeed()
{
    ForecastInputs in = flat(1000, 700, 36);
    in.statusQuo = {600, 400};
    in.optimized = {300, 400};
    in.growthLow = -0.01;
    in.growthHigh = 0.08;
    in.declineSpread = 0.15;
    in.declinePerYear[0] = 0.3;
    in.declinePerYear[1] = 0.5;
    in.paths = 1000;
    in.seed = 42;
    const Bands a = monteCarloBands(in);
    const Bands b = monteCarloBands(in);
    QCOMPARE(a.p10, b.p10);
    QCOMPARE(a.p50, b.p50);
    QCOMPARE(a.p90, b.p90);
    in.seed = 43;
    const Bands c = monteCarloBands(in);
    QVERIFY(c.p50 != a.p50);
}

void TestForecast::monteCarloBandsAreOrdered()
{
    ForecastInputs in = flat(1000, 700, 36);
    in.growthLow = -0.02;
    in.growthHigh = 0.1;
    in.declineSpread = 0.2;
    in.declinePerYear[0] = 0.3;
    in.elasticity = 1.2;
    in.fleet = {true, 300, 100, 5000, 400, 0.5};
    for (int plan = 0; plan <= 2; ++plan) {
        in.plan = plan;
        const ForecastResult r = forecast(in);
        for (const ForecastMonth& m : r.months) {
            QVERIFY(m.p10Usd <= m.p50Usd);
            QVERIFY(m.p50Usd <= m.p90Usd);
            QVERIFY(m.p10Usd > 0);
        }
        // Uncertainty widens with the horizon.
        QVERIFY(r.months.back().p90Usd - r.months.back().p10Usd >
                r.months.front().p90Usd - r.months.front().p10Usd);
    }
}

void TestForecast::monteCarloDegenerateRangeIsTheLine()
{
    ForecastInputs in = flat(1000, 700, 24);
    in.monthlyGrowth = in.growthLow = in.growthHigh = 0.03;
    in.declinePerYear[0] = 0.3;
    in.declineSpread = 0;
    const ForecastResult r = forecast(in);
    for (const ForecastMonth& m : r.months) {
        QVERIFY(std::fabs(m.p10Usd - m.optimizedUsd) < 1e-9 * m.optimizedUsd);
        QVERIFY(std::fabs(m.p90Usd - m.optimizedUsd) < 1e-9 * m.optimizedUsd);
    }
}

void TestForecast::monteCarloQuantilesOfUniformGrowth()
{
    // One month, growth ~ U[0, 10 %] on $1,000: spend ~ U[1,000, 1,100], so P10 ~ 1,010,
    // P50 ~ 1,050, P90 ~ 1,090 (sampling error with 20,000 paths: about 0.2).
    ForecastInputs in = flat(1000, 1000, 1);
    in.growthLow = 0;
    in.growthHigh = 0.10;
    in.paths = 20000;
    in.plan = 0;
    const Bands b = monteCarloBands(in);
    QVERIFY2(std::fabs(b.p10[0] - 1010) < 1.0, qPrintable(QString::number(b.p10[0])));
    QVERIFY2(std::fabs(b.p50[0] - 1050) < 1.0, qPrintable(QString::number(b.p50[0])));
    QVERIFY2(std::fabs(b.p90[0] - 1090) < 1.0, qPrintable(QString::number(b.p90[0])));
}

void TestForecast::monthArithmetic()
{
    QCOMPARE(addMonths(Date::fromCivil(2026, 11, 22), 2), Date::fromCivil(2027, 1, 1));
    QCOMPARE(addMonths(Date::fromCivil(2026, 1, 31), -1), Date::fromCivil(2025, 12, 1));
    QCOMPARE(addMonths(Date::fromCivil(2026, 12, 1), 36), Date::fromCivil(2029, 12, 1));
    QCOMPARE(monthLabel(Date::fromCivil(2027, 9, 1)), std::string("2027-09"));
}

void TestForecast::invalidInputsAreNamed_data()
{
    QTest::addColumn<QString>("field");
    QTest::newRow("months 0") << "months";
    QTest::newRow("growth -100 %") << "monthly_growth";
    QTest::newRow("decline 100 %") << "decline_per_year";
    QTest::newRow("negative elasticity") << "elasticity";
    QTest::newRow("growth range reversed") << "growth range";
    QTest::newRow("share above 1") << "fleet.self_hostable_share";
}

void TestForecast::invalidInputsAreNamed()
{
    QFETCH(QString, field);
    ForecastInputs in = flat(1000, 800, 12);
    QVERIFY(in.validate().empty());
    const std::string tag = QTest::currentDataTag();
    if (tag == "months 0")
        in.months = 0;
    else if (tag == "growth -100 %")
        in.monthlyGrowth = -1;
    else if (tag == "decline 100 %")
        in.declinePerYear[1] = 1;
    else if (tag == "negative elasticity")
        in.elasticity = -0.5;
    else if (tag == "growth range reversed")
        in.growthLow = 0.1;
    else if (tag == "share above 1")
        in.fleet = {true, 1, 1, 1, 1, 1.5};
    const std::string problem = in.validate();
    QVERIFY2(problem.rfind(field.toStdString(), 0) == 0, problem.c_str());
}

QTEST_GUILESS_MAIN(TestForecast)
#include "test_forecast.moc"
