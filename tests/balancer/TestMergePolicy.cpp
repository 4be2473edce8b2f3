#include "balancer/MergePolicy.h"

#include <QtTest>

using namespace rb::balancer;

namespace {
MergeCandidates node(const QString& name, int count, bool eligible = true, int weight = 1)
{
    MergeCandidates c;
    c.node = name;
    c.eligible = eligible;
    c.weight = weight;
    if (!eligible) {
        c.excludedReason = QStringLiteral("HiddenServiceOnionbalanceInstance is not set");
    }
    for (int i = 0; i < count; ++i) {
        c.introPoints.append(name.toUtf8() + "-ip" + QByteArray::number(i));
    }
    return c;
}
}  // namespace

class TestMergePolicy : public QObject {
    Q_OBJECT
private slots:
    void takesEverythingUnderTheLimit()
    {
        const auto r = MergePolicy::merge({node(QStringLiteral("b"), 3), node(QStringLiteral("a"), 3)});
        QCOMPARE(r.selected.size(), 6);
        // round robin, nodes in name order
        QCOMPARE(r.selected.at(0).node, QStringLiteral("a"));
        QCOMPARE(r.selected.at(1).node, QStringLiteral("b"));
        QCOMPARE(r.selected.at(2).node, QStringLiteral("a"));
        QCOMPARE(r.perNode.value(QStringLiteral("a")), 3);
    }

    void capsAtTwentyFairly()
    {
        QList<MergeCandidates> nodes;
        for (int i = 0; i < 8; ++i) {
            nodes.append(node(QStringLiteral("n%1").arg(i), 6));
        }
        const auto r = MergePolicy::merge(nodes);
        QCOMPARE(r.selected.size(), 20);
        for (int i = 0; i < 8; ++i) {
            const int got = r.perNode.value(QStringLiteral("n%1").arg(i));
            QVERIFY2(got == 2 || got == 3, qPrintable(QString::number(got)));
        }
        QVERIFY(r.explanation.first().contains(QStringLiteral("limit of 20")));
    }

    void neverUsesIneligibleNodes()
    {
        const auto r = MergePolicy::merge(
            {node(QStringLiteral("good"), 3), node(QStringLiteral("bad"), 3, false), node(QStringLiteral("ok"), 2)});
        QCOMPARE(r.selected.size(), 5);
        for (const auto& s : r.selected) {
            QVERIFY(s.node != QStringLiteral("bad"));
        }
        QVERIFY(r.explanation.join(QLatin1Char('\n')).contains(QStringLiteral("bad: excluded — HiddenServiceOnionbalanceInstance")));
    }

    void deterministicWhateverTheInputOrder()
    {
        QList<MergeCandidates> a{node(QStringLiteral("x"), 9), node(QStringLiteral("y"), 9), node(QStringLiteral("z"), 9)};
        QList<MergeCandidates> b{a.at(2), a.at(0), a.at(1)};
        const auto ra = MergePolicy::merge(a);
        const auto rb = MergePolicy::merge(b);
        QCOMPARE(ra.selected.size(), 20);
        for (qsizetype i = 0; i < ra.selected.size(); ++i) {
            QCOMPARE(ra.selected.at(i).introPoint, rb.selected.at(i).introPoint);
        }
    }

    void weightsGiveMorePicks()
    {
        const auto r = MergePolicy::merge({node(QStringLiteral("big"), 20, true, 3), node(QStringLiteral("small"), 20)});
        QCOMPARE(r.selected.size(), 20);
        QCOMPARE(r.perNode.value(QStringLiteral("big")), 15);
        QCOMPARE(r.perNode.value(QStringLiteral("small")), 5);
    }

    void duplicateIntroPointTakenOnce()
    {
        MergeCandidates a = node(QStringLiteral("a"), 2);
        MergeCandidates b = node(QStringLiteral("b"), 1);
        b.introPoints.append(a.introPoints.first());
        const auto r = MergePolicy::merge({a, b});
        QCOMPARE(r.selected.size(), 3);
    }

    void notReadyNodeExplained()
    {
        const auto r = MergePolicy::merge({node(QStringLiteral("fresh"), 0)});
        QVERIFY(r.selected.isEmpty());
        QVERIFY(r.explanation.first().contains(QStringLiteral("not ready")));
    }
};

QTEST_GUILESS_MAIN(TestMergePolicy)
#include "TestMergePolicy.moc"
