// Time periods, SR runs, window A/B and the descriptor plans.
// Vectors from tor's src/test/test_hs_common.c (tor 0.4.9 main):
//   test_time_period, test_start_time_of_next_time_period,
//   test_time_between_tp_and_srv, test_disaster_srv.
// Window tables: hand-derived literals, then a cross-check against the
// independent Python reference (tests/hsdir/data/hsdir_reference.py) over
// many valid-after times, real and TestingTorNetwork schedules.
#include "hsdir/Consensus.h"
#include "hsdir/SyntheticNetwork.h"
#include "hsdir/TimePeriod.h"

#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>

using namespace rb;
using namespace rb::hsdir;

namespace {
QDateTime utc(int y, int mo, int d, int h, int mi, int s = 0) { return QDateTime(QDate(y, mo, d), QTime(h, mi, s), Qt::UTC); }

TimePeriod real(const QDateTime& validAfter, qint64 v = 3600, qint64 interval = 1440)
{
    auto tp = TimePeriod::compute(validAfter, v, false, interval, QByteArray(32, 'P'), QByteArray(32, 'C'));
    if (!tp.ok()) {
        qFatal("TimePeriod::compute failed: %s", qPrintable(tp.error().toString()));
    }
    return *tp;
}

TimePeriod testing(const QDateTime& validAfter, qint64 v)
{
    auto tp = TimePeriod::compute(validAfter, v, true, 1440, QByteArray(32, 'P'), QByteArray(32, 'C'));
    if (!tp.ok()) {
        qFatal("TimePeriod::compute failed: %s", qPrintable(tp.error().toString()));
    }
    return *tp;
}
}  // namespace

class TestTimePeriod : public QObject {
    Q_OBJECT
private slots:
    // test_hs_common.c: test_time_period (prop224 [TIME-PERIODS] example).
    void torTestTimePeriod()
    {
        const TimePeriod tp = real(utc(2016, 4, 13, 11, 0));
        QCOMPARE(tp.periodLengthMinutes(), quint64{1440});
        QCOMPARE(tp.rotationOffsetMinutes(), qint64{720});
        const qint64 t = utc(2016, 4, 13, 11, 0).toSecsSinceEpoch();
        QCOMPARE(tp.periodNumberAt(t), quint64{16903});
        QCOMPARE(tp.periodNumberAt(t + 3599), quint64{16903});
        QCOMPARE(tp.startOfNextPeriodSecs(t + 3599), utc(2016, 4, 13, 12, 0).toSecsSinceEpoch());
        QCOMPARE(tp.periodNumberAt(t + 3600), quint64{16904});
        QCOMPARE(tp.periodNumberAt(t + 3600) + 1, quint64{16905});  // hs_get_next_time_period_num
        QCOMPARE(tp.startOfNextPeriodSecs(t + 3600), utc(2016, 4, 14, 12, 0).toSecsSinceEpoch());
        QCOMPARE(tp.periodNumberAt(tp.startOfNextPeriodSecs(t + 3600)), quint64{16905});
        QCOMPARE(tp.periodNumber(), quint64{16903});
        QCOMPARE(tp.periodStart(16904), utc(2016, 4, 13, 12, 0));
    }

    // test_hs_common.c: test_start_time_of_next_time_period, including the
    // TestingTorNetwork case with V = 10 s (4-minute periods, 2-minute offset).
    void torTestStartTimeOfNextTimePeriod()
    {
        const TimePeriod r = real(utc(2016, 4, 13, 11, 0));
        QCOMPARE(r.startOfNextPeriodSecs(utc(2016, 4, 13, 11, 0).toSecsSinceEpoch()),
                 utc(2016, 4, 13, 12, 0).toSecsSinceEpoch());
        QCOMPARE(r.startOfNextPeriodSecs(utc(2016, 4, 13, 12, 0).toSecsSinceEpoch()),
                 utc(2016, 4, 14, 12, 0).toSecsSinceEpoch());

        const TimePeriod t = testing(utc(2016, 4, 13, 0, 0), 10);
        QCOMPARE(t.periodLengthMinutes(), quint64{4});
        QCOMPARE(t.rotationOffsetSeconds(), qint64{120});
        QCOMPARE(t.startOfNextPeriodSecs(utc(2016, 4, 13, 0, 0).toSecsSinceEpoch()),
                 utc(2016, 4, 13, 0, 2).toSecsSinceEpoch());
        QCOMPARE(t.startOfNextPeriodSecs(utc(2016, 4, 13, 0, 2).toSecsSinceEpoch()),
                 utc(2016, 4, 13, 0, 6).toSecsSinceEpoch());
    }

    // test_hs_common.c: test_time_between_tp_and_srv (V = 1 h).
    void torTestTimeBetweenTpAndSrv_data()
    {
        QTest::addColumn<QDateTime>("validAfter");
        QTest::addColumn<bool>("betweenTpAndSrv");  // tor's return value (window B)
        QTest::newRow("00:00") << utc(1985, 10, 26, 0, 0) << false;
        QTest::newRow("11:00") << utc(1985, 10, 26, 11, 0) << false;
        QTest::newRow("12:00") << utc(1985, 10, 26, 12, 0) << true;
        QTest::newRow("23:00") << utc(1985, 10, 26, 23, 0) << true;
        QTest::newRow("next 00:00") << utc(1985, 10, 27, 0, 0) << false;
    }

    void torTestTimeBetweenTpAndSrv()
    {
        QFETCH(QDateTime, validAfter);
        QFETCH(bool, betweenTpAndSrv);
        QCOMPARE(!real(validAfter).isInWindowA(), betweenTpAndSrv);
    }

    // test_hs_common.c: test_disaster_srv (period length 1440, period 1).
    void torTestDisasterSrv()
    {
        QCOMPARE(TimePeriod::disasterSrv(1, 1440).toHex().toUpper(),
                 QByteArray("F8A4948707653837FA44ABB5BBC75A12F6F101E7F8FAF699B9715F4965D3507D"));
        // Same construction by hand: "shared-random-disaster" | INT_8(1440) | INT_8(1).
        const QByteArray input = QByteArray("shared-random-disaster") + QByteArray::fromHex("00000000000005A0") +
                                 QByteArray::fromHex("0000000000000001");
        QCOMPARE(TimePeriod::disasterSrv(1, 1440), QCryptographicHash::hash(input, QCryptographicHash::Sha3_256));
    }

    // Real network, 2026-02-06. TP 20489 starts 2026-02-05 12:00 UTC
    // (20489*1440 + 720 minutes after the epoch), TP 20490 on 02-06 12:00.
    void realNetworkWindowA()
    {
        const TimePeriod tp = real(utc(2026, 2, 6, 5, 0));
        QVERIFY(tp.isInWindowA());
        QCOMPARE(tp.periodNumber(), quint64{20489});
        QCOMPARE(tp.periodStart(20489), utc(2026, 2, 5, 12, 0));
        QCOMPARE(tp.srvStart(TimePeriod::SrvRun::Current), utc(2026, 2, 6, 0, 0));
        QCOMPARE(tp.srvStart(TimePeriod::SrvRun::Previous), utc(2026, 2, 5, 0, 0));

        const DescriptorPlan first = tp.first();
        QCOMPARE(first.periodNumber, quint64{20489});
        QCOMPARE(first.periodLengthMinutes, quint64{1440});
        QCOMPARE(first.srv, QByteArray(32, 'P'));
        QVERIFY(!first.usesCurrentSrv);
        QCOMPARE(first.srvStartSecs, utc(2026, 2, 5, 0, 0).toSecsSinceEpoch());

        const DescriptorPlan second = tp.second();
        QCOMPARE(second.periodNumber, quint64{20490});
        QCOMPARE(second.srv, QByteArray(32, 'C'));
        QVERIFY(second.usesCurrentSrv);
        QCOMPARE(second.srvStartSecs, utc(2026, 2, 6, 0, 0).toSecsSinceEpoch());

        const DescriptorPlan fetch = tp.clientFetch();
        QCOMPARE(fetch.periodNumber, quint64{20489});
        QCOMPARE(fetch.srv, QByteArray(32, 'P'));
    }

    void realNetworkWindowB()
    {
        const TimePeriod tp = real(utc(2026, 2, 6, 15, 0));
        QVERIFY(!tp.isInWindowA());
        QCOMPARE(tp.periodNumber(), quint64{20490});
        QCOMPARE(tp.srvStart(TimePeriod::SrvRun::Current), utc(2026, 2, 6, 0, 0));

        const DescriptorPlan first = tp.first();  // same descriptor as in window A that day
        QCOMPARE(first.periodNumber, quint64{20489});
        QCOMPARE(first.srv, QByteArray(32, 'P'));
        QCOMPARE(first.srvStartSecs, utc(2026, 2, 5, 0, 0).toSecsSinceEpoch());

        const DescriptorPlan second = tp.second();
        QCOMPARE(second.periodNumber, quint64{20490});
        QCOMPARE(second.srv, QByteArray(32, 'C'));
        QCOMPARE(second.srvStartSecs, utc(2026, 2, 6, 0, 0).toSecsSinceEpoch());

        const DescriptorPlan fetch = tp.clientFetch();
        QCOMPARE(fetch.periodNumber, quint64{20490});
        QCOMPARE(fetch.srv, QByteArray(32, 'C'));
    }

    // TestingTorNetwork, V = 20 s: 8-minute periods, 240 s offset, 480 s SR runs.
    // 2026-02-06 00:00:00 = 1770336000 s = 3688200 * 480 s: an SR run starts there.
    void testingNetworkWindows()
    {
        const qint64 va = 1770336000;
        const TimePeriod a = testing(QDateTime::fromSecsSinceEpoch(va, Qt::UTC), 20);
        QCOMPARE(a.periodLengthMinutes(), quint64{8});
        QCOMPARE(a.rotationOffsetSeconds(), qint64{240});
        QCOMPARE(a.srvStartSecs(TimePeriod::SrvRun::Current), va);
        QCOMPARE(a.srvStartSecs(TimePeriod::SrvRun::Previous), va - 480);
        // (29505600 - 4) / 8 = 3688199; next TP starts at va + 240.
        QCOMPARE(a.periodNumber(), quint64{3688199});
        QCOMPARE(a.periodStartSecs(3688200), va + 240);
        QVERIFY(a.isInWindowA());
        QCOMPARE(a.first().periodNumber, quint64{3688199});
        QCOMPARE(a.second().periodNumber, quint64{3688200});
        QCOMPARE(a.clientFetch().periodNumber, quint64{3688199});
        QCOMPARE(a.first().periodLengthMinutes, quint64{8});

        const TimePeriod b = testing(QDateTime::fromSecsSinceEpoch(va + 300, Qt::UTC), 20);
        QCOMPARE(b.srvStartSecs(TimePeriod::SrvRun::Current), va);
        QCOMPARE(b.periodNumber(), quint64{3688200});
        QVERIFY(!b.isInWindowA());
        QCOMPARE(b.first().periodNumber, quint64{3688199});
        QVERIFY(!b.first().usesCurrentSrv);
        QCOMPARE(b.second().periodNumber, quint64{3688200});
        QVERIFY(b.second().usesCurrentSrv);
        QCOMPARE(b.clientFetch().periodNumber, quint64{3688200});
        QVERIFY(b.clientFetch().usesCurrentSrv);
        QCOMPARE(b.first().srvStartSecs, va - 480);
        QCOMPARE(b.second().srvStartSecs, va);

        // hsdir_interval is ignored on a testing network.
        auto c = TimePeriod::compute(QDateTime::fromSecsSinceEpoch(va, Qt::UTC), 20, true, 60);
        QVERIFY(c.ok());
        QCOMPARE(c->periodLengthMinutes(), quint64{8});
    }

    void missingSrvUsesDisasterValueOfThePlansPeriod()
    {
        auto tp = TimePeriod::compute(utc(2026, 2, 6, 15, 0), 3600, false, 1440);  // no SRVs
        QVERIFY(tp.ok());
        QVERIFY(tp->first().srvIsDisaster);
        QCOMPARE(tp->first().srv, TimePeriod::disasterSrv(20489, 1440));
        QCOMPARE(tp->second().srv, TimePeriod::disasterSrv(20490, 1440));
        QCOMPARE(tp->clientFetch().srv, TimePeriod::disasterSrv(20490, 1440));
        // Only the current SRV present: first falls back, second does not.
        auto half = TimePeriod::compute(utc(2026, 2, 6, 5, 0), 3600, false, 1440, std::nullopt, QByteArray(32, 'C'));
        QVERIFY(half.ok());
        QCOMPARE(half->first().srv, TimePeriod::disasterSrv(20489, 1440));
        QCOMPARE(half->second().srv, QByteArray(32, 'C'));
        QVERIFY(!half->second().srvIsDisaster);
    }

    void hsdirIntervalBounds_data()
    {
        QTest::addColumn<qint64>("param");
        QTest::addColumn<quint64>("length");
        QTest::newRow("default") << qint64{1440} << quint64{1440};
        QTest::newRow("below min") << qint64{1} << quint64{5};
        QTest::newRow("negative") << qint64{-100} << quint64{5};
        QTest::newRow("min") << qint64{5} << quint64{5};
        QTest::newRow("max") << qint64{14400} << quint64{14400};
        QTest::newRow("above max") << qint64{100000} << quint64{14400};
    }

    void hsdirIntervalBounds()
    {
        QFETCH(qint64, param);
        QFETCH(quint64, length);
        auto tp = TimePeriod::compute(utc(2026, 2, 6, 5, 0), 3600, false, param);
        QVERIFY(tp.ok());
        QCOMPARE(tp->periodLengthMinutes(), length);
    }

    void fromConsensusUsesItsParamsAndSrvs()
    {
        rb::test::SyntheticHeader h;
        h.validAfter = utc(2026, 2, 6, 15, 0);
        h.params = {{"hsdir_interval", 2}};  // clamped to 5
        h.srvCurrent = QByteArray(32, 'c');
        auto c = Consensus::parse(rb::test::buildConsensus(h, {}));
        QVERIFY(c.ok());
        auto tp = TimePeriod::fromConsensus(*c, false);
        QVERIFY(tp.ok());
        QCOMPARE(tp->periodLengthMinutes(), quint64{5});
        QCOMPARE(tp->votingIntervalSeconds(), qint64{3600});
        QCOMPARE(tp->second().srv, QByteArray(32, 'c'));
        QVERIFY(tp->first().srvIsDisaster);
    }

    void invalidInputs()
    {
        QVERIFY(!TimePeriod::compute(QDateTime(), 3600, false).ok());
        QCOMPARE(TimePeriod::compute(utc(2026, 2, 6, 5, 0), 0, false).error().code, ErrorCode::InvalidArgument);
        QVERIFY(!TimePeriod::compute(utc(2026, 2, 6, 5, 0), -5, false).ok());
        QVERIFY(!TimePeriod::compute(utc(2026, 2, 6, 5, 0), 2, true).ok());  // 48 s periods round to 0 min
        QVERIFY(TimePeriod::compute(utc(2026, 2, 6, 5, 0), 3, true).ok());
        QVERIFY(!TimePeriod::compute(utc(1970, 1, 1, 0, 5), 3600, false).ok());
        QVERIFY(!TimePeriod::compute(utc(2026, 2, 6, 5, 0), 3600, false, 1440, QByteArray(31, 'x')).ok());
    }

    // Many random valid-after times (aligned to V like real consensuses)
    // against the Python reference.
    void crossCheckWithPythonReference()
    {
        const QString python = QStringLiteral("/usr/bin/python3");
        if (!QFileInfo::exists(python)) {
            QSKIP("/usr/bin/python3 not available");
        }
        QRandomGenerator rng(20260206);
        QJsonArray cases;
        struct Case {
            qint64 va;
            qint64 v;
            bool testing;
            qint64 interval;
        };
        QList<Case> mine;
        const QList<qint64> testingIntervals{3, 10, 20, 30, 45, 60, 300};
        for (int i = 0; i < 400; ++i) {
            const bool isTesting = (i % 2) == 1;
            const qint64 v = isTesting ? testingIntervals[i % testingIntervals.size()] : ((i % 4 == 0) ? 1800 : 3600);
            const qint64 interval = (i % 8 == 0) ? 720 : ((i % 16 == 2) ? 60 : 1440);
            const qint64 base = 1'700'000'000 + static_cast<qint64>(rng.bounded(200'000'000));
            const qint64 va = base - base % v;
            mine.append({va, v, isTesting, interval});
            cases.append(QJsonObject{{QStringLiteral("valid_after"), va},
                                     {QStringLiteral("voting_interval"), v},
                                     {QStringLiteral("testing"), isTesting},
                                     {QStringLiteral("hsdir_interval"), interval}});
        }
        const QJsonObject request{{QStringLiteral("mode"), QStringLiteral("periods")}, {QStringLiteral("cases"), cases}};
        QProcess proc;
        proc.start(python, {QStringLiteral(RB_SOURCE_DIR "/tests/hsdir/data/hsdir_reference.py")});
        QVERIFY(proc.waitForStarted(10000));
        proc.write(QJsonDocument(request).toJson(QJsonDocument::Compact));
        proc.closeWriteChannel();
        QVERIFY(proc.waitForFinished(60000));
        QCOMPARE(proc.exitCode(), 0);
        const QJsonArray answers = QJsonDocument::fromJson(proc.readAllStandardOutput()).object()[QStringLiteral("cases")].toArray();
        QCOMPARE(answers.size(), mine.size());
        int windowA = 0;
        for (qsizetype i = 0; i < mine.size(); ++i) {
            const Case& c = mine[i];
            const QJsonObject ref = answers[i].toObject();
            auto tp = TimePeriod::compute(QDateTime::fromSecsSinceEpoch(c.va, Qt::UTC), c.v, c.testing, c.interval,
                                          QByteArray(32, 'P'), QByteArray(32, 'C'));
            QVERIFY(tp.ok());
            const QString where = QStringLiteral("va=%1 V=%2 testing=%3").arg(c.va).arg(c.v).arg(c.testing);
            QVERIFY2(tp->periodLengthMinutes() == quint64(ref[QStringLiteral("length")].toInteger()), qPrintable(where));
            QVERIFY2(tp->periodNumber() == quint64(ref[QStringLiteral("tp")].toInteger()), qPrintable(where));
            QVERIFY2(tp->isInWindowA() == ref[QStringLiteral("window_a")].toBool(), qPrintable(where));
            QVERIFY2(tp->srvStartSecs(TimePeriod::SrvRun::Current) == ref[QStringLiteral("srv_current_start")].toInteger(),
                     qPrintable(where));
            QVERIFY2(tp->periodStartSecs(tp->periodNumber() + 1) == ref[QStringLiteral("next_tp_start")].toInteger(),
                     qPrintable(where));
            const QJsonObject plans = ref[QStringLiteral("plans")].toObject();
            const std::pair<const char*, DescriptorPlan> mineP[] = {
                {"first", tp->first()}, {"second", tp->second()}, {"fetch", tp->clientFetch()}};
            for (const auto& [name, plan] : mineP) {
                const QJsonArray p = plans[QLatin1String(name)].toArray();
                QVERIFY2(plan.periodNumber == quint64(p[0].toInteger()), qPrintable(where + QLatin1String(name)));
                QVERIFY2(plan.usesCurrentSrv == (p[1].toString() == QLatin1String("current")),
                         qPrintable(where + QLatin1String(name)));
                QVERIFY2(plan.srvStartSecs == p[2].toInteger(), qPrintable(where + QLatin1String(name)));
            }
            windowA += tp->isInWindowA() ? 1 : 0;
        }
        // Both windows were exercised.
        QVERIFY(windowA > 50);
        QVERIFY(windowA < mine.size() - 50);
    }
};

QTEST_GUILESS_MAIN(TestTimePeriod)
#include "TestTimePeriod.moc"
