#pragma once
// Installs the console's translation (embedded .qm, ":/i18n/") and Qt's own
// for a language. Call before creating windows; calling again switches.

#include <QLocale>
#include <QStringList>

namespace rb::ui {

class Translations {
public:
    // Languages shipped besides English (ISO 639-1 codes), e.g. {"de", "fr"}.
    static QStringList available();
    // Installs translators for `locale` on the application, replacing those
    // installed before. Returns true if the console has a translation for it
    // (English needs none and also returns true).
    static bool install(const QLocale& locale);
    // The language currently installed ("en" if none).
    static QString current();
};

}  // namespace rb::ui
