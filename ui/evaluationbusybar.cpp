#include "evaluationbusybar.h"

#include "scenariosession.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace finops {

QWidget* makeEvaluationBusyBar(ScenarioSession& session, QWidget* parent)
{
    auto* bar = new QWidget(parent);
    bar->setObjectName(QStringLiteral("evaluationBusy"));
    auto* layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(QObject::tr("Solving the scenario's routing…"), bar);
    auto* progress = new QProgressBar(bar);
    progress->setRange(0, 0); // busy: a MIP's progress has no honest percentage
    progress->setMaximumWidth(240);
    progress->setTextVisible(false);
    auto* cancel = new QPushButton(QObject::tr("Cancel"), bar);
    cancel->setObjectName(QStringLiteral("evaluationCancel"));
    cancel->setToolTip(QObject::tr("Stop the solve: the plan keeps today's routing for the tasks "
                                   "and says so in its assumptions"));
    layout->addWidget(label);
    layout->addWidget(progress);
    layout->addWidget(cancel);
    layout->addStretch(1);
    bar->setVisible(session.isEvaluating());
    QObject::connect(cancel, &QPushButton::clicked, &session, [&session, cancel] {
        cancel->setEnabled(false);
        session.cancelEvaluation();
    });
    QObject::connect(&session, &ScenarioSession::evaluationStarted, bar, [bar, cancel] {
        cancel->setEnabled(true);
        bar->show();
    });
    QObject::connect(&session, &ScenarioSession::evaluated, bar,
                     [bar, &session] { bar->setVisible(session.isEvaluating()); });
    return bar;
}

} // namespace finops
