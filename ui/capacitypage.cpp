#include "capacitypage.h"

#include "displayformat.h"
#include "gpucatalog.h"
#include "inputerror.h"
#include "modelcatalog.h"
#include "workspace.h"

#include <QCheckBox>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLineEdit>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QLogValueAxis>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScatterSeries>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QThread>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <unistd.h>

namespace finops {

namespace {

QString unitPrice(double usdPerMtok) { return QString::fromStdString(formatUnitPrice(usdPerMtok)); }

QString rate(double value, const char* unit)
{
    const int decimals = value < 10 ? 2 : value < 100 ? 1 : 0;
    return QStringLiteral("%1 %2").arg(QLocale(QLocale::English).toString(value, 'f', decimals), QString::fromLatin1(unit));
}

QString shortGpuName(const std::string& name)
{
    QString n = QString::fromStdString(name);
    n.remove(QStringLiteral("NVIDIA ")).remove(QStringLiteral("AMD ")).remove(QStringLiteral("GeForce "));
    return n;
}

double physicalMemoryGb()
{
    return static_cast<double>(sysconf(_SC_PHYS_PAGES)) * static_cast<double>(sysconf(_SC_PAGE_SIZE)) / 1e9;
}

// Cheapest on-demand rent of a GPU: neo-clouds first, then hyperscalers.
std::optional<double> onDemandRent(const GpuSpec& gpu)
{
    if (auto r = gpu.cheapestRental("neocloud-on-demand"))
        return r->usdPerGpuHour;
    if (auto r = gpu.cheapestRental("hyperscaler-on-demand"))
        return r->usdPerGpuHour;
    return std::nullopt;
}

// Arithmetic intensity (FLOPs per byte moved) of the measured kernels, as they count bytes.
constexpr double kTriadIntensity = 2.0 / 24.0;        // a[i] = b[i] + s*c[i]: 2 FLOPs, 3 doubles
double gemvIntensity(Quant q) { return 2.0 / (bitsPerWeight(q) / 8.0); } // 2 FLOPs per weight read

void fillRoof(QLineSeries* series, double bandwidthGbs, double gflops, double xMin, double xMax)
{
    QList<QPointF> points;
    if (bandwidthGbs > 0 && gflops > 0) {
        const double ridge = gflops / bandwidthGbs;
        points << QPointF(xMin, std::min(gflops, xMin * bandwidthGbs));
        if (ridge > xMin && ridge < xMax)
            points << QPointF(ridge, gflops);
        points << QPointF(xMax, std::min(gflops, xMax * bandwidthGbs));
    }
    series->replace(points);
}

} // namespace

CapacityPage::CapacityPage(Workspace& workspace, QWidget* parent)
    : QWidget(parent), m_workspace(workspace), m_run(new QPushButton(tr("Run benchmark"), this)),
      m_cancel(new QPushButton(tr("Cancel"), this)), m_quick(new QCheckBox(tr("Quick (a few seconds)"), this)),
      m_threads(new QSpinBox(this)), m_progress(new QProgressBar(this)), m_status(new QLabel(this)),
      m_compareGpu(new QComboBox(this)), m_results(new QTableWidget(8, 4, this)), m_roofChart(new QChart),
      m_machineRoof(new QLineSeries), m_gpuRoof(new QLineSeries), m_triadPoint(new QScatterSeries),
      m_gemvPoints(new QScatterSeries), m_gemmPoint(new QScatterSeries),
      m_roofX(new QLogValueAxis), m_roofY(new QLogValueAxis), m_quant(new QComboBox(this)), m_batch(new QSpinBox(this)),
      m_context(new QSpinBox(this)), m_count(new QComboBox(this)), m_machineRent(new QDoubleSpinBox(this)),
      m_grid(new QTableWidget(this)), m_addOffer(new QPushButton(tr("Add as offer"), this)), m_gridStatus(new QLabel(this))
{
    if (const QByteArray env = qgetenv("FINOPS_KBENCH"); !env.isEmpty())
        m_kbenchProgram = QString::fromLocal8Bit(env);
    else
        m_kbenchProgram = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("finops-kbench"));

    auto* title = new QLabel(tr("<h2>Capacity</h2>"), this);
    auto* intro = new QLabel(tr("What self-hosting delivers: measure this machine with finops-kbench, see it on a "
                                "roofline beside a GPU, and the tokens per second and USD per million tokens of every "
                                "open-weight model on every GPU. Add a cell as a self-hosted offer to rank it beside "
                                "the API prices."),
                             this);
    intro->setWordWrap(true);

    // --- benchmark ---
    m_run->setObjectName(QStringLiteral("runBenchmark"));
    m_cancel->setObjectName(QStringLiteral("cancelBenchmark"));
    m_cancel->setEnabled(false);
    m_quick->setObjectName(QStringLiteral("quickBenchmark"));
    m_quick->setToolTip(tr("Small arrays (below STREAM's size rule): a first look, not a measurement to plan on."));
    m_threads->setObjectName(QStringLiteral("benchmarkThreads"));
    m_threads->setRange(1, 1024);
    m_threads->setValue(std::max(1, QThread::idealThreadCount()));
    m_threads->setPrefix(tr("Threads: "));
    m_progress->setObjectName(QStringLiteral("benchmarkProgress"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setFormat(QStringLiteral("%p%"));
    m_status->setObjectName(QStringLiteral("benchmarkStatus"));
    m_status->setWordWrap(true);
    m_compareGpu->setObjectName(QStringLiteral("compareGpu"));
    for (const GpuSpec& g : bundledGpus())
        m_compareGpu->addItem(QString::fromStdString(g.name), QString::fromStdString(g.id));
    m_compareGpu->setCurrentIndex(std::max(0, m_compareGpu->findData(QStringLiteral("h100-sxm"))));

    m_results->setObjectName(QStringLiteral("benchmarkResults"));
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->setSelectionMode(QAbstractItemView::NoSelection);
    m_results->verticalHeader()->setVisible(false);
    m_results->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_results->verticalHeader()->setDefaultSectionSize(m_results->fontMetrics().height() + 6);
    m_results->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_results->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    const QStringList kernels{tr("STREAM copy"),        tr("STREAM scale"),       tr("STREAM add"),
                              tr("STREAM triad"),       tr("GEMM FP32"),          tr("Decode GEMV FP16"),
                              tr("Decode GEMV INT8 (Q8_0)"), tr("Decode GEMV INT4 (Q4_0)")};
    for (int r = 0; r < kernels.size(); ++r)
        m_results->setItem(r, 0, new QTableWidgetItem(kernels[r]));

    auto* runRow = new QHBoxLayout;
    runRow->addWidget(m_run);
    runRow->addWidget(m_quick);
    runRow->addWidget(m_threads);
    runRow->addWidget(m_progress, 1);
    runRow->addWidget(m_cancel);
    auto* compareRow = new QHBoxLayout;
    compareRow->addWidget(new QLabel(tr("Compare with:"), this));
    compareRow->addWidget(m_compareGpu, 1);
    auto* benchBox = new QGroupBox(tr("This machine (finops-kbench)"), this);
    auto* benchLayout = new QVBoxLayout(benchBox);
    benchLayout->addLayout(runRow);
    benchLayout->addWidget(m_status);
    benchLayout->addLayout(compareRow);
    benchLayout->addWidget(m_results);
    benchLayout->addStretch();

    // --- roofline ---
    m_roofChart->setTitle(tr("Roofline: attainable GFLOP/s by arithmetic intensity"));
    m_roofChart->setAnimationOptions(QChart::NoAnimation);
    m_roofChart->setMargins(QMargins(4, 4, 4, 4));
    m_roofChart->legend()->setAlignment(Qt::AlignBottom);
    m_machineRoof->setName(tr("This machine"));
    m_gpuRoof->setName(tr("GPU peak"));
    m_triadPoint->setName(tr("triad"));
    m_gemvPoints->setName(tr("GEMV fp16/int8/int4"));
    m_gemmPoint->setName(tr("GEMM"));
    m_triadPoint->setColor(QColor(0x1f, 0x77, 0xb4));
    m_gemvPoints->setColor(QColor(0xe0, 0x8a, 0x1e));
    m_gemmPoint->setColor(QColor(0xc6, 0x28, 0x28));
    for (QScatterSeries* p : {m_triadPoint, m_gemvPoints, m_gemmPoint})
        p->setMarkerSize(10);
    m_machineRoof->setColor(QColor(0x1f, 0x77, 0xb4));
    m_gpuRoof->setColor(QColor(0x2e, 0x9d, 0x5b));
    for (QAbstractSeries* s : {static_cast<QAbstractSeries*>(m_machineRoof), static_cast<QAbstractSeries*>(m_gpuRoof),
                               static_cast<QAbstractSeries*>(m_triadPoint), static_cast<QAbstractSeries*>(m_gemvPoints),
                               static_cast<QAbstractSeries*>(m_gemmPoint)})
        m_roofChart->addSeries(s);
    m_roofX->setBase(10);
    m_roofX->setLabelFormat(QStringLiteral("%g"));
    m_roofX->setTitleText(tr("FLOPs per byte"));
    m_roofX->setMinorTickCount(-1);
    m_roofY->setBase(10);
    m_roofY->setLabelFormat(QStringLiteral("%g"));
    m_roofY->setTitleText(tr("GFLOP/s"));
    m_roofChart->addAxis(m_roofX, Qt::AlignBottom);
    m_roofChart->addAxis(m_roofY, Qt::AlignLeft);
    for (QAbstractSeries* s : m_roofChart->series()) {
        s->attachAxis(m_roofX);
        s->attachAxis(m_roofY);
    }
    auto* roofView = new QChartView(m_roofChart, this);
    roofView->setObjectName(QStringLiteral("rooflineChart"));
    roofView->setRenderHint(QPainter::Antialiasing);
    roofView->setMinimumHeight(260);

    auto* top = new QHBoxLayout;
    top->addWidget(benchBox, 1);
    top->addWidget(roofView, 1);

    // --- model x hardware grid ---
    m_quant->setObjectName(QStringLiteral("gridQuant"));
    m_quant->addItem(tr("FP16 / BF16"), QStringLiteral("fp16"));
    m_quant->addItem(tr("INT8 (Q8_0)"), QStringLiteral("int8"));
    m_quant->addItem(tr("INT4 (Q4_0)"), QStringLiteral("int4"));
    m_batch->setObjectName(QStringLiteral("gridBatch"));
    m_batch->setRange(1, 4096);
    m_batch->setValue(16);
    m_batch->setPrefix(tr("Batch: "));
    m_batch->setToolTip(tr("Sequences decoded together: a serving stack batches many users' requests."));
    m_context->setObjectName(QStringLiteral("gridContext"));
    m_context->setRange(128, 1048576);
    m_context->setSingleStep(1024);
    m_context->setValue(4096);
    m_context->setPrefix(tr("Context: "));
    m_context->setSuffix(tr(" tokens"));
    m_count->setObjectName(QStringLiteral("gridCount"));
    m_count->addItem(tr("Devices: fewest that fit"), 0);
    for (int n : {1, 2, 4, 8})
        m_count->addItem(tr("Devices: %1").arg(n), n);
    m_machineRent->setObjectName(QStringLiteral("machineRent"));
    m_machineRent->setRange(0, 1000);
    m_machineRent->setDecimals(3);
    m_machineRent->setPrefix(tr("This machine: $"));
    m_machineRent->setSuffix(tr(" / hour"));
    m_machineRent->setToolTip(tr("What an hour of this machine costs you (0: no price, no USD per Mtok)."));
    m_grid->setObjectName(QStringLiteral("capacityGrid"));
    m_grid->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_grid->setSelectionMode(QAbstractItemView::SingleSelection);
    m_grid->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_grid->setWordWrap(true);
    m_addOffer->setObjectName(QStringLiteral("addOffer"));
    m_gridStatus->setObjectName(QStringLiteral("gridStatus"));
    m_gridStatus->setWordWrap(true);
    auto* importButton = new QPushButton(tr("Import measurements…"), this);
    importButton->setObjectName(QStringLiteral("importMeasurements"));
    importButton->setToolTip(tr("llama.cpp llama-bench -o json, or a vLLM benchmark JSON: measured rates replace the estimate."));

    auto* gridControls = new QHBoxLayout;
    gridControls->addWidget(m_quant);
    gridControls->addWidget(m_batch);
    gridControls->addWidget(m_context);
    gridControls->addWidget(m_count);
    gridControls->addWidget(m_machineRent);
    gridControls->addStretch();
    gridControls->addWidget(importButton);
    gridControls->addWidget(m_addOffer);
    auto* gridBox = new QGroupBox(tr("Decode tokens/s (whole batch) and USD per million output tokens, on rented GPUs"), this);
    auto* gridLayout = new QVBoxLayout(gridBox);
    gridLayout->addLayout(gridControls);
    gridLayout->addWidget(m_grid, 1);
    gridLayout->addWidget(m_gridStatus);

    auto* topWidget = new QWidget(this);
    topWidget->setLayout(top);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(topWidget);
    split->addWidget(gridBox);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setChildrenCollapsible(false);
    split->setSizes({330, 600});

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(intro);
    layout->addWidget(split, 1);

    connect(m_run, &QPushButton::clicked, this, &CapacityPage::runBenchmark);
    connect(m_cancel, &QPushButton::clicked, this, &CapacityPage::cancelBenchmark);
    connect(m_compareGpu, &QComboBox::currentIndexChanged, this, [this] {
        showFigures(m_figures);
        updateRoofline();
    });
    connect(m_quant, &QComboBox::currentIndexChanged, this, &CapacityPage::recomputeGrid);
    connect(m_batch, &QSpinBox::valueChanged, this, &CapacityPage::recomputeGrid);
    connect(m_context, &QSpinBox::valueChanged, this, &CapacityPage::recomputeGrid);
    connect(m_count, &QComboBox::currentIndexChanged, this, &CapacityPage::recomputeGrid);
    connect(m_machineRent, &QDoubleSpinBox::valueChanged, this, [this] {
        rebuildColumns();
        recomputeGrid();
    });
    connect(m_addOffer, &QPushButton::clicked, this, &CapacityPage::addSelectedAsOffer);
    connect(importButton, &QPushButton::clicked, this, &CapacityPage::importMeasurements);
    connect(m_grid, &QTableWidget::currentCellChanged, this, [this](int row, int column) {
        if (row < 0 || column < 0 || m_plans.empty())
            return;
        const CapacityPlan& p = plan(row, column);
        m_addOffer->setEnabled(p.estimate.fits && p.cost.has_value());
    });
    connect(&m_workspace, &Workspace::measurementsChanged, this, [this] {
        if (const auto run = m_workspace.latestKbenchRun())
            m_figures = parseKbenchResult(run->resultJson);
        showFigures(m_figures);
        updateRoofline();
        rebuildColumns();
        recomputeGrid();
    });

    if (const auto run = m_workspace.latestKbenchRun()) {
        m_figures = parseKbenchResult(run->resultJson);
        m_status->setText(tr("Last run stored %1 UTC%2.").arg(QString::fromStdString(run->runAt),
                                                              run->quick ? tr(" (quick)") : QString()));
    } else {
        m_status->setText(tr("No benchmark stored yet: Run benchmark measures this machine (about a minute; Quick: "
                             "a few seconds)."));
    }
    showFigures(m_figures);
    updateRoofline();
    rebuildColumns();
    recomputeGrid();
}

CapacityPage::~CapacityPage()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(2000);
    }
}

bool CapacityPage::benchmarkRunning() const { return m_process && m_process->state() != QProcess::NotRunning; }

Quant CapacityPage::quant() const { return parseQuant(m_quant->currentData().toString().toStdString()).value_or(Quant::F16); }

const CapacityPlan& CapacityPage::plan(int row, int column) const
{
    return m_plans.at(static_cast<std::size_t>(row)).at(static_cast<std::size_t>(column));
}

void CapacityPage::runBenchmark()
{
    if (benchmarkRunning())
        return;
    if (!QFileInfo(m_kbenchProgram).isExecutable()) {
        m_status->setText(tr("Cannot run the benchmark: %1 is not an executable.").arg(m_kbenchProgram));
        emit benchmarkFinished(false, false);
        return;
    }
    delete m_process;
    m_process = new QProcess(this);
    m_pending.clear();
    m_lastResult.reset();
    m_canceled = false;
    QStringList args{QStringLiteral("--threads"), QString::number(m_threads->value())};
    if (m_quick->isChecked())
        args.prepend(QStringLiteral("--quick"));
    connect(m_process, &QProcess::readyReadStandardOutput, this, &CapacityPage::readKbenchOutput);
    connect(m_process, &QProcess::finished, this, &CapacityPage::kbenchFinished);
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            kbenchFinished(-1, QProcess::CrashExit);
    });
    m_progress->setValue(0);
    m_run->setEnabled(false);
    m_cancel->setEnabled(true);
    m_status->setText(tr("Starting finops-kbench…"));
    m_process->start(m_kbenchProgram, args);
}

void CapacityPage::cancelBenchmark()
{
    if (!benchmarkRunning())
        return;
    m_canceled = true;
    m_status->setText(tr("Stopping…"));
    m_process->terminate(); // SIGTERM: kbench stops between runs and prints what it has
}

void CapacityPage::readKbenchOutput()
{
    m_pending += m_process->readAllStandardOutput();
    qsizetype newline;
    while ((newline = m_pending.indexOf('\n')) >= 0) {
        const QByteArray line = m_pending.left(newline).trimmed();
        m_pending.remove(0, newline + 1);
        const QJsonObject event = QJsonDocument::fromJson(line).object();
        const QString kind = event.value(QStringLiteral("event")).toString();
        if (kind == QLatin1String("progress")) {
            const double fraction = std::clamp(event.value(QStringLiteral("fraction")).toDouble(), 0.0, 1.0);
            m_progress->setValue(static_cast<int>(std::lround(fraction * 1000)));
            if (!m_canceled)
                m_status->setText(tr("Running %1…").arg(event.value(QStringLiteral("stage")).toString()));
        } else if (kind == QLatin1String("result")) {
            m_lastResult = parseKbenchResult(line.toStdString());
            m_process->setProperty("resultLine", line);
        }
    }
}

void CapacityPage::kbenchFinished(int exitCode, QProcess::ExitStatus status)
{
    if (!m_process)
        return;
    readKbenchOutput();
    m_run->setEnabled(true);
    m_cancel->setEnabled(false);
    const QByteArray resultLine = m_process->property("resultLine").toByteArray();
    if (m_canceled) {
        m_progress->setValue(0);
        m_status->setText(m_lastResult ? tr("Canceled: the partial figures are shown, not stored.")
                                       : tr("Canceled before any figure was measured."));
        if (m_lastResult)
            showFigures(m_lastResult);
        emit benchmarkFinished(false, true);
        return;
    }
    if (status != QProcess::NormalExit || exitCode != 0 || !m_lastResult) {
        const QString detail = QString::fromLocal8Bit(m_process->readAllStandardError()).trimmed();
        m_status->setText(tr("The benchmark failed (%1)%2")
                              .arg(m_process->error() == QProcess::FailedToStart ? tr("could not start %1").arg(m_kbenchProgram)
                                                                                 : tr("exit status %1").arg(exitCode),
                                   detail.isEmpty() ? QString() : QStringLiteral(": ") + detail));
        emit benchmarkFinished(false, false);
        return;
    }
    if (!m_lastResult->verified) {
        m_status->setText(tr("The kernels computed wrong results: the figures are void and were not stored."));
        emit benchmarkFinished(false, false);
        return;
    }
    KbenchRun run;
    run.cpu = m_lastResult->cpu;
    run.threads = m_lastResult->threads;
    run.quick = m_lastResult->quick;
    run.partial = m_lastResult->partial;
    run.resultJson = resultLine.toStdString();
    try {
        m_workspace.addKbenchRun(run); // measurementsChanged() refreshes the figures and the grid
    } catch (const std::exception& e) {
        m_status->setText(tr("The result could not be stored: %1").arg(QString::fromUtf8(e.what())));
        emit benchmarkFinished(false, false);
        return;
    }
    m_progress->setValue(1000);
    m_status->setText(tr("Measured %1 with %2 threads%3; stored in the workspace.")
                          .arg(QString::fromStdString(run.cpu))
                          .arg(run.threads)
                          .arg(run.quick ? tr(" (quick: cache-sized arrays)") : QString()));
    emit benchmarkFinished(true, false);
}

void CapacityPage::showFigures(const std::optional<KbenchFigures>& figures)
{
    const auto gpu = findGpu(m_compareGpu->currentData().toString().toStdString());
    m_results->setHorizontalHeaderLabels({tr("Kernel"), tr("This machine"), tr("Share of its ceiling"),
                                          tr("GPU peak")});
    const auto set = [this](int row, int column, const QString& text) {
        auto* item = new QTableWidgetItem(text);
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_results->setItem(row, column, item);
    };
    const double triad = figures ? figures->triadGbs : 0;
    const auto bandwidthRow = [&](int row, std::optional<double> gbs, bool shareOfTriad) {
        set(row, 1, gbs && *gbs > 0 ? rate(*gbs, "GB/s") : QStringLiteral("—"));
        set(row, 2, gbs && *gbs > 0 && triad > 0 && shareOfTriad ? QStringLiteral("%1% of triad").arg(*gbs / triad * 100, 0, 'f', 0)
                                                                 : QString());
        set(row, 3, gpu ? rate(gpu->memoryBandwidthGbs, "GB/s") : QString());
    };
    const auto opt = [](double v) { return v > 0 ? std::optional<double>(v) : std::nullopt; };
    bandwidthRow(0, figures ? opt(figures->copyGbs) : std::nullopt, true);
    bandwidthRow(1, figures ? opt(figures->scaleGbs) : std::nullopt, true);
    bandwidthRow(2, figures ? opt(figures->addGbs) : std::nullopt, true);
    bandwidthRow(3, figures ? opt(figures->triadGbs) : std::nullopt, false);
    set(3, 2, triad > 0 ? tr("bandwidth ceiling") : QString());
    set(4, 1, figures && figures->gemmGflops ? rate(*figures->gemmGflops, "GFLOP/s") : QStringLiteral("—"));
    set(4, 2, figures && figures->gemmGflops ? tr("compute ceiling") : QString());
    set(4, 3, gpu ? rate(gpu->bf16DenseTflops.value_or(gpu->fp16DenseTflops), "TFLOP/s (16-bit)") : QString());
    bandwidthRow(5, figures ? figures->f16Gbs : std::nullopt, true);
    bandwidthRow(6, figures ? figures->int8Gbs : std::nullopt, true);
    bandwidthRow(7, figures ? figures->int4Gbs : std::nullopt, true);
    // Every row visible without scrolling.
    m_results->setFixedHeight(m_results->horizontalHeader()->sizeHint().height() +
                              m_results->rowCount() * m_results->verticalHeader()->defaultSectionSize() +
                              2 * m_results->frameWidth());
}

void CapacityPage::updateRoofline()
{
    constexpr double xMin = 1.0 / 32, xMax = 1024;
    const auto gpu = findGpu(m_compareGpu->currentData().toString().toStdString());
    double yMin = 1e9, yMax = 1;
    if (gpu) {
        const double peak = gpu->bf16DenseTflops.value_or(gpu->fp16DenseTflops) * 1000;
        fillRoof(m_gpuRoof, gpu->memoryBandwidthGbs, peak, xMin, xMax);
        m_gpuRoof->setName(shortGpuName(gpu->name));
        yMax = std::max(yMax, peak);
        yMin = std::min(yMin, xMin * gpu->memoryBandwidthGbs);
    } else {
        m_gpuRoof->clear();
    }
    QList<QPointF> triad, gemv, gemm;
    if (m_figures && m_figures->triadGbs > 0 && m_figures->gemmGflops) {
        fillRoof(m_machineRoof, m_figures->triadGbs, *m_figures->gemmGflops, xMin, xMax);
        triad << QPointF(kTriadIntensity, m_figures->triadGbs * kTriadIntensity);
        const std::pair<std::optional<double>, Quant> gemvs[] = {
            {m_figures->f16Gbs, Quant::F16}, {m_figures->int8Gbs, Quant::Int8}, {m_figures->int4Gbs, Quant::Int4}};
        for (const auto& [gbs, q] : gemvs)
            if (gbs)
                gemv << QPointF(gemvIntensity(q), *gbs * gemvIntensity(q));
        // Square FP32 GEMM of order n moves 3 n^2 floats for 2 n^3 FLOPs.
        gemm << QPointF(m_figures->gemmN.value_or(2048) / 6.0, *m_figures->gemmGflops);
        yMin = std::min(yMin, xMin * m_figures->triadGbs);
        m_roofChart->setTitle(tr("Roofline: this machine (measured) and a GPU's peak"));
    } else {
        m_machineRoof->clear();
        m_roofChart->setTitle(tr("Roofline (run the benchmark to place this machine on it)"));
    }
    m_triadPoint->replace(triad);
    m_gemvPoints->replace(gemv);
    m_gemmPoint->replace(gemm);
    const auto decade = [](double v, bool up) { return std::pow(10.0, up ? std::ceil(std::log10(v)) : std::floor(std::log10(v))); };
    m_roofX->setRange(xMin, xMax);
    m_roofY->setRange(decade(std::max(yMin, 1e-3), false), decade(yMax * 1.01, true));
}

void CapacityPage::rebuildColumns()
{
    m_columns.clear();
    if (m_figures) {
        // This machine's column: the decode bandwidth at the grid's precision is chosen when
        // planning; here the FP16 figures stand in and recomputeGrid() swaps them.
        if (auto h = hardwareFromKbench(*m_figures, Quant::F16, 1, physicalMemoryGb())) {
            HardwareOption o{"cpu", m_figures->cpu, *h, std::nullopt};
            if (m_machineRent->value() > 0)
                o.usdPerDeviceHour = m_machineRent->value();
            m_columns.push_back(std::move(o));
        }
    }
    for (const GpuSpec& g : bundledGpus())
        m_columns.push_back({g.id, gpuMeasurementKey(g), hardwareForGpu(g, 1), onDemandRent(g)});
}

void CapacityPage::recomputeGrid()
{
    const Quant q = quant();
    const int fixed = m_count->currentData().toInt();
    const std::optional<int> fixedCount = fixed > 0 ? std::optional<int>(fixed) : std::nullopt;
    const auto measurements = m_workspace.throughputMeasurements();
    const auto& models = bundledModels();

    // This machine's decode bandwidth depends on the weight format kbench measured.
    if (!m_columns.empty() && m_columns.front().id == "cpu" && m_figures)
        if (auto h = hardwareFromKbench(*m_figures, q, 1, physicalMemoryGb()))
            m_columns.front().device = *h;

    m_plans.assign(models.size(), {});
    for (std::size_t r = 0; r < models.size(); ++r)
        for (const HardwareOption& hw : m_columns)
            // This machine is one device: no tensor parallelism across machines.
            m_plans[r].push_back(planCapacity(models[r], hw, q, m_batch->value(), m_context->value(),
                                              hw.id == "cpu" ? std::optional<int>(1) : fixedCount, measurements));

    const int keepRow = m_grid->currentRow(), keepColumn = m_grid->currentColumn();
    m_grid->clear();
    m_grid->setRowCount(static_cast<int>(models.size()));
    m_grid->setColumnCount(static_cast<int>(m_columns.size()));
    QStringList headers, rows;
    for (const HardwareOption& hw : m_columns) {
        const QString name = hw.id == "cpu" ? tr("This machine") : shortGpuName(hw.device.name);
        headers << (hw.usdPerDeviceHour ? QStringLiteral("%1\n$%2/h").arg(name).arg(*hw.usdPerDeviceHour, 0, 'f', 2)
                                        : QStringLiteral("%1\n%2").arg(name, tr("no price")));
    }
    for (const ModelArchitecture& m : models)
        rows << QString::fromStdString(m.name);
    m_grid->setHorizontalHeaderLabels(headers);
    m_grid->setVerticalHeaderLabels(rows);
    int measured = 0;
    for (int r = 0; r < m_grid->rowCount(); ++r) {
        for (int c = 0; c < m_grid->columnCount(); ++c) {
            const CapacityPlan& p = plan(r, c);
            const HardwareOption& hw = m_columns[static_cast<std::size_t>(c)];
            QString text;
            if (!p.estimate.fits) {
                text = fixedCount || hw.id == "cpu" ? tr("does not fit") : tr("needs > 8");
            } else {
                text = rate(p.estimate.decodeTokensPerS, "tok/s");
                if (p.count > 1)
                    text += QStringLiteral("  ×%1").arg(p.count);
                text += QLatin1Char('\n') + (p.cost ? unitPrice(p.cost->outputUsdPerMtok) + tr("/Mtok") : QStringLiteral("—"));
            }
            auto* item = new QTableWidgetItem(text);
            item->setTextAlignment(Qt::AlignCenter);
            if (!p.estimate.fits)
                item->setForeground(QColor(150, 150, 150));
            const bool isMeasured = p.source != "roofline";
            measured += isMeasured ? 1 : 0;
            if (isMeasured) {
                QFont f = item->font();
                f.setBold(true);
                item->setFont(f);
            }
            QString tip = tr("%1 on %2 × %3 (%4)\nweights %5 GB, KV cache %6 GB per sequence, up to %7 sequences\n"
                             "decode %8 (batch %9, %10-bound), prefill %11")
                              .arg(rows[r]).arg(p.count).arg(QString::fromStdString(hw.device.name),
                                                               QString::fromStdString(p.source))
                              .arg(p.estimate.weightsGb, 0, 'f', 1)
                              .arg(p.estimate.kvCacheGbPerSequence, 0, 'f', 2)
                              .arg(p.estimate.maxBatch)
                              .arg(rate(p.estimate.decodeTokensPerS, "tok/s"))
                              .arg(m_batch->value())
                              .arg(p.estimate.decodeMemoryBound ? tr("memory") : tr("compute"))
                              .arg(rate(p.estimate.prefillTokensPerS, "tok/s"));
            if (p.cost)
                tip += tr("\n%1 per million input, %2 per million output tokens; %3 output tokens a month")
                           .arg(unitPrice(p.cost->inputUsdPerMtok), unitPrice(p.cost->outputUsdPerMtok),
                                QString::number(p.cost->outputTokensPerMonth, 'g', 3));
            item->setToolTip(tip);
            m_grid->setItem(r, c, item);
        }
    }
    m_grid->resizeColumnsToContents();
    m_grid->resizeRowsToContents();
    if (keepRow >= 0 && keepColumn >= 0 && keepRow < m_grid->rowCount() && keepColumn < m_grid->columnCount())
        m_grid->setCurrentCell(keepRow, keepColumn);
    else
        m_addOffer->setEnabled(false);
    m_gridStatus->setText(tr("%1 models × %2 hardware at %3, batch %4, %5 tokens of context. Rent: cheapest on-demand "
                             "price of pricing-data/gpus.json. Bold: a stored measurement (%6). Hover a cell for the "
                             "memory fit and the input price.")
                              .arg(models.size())
                              .arg(m_columns.size())
                              .arg(m_quant->currentText())
                              .arg(m_batch->value())
                              .arg(m_context->value())
                              .arg(measured));
    emit gridRecomputed();
}

bool CapacityPage::addSelectedAsOffer()
{
    const int r = m_grid->currentRow(), c = m_grid->currentColumn();
    if (r < 0 || c < 0 || m_plans.empty()) {
        m_gridStatus->setText(tr("Select a cell of the grid first."));
        return false;
    }
    const CapacityPlan& p = plan(r, c);
    const HardwareOption& hw = m_columns[static_cast<std::size_t>(c)];
    if (!p.estimate.fits || !p.cost || !hw.usdPerDeviceHour) {
        m_gridStatus->setText(tr("That cell cannot become an offer: %1.")
                                  .arg(!p.estimate.fits ? tr("the model does not fit") : tr("the hardware has no price")));
        return false;
    }
    SelfHostedOfferInputs in;
    in.model = bundledModels()[static_cast<std::size_t>(r)];
    in.hardware = hw.device;
    in.hardware.count = p.count;
    in.hardwareId = hw.id;
    in.quant = quant();
    in.batch = m_batch->value();
    in.contextTokens = m_context->value();
    in.usdPerDeviceHour = *hw.usdPerDeviceHour;
    in.estimate = p.estimate;
    in.estimateSource = p.source;
    in.today = Clock::today();
    const PriceSheet sheet = selfHostedOfferSheet(in);
    try {
        m_workspace.addSelfHostedSheet(sheet);
    } catch (const std::exception& e) {
        m_gridStatus->setText(tr("The offer could not be stored: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }
    const PriceOffer& o = sheet.offers.front();
    m_gridStatus->setText(tr("Added %1 / %2 to the catalog: %3 input, %4 output per million tokens. The Blended cost "
                             "page ranks it beside the API prices.")
                              .arg(QString::fromStdString(o.provider), QString::fromStdString(o.model),
                                   unitPrice(o.inputUsdPerMtok), unitPrice(o.outputUsdPerMtok)));
    return true;
}

void CapacityPage::importMeasurements()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import throughput measurements"), QString(),
                                                      tr("Benchmark JSON (*.json *.jsonl);;All files (*)"));
    if (path.isEmpty())
        return;
    QString hardware;
    for (;;) {
        try {
            const std::size_t added = m_workspace.importThroughputFile(path, QStringLiteral("auto"), hardware);
            m_gridStatus->setText(tr("%1: %2 measurements imported.").arg(QFileInfo(path).fileName()).arg(added));
            return;
        } catch (const InputError& e) {
            if (e.field() == "hardware" && hardware.isEmpty()) {
                // A vLLM result does not say what it ran on: ask, then read it again.
                bool ok = false;
                hardware = QInputDialog::getText(this, tr("Import measurements"),
                                                 tr("vLLM does not record the hardware. What did this run on (for "
                                                    "example \"H100\" or \"RTX 4090\")?"),
                                                 QLineEdit::Normal, QString(), &ok)
                               .trimmed();
                if (ok && !hardware.isEmpty())
                    continue;
                return;
            }
            QMessageBox::warning(this, tr("Import measurements"), QString::fromUtf8(e.what()));
            return;
        } catch (const std::exception& e) {
            QMessageBox::warning(this, tr("Import measurements"), QString::fromUtf8(e.what()));
            return;
        }
    }
}

} // namespace finops
