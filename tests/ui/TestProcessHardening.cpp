// Start-up hardening: after apply() the process cannot dump core and (on
// Linux) is not dumpable, so no secret ends up in a core file or is readable
// through /proc/<pid>/mem by another same-user process.
#include "util/ProcessHardening.h"

#include <QFile>
#include <QTest>

using rb::util::ProcessHardening;

class TestProcessHardening : public QObject {
    Q_OBJECT
private slots:
    void applyDisablesDumps()
    {
        const rb::Status st = ProcessHardening::apply();
        QVERIFY2(st.ok(), st.ok() ? "" : qPrintable(st.error().toString()));
        QVERIFY(ProcessHardening::coreDumpsDisabled());
        QVERIFY(ProcessHardening::nonDumpable());
#if defined(Q_OS_LINUX)
        QFile limits(QStringLiteral("/proc/self/limits"));
        QVERIFY(limits.open(QIODevice::ReadOnly));
        const QByteArray text = limits.readAll();
        const qsizetype at = text.indexOf("Max core file size");
        QVERIFY(at >= 0);
        const QByteArray line = text.mid(at, text.indexOf('\n', at) - at).simplified();
        QVERIFY2(line.startsWith("Max core file size 0 0"), line.constData());
#endif
    }
    void applyIsIdempotent()
    {
        QVERIFY(ProcessHardening::apply().ok());
        QVERIFY(ProcessHardening::apply().ok());
    }
};

QTEST_GUILESS_MAIN(TestProcessHardening)
#include "TestProcessHardening.moc"
