#include "i18n/Translations.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QLibraryInfo>
#include <QTranslator>

namespace rb::ui {

namespace {

constexpr auto kPrefix = "rustbalance-console_";

struct Installed {
    QTranslator* app = nullptr;
    QTranslator* qt = nullptr;
    QString language = QStringLiteral("en");
};

Installed& installed()
{
    static Installed s;
    return s;
}

void remove(QTranslator*& t)
{
    if (t == nullptr)
        return;
    QCoreApplication::removeTranslator(t);
    delete t;
    t = nullptr;
}

}  // namespace

QStringList Translations::available()
{
    QStringList out;
    QDirIterator it(QStringLiteral(":/i18n"), {QString::fromLatin1(kPrefix) + QStringLiteral("*.qm")});
    while (it.hasNext()) {
        const QString name = it.next().section(QLatin1Char('/'), -1);
        out << name.mid(static_cast<qsizetype>(qstrlen(kPrefix))).chopped(3);
    }
    out.sort();
    return out;
}

bool Translations::install(const QLocale& locale)
{
    Installed& s = installed();
    remove(s.app);
    remove(s.qt);
    s.language = QStringLiteral("en");
    if (locale.language() == QLocale::English || locale.language() == QLocale::C)
        return true;

    auto* app = new QTranslator(QCoreApplication::instance());
    if (!app->load(locale, QString::fromLatin1(kPrefix).chopped(1), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        delete app;
        return false;
    }
    QCoreApplication::installTranslator(app);
    s.app = app;
    s.language = QLocale::languageToCode(locale.language());

    // Qt's own strings (standard buttons, file dialogs); optional.
    auto* qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        s.qt = qt;
    } else {
        delete qt;
    }
    return true;
}

QString Translations::current()
{
    return installed().language;
}

}  // namespace rb::ui
