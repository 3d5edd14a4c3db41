#pragma once

// Small pieces the pages share: the colour a provider is shown in, and the figure cards
// of the Dashboard and Routing pages.

#include <QColor>
#include <QString>
#include <string>

class QFrame;
class QLabel;
class QWidget;

namespace finops {

// Colours people know the providers by, where they have one; a fixed palette by `index`
// otherwise.
QColor providerColor(const std::string& provider, int index);

// The big value of a figure card ("—" until set), selectable, named for tests.
QLabel* kpiValue(const QString& name, QWidget* parent, double fontScale = 1.7);

// A card: muted title, the value, a muted word-wrapped caption.
QFrame* kpiCard(const QString& title, QLabel* value, QLabel* caption, QWidget* parent,
                Qt::TextFormat captionFormat = Qt::RichText);

} // namespace finops
