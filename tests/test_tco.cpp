#include "tco.h"

#include <QtTest>

using namespace finops;

namespace {
TcoInputs bare(double purchase, double rentPerHour)
{
    TcoInputs in;
    in.purchaseUsdPerGpu = purchase;
    in.rentUsdPerGpuHour = rentPerHour;
    in.hoursPerMonth = 720;
    in.utilization = 1;
    in.horizonMonths = 60;
    return in;
}

// Eight H100s in a colocation facility: 20% server and network overhead, 700 W per GPU plus
// 50% for the host, 30% of power when idle, PUE 1.3, $0.12/kWh, $150 per kW-month, $3,000 a
// month of operations, renting at $2.85 per GPU-hour, over three years.
TcoInputs realisticFleet()
{
    TcoInputs in;
    in.gpuCount = 8;
    in.purchaseUsdPerGpu = 27500;
    in.overheadPct = 20;
    in.powerWPerGpu = 700;
    in.hostOverheadPct = 50;
    in.idlePowerFraction = 0.3;
    in.pue = 1.3;
    in.usdPerKwh = 0.12;
    in.coloUsdPerKwMonth = 150;
    in.opsUsdPerMonth = 3000;
    in.rentUsdPerGpuHour = 2.85;
    in.hoursPerMonth = 730;
    in.horizonMonths = 36;
    in.depreciationYears = 3;
    return in;
}
} // namespace

class TestTco : public QObject
{
    Q_OBJECT
private slots:
    void publishedBreakevens_data();
    void publishedBreakevens();
    void curvesAndMonthlyCosts();
    void realisticFleetNeedsHighUtilization();
    void breakevenUtilizationIsTheThreshold();
    void neverBreaksEven();
    void rentDeclineDelaysBreakeven();
    void npvDiscountsAndRecoversResidual();
    void perMtokCosts();
    void sensitivityMovesEachInput();
    void breakevenFallsAsUtilizationRises();
    void validation_data();
    void validation();
};

void TestTco::publishedBreakevens_data()
{
    QTest::addColumn<double>("purchase");
    QTest::addColumn<double>("rent");
    QTest::addColumn<double>("months");
    // The market's worked figures: continuous use, 720 h/month, no other costs.
    QTest::newRow("H100 $27,500 vs $2.85/h: ~13.4 months") << 27500.0 << 2.85 << 27500.0 / (2.85 * 720);
    QTest::newRow("A100 $12,000 vs $1.64/h: ~10.2 months") << 12000.0 << 1.64 << 12000.0 / (1.64 * 720);
}

void TestTco::publishedBreakevens()
{
    QFETCH(double, purchase);
    QFETCH(double, rent);
    QFETCH(double, months);
    const TcoResult r = computeTco(bare(purchase, rent));
    QVERIFY(r.breakevenMonths);
    QVERIFY2(qAbs(*r.breakevenMonths - months) < 1e-9, qPrintable(QString::number(*r.breakevenMonths)));
    QVERIFY(qAbs(months - (purchase == 27500.0 ? 13.4 : 10.2)) < 0.05);
}

void TestTco::curvesAndMonthlyCosts()
{
    const TcoResult r = computeTco(bare(27500, 2.85));
    QCOMPARE(r.curve.size(), std::size_t(61));
    QCOMPARE(r.curve[0].ownCumulativeUsd, 27500.0);
    QCOMPARE(r.curve[0].rentCumulativeUsd, 0.0);
    QVERIFY(qAbs(r.curve[14].rentCumulativeUsd - 14 * 2052.0) < 1e-6);
    QVERIFY(qAbs(r.monthlyRentUsd - 2052.0) < 1e-9);
    // Depreciation over the 5-year horizon (no depreciation period given), no running costs.
    QVERIFY(qAbs(r.monthlyOwnUsd - 27500.0 / 60) < 1e-9);
    QCOMPARE(r.capitalUsd, 27500.0);
}

void TestTco::realisticFleetNeedsHighUtilization()
{
    // Owning breaks even within three years only above ~74% sustained utilization
    // (hand-computed: (capital + 36 x fixed monthly) / (36 x (rent - utilization-variable power))).
    const TcoResult r = computeTco(realisticFleet());
    QVERIFY(r.breakevenUtilization);
    const double kwhCost = 8 * 0.7 * 1.5 * 730 * 1.3 * 0.12;
    const double fixedMonthly = 8 * 0.7 * 1.5 * 150 + 3000 + kwhCost * 0.3;
    const double expected = (8 * 27500 * 1.2 + 36 * fixedMonthly) / (36 * (8 * 2.85 * 730 - kwhCost * 0.7));
    QVERIFY2(qAbs(*r.breakevenUtilization - expected) < 1e-6, qPrintable(QString::number(*r.breakevenUtilization)));
    QVERIFY(*r.breakevenUtilization > 0.6 && *r.breakevenUtilization < 0.9); // the rule of thumb's range
    // At 50% renting wins; at 95% owning does.
    TcoInputs half = realisticFleet();
    half.utilization = 0.5;
    QVERIFY(!computeTco(half).breakevenMonths);
    TcoInputs busy = realisticFleet();
    busy.utilization = 0.95;
    QVERIFY(computeTco(busy).breakevenMonths);
}

void TestTco::breakevenUtilizationIsTheThreshold()
{
    TcoInputs in = realisticFleet();
    const double u = *computeTco(in).breakevenUtilization;
    in.utilization = u + 1e-6;
    QVERIFY(computeTco(in).breakevenMonths);
    QVERIFY(*computeTco(in).breakevenMonths <= 36.0 + 1e-6);
    in.utilization = u - 1e-3;
    QVERIFY(!computeTco(in).breakevenMonths);
}

void TestTco::neverBreaksEven()
{
    TcoInputs in = bare(27500, 0.01); // renting is almost free
    const TcoResult r = computeTco(in);
    QVERIFY(!r.breakevenMonths);
    QVERIFY(!r.breakevenUtilization);
    QVERIFY(r.npvBuyMinusRentUsd > 0);
}

void TestTco::rentDeclineDelaysBreakeven()
{
    TcoInputs in = bare(27500, 2.85);
    in.rentDeclinePctPerYear = 20;
    const TcoResult r = computeTco(in);
    QVERIFY(r.breakevenMonths && *r.breakevenMonths > 13.4);
    // Month 13's rent is 20% below month 1's.
    const double month13 = r.curve[13].rentCumulativeUsd - r.curve[12].rentCumulativeUsd;
    QVERIFY(qAbs(month13 - 2052.0 * 0.8) < 1e-6);
}

void TestTco::npvDiscountsAndRecoversResidual()
{
    // No discounting, residual 0: NPV = capital - total rent over the horizon.
    TcoInputs in = bare(27500, 2.85);
    QVERIFY(qAbs(computeTco(in).npvBuyMinusRentUsd - (27500 - 60 * 2052.0)) < 1e-6);
    // 50% residual after the 5-year depreciation is recovered at the horizon.
    in.residualPct = 50;
    QVERIFY(qAbs(computeTco(in).npvBuyMinusRentUsd - (27500 - 13750 - 60 * 2052.0)) < 1e-6);
    // Discounting at 10%/year shrinks the present value of the rent more than the capital.
    in.residualPct = 0;
    in.discountRatePct = 10;
    double pvRent = 0;
    const double monthly = std::pow(1.10, 1.0 / 12) - 1;
    for (int m = 1; m <= 60; ++m)
        pvRent += 2052.0 / std::pow(1 + monthly, m);
    QVERIFY(qAbs(computeTco(in).npvBuyMinusRentUsd - (27500 - pvRent)) < 1e-6);
}

void TestTco::perMtokCosts()
{
    TcoInputs in = bare(27500, 2.85);
    in.tokensPerSecondPerGpu = 1000;
    const TcoResult r = computeTco(in);
    // Renting: $2.85 per hour for 3.6M tokens.
    QVERIFY(qAbs(*r.rentUsdPerMtok - 2.85 / 3.6) < 1e-12);
    // Owning: $458.33 a month over 720 h x 3.6M tokens.
    QVERIFY(qAbs(*r.ownUsdPerMtok - (27500.0 / 60) / (720 * 3.6)) < 1e-12);
    QVERIFY(!computeTco(bare(27500, 2.85)).ownUsdPerMtok);
}

void TestTco::sensitivityMovesEachInput()
{
    const auto tornado = tcoSensitivity(realisticFleet());
    QVERIFY(tornado.size() >= 8);
    // Purchase price: 20% cheaper GPUs break even sooner.
    const auto purchase = std::find_if(tornado.begin(), tornado.end(), [](const auto& s) { return s.input == "purchase price"; });
    QVERIFY(purchase != tornado.end());
    QCOMPARE(purchase->lowValue, 27500 * 0.8);
    TcoInputs busy = realisticFleet();
    busy.utilization = 1;
    const auto busyTornado = tcoSensitivity(busy);
    const auto rent = std::find_if(busyTornado.begin(), busyTornado.end(), [](const auto& s) { return s.input == "rent per GPU-hour"; });
    QVERIFY(rent->breakevenAtHigh && rent->breakevenAtLow && *rent->breakevenAtHigh < *rent->breakevenAtLow);
    // Utilization is clamped at 1.
    const auto u = std::find_if(busyTornado.begin(), busyTornado.end(), [](const auto& s) { return s.input == "utilization"; });
    QCOMPARE(u->highValue, 1.0);
}

void TestTco::breakevenFallsAsUtilizationRises()
{
    const auto curve = breakevenByUtilization(realisticFleet(), 20);
    QCOMPARE(curve.size(), std::size_t(21));
    QCOMPARE(curve.front().first, 0.0);
    QCOMPARE(curve.back().first, 1.0);
    QVERIFY(!curve.front().second); // idle GPUs never pay back
    QVERIFY(curve.back().second);
    std::optional<double> previous;
    for (const auto& [u, months] : curve) {
        if (previous && months)
            QVERIFY(*months <= *previous);
        if (months)
            previous = months;
    }
}

void TestTco::validation_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("negative purchase") << "purchase" << -1.0 << "purchase-usd must be a non-negative number";
    QTest::newRow("utilization above 1") << "utilization" << 1.5 << "utilization must be between 0 and 1";
    QTest::newRow("zero hours") << "hours" << 0.0 << "hours-per-month must be above 0";
    QTest::newRow("PUE below 1") << "pue" << 0.9 << "pue must be at least 1";
    QTest::newRow("fine") << "purchase" << 1000.0 << "";
}

void TestTco::validation()
{
    QFETCH(QString, field);
    QFETCH(double, value);
    QFETCH(QString, message);
    TcoInputs in;
    if (field == "purchase")
        in.purchaseUsdPerGpu = value;
    else if (field == "utilization")
        in.utilization = value;
    else if (field == "hours")
        in.hoursPerMonth = value;
    else if (field == "pue")
        in.pue = value;
    if (message.isEmpty())
        QVERIFY(in.validate().empty());
    else
        QVERIFY(QString::fromStdString(in.validate()).startsWith(message));
}

QTEST_GUILESS_MAIN(TestTco)
#include "test_tco.moc"
