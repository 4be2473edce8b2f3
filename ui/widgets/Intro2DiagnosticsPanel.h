#pragma once
// Why does the selected node reject introductions? Shows the node's INTRO2
// counters and Intro2Diagnosis' ranked causes, each with its fix and, where
// the console can do it, a button.

#include "balancer/FleetTypes.h"
#include "diagnostics/Intro2Diagnosis.h"

#include <QWidget>

class QLabel;
class QVBoxLayout;

namespace rb::ui {

class Intro2DiagnosticsPanel : public QWidget {
    Q_OBJECT
public:
    explicit Intro2DiagnosticsPanel(QWidget* parent = nullptr);

    void setNode(const balancer::NodeHealth& node, const balancer::PublicationState& publication,
                 const QString& masterAddress);
    void clear();
    [[nodiscard]] const QList<diagnostics::Intro2Finding>& findings() const { return m_findings; }
    [[nodiscard]] QString nodeName() const { return m_node; }

signals:
    void actionRequested(rb::diagnostics::Intro2Action action, const QString& node);

private:
    void rebuild();

    QLabel* m_summary = nullptr;
    QWidget* m_list = nullptr;
    QVBoxLayout* m_listLayout = nullptr;
    QList<diagnostics::Intro2Finding> m_findings;
    QString m_node;
};

}  // namespace rb::ui
