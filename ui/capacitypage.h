#pragma once

#include "selfhosted.h"

#include <QProcess>
#include <QWidget>
#include <optional>
#include <vector>

class QCheckBox;
class QChart;
class QComboBox;
class QLabel;
class QLineSeries;
class QLogValueAxis;
class QProgressBar;
class QPushButton;
class QScatterSeries;
class QSpinBox;
class QDoubleSpinBox;
class QTableWidget;

namespace finops {

class Workspace;

// The Capacity page: what self-hosting delivers.
// - "Run benchmark" starts finops-kbench through QProcess, follows its JSON-lines progress
//   with a progress bar and Cancel (SIGTERM: the partial result is shown, not stored), and
//   stores the result in the workspace; the figures are shown beside the ceilings of this
//   machine and the peaks of a GPU to compare with.
// - A log-log roofline (arithmetic intensity against attainable GFLOP/s) with this
//   machine's measured roof and points, and the compared GPU's peak roof.
// - A model x hardware grid of decode tokens/s and USD per million output tokens (the
//   fewest devices that hold the model, or a fixed count), stored measurements overriding
//   the estimate; "Add as offer" puts the selected cell into the catalog as a self-hosted
//   offer, which the Blended cost page then ranks.
class CapacityPage : public QWidget
{
    Q_OBJECT
public:
    explicit CapacityPage(Workspace& workspace, QWidget* parent = nullptr);
    ~CapacityPage() override;

    // The finops-kbench executable (default: beside this program, or $FINOPS_KBENCH).
    void setKbenchProgram(const QString& path) { m_kbenchProgram = path; }
    bool benchmarkRunning() const;

    // The grid's columns and what a cell holds (row: model index of bundledModels()).
    const std::vector<HardwareOption>& hardwareColumns() const { return m_columns; }
    const CapacityPlan& plan(int row, int column) const;
    Quant quant() const;

public slots:
    void runBenchmark();
    void cancelBenchmark();
    void recomputeGrid();
    // Adds the grid's current cell as a self-hosted offer; false (with a message) when
    // the cell has no price or the model does not fit.
    bool addSelectedAsOffer();
    void importMeasurements();

signals:
    // The benchmark ended: stored (ok), canceled or failed (with the message shown).
    void benchmarkFinished(bool ok, bool canceled);
    void gridRecomputed();

private:
    void readKbenchOutput();
    void kbenchFinished(int exitCode, QProcess::ExitStatus status);
    void showFigures(const std::optional<KbenchFigures>& figures);
    void updateRoofline();
    void rebuildColumns();

    Workspace& m_workspace;
    QString m_kbenchProgram;
    QProcess* m_process = nullptr;
    QByteArray m_pending;
    std::optional<KbenchFigures> m_lastResult; // of the run in progress
    bool m_canceled = false;

    std::optional<KbenchFigures> m_figures; // newest stored run
    std::vector<HardwareOption> m_columns;
    std::vector<std::vector<CapacityPlan>> m_plans; // [model][column]

    QPushButton* m_run;
    QPushButton* m_cancel;
    QCheckBox* m_quick;
    QSpinBox* m_threads;
    QProgressBar* m_progress;
    QLabel* m_status;
    QComboBox* m_compareGpu;
    QTableWidget* m_results;

    QChart* m_roofChart;
    QLineSeries* m_machineRoof;
    QLineSeries* m_gpuRoof;
    QScatterSeries* m_triadPoint;
    QScatterSeries* m_gemvPoints;
    QScatterSeries* m_gemmPoint;
    QLogValueAxis* m_roofX;
    QLogValueAxis* m_roofY;

    QComboBox* m_quant;
    QSpinBox* m_batch;
    QSpinBox* m_context;
    QComboBox* m_count;
    QDoubleSpinBox* m_machineRent;
    QTableWidget* m_grid;
    QPushButton* m_addOffer;
    QLabel* m_gridStatus;
};

} // namespace finops
