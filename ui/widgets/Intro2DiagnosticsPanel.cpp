#include "widgets/Intro2DiagnosticsPanel.h"

#include "models/FleetText.h"

#include <QFrame>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace rb::ui {

using diagnostics::Intro2Action;
using diagnostics::Intro2Diagnosis;
using diagnostics::Intro2Finding;

Intro2DiagnosticsPanel::Intro2DiagnosticsPanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("intro2Summary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);

    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_list = new QWidget(scroll);
    m_listLayout = new QVBoxLayout(m_list);
    m_listLayout->setContentsMargins(0, 0, 0, 0);
    scroll->setWidget(m_list);
    layout->addWidget(scroll, 1);
    clear();
}

void Intro2DiagnosticsPanel::clear()
{
    m_node.clear();
    m_findings.clear();
    m_summary->setText(tr("Select a node to see why it might reject introductions."));
    rebuild();
}

void Intro2DiagnosticsPanel::setNode(const balancer::NodeHealth& node, const balancer::PublicationState& publication,
                                     const QString& masterAddress)
{
    auto findings = Intro2Diagnosis::diagnose(node, publication, masterAddress, QDateTime::currentDateTimeUtc());
    // Rebuild the list only when it changed: live updates must not steal
    // keyboard focus from a button the operator is on.
    auto same = [](const QList<Intro2Finding>& a, const QList<Intro2Finding>& b) {
        if (a.size() != b.size())
            return false;
        for (qsizetype i = 0; i < a.size(); ++i)
            if (a[i].cause != b[i].cause || a[i].explanation != b[i].explanation || a[i].fix != b[i].fix)
                return false;
        return true;
    };
    const bool changed = m_node != node.name || !same(findings, m_findings) || m_listLayout->count() == 0;
    m_node = node.name;
    m_findings = std::move(findings);
    const auto& s = node.intro2;
    const QLocale locale;
    m_summary->setText(tr("%1: %2 rejected INTRODUCE2 cell(s), %3 per minute recently; last at %4.\n"
                          "Could not get valid INTRO2 keys: %5 · invalid_introduce2: %6 · subcredential: %7 · "
                          "bad_auth_key: %8 · replay: %9")
                           .arg(node.name, locale.toString(static_cast<qulonglong>(s.total())),
                                locale.toString(s.perMinute, 'f', 1), FleetText::time(s.lastSeen),
                                locale.toString(static_cast<qulonglong>(s.couldNotGetKeysWarnings)),
                                locale.toString(static_cast<qulonglong>(s.invalidIntroduce2)),
                                locale.toString(static_cast<qulonglong>(s.subcredential)),
                                locale.toString(static_cast<qulonglong>(s.badAuthKey)),
                                locale.toString(static_cast<qulonglong>(s.replay))));
    if (changed)
        rebuild();
}

void Intro2DiagnosticsPanel::rebuild()
{
    while (QLayoutItem* item = m_listLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (!m_node.isEmpty() && m_findings.isEmpty()) {
        auto* ok = new QLabel(tr("No problem found: the configuration is right and the published descriptor is "
                                 "current."),
                              m_list);
        ok->setObjectName(QStringLiteral("noFindingsLabel"));
        ok->setWordWrap(true);
        m_listLayout->addWidget(ok);
    }
    int rank = 0;
    for (const Intro2Finding& f : std::as_const(m_findings)) {
        ++rank;
        auto* box = new QFrame(m_list);
        box->setObjectName(QStringLiteral("finding-") + Intro2Diagnosis::causeId(f.cause));
        box->setFrameShape(QFrame::StyledPanel);
        auto* v = new QVBoxLayout(box);
        auto* title = new QLabel(QStringLiteral("<b>%1. %2</b>").arg(rank).arg(f.title.toHtmlEscaped()), box);
        title->setTextFormat(Qt::RichText);
        auto* explanation = new QLabel(f.explanation, box);
        explanation->setObjectName(QStringLiteral("explanation"));
        explanation->setWordWrap(true);
        explanation->setTextInteractionFlags(Qt::TextSelectableByMouse);
        auto* fix = new QLabel(tr("Fix: %1").arg(f.fix), box);
        fix->setObjectName(QStringLiteral("fix"));
        fix->setWordWrap(true);
        fix->setTextInteractionFlags(Qt::TextSelectableByMouse);
        v->addWidget(title);
        v->addWidget(explanation);
        v->addWidget(fix);
        if (f.consoleCanFix()) {
            const QString text = f.action == Intro2Action::PublishNow ? tr("Publish now") : tr("Reconnect node");
            auto* button = new QPushButton(text, box);
            button->setObjectName(QStringLiteral("action-") + Intro2Diagnosis::actionId(f.action));
            button->setAccessibleName(tr("%1 (fixes: %2)").arg(text, f.title));
            const Intro2Action action = f.action;
            connect(button, &QPushButton::clicked, this, [this, action] { emit actionRequested(action, m_node); });
            auto* row = new QHBoxLayout;
            row->addStretch(1);
            row->addWidget(button);
            v->addLayout(row);
        }
        m_listLayout->addWidget(box);
    }
    m_listLayout->addStretch(1);
}

}  // namespace rb::ui
