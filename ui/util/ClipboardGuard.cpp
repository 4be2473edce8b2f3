#include "util/ClipboardGuard.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QMimeData>

namespace rb::ui {

const char* const ClipboardGuard::kKdeHintMime = "x-kde-passwordManagerHint";
const char* const ClipboardGuard::kMacConcealedMime = "application/x-nspasteboard-concealed-type";

ClipboardGuard::ClipboardGuard(QObject* parent, int clearAfterMs) : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(clearAfterMs);
    connect(&m_timer, &QTimer::timeout, this, &ClipboardGuard::clearIfOurs);
}

ClipboardGuard::~ClipboardGuard()
{
    // Leaving the application: do not leave our text behind.
    if (m_timer.isActive())
        clearIfOurs();
}

void ClipboardGuard::copy(const QString& text)
{
    QClipboard* clipboard = QGuiApplication::clipboard();
    if (clipboard == nullptr)
        return;
    auto* mime = new QMimeData;
    mime->setText(text);
    mime->setData(QString::fromLatin1(kKdeHintMime), QByteArrayLiteral("secret"));
    mime->setData(QString::fromLatin1(kMacConcealedMime), text.toUtf8());
    clipboard->setMimeData(mime, QClipboard::Clipboard);  // takes ownership
    if (clipboard->supportsSelection())
        clipboard->setText(text, QClipboard::Selection);
    m_text = text;
    m_timer.start();
}

void ClipboardGuard::clearIfOurs()
{
    m_timer.stop();
    QClipboard* clipboard = QGuiApplication::clipboard();
    if (clipboard == nullptr || m_text.isEmpty())
        return;
    if (clipboard->text(QClipboard::Clipboard) == m_text)
        clipboard->clear(QClipboard::Clipboard);
    if (clipboard->supportsSelection() && clipboard->text(QClipboard::Selection) == m_text)
        clipboard->clear(QClipboard::Selection);
    m_text.clear();
    emit cleared();
}

}  // namespace rb::ui
