#pragma once
// A strip for one long-running action (starting the lab network, stopping
// it, loading keys): what is happening, a progress bar and Cancel. Hidden
// while idle. The action itself runs elsewhere, asynchronously; this widget
// only shows its progress and forwards the operator's Cancel.

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace rb::ui {

class TaskProgressBar : public QWidget {
    Q_OBJECT
public:
    explicit TaskProgressBar(QWidget* parent = nullptr);

    // Shows the strip. cancellable: whether Cancel is offered.
    void begin(const QString& title, bool cancellable = true);
    // percent < 0: busy indicator.
    void setProgress(const QString& step, int percent);
    // Ends the action: success hides the strip after a moment, failure keeps
    // the message (with a Dismiss button) until the operator closes it.
    void finish(const QString& message, bool succeeded);
    void dismiss();

    [[nodiscard]] bool isRunning() const { return m_running; }
    [[nodiscard]] QString title() const;
    [[nodiscard]] QString step() const;
    [[nodiscard]] int percent() const;

signals:
    void cancelRequested();

private:
    QLabel* m_title = nullptr;
    QLabel* m_step = nullptr;
    QProgressBar* m_bar = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_dismiss = nullptr;
    bool m_running = false;
};

}  // namespace rb::ui
