#pragma once
// Test helper: reads a systemd unit file (sections, keys, "\" continuations)
// and turns its ExecStart= into an argv the way systemd does for this unit's
// syntax (systemd.service(5) "Command lines"): words split on whitespace,
// "double" / 'single' quotes, "${VAR}" replaced inside a word, a whole-word
// "$VAR" split into words (empty: no word). Used by the unit's verify test
// and by the lab test that starts rbctl with exactly the unit's command line.

#include <QFile>
#include <QMap>
#include <QPair>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace rb::unitfile {

struct Unit {
    QList<QPair<QString, QPair<QString, QString>>> entries;  // section, key, value (in order)
    [[nodiscard]] QStringList values(const QString& section, const QString& key) const
    {
        QStringList out;
        for (const auto& e : entries) {
            if (e.first == section && e.second.first == key) {
                out << e.second.second;
            }
        }
        return out;
    }
    [[nodiscard]] QString value(const QString& section, const QString& key) const
    {
        const QStringList v = values(section, key);
        return v.isEmpty() ? QString() : v.last();
    }
};

inline Unit parse(const QByteArray& text)
{
    Unit u;
    QString section;
    QString pending;
    for (const QString& raw : QString::fromUtf8(text).split(QLatin1Char('\n'))) {
        QString line = pending.isEmpty() ? raw.trimmed() : pending + QLatin1Char(' ') + raw.trimmed();
        pending.clear();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')) || line.startsWith(QLatin1Char(';'))) {
            continue;
        }
        if (line.endsWith(QLatin1Char('\\'))) {
            pending = line.left(line.size() - 1).trimmed();
            continue;
        }
        if (line.startsWith(QLatin1Char('[')) && line.endsWith(QLatin1Char(']'))) {
            section = line.mid(1, line.size() - 2);
            continue;
        }
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (eq > 0) {
            u.entries.append({section, {line.left(eq).trimmed(), line.mid(eq + 1).trimmed()}});
        }
    }
    return u;
}

inline Unit read(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    return parse(f.readAll());
}

// ExecStart= → argv. The "-", "@", "+", "!" prefixes are not used by our unit.
inline QStringList commandLine(const QString& value, const QMap<QString, QString>& env)
{
    QStringList words;
    QString word;
    bool inWord = false;
    bool wholeVar = false;
    QChar quote;
    auto finish = [&]() {
        if (!inWord) {
            return;
        }
        static const QRegularExpression wholeRe(QStringLiteral("^\\$([A-Za-z_][A-Za-z0-9_]*)$"));
        const auto m = wholeRe.match(word);
        if (wholeVar && m.hasMatch()) {
            for (const QString& w : env.value(m.captured(1)).split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
                words << w;
            }
        } else {
            static const QRegularExpression braced(QStringLiteral("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}"));
            QString out = word;
            QRegularExpressionMatch bm;
            while ((bm = braced.match(out)).hasMatch()) {
                out.replace(bm.capturedStart(), bm.capturedLength(), env.value(bm.captured(1)));
            }
            words << out;
        }
        word.clear();
        inWord = false;
        wholeVar = false;
    };
    for (const QChar c : value) {
        if (!quote.isNull()) {
            if (c == quote) {
                quote = QChar();
            } else {
                word += c;
            }
            continue;
        }
        if (c == QLatin1Char('"') || c == QLatin1Char('\'')) {
            quote = c;
            inWord = true;
            continue;
        }
        if (c.isSpace()) {
            finish();
            continue;
        }
        if (!inWord) {
            wholeVar = c == QLatin1Char('$');
        }
        inWord = true;
        word += c;
    }
    finish();
    return words;
}

}  // namespace rb::unitfile
