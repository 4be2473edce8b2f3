// Translations: the console switches to German (and French) and its widgets
// and diagnoses show translated text; every string in the shipped .ts files
// is translated, and running lupdate over the sources finds nothing new.
#include "MainWindow.h"
#include "balancer/FakeFleetBackend.h"
#include "deploy/DeployDialog.h"
#include "deploy/DeployStepModel.h"
#include "diagnostics/Intro2Diagnosis.h"
#include "dialogs/HostKeyDialog.h"
#include "i18n/Translations.h"
#include "models/FleetTableModel.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace rb::ui;

namespace {

struct TsCounts {
    int messages = 0;
    int unfinished = 0;
    int obsolete = 0;
    QStringList firstUnfinished;
};

TsCounts countTs(const QString& path)
{
    TsCounts c;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return c;
    QXmlStreamReader xml(&f);
    QString source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("message"))
            ++c.messages;
        else if (xml.name() == QLatin1String("source"))
            source = xml.readElementText();
        else if (xml.name() == QLatin1String("translation")) {
            const auto type = xml.attributes().value(QLatin1String("type"));
            if (type == QLatin1String("unfinished")) {
                ++c.unfinished;
                if (c.firstUnfinished.size() < 5)
                    c.firstUnfinished << source;
            } else if (type == QLatin1String("obsolete") || type == QLatin1String("vanished")) {
                ++c.obsolete;
            }
        }
    }
    return c;
}

QStringList tsFiles(const QString& dir)
{
    QStringList out;
    for (const QString& name : QDir(dir).entryList({QStringLiteral("rustbalance-console_*.ts")}, QDir::Files))
        out << dir + QLatin1Char('/') + name;
    return out;
}

}  // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private slots:
    void cleanup() { Translations::install(QLocale(QLocale::English)); }
    void shipsGermanAndFrench();
    void widgetsSwitchToGerman();
    void widgetsSwitchToFrench();
    void deployAndHostKeyDialogsAreTranslated();
    void unknownLanguageFallsBackToEnglish();
    void shippedFilesAreComplete();
    void lupdateFindsNothingNew();
};

void TestTranslations::shipsGermanAndFrench()
{
    const QStringList langs = Translations::available();
    QVERIFY2(langs.contains(QStringLiteral("de")), qPrintable(langs.join(QLatin1Char(','))));
    QVERIFY(langs.contains(QStringLiteral("fr")));
}

void TestTranslations::widgetsSwitchToGerman()
{
    QVERIFY(Translations::install(QLocale(QLocale::German, QLocale::Germany)));
    QCOMPARE(Translations::current(), QStringLiteral("de"));
    rb::balancer::FakeFleetBackend backend;
    backend.populate(2);
    MainWindow window;
    window.setBackend(&backend);
    auto* publish = window.findChild<QPushButton*>(QStringLiteral("publishNowButton"));
    QCOMPARE(publish->text(), QStringLiteral("Jetzt &veröffentlichen"));
    QCOMPARE(window.fleetModel()->headerData(FleetTableModel::Name, Qt::Horizontal).toString(),
             QStringLiteral("Knoten"));
    QCOMPARE(window.fleetModel()->index(0, FleetTableModel::Connection).data().toString(),
             QStringLiteral("Verbunden (tunnel up)").replace(QStringLiteral("tunnel"), QStringLiteral("Tunnel")));
    // Core's diagnosis texts are translated too.
    rb::diagnostics::Intro2Context c;
    c.configKnown = true;
    c.publishedAgeMinutes = 5;
    const auto findings = rb::diagnostics::Intro2Diagnosis::diagnose(rb::balancer::Intro2Stats{}, c);
    QVERIFY(!findings.isEmpty());
    QCOMPARE(findings.first().title, QStringLiteral("Onionbalance-Instanzoption ist aus"));
}

void TestTranslations::widgetsSwitchToFrench()
{
    QVERIFY(Translations::install(QLocale(QLocale::French, QLocale::France)));
    MainWindow window;
    auto* publish = window.findChild<QPushButton*>(QStringLiteral("publishNowButton"));
    QCOMPARE(publish->text(), QStringLiteral("&Publier maintenant"));
    // Back to English.
    QVERIFY(Translations::install(QLocale(QLocale::English)));
    MainWindow english;
    QCOMPARE(english.findChild<QPushButton*>(QStringLiteral("publishNowButton"))->text(),
             QStringLiteral("&Publish now"));
}

void TestTranslations::deployAndHostKeyDialogsAreTranslated()
{
    using Op = rb::deploy::Deployer::Operation;
    QVERIFY(Translations::install(QLocale(QLocale::German, QLocale::Germany)));
    QCOMPARE(DeployStepModel::stepName(rb::deploy::Deployer::Step::Backup),
             QStringLiteral("Vorhandene Schlüssel sichern"));
    const QString confirm =
        DeployDialog::confirmationText(Op::Deploy, {QStringLiteral("alpha")}, QStringLiteral("x.onion"));
    QVERIFY2(confirm.contains(QStringLiteral("GESICHERT, nicht gelöscht")), qPrintable(confirm));
    QVERIFY(confirm.contains(QStringLiteral("alpha")));
    HostKeyPrompt prompt;
    prompt.node = QStringLiteral("n1");
    prompt.fingerprints = {QStringLiteral("ED25519 SHA256:abc")};
    HostKeyDialog unknown(prompt);
    QCOMPARE(unknown.acceptButton()->text(), QStringLiteral("&Akzeptieren und merken"));
    prompt.changed = true;
    HostKeyDialog changed(prompt);
    QCOMPARE(changed.windowTitle(), QStringLiteral("SSH-Host-Schlüssel GEÄNDERT — Verbindung verweigert"));
    QVERIFY(Translations::install(QLocale(QLocale::French, QLocale::France)));
    HostKeyDialog french(prompt);
    QCOMPARE(french.windowTitle(), QStringLiteral("Clé d'hôte SSH MODIFIÉE — connexion refusée"));
    MainWindow window;
    auto* deploy = window.findChild<QAction*>(QStringLiteral("deployAction"));
    QCOMPARE(deploy->text(), QStringLiteral("&Déployer l'identité maîtresse…"));
}

void TestTranslations::unknownLanguageFallsBackToEnglish()
{
    QVERIFY(!Translations::install(QLocale(QLocale::Japanese)));
    QCOMPARE(Translations::current(), QStringLiteral("en"));
    MainWindow window;
    QCOMPARE(window.findChild<QPushButton*>(QStringLiteral("publishNowButton"))->text(),
             QStringLiteral("&Publish now"));
}

void TestTranslations::shippedFilesAreComplete()
{
    const QStringList files = tsFiles(QStringLiteral(RB_SOURCE_DIR "/translations"));
    QVERIFY(files.size() >= 2);
    int messages = -1;
    for (const QString& path : files) {
        const TsCounts c = countTs(path);
        QVERIFY2(c.messages > 100, qPrintable(path));
        QVERIFY2(c.unfinished == 0,
                 qPrintable(path + QStringLiteral(": ") + c.firstUnfinished.join(QStringLiteral(" | "))));
        QCOMPARE(c.obsolete, 0);
        if (messages >= 0)
            QCOMPARE(c.messages, messages);  // every language has every string
        messages = c.messages;
    }
}

void TestTranslations::lupdateFindsNothingNew()
{
    const QString lupdate = QStringLiteral(RB_LUPDATE);
    if (!QFile::exists(lupdate))
        QSKIP("lupdate not installed (qt6-l10n-tools)");
    QTemporaryDir dir;
    QStringList copies;
    for (const QString& path : tsFiles(QStringLiteral(RB_SOURCE_DIR "/translations"))) {
        const QString copy = dir.filePath(QFileInfo(path).fileName());
        QVERIFY(QFile::copy(path, copy));
        QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
        copies << copy;
    }
    // The same source set as scripts/update-translations.sh.
    QProcess p;
    p.setWorkingDirectory(QStringLiteral(RB_SOURCE_DIR));
    p.start(lupdate, QStringList{QStringLiteral("-no-obsolete"), QStringLiteral("-locations"), QStringLiteral("none"),
                                 QStringLiteral("ui"), QStringLiteral("core/diagnostics"),
                                 QStringLiteral("app/console"), QStringLiteral("-ts")} +
                         copies);
    QVERIFY(p.waitForFinished(120000));
    QCOMPARE(p.exitCode(), 0);
    const QString out = QString::fromLocal8Bit(p.readAllStandardOutput());
    QVERIFY2(!out.contains(QRegularExpression(QStringLiteral("\\(([1-9][0-9]*) new"))), qPrintable(out));
    for (const QString& copy : std::as_const(copies)) {
        const TsCounts c = countTs(copy);
        QVERIFY2(c.unfinished == 0,
                 qPrintable(QStringLiteral("untranslated strings (run scripts/update-translations.sh): ") +
                            c.firstUnfinished.join(QStringLiteral(" | "))));
    }
}

QTEST_MAIN(TestTranslations)
#include "TestTranslations.moc"
