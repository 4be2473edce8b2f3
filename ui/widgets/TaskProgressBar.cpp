#include "widgets/TaskProgressBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>

#include <algorithm>

namespace rb::ui {

TaskProgressBar::TaskProgressBar(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("taskProgressBar"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("taskTitle"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_step = new QLabel(this);
    m_step->setObjectName(QStringLiteral("taskStep"));
    m_step->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_step->setWordWrap(true);
    m_bar = new QProgressBar(this);
    m_bar->setObjectName(QStringLiteral("taskProgress"));
    m_bar->setRange(0, 100);
    m_bar->setMaximumWidth(240);
    m_bar->setAccessibleName(tr("Progress of the running action"));
    m_cancel = new QPushButton(tr("&Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("taskCancelButton"));
    m_cancel->setAccessibleName(tr("Cancel the running action"));
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_cancel->setEnabled(false);
        emit cancelRequested();
    });
    m_dismiss = new QPushButton(tr("&Dismiss"), this);
    m_dismiss->setObjectName(QStringLiteral("taskDismissButton"));
    connect(m_dismiss, &QPushButton::clicked, this, &TaskProgressBar::dismiss);
    layout->addWidget(m_title);
    layout->addWidget(m_step, 1);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    layout->addWidget(m_dismiss);
    hide();
}

void TaskProgressBar::begin(const QString& title, bool cancellable)
{
    m_running = true;
    m_title->setText(title);
    m_step->clear();
    m_bar->setRange(0, 100);
    m_bar->setValue(0);
    m_bar->show();
    m_cancel->setVisible(cancellable);
    m_cancel->setEnabled(cancellable);
    m_dismiss->hide();
    show();
}

void TaskProgressBar::setProgress(const QString& step, int percent)
{
    if (!step.isEmpty())
        m_step->setText(step);
    if (percent < 0) {
        m_bar->setRange(0, 0);
    } else {
        m_bar->setRange(0, 100);
        m_bar->setValue(std::min(100, percent));
    }
}

void TaskProgressBar::finish(const QString& message, bool succeeded)
{
    m_running = false;
    m_step->setText(message);
    m_cancel->hide();
    if (succeeded) {
        m_bar->setRange(0, 100);
        m_bar->setValue(100);
        QTimer::singleShot(3000, this, [this] {
            if (!m_running)
                hide();
        });
    } else {
        m_bar->hide();
        m_dismiss->show();
    }
}

void TaskProgressBar::dismiss()
{
    if (!m_running)
        hide();
}

QString TaskProgressBar::title() const
{
    return m_title->text();
}

QString TaskProgressBar::step() const
{
    return m_step->text();
}

int TaskProgressBar::percent() const
{
    return m_bar->value();
}

}  // namespace rb::ui
