#pragma once

class QWidget;

namespace finops {

class ScenarioSession;

// A bar for the pages that show the current scenario's evaluation: hidden while the
// evaluation is answered at once; while it runs in the background (a long routing solve),
// a busy progress bar, what runs, and Cancel (ScenarioSession::cancelEvaluation).
// Object names: "evaluationBusy" (the bar), "evaluationCancel" (the button).
QWidget* makeEvaluationBusyBar(ScenarioSession& session, QWidget* parent);

} // namespace finops
