// RustBalance Console: thin start-up only. Hardening first (no core dumps,
// not ptrace-able), then Qt, translations, command line, window; what runs
// behind the window (lab network, configured fleet, demo) is ConsoleController's.
#include "ConsoleController.h"
#include "MainWindow.h"
#include "SignalBridge.h"
#include "balancer/FakeFleetBackend.h"
#include "fleet/FleetConfig.h"
#include "i18n/Translations.h"
#include "secrets/MemorySecretStore.h"
#include "secrets/SecretStore.h"
#include "util/ProcessHardening.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLocale>
#include <QTextStream>
#include <QTimer>

#include <cstring>
#include <memory>

namespace {

struct Options {
    QCommandLineOption lang{QStringLiteral("lang"),
                            QCoreApplication::translate("main", "User interface language (e.g. de, fr, en); "
                                                                "default: the system's."),
                            QStringLiteral("code")};
    QCommandLineOption demo{QStringLiteral("demo"),
                            QCoreApplication::translate("main", "Show a simulated fleet of <nodes> nodes (no network)."),
                            QStringLiteral("nodes")};
    QCommandLineOption inspect{QStringLiteral("inspect"),
                               QCoreApplication::translate("main", "Open a descriptor file in the inspector."),
                               QStringLiteral("file")};
    QCommandLineOption fleet{QStringLiteral("fleet"),
                             QCoreApplication::translate("main", "Use the fleet configuration <file> instead of the "
                                                                 "default one."),
                             QStringLiteral("file")};
    QCommandLineOption noLab{QStringLiteral("no-lab"),
                             QCoreApplication::translate("main", "With no fleet configured, show the empty console "
                                                                 "instead of starting the lab network.")};
    QCommandLineOption labNodes{QStringLiteral("lab-nodes"),
                                QCoreApplication::translate("main", "Onion-service nodes of the lab network "
                                                                    "(1-16, default 3)."),
                                QStringLiteral("n"), QStringLiteral("3")};
};

void setUpParser(QCommandLineParser& parser, const Options& o)
{
    parser.setApplicationDescription(QCoreApplication::translate(
        "main",
        "Run one onion address across many tor nodes.\n\n"
        "With a fleet configured (fleet.json in the configuration directory, on Linux "
        "~/.config/RustBalance/rustbalance-console/fleet.json, or --fleet FILE) the console connects to its nodes "
        "and publishes the "
        "merged descriptor. With no fleet it starts a private Tor network on 127.0.0.1 (the lab: 3 directory "
        "authorities, 6 relays, a client and 3 onion-service nodes sharing a LAB master key that is not for "
        "production), publishes for it, and stops it again on exit. --no-lab shows the empty console instead; "
        "--demo shows a simulated fleet.\n\n"
        "Environment: RB_LAB_SCRIPT (labnet.py), RB_LAB_PYTHON (python3 for it)."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({o.fleet, o.noLab, o.labNodes, o.demo, o.inspect, o.lang});
}

bool wantsHelpOnly(int argc, char* argv[])
{
    for (int i = 1; i < argc; ++i) {
        for (const char* flag : {"-h", "--help", "-?", "--help-all", "-v", "--version"}) {
            if (std::strcmp(argv[i], flag) == 0)
                return true;
        }
    }
    return false;
}

void setApplicationNames()
{
    QCoreApplication::setApplicationName(QStringLiteral("rustbalance-console"));
    QCoreApplication::setOrganizationName(QStringLiteral("RustBalance"));
    QCoreApplication::setApplicationVersion(QStringLiteral(RB_VERSION));
}

}  // namespace

int main(int argc, char* argv[])
{
    // Before anything can hold a secret.
    const rb::Status hardened = rb::util::ProcessHardening::apply();

    // --help / --version need no display (the man page is generated from --help).
    if (wantsHelpOnly(argc, argv)) {
        QCoreApplication core(argc, argv);
        setApplicationNames();
        rb::ui::Translations::install(QLocale::system());
        QCommandLineParser parser;
        const Options o;
        setUpParser(parser, o);
        if (parser.parse(QCoreApplication::arguments()) &&
            (parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("h")))) {
            // "Usage: rustbalance-console", not the path it was started from (the man page shows it).
            QString text = parser.helpText();
            const qsizetype firstSpace = text.indexOf(QLatin1Char(' '));
            const qsizetype optionsAt = text.indexOf(QLatin1String(" ["));
            if (firstSpace > 0 && optionsAt > firstSpace)
                text.replace(firstSpace + 1, optionsAt - firstSpace - 1, QCoreApplication::applicationName());
            QTextStream(stdout) << text << Qt::flush;
            return 0;
        }
        parser.process(core);  // --version, --help-all, errors: prints and exits
        return 0;
    }

    QApplication app(argc, argv);
    setApplicationNames();
    QApplication::setApplicationDisplayName(QStringLiteral("RustBalance Console"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/rustbalance.svg")));

    // The system language first, so messages are translated too.
    rb::ui::Translations::install(QLocale::system());

    QCommandLineParser parser;
    const Options o;
    setUpParser(parser, o);
    parser.process(app);

    QTextStream err(stderr);
    if (!hardened.ok())
        err << hardened.error().toString() << Qt::endl;

    if (parser.isSet(o.lang)) {
        const QString code = parser.value(o.lang);
        if (!rb::ui::Translations::install(QLocale(code)))
            err << QCoreApplication::translate("main", "No translation for '%1'; using English.").arg(code) << Qt::endl;
    }
    int demoNodes = 0;
    if (parser.isSet(o.demo)) {
        bool ok = false;
        demoNodes = parser.value(o.demo).toInt(&ok);
        if (!ok || demoNodes < 1 || demoNodes > 1000) {
            err << QCoreApplication::translate("main", "--demo needs a number of nodes between 1 and 1000.")
                << Qt::endl;
            return 2;
        }
    }
    bool labNodesOk = false;
    const int labNodes = parser.value(o.labNodes).toInt(&labNodesOk);
    if (!labNodesOk || labNodes < 1 || labNodes > 16) {
        err << QCoreApplication::translate("main", "--lab-nodes needs a number between 1 and 16.") << Qt::endl;
        return 2;
    }
    if (parser.isSet(o.demo) && (parser.isSet(o.fleet) || parser.isSet(o.noLab))) {
        err << QCoreApplication::translate("main", "--demo cannot be combined with --fleet or --no-lab.") << Qt::endl;
        return 2;
    }

    rb::ui::MainWindow window;
    // The system keychain; the demo keeps its keys in memory only.
    rb::secrets::SecretStore keychain;
    rb::secrets::MemorySecretStore demoKeys;
    rb::secrets::ISecretStore* store = parser.isSet(o.demo) ? static_cast<rb::secrets::ISecretStore*>(&demoKeys)
                                                            : static_cast<rb::secrets::ISecretStore*>(&keychain);
    window.setSecretStore(store);
    rb::console::ConsoleController controller(&window, store);

    // kill / Ctrl+C: close the window the normal way (stops our lab first); a
    // second signal quits at once (the lab's watchdog then stops it).
    rb::console::SignalBridge signals_;
    int signalsSeen = 0;
    QObject::connect(&signals_, &rb::console::SignalBridge::terminationRequested, &app, [&](int) {
        if (++signalsSeen == 1)
            window.close();
        else
            QCoreApplication::exit(1);
    });

    if (parser.isSet(o.demo)) {
        auto* demo = new rb::balancer::FakeFleetBackend(&app);
        demo->populate(demoNodes);
        demo->setEventRate(2.0);
        demo->start();
        window.setBackend(demo);
    }
    window.show();
    if (parser.isSet(o.inspect))
        window.openDescriptorFile(parser.value(o.inspect));

    if (!parser.isSet(o.demo)) {
        // Decide once the window is on screen: everything below is asynchronous.
        QTimer::singleShot(0, &controller, [&] {
            const QString fleetPath =
                parser.isSet(o.fleet) ? parser.value(o.fleet) : rb::console::ConsoleController::configuredFleetPath();
            if (!fleetPath.isEmpty()) {
                controller.setFleetPath(fleetPath);  // also when it cannot be read: never the default file instead
                auto config = rb::fleet::FleetConfig::load(fleetPath);
                if (!config.ok()) {
                    window.setNotice(QCoreApplication::translate("main", "The fleet configuration %1 cannot be used: "
                                                                         "%2")
                                         .arg(fleetPath, config.error().message));
                    return;
                }
                controller.attachFleet(config.value());
                return;
            }
            if (parser.isSet(o.noLab)) {
                window.setNotice(QCoreApplication::translate("main", "No fleet is configured. Add nodes with "
                                                                     "Fleet → Add node…, or start the console "
                                                                     "without --no-lab to try it on a private lab "
                                                                     "network."));
                return;
            }
            rb::console::ConsoleController::LabOptions lab;
            lab.nodes = labNodes;
            controller.startLab(lab);
        });
    }
    return QApplication::exec();
}
