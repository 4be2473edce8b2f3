#include "widgets/NodeDetailPanel.h"

#include "models/EventLogFilterProxy.h"
#include "models/EventLogModel.h"
#include "models/FleetText.h"
#include "models/IntroPointModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace rb::ui {

namespace {

QTableView* makeTable(QWidget* parent, const QString& objectName, const QString& accessibleName)
{
    auto* view = new QTableView(parent);
    view->setObjectName(objectName);
    view->setAccessibleName(accessibleName);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSortingEnabled(true);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->setTabKeyNavigation(false);
    return view;
}

}  // namespace

NodeDetailPanel::NodeDetailPanel(EventLogModel* events, QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("nodeTitle"));
    m_connection = new QLabel(this);
    m_connection->setWordWrap(true);
    m_connection->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reconnect = new QPushButton(QIcon(QStringLiteral(":/icons/reconnect.svg")), tr("&Reconnect"), this);
    m_reconnect->setObjectName(QStringLiteral("reconnectButton"));
    m_reconnect->setAccessibleName(tr("Reconnect this node now"));
    connect(m_reconnect, &QPushButton::clicked, this, [this] {
        if (!m_node.isEmpty())
            emit reconnectRequested(m_node);
    });
    top->addWidget(m_title);
    top->addWidget(m_connection, 1);
    top->addWidget(m_reconnect);
    layout->addLayout(top);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("nodeTabs"));
    layout->addWidget(m_tabs, 1);

    // Intro points.
    m_intros = new IntroPointModel(this);
    auto* introProxy = new QSortFilterProxyModel(this);
    introProxy->setSourceModel(m_intros);
    introProxy->setSortRole(IntroPointModel::SortRole);
    m_introView = makeTable(m_tabs, QStringLiteral("introPointView"), tr("Intro points of the node"));
    m_introView->setModel(introProxy);
    m_tabs->addTab(m_introView, tr("Intro points"));

    // Events with a severity filter.
    auto* eventsPage = new QWidget(m_tabs);
    auto* ev = new QVBoxLayout(eventsPage);
    auto* filterRow = new QHBoxLayout;
    auto* severityLabel = new QLabel(tr("&Show from:"), eventsPage);
    m_severity = new QComboBox(eventsPage);
    m_severity->setObjectName(QStringLiteral("eventSeverityCombo"));
    m_severity->setAccessibleName(tr("Minimum severity of events shown"));
    m_severity->addItem(tr("Debug"), static_cast<int>(Severity::Debug));
    m_severity->addItem(tr("Info"), static_cast<int>(Severity::Info));
    m_severity->addItem(tr("Notice"), static_cast<int>(Severity::Notice));
    m_severity->addItem(tr("Warning"), static_cast<int>(Severity::Warning));
    m_severity->addItem(tr("Error"), static_cast<int>(Severity::Error));
    m_severity->setCurrentIndex(1);
    severityLabel->setBuddy(m_severity);
    filterRow->addWidget(severityLabel);
    filterRow->addWidget(m_severity);
    filterRow->addStretch(1);
    ev->addLayout(filterRow);
    m_eventFilter = new EventLogFilterProxy(this);
    m_eventFilter->setSourceModel(events);
    m_eventFilter->setNode(QStringLiteral("\x01none"), false);  // nothing until a node is chosen
    m_eventFilter->setSortRole(EventLogModel::SortRole);
    connect(m_severity, &QComboBox::currentIndexChanged, this,
            [this] { m_eventFilter->setMinimumSeverity(static_cast<Severity>(m_severity->currentData().toInt())); });
    m_eventView = makeTable(eventsPage, QStringLiteral("nodeEventView"), tr("Events of the node"));
    m_eventView->setModel(m_eventFilter);
    m_eventView->setSortingEnabled(false);
    m_eventView->setWordWrap(false);
    ev->addWidget(m_eventView, 1);
    m_tabs->addTab(eventsPage, tr("Events"));

    // MetricsPort figures.
    m_metrics = new QTreeWidget(m_tabs);
    m_metrics->setObjectName(QStringLiteral("metricsView"));
    m_metrics->setAccessibleName(tr("MetricsPort figures of the node"));
    m_metrics->setRootIsDecorated(false);
    m_metrics->setHeaderLabels({tr("Metric"), tr("Value")});
    m_tabs->addTab(m_metrics, tr("Metrics"));

    // Configuration problems with their fix.
    auto* configPage = new QWidget(m_tabs);
    auto* cv = new QVBoxLayout(configPage);
    m_configState = new QLabel(configPage);
    m_configState->setObjectName(QStringLiteral("configStateLabel"));
    m_problems = new QTreeWidget(configPage);
    m_problems->setObjectName(QStringLiteral("configProblemsView"));
    m_problems->setAccessibleName(tr("Configuration problems and their fix"));
    m_problems->setRootIsDecorated(false);
    m_problems->setWordWrap(true);
    m_problems->setHeaderLabels({tr("Problem"), tr("Fix")});
    cv->addWidget(m_configState);
    cv->addWidget(m_problems, 1);
    m_tabs->addTab(configPage, tr("Configuration"));

    clear();
}

void NodeDetailPanel::clear()
{
    m_node.clear();
    m_title->setText(tr("No node selected"));
    m_connection->clear();
    m_reconnect->setEnabled(false);
    m_intros->clearItems();
    m_eventFilter->setNode(QStringLiteral("\x01none"), false);
    m_metrics->clear();
    m_problems->clear();
    m_configState->clear();
}

void NodeDetailPanel::setNode(const balancer::NodeHealth& node)
{
    if (m_node != node.name)
        m_eventFilter->setNode(node.name, true);
    m_node = node.name;
    m_title->setText(QStringLiteral("<b>%1</b>").arg(node.name.toHtmlEscaped()));
    QStringList parts{FleetText::connection(node.connection)};
    if (!node.connectionDetail.isEmpty())
        parts << node.connectionDetail;
    if (!node.torVersion.isEmpty())
        parts << tr("tor %1").arg(node.torVersion);
    if (!node.sshTarget.isEmpty())
        parts << tr("via %1").arg(node.sshTarget);
    if (node.descriptorReady)
        parts << tr("descriptor revision %1").arg(node.descriptorRevision);
    else
        parts << tr("no usable descriptor yet");
    m_connection->setText(parts.join(QStringLiteral(" · ")));
    m_reconnect->setEnabled(true);
    const bool first = m_intros->rowCount() == 0;
    m_intros->setItems(node.introPoints);
    if (first)
        m_introView->resizeColumnsToContents();

    m_metrics->clear();
    const QLocale locale;
    for (auto it = node.metrics.cbegin(); it != node.metrics.cend(); ++it)
        m_metrics->addTopLevelItem(new QTreeWidgetItem({it.key(), locale.toString(it.value(), 'g', 12)}));

    m_configState->setText(tr("Configuration check: %1")
                               .arg(FleetText::configCheck(node.configCheck, static_cast<int>(node.problems.size()))));
    m_problems->clear();
    for (const auto& p : node.problems) {
        auto* item = new QTreeWidgetItem({p.what, p.fix});
        item->setIcon(0, FleetText::icon(StatusLevel::Error));
        item->setToolTip(0, p.what);
        item->setToolTip(1, p.fix);
        m_problems->addTopLevelItem(item);
    }
}

}  // namespace rb::ui
