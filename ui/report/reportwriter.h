#pragma once

#include "reportmodel.h"

#include <QPageSize>
#include <QString>
#include <functional>

namespace finops::report {

// Writes the finance report as a PDF with QPdfWriter + QPainter: cover, executive summary,
// chart pages (vectors), the tables (flowing over pages, header repeated) and the
// assumptions appendix; a running header and "Page n of N" on every page. Needs a
// QGuiApplication (any platform, offscreen included) for fonts; no widgets. May run on a
// worker thread.
struct PdfOptions
{
    QPageSize::PageSizeId paper = QPageSize::A4;
    QString creator = QStringLiteral("FinOps Planner");
    // Called before each page is drawn with (page index from 0, page count); returning
    // false cancels: nothing is written.
    std::function<bool(int, int)> progress;
};

struct PdfOutcome
{
    bool ok = false;
    bool canceled = false;
    int pages = 0;
    QString error;
};

// Writes to a temporary file beside `path` and renames it into place on success, so a
// failure or a cancel never leaves half a PDF.
PdfOutcome writeReportPdf(const ReportModel& model, const QString& path,
                          const PdfOptions& options = {});

// "a4" / "letter" (case-insensitive); nullopt for anything else.
std::optional<QPageSize::PageSizeId> paperFromName(const QString& name);

} // namespace finops::report
