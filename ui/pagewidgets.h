#pragma once

// Small pieces the pages share: money as the pages show it, the colour a provider is shown
// in, and the figure cards of the Dashboard and Routing pages.

#include <QColor>
#include <QString>
#include <optional>
#include <string>

class QFrame;
class QLabel;
class QWidget;

namespace finops {

// A number a person typed into a table cell: the locale's form ("1,500.5") or the C form;
// nullopt for anything else, negatives and non-finite values.
std::optional<double> parseTypedNumber(const QString& typed);
// A number as a cell shows it for editing: up to 12 significant digits, no grouping.
QString plainNumber(double v);

// USD as every page shows it: "$1,234.56", "-$3.00" (model/displayformat.h formatUsd).
QString usdText(double usd);

// Colours people know the providers by, where they have one; a fixed palette by `index`
// otherwise.
QColor providerColor(const std::string& provider, int index);

// The big value of a figure card ("—" until set), selectable, named for tests.
QLabel* kpiValue(const QString& name, QWidget* parent, double fontScale = 1.7);

// A card: muted title, the value, a muted word-wrapped caption.
QFrame* kpiCard(const QString& title, QLabel* value, QLabel* caption, QWidget* parent,
                Qt::TextFormat captionFormat = Qt::RichText);

} // namespace finops
