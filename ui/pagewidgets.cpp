#include "pagewidgets.h"

#include "displayformat.h"

#include <QFrame>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>
#include <cmath>
#include <iterator>
#include <map>

namespace finops {

std::optional<double> parseTypedNumber(const QString& typed)
{
    const QString t = typed.trimmed();
    bool ok = false;
    double v = QLocale().toDouble(t, &ok);
    if (!ok)
        v = t.toDouble(&ok);
    if (!ok || !std::isfinite(v) || v < 0)
        return std::nullopt;
    return v;
}

QString plainNumber(double v)
{
    return QString::number(v, 'g', 12);
}

QString usdText(double usd)
{
    return QString::fromStdString(formatUsd(usd));
}

QColor providerColor(const std::string& provider, int index)
{
    static const std::map<std::string, QColor> known = {
        {"openai", QColor(0x10, 0xa3, 0x7f)},     {"anthropic", QColor(0xd9, 0x77, 0x57)},
        {"google", QColor(0x42, 0x85, 0xf4)},     {"deepseek", QColor(0x7e, 0x57, 0xc2)},
        {"groq", QColor(0xe5, 0x39, 0x35)},       {"mistral", QColor(0xff, 0xa0, 0x00)},
        {"openrouter", QColor(0x54, 0x6e, 0x7a)}, {"aws-bedrock", QColor(0xff, 0x99, 0x00)},
        {"azure", QColor(0x00, 0x78, 0xd4)},      {"together", QColor(0x0f, 0x6f, 0xff)},
        {"fireworks", QColor(0x6d, 0x28, 0xd9)},  {"xai", QColor(0x21, 0x21, 0x21)},
    };
    if (const auto it = known.find(provider); it != known.end())
        return it->second;
    static const QColor palette[] = {QColor(0x26, 0xa6, 0x9a), QColor(0xec, 0x40, 0x7a),
                                     QColor(0x8d, 0x6e, 0x63), QColor(0x9c, 0xcc, 0x65),
                                     QColor(0x5c, 0x6b, 0xc0), QColor(0x78, 0x90, 0x9c),
                                     QColor(0xff, 0xca, 0x28)};
    return palette[static_cast<std::size_t>(index) % std::size(palette)];
}

QLabel* kpiValue(const QString& name, QWidget* parent, double fontScale)
{
    auto* label = new QLabel(QStringLiteral("—"), parent);
    label->setObjectName(name);
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * fontScale);
    font.setBold(true);
    label->setFont(font);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QFrame* kpiCard(const QString& title, QLabel* value, QLabel* caption, QWidget* parent, Qt::TextFormat captionFormat)
{
    auto* card = new QFrame(parent);
    card->setObjectName(QStringLiteral("kpiCard"));
    card->setStyleSheet(QStringLiteral("QFrame#kpiCard { background: palette(base); border: 1px solid palette(mid); "
                                       "border-radius: 6px; }"));
    card->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred); // a row of cards of one height
    auto* heading = new QLabel(title, card);
    QPalette muted = heading->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    heading->setPalette(muted);
    caption->setPalette(muted);
    caption->setWordWrap(true);
    caption->setTextFormat(captionFormat);
    caption->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    auto* layout = new QVBoxLayout(card);
    layout->setContentsMargins(14, 10, 14, 10);
    layout->setSpacing(2);
    layout->addWidget(heading);
    layout->addWidget(value);
    layout->addWidget(caption);
    layout->addStretch();
    return card;
}

} // namespace finops
