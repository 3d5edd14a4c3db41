#pragma once

#include <memory>

class QGuiApplication;

namespace finops::cli {

// The report's PDF needs a QGuiApplication (fonts, QPdfWriter). When none exists yet this
// creates one on the offscreen platform (unless QT_QPA_PLATFORM says otherwise), so the
// command works with no display; the caller keeps it alive while it renders. nullptr when
// an application object already exists.
std::unique_ptr<QGuiApplication> ensureGuiApplication();

} // namespace finops::cli
