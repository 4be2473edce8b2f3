#pragma once
// Test helper: a strict reader of the Prometheus text format 0.0.4 as the
// publisher's metrics endpoint emits it (HELP/TYPE before samples, label
// values with \\, \" and \n escapes, numeric values). Lines it cannot read
// are collected in `errors`.

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

namespace rb::promtext {

// One parsed sample of the text format.
struct Sample {
    QString name;
    QMap<QString, QString> labels;
    QString value;
};

struct Exposition {
    QMap<QString, QString> types;  // family -> type
    QMap<QString, QString> help;
    QList<Sample> samples;
    QStringList errors;
    [[nodiscard]] QList<Sample> of(const QString& name) const
    {
        QList<Sample> out;
        for (const Sample& s : samples) {
            if (s.name == name) {
                out.append(s);
            }
        }
        return out;
    }
};

// A strict reader of the 0.0.4 text format (what this endpoint emits).
inline Exposition parseExposition(const QByteArray& text)
{
    Exposition e;
    static const QRegularExpression sampleRe(QStringLiteral("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)$"));
    static const QRegularExpression labelRe(
        QStringLiteral("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"(,|$)"));
    for (const QByteArray& raw : text.split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (line.isEmpty()) {
            continue;
        }
        if (line.startsWith(QLatin1String("# TYPE "))) {
            const QStringList p = line.mid(7).split(u' ');
            e.types.insert(p.value(0), p.value(1));
            continue;
        }
        if (line.startsWith(QLatin1String("# HELP "))) {
            const qsizetype sp = line.indexOf(u' ', 7);
            e.help.insert(line.mid(7, sp - 7), line.mid(sp + 1));
            continue;
        }
        const auto m = sampleRe.match(line);
        if (!m.hasMatch()) {
            e.errors << line;
            continue;
        }
        Sample s;
        s.name = m.captured(1);
        s.value = m.captured(4);
        bool num = false;
        s.value.toDouble(&num);
        if (!num) {
            e.errors << line;
        }
        const QString labels = m.captured(3);
        qsizetype consumed = 0;
        auto it = labelRe.globalMatch(labels);
        while (it.hasNext()) {
            const auto lm = it.next();
            if (lm.capturedStart() != consumed) {
                break;
            }
            consumed = lm.capturedEnd();
            const QString escaped = lm.captured(2);
            QString v;
            for (qsizetype i = 0; i < escaped.size(); ++i) {
                if (escaped.at(i) == QLatin1Char('\\') && i + 1 < escaped.size()) {
                    const QChar next = escaped.at(++i);
                    v += next == QLatin1Char('n') ? QChar(QLatin1Char('\n')) : next;
                } else {
                    v += escaped.at(i);
                }
            }
            s.labels.insert(lm.captured(1), v);
        }
        if (consumed != labels.size()) {
            e.errors << line;
        }
        if (!e.types.contains(s.name)) {
            e.errors << QStringLiteral("no TYPE before ") + line;
        }
        e.samples.append(s);
    }
    return e;
}

}  // namespace rb::promtext
