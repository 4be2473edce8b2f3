#include "MainWindow.h"

#include "balancer/Publisher.h"
#include "deploy/DeployDialog.h"
#include "deploy/DeployerJob.h"
#include "dialogs/HostKeyDialog.h"
#include "dialogs/MasterIdentityDialog.h"
#include "dialogs/NodeEditDialog.h"
#include "dialogs/RemotePublisherDialog.h"
#include "models/EventLogFilterProxy.h"
#include "models/EventLogModel.h"
#include "models/FleetTableModel.h"
#include "models/FleetText.h"
#include "publishing/ControlHsFetchTransport.h"
#include "widgets/DescriptorInspector.h"
#include "widgets/HsDirHoldingsPanel.h"
#include "widgets/Intro2DiagnosticsPanel.h"
#include "widgets/MasterHeader.h"
#include "widgets/NodeDetailPanel.h"
#include "widgets/PublishingPanel.h"
#include "widgets/TaskProgressBar.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>

namespace rb::ui {

using balancer::FleetBackend;
using balancer::NodeHealth;

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(tr("RustBalance Console"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/rustbalance.svg")));

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 4);

    m_header = new MasterHeader(central);
    m_header->setObjectName(QStringLiteral("masterHeader"));
    connect(m_header, &MasterHeader::manageIdentityRequested, this, &MainWindow::showIdentityDialog);
    layout->addWidget(m_header);

    m_task = new TaskProgressBar(central);
    layout->addWidget(m_task);

    m_notice = new QLabel(central);
    m_notice->setObjectName(QStringLiteral("noticeLabel"));
    m_notice->setWordWrap(true);
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_notice->setFrameShape(QFrame::StyledPanel);
    m_notice->setMargin(4);
    m_notice->hide();
    layout->addWidget(m_notice);

    m_splitter = new QSplitter(Qt::Vertical, central);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    layout->addWidget(m_splitter, 1);

    // Fleet table with a filter.
    auto* fleetPage = new QWidget(m_splitter);
    auto* fl = new QVBoxLayout(fleetPage);
    fl->setContentsMargins(0, 0, 0, 0);
    auto* filterRow = new QHBoxLayout;
    auto* filterLabel = new QLabel(tr("&Filter nodes:"), fleetPage);
    m_fleetFilter = new QLineEdit(fleetPage);
    m_fleetFilter->setObjectName(QStringLiteral("fleetFilter"));
    m_fleetFilter->setClearButtonEnabled(true);
    m_fleetFilter->setPlaceholderText(tr("name, state, version…"));
    m_fleetFilter->setAccessibleName(tr("Filter the fleet table"));
    filterLabel->setBuddy(m_fleetFilter);
    filterRow->addWidget(filterLabel);
    filterRow->addWidget(m_fleetFilter, 1);
    fl->addLayout(filterRow);

    m_fleet = new FleetTableModel(this);
    m_fleetProxy = new QSortFilterProxyModel(this);
    m_fleetProxy->setSourceModel(m_fleet);
    m_fleetProxy->setSortRole(FleetTableModel::SortRole);
    m_fleetProxy->setFilterKeyColumn(-1);
    m_fleetProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_fleetProxy->setDynamicSortFilter(true);
    connect(m_fleetFilter, &QLineEdit::textChanged, m_fleetProxy, &QSortFilterProxyModel::setFilterFixedString);

    m_fleetView = new QTableView(fleetPage);
    m_fleetView->setObjectName(QStringLiteral("fleetTable"));
    m_fleetView->setAccessibleName(tr("Fleet: one row per node"));
    m_fleetView->setModel(m_fleetProxy);
    m_fleetView->setSortingEnabled(true);
    m_fleetView->sortByColumn(FleetTableModel::Name, Qt::AscendingOrder);
    m_fleetView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_fleetView->setSelectionMode(QAbstractItemView::ExtendedSelection);  // several nodes for deploy
    m_fleetView->setAlternatingRowColors(true);
    m_fleetView->setWordWrap(false);
    m_fleetView->setTabKeyNavigation(false);
    m_fleetView->verticalHeader()->hide();
    m_fleetView->horizontalHeader()->setStretchLastSection(true);
    m_fleetView->horizontalHeader()->setSectionsMovable(true);
    fl->addWidget(m_fleetView, 1);
    connect(m_fleetView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MainWindow::refreshDetails);
    connect(m_fleetView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::refreshDetails);

    // Details below.
    m_events = new EventLogModel(this);
    m_tabs = new QTabWidget(m_splitter);
    m_tabs->setObjectName(QStringLiteral("detailTabs"));
    m_detail = new NodeDetailPanel(m_events, m_tabs);
    m_detail->setObjectName(QStringLiteral("nodeDetail"));
    m_diagnostics = new Intro2DiagnosticsPanel(m_tabs);
    m_diagnostics->setObjectName(QStringLiteral("intro2Diagnostics"));
    m_publishing = new PublishingPanel(m_tabs);
    m_publishing->setObjectName(QStringLiteral("publishingPanel"));
    m_tabs->addTab(m_detail, tr("&Node"));
    m_tabs->addTab(m_diagnostics, tr("INTRO2 &diagnostics"));
    m_tabs->addTab(m_publishing, tr("&Publishing"));
    m_hsdirs = new HsDirHoldingsPanel(m_tabs);
    m_hsdirs->setObjectName(QStringLiteral("hsDirHoldingsPanel"));
    m_tabs->addTab(m_hsdirs, tr("What HSDirs h&old"));

    auto* eventsPage = new QWidget(m_tabs);
    auto* ev = new QVBoxLayout(eventsPage);
    auto* sevRow = new QHBoxLayout;
    auto* sevLabel = new QLabel(tr("Show from:"), eventsPage);
    auto* sev = new QComboBox(eventsPage);
    sev->setObjectName(QStringLiteral("allEventsSeverityCombo"));
    sev->setAccessibleName(tr("Minimum severity of events shown"));
    sev->addItem(tr("Debug"), static_cast<int>(Severity::Debug));
    sev->addItem(tr("Info"), static_cast<int>(Severity::Info));
    sev->addItem(tr("Notice"), static_cast<int>(Severity::Notice));
    sev->addItem(tr("Warning"), static_cast<int>(Severity::Warning));
    sev->addItem(tr("Error"), static_cast<int>(Severity::Error));
    sev->setCurrentIndex(1);
    sevLabel->setBuddy(sev);
    sevRow->addWidget(sevLabel);
    sevRow->addWidget(sev);
    sevRow->addStretch(1);
    ev->addLayout(sevRow);
    m_allEvents = new EventLogFilterProxy(this);
    m_allEvents->setSourceModel(m_events);
    connect(sev, &QComboBox::currentIndexChanged, this,
            [this, sev] { m_allEvents->setMinimumSeverity(static_cast<Severity>(sev->currentData().toInt())); });
    auto* allView = new QTableView(eventsPage);
    allView->setObjectName(QStringLiteral("allEventsView"));
    allView->setAccessibleName(tr("Events of the whole fleet"));
    allView->setModel(m_allEvents);
    allView->verticalHeader()->hide();
    allView->horizontalHeader()->setStretchLastSection(true);
    allView->setSelectionBehavior(QAbstractItemView::SelectRows);
    allView->setTabKeyNavigation(false);
    ev->addWidget(allView, 1);
    m_tabs->addTab(eventsPage, tr("&Events"));

    m_splitter->addWidget(fleetPage);
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    setCentralWidget(central);

    m_detailTimer = new QTimer(this);
    m_detailTimer->setSingleShot(true);
    m_detailTimer->setInterval(100);  // coalesce bursts of node changes
    connect(m_detailTimer, &QTimer::timeout, this, &MainWindow::refreshDetails);
    m_statusTimer = new QTimer(this);
    m_statusTimer->setSingleShot(true);
    m_statusTimer->setInterval(200);
    connect(m_statusTimer, &QTimer::timeout, this, &MainWindow::updateStatus);

    connect(m_detail, &NodeDetailPanel::reconnectRequested, this, &MainWindow::reconnectNode);
    connect(m_diagnostics, &Intro2DiagnosticsPanel::actionRequested, this,
            [this](diagnostics::Intro2Action action, const QString& node) {
                if (!m_backend)
                    return;
                if (action == diagnostics::Intro2Action::PublishNow)
                    m_backend->publishNow();
                else if (action == diagnostics::Intro2Action::ReconnectNode)
                    reconnectNode(node);
            });
    connect(m_publishing, &PublishingPanel::publishNowRequested, this, [this] {
        if (m_backend)
            m_backend->publishNow();
    });
    connect(m_publishing, &PublishingPanel::autoPublishToggled, this, [this](bool on) {
        if (m_backend)
            m_backend->setAutoPublish(on);
    });
    connect(m_publishing, &PublishingPanel::inspectRequested, this, &MainWindow::inspectPublished);
    connect(m_hsdirs, &HsDirHoldingsPanel::fetchRequested, this,
            [this] { m_hsdirs->startFetch(makeHsFetchTransport(), m_master.address); });
    connect(
        m_hsdirs, &HsDirHoldingsPanel::descriptorRequested, this,
        [this](const QString& which, const QString& hsdir, const QByteArray& text) {
            const auto& d = which == QLatin1String("second") ? m_publication.second : m_publication.first;
            auto* inspector = openInspector(tr("%1 as held by HSDir %2").arg(FleetText::descriptorName(which), hsdir));
            if (d.periodNumber != 0)
                inspector->setExpectedPeriod(d.periodNumber, d.periodLengthMinutes == 0 ? 1440 : d.periodLengthMinutes);
            inspector->inspectBytes(text);
        });

    buildActions();
    resize(1100, 720);
    restoreSettings();
    updateStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::setLabKey(bool lab)
{
    m_header->setLabKey(lab);
    setWindowTitle(lab ? tr("RustBalance Console — lab network") : tr("RustBalance Console"));
}

void MainWindow::setNotice(const QString& text)
{
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
}

QString MainWindow::notice() const
{
    return m_notice->text();
}

void MainWindow::buildActions()
{
    auto* fileMenu = menuBar()->addMenu(tr("&File"));
    auto* open = fileMenu->addAction(QIcon(QStringLiteral(":/icons/inspect.svg")), tr("&Open descriptor…"));
    open->setObjectName(QStringLiteral("openDescriptorAction"));
    open->setShortcut(QKeySequence::Open);
    connect(open, &QAction::triggered, this, &MainWindow::chooseDescriptorFile);
    fileMenu->addSeparator();
    auto* quit = fileMenu->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    connect(quit, &QAction::triggered, this, &QWidget::close);

    auto* fleetMenu = menuBar()->addMenu(tr("F&leet"));
    auto* add = fleetMenu->addAction(QIcon(QStringLiteral(":/icons/node-add.svg")), tr("&Add node…"));
    add->setObjectName(QStringLiteral("addNodeAction"));
    connect(add, &QAction::triggered, this, [this] { showNodeDialog(QString()); });
    auto* edit = fleetMenu->addAction(tr("&Edit node…"));
    edit->setObjectName(QStringLiteral("editNodeAction"));
    connect(edit, &QAction::triggered, this, [this] {
        if (!selectedNode().isEmpty())
            showNodeDialog(selectedNode());
    });
    connect(m_fleetView, &QTableView::doubleClicked, this, [this] {
        if (!selectedNode().isEmpty())
            showNodeDialog(selectedNode());
    });
    auto* remove = fleetMenu->addAction(tr("Remo&ve node…"));
    remove->setObjectName(QStringLiteral("removeNodeAction"));
    remove->setToolTip(tr("Remove the selected node from the fleet file; nothing on the node is touched"));
    connect(remove, &QAction::triggered, this, [this] {
        if (!selectedNode().isEmpty())
            requestRemoveNode(selectedNode());
    });
    auto* importOb = fleetMenu->addAction(tr("Import &Onionbalance config…"));
    importOb->setObjectName(QStringLiteral("importOnionbalanceAction"));
    importOb->setToolTip(tr("Take over an Onionbalance setup: its master key and its instances as nodes to complete"));
    connect(importOb, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import Onionbalance config"), QString(),
                                                          tr("Onionbalance config (*.yaml *.yml);;All files (*)"));
        if (!path.isEmpty())
            requestOnionbalanceImport(path);
    });
    auto* reconnect = fleetMenu->addAction(QIcon(QStringLiteral(":/icons/reconnect.svg")), tr("&Reconnect node"));
    reconnect->setObjectName(QStringLiteral("reconnectAction"));
    reconnect->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    connect(reconnect, &QAction::triggered, this, [this] {
        const QString node = selectedNode();
        if (m_backend && !node.isEmpty())
            reconnectNode(node);
    });
    fleetMenu->addSeparator();
    auto* deployAction = fleetMenu->addAction(QIcon(QStringLiteral(":/icons/key.svg")), tr("&Deploy master identity…"));
    deployAction->setObjectName(QStringLiteral("deployAction"));
    deployAction->setToolTip(tr("Deploy the master identity to the selected node(s); their existing keys are "
                                "backed up on the node, not deleted"));
    connect(deployAction, &QAction::triggered, this, [this] { requestDeploy(deploy::Deployer::Operation::Deploy); });
    auto* undeployAction = fleetMenu->addAction(tr("&Undeploy…"));
    undeployAction->setObjectName(QStringLiteral("undeployAction"));
    undeployAction->setToolTip(tr("Put the selected node(s) back on the keys from their backup"));
    connect(undeployAction, &QAction::triggered, this,
            [this] { requestDeploy(deploy::Deployer::Operation::Undeploy); });
    auto* hostKeyAction = fleetMenu->addAction(tr("Verify SSH &host key…"));
    hostKeyAction->setObjectName(QStringLiteral("hostKeyAction"));
    connect(hostKeyAction, &QAction::triggered, this, [this] {
        if (!selectedNode().isEmpty())
            verifyHostKey(selectedNode());
    });
    fleetMenu->addSeparator();
    auto* publish = fleetMenu->addAction(QIcon(QStringLiteral(":/icons/publish.svg")), tr("&Publish now"));
    publish->setObjectName(QStringLiteral("publishAction"));
    publish->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    connect(publish, &QAction::triggered, this, [this] {
        if (m_backend)
            m_backend->publishNow();
    });
    fleetMenu->addSeparator();
    auto* remotePublisher = fleetMenu->addAction(tr("Re&mote publisher…"));
    remotePublisher->setObjectName(QStringLiteral("remotePublisherAction"));
    remotePublisher->setToolTip(tr("Show the status of a publisher that runs as a service on a server, over SSH"));
    connect(remotePublisher, &QAction::triggered, this, [this] {
        auto* dialog = findChild<RemotePublisherDialog*>();
        if (!dialog) {
            dialog = new RemotePublisherDialog(m_sshOptions, this);
            dialog->setAttribute(Qt::WA_DeleteOnClose);
        }
        dialog->show();
        dialog->raise();
        dialog->activateWindow();
    });

    // Keyboard navigation between the window's areas.
    auto* viewMenu = menuBar()->addMenu(tr("&View"));
    auto* focusFleet = viewMenu->addAction(tr("&Fleet table"));
    focusFleet->setObjectName(QStringLiteral("focusFleetAction"));
    focusFleet->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    connect(focusFleet, &QAction::triggered, this, [this] {
        m_fleetView->setFocus(Qt::ShortcutFocusReason);
        if (!m_fleetView->currentIndex().isValid() && m_fleetProxy->rowCount() > 0)
            m_fleetView->selectRow(0);
    });
    auto* focusDetails = viewMenu->addAction(tr("&Details"));
    focusDetails->setObjectName(QStringLiteral("focusDetailsAction"));
    focusDetails->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    connect(focusDetails, &QAction::triggered, this, [this] {
        if (QWidget* page = m_tabs->currentWidget())
            page->setFocus(Qt::ShortcutFocusReason);
        m_tabs->tabBar()->setFocus(Qt::ShortcutFocusReason);
    });
    auto* focusFilter = viewMenu->addAction(tr("Fi&lter nodes"));
    focusFilter->setObjectName(QStringLiteral("focusFilterAction"));
    focusFilter->setShortcut(QKeySequence::Find);
    connect(focusFilter, &QAction::triggered, this, [this] {
        m_fleetFilter->setFocus(Qt::ShortcutFocusReason);
        m_fleetFilter->selectAll();
    });
    viewMenu->addSeparator();
    auto* nextTab = viewMenu->addAction(tr("&Next detail tab"));
    nextTab->setObjectName(QStringLiteral("nextTabAction"));
    nextTab->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageDown));
    connect(nextTab, &QAction::triggered, this,
            [this] { m_tabs->setCurrentIndex((m_tabs->currentIndex() + 1) % m_tabs->count()); });
    auto* prevTab = viewMenu->addAction(tr("&Previous detail tab"));
    prevTab->setObjectName(QStringLiteral("previousTabAction"));
    prevTab->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_PageUp));
    connect(prevTab, &QAction::triggered, this,
            [this] { m_tabs->setCurrentIndex((m_tabs->currentIndex() + m_tabs->count() - 1) % m_tabs->count()); });

    auto* identityMenu = menuBar()->addMenu(tr("&Identity"));
    auto* identity = identityMenu->addAction(QIcon(QStringLiteral(":/icons/key.svg")), tr("&Master identity…"));
    identity->setObjectName(QStringLiteral("identityAction"));
    connect(identity, &QAction::triggered, this, &MainWindow::showIdentityDialog);

    auto* helpMenu = menuBar()->addMenu(tr("&Help"));
    auto* about = helpMenu->addAction(tr("&About"));
    about->setMenuRole(QAction::AboutRole);
    connect(about, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About RustBalance Console"),
                           tr("<b>RustBalance Console</b> %1<br>Runs one onion address across many tor nodes.")
                               .arg(QStringLiteral(RB_VERSION)));
    });

    auto* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName(QStringLiteral("mainToolbar"));
    toolbar->addAction(publish);
    toolbar->addAction(reconnect);
    toolbar->addAction(add);
    toolbar->addAction(deployAction);
    toolbar->addAction(open);

    // Right-click on the fleet table: the node actions.
    m_fleetView->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto* separator = new QAction(m_fleetView);
    separator->setSeparator(true);
    m_fleetView->addActions({edit, remove, reconnect, separator, deployAction, undeployAction, hostKeyAction});
}

std::unique_ptr<HsFetchTransport> MainWindow::makeHsFetchTransport()
{
    if (m_hsFetchFactory)
        return m_hsFetchFactory();
    auto* publisher = qobject_cast<balancer::Publisher*>(m_backend.data());
    if (publisher == nullptr)
        return nullptr;
    for (balancer::NodeSession* session : publisher->sessions()) {
        if (session != nullptr && session->isConnected() && session->client() != nullptr)
            return std::make_unique<ControlHsFetchTransport>(session->client(), session->name(),
                                                             ControlHsFetchTransport::sessionEvents());
    }
    return nullptr;
}

DeployJobFactory* MainWindow::deployFactory()
{
    if (m_deployFactory != nullptr)
        return m_deployFactory;
    // Built at use time: the current backend, keychain and master address.
    auto config = deploy::DeployConfig::loadOrEmpty(deploy::DeployConfig::defaultPath());
    if (!config.ok())
        statusBar()->showMessage(config.error().message);
    // One factory for the window's life (running dialogs hold it), brought up to date at each use.
    if (!m_ownDeployFactory)
        m_ownDeployFactory = std::make_unique<FleetDeployJobFactory>(m_backend.data(), m_store, m_master.address);
    m_ownDeployFactory->update(m_backend.data(), m_store, m_master.address,
                               config.ok() ? config.value() : deploy::DeployConfig{});
    m_ownDeployFactory->setNodeConfigLookup(m_nodeConfigLookup);
    m_ownDeployFactory->setSshOptions(m_sshOptions);
    return m_ownDeployFactory.get();
}

void MainWindow::requestDeploy(deploy::Deployer::Operation operation)
{
    const QStringList nodes = selectedNodes();
    if (nodes.isEmpty()) {
        statusBar()->showMessage(tr("Select the node(s) to deploy to in the fleet table first."));
        return;
    }
    const bool isDeploy = operation == deploy::Deployer::Operation::Deploy;
    auto* box = new QMessageBox(QMessageBox::Warning, isDeploy ? tr("Deploy the master identity") : tr("Undeploy"),
                                DeployDialog::confirmationText(operation, nodes, m_master.address),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("deployConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    auto* go = box->addButton(isDeploy ? tr("Deploy") : tr("Undeploy"), QMessageBox::AcceptRole);
    go->setObjectName(QStringLiteral("confirmDeployButton"));
    auto* cancel = box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(cancel);  // never deploy on a stray Enter
    connect(go, &QPushButton::clicked, this, [this, operation, nodes] { startDeploy(operation, nodes); });
    box->open();
}

DeployDialog* MainWindow::startDeploy(deploy::Deployer::Operation operation, const QStringList& nodes)
{
    auto* dialog = new DeployDialog(deployFactory(), operation, nodes, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &DeployDialog::allFinished, this, [this, dialog](int succeeded, int failed) {
        statusBar()->showMessage(tr("Deployment finished: %1 succeeded, %2 failed").arg(succeeded).arg(failed));
        // tor was restarted on those nodes: reconnect at once instead of waiting for the back-off.
        for (const auto& r : dialog->results()) {
            if (r.succeeded)
                reconnectNode(r.node);  // reached over SSH: a tunnel stopped at its host key may start again
        }
    });
    dialog->show();
    dialog->start();
    return dialog;
}

void MainWindow::verifyHostKey(const QString& node)
{
    DeployJobFactory* factory = deployFactory();
    statusBar()->showMessage(tr("Reading the SSH host key of %1 (no credential is offered)…").arg(node));
    QPointer<MainWindow> self(this);
    factory->probeHostKey(node, [self, factory, node](Result<ssh::HostKeyInfo> info) {
        if (!self)
            return;
        if (!info.ok()) {
            self->statusBar()->showMessage(tr("%1: %2").arg(node, info.error().message));
            return;
        }
        const ssh::HostKeyInfo key = info.value();
        HostKeyPrompt prompt = HostKeyPrompt::unknownKey(node, key);
        prompt.firstContact = false;
        auto* dialog = new HostKeyDialog(prompt, self);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QDialog::accepted, self, [self, factory, node, key] {
            factory->acceptHostKey(key, [self, node](Status st) {
                if (!self)
                    return;
                self->statusBar()->showMessage(st.ok() ? tr("%1: host key accepted and remembered").arg(node)
                                                       : tr("%1: %2").arg(node, st.error().message));
                if (!st.ok())
                    return;
                // The publisher's tunnel stopped at the unknown key: start it again, reconnect.
                self->reconnectNode(node);
            });
        });
        connect(dialog, &QDialog::rejected, self, [self, node] {
            self->statusBar()->showMessage(tr("%1: host key rejected; the console will not connect").arg(node));
        });
        dialog->open();
    });
}

void MainWindow::reconnectNode(const QString& node)
{
    emit reconnectRequested(node);
    if (m_backend)
        m_backend->reconnectNode(node);
}

void MainWindow::setBackend(FleetBackend* backend)
{
    for (const auto& c : std::as_const(m_backendConnections))
        disconnect(c);
    m_backendConnections.clear();
    m_backend = backend;
    if (backend == nullptr) {
        m_fleet->setItems({});
        return;
    }
    m_backendConnections << connect(backend, &FleetBackend::nodeChanged, this, &MainWindow::onNodeChanged)
                         << connect(backend, &FleetBackend::nodeRemoved, this, &MainWindow::onNodeRemoved)
                         << connect(backend, &FleetBackend::publicationChanged, this, &MainWindow::onPublicationChanged)
                         << connect(backend, &FleetBackend::masterChanged, this, &MainWindow::onMasterChanged)
                         << connect(backend, &FleetBackend::nodeEvent, this, &MainWindow::onNodeEvent);
    m_fleet->setItems(backend->nodes());
    if (!m_headerRestored)
        m_fleetView->resizeColumnsToContents();
    onPublicationChanged(backend->publication());
    onMasterChanged(backend->master());
    if (selectedNode().isEmpty() && m_fleetProxy->rowCount() > 0)
        m_fleetView->selectRow(0);
    refreshDetails();
}

QString MainWindow::selectedNode() const
{
    // The node the details show: the current row (keyboard focus, also when
    // Ctrl+arrows moved it without selecting), else the first selected row.
    const QModelIndex current = m_fleetView->currentIndex();
    if (current.isValid())
        return current.siblingAtColumn(0).data(FleetTableModel::NodeNameRole).toString();
    const QModelIndexList rows = m_fleetView->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    return rows.first().data(FleetTableModel::NodeNameRole).toString();
}

QStringList MainWindow::selectedNodes() const
{
    QStringList out;
    for (const QModelIndex& row : m_fleetView->selectionModel()->selectedRows())
        out << row.data(FleetTableModel::NodeNameRole).toString();
    std::sort(out.begin(), out.end());
    return out;
}

void MainWindow::selectNode(const QString& name)
{
    const int row = m_fleet->rowOfKey(name);
    if (row < 0)
        return;
    const QModelIndex proxyIndex = m_fleetProxy->mapFromSource(m_fleet->index(row, 0));
    if (proxyIndex.isValid()) {
        m_fleetView->selectRow(proxyIndex.row());
        m_fleetView->scrollTo(proxyIndex);
    }
}

void MainWindow::onNodeChanged(const NodeHealth& node)
{
    m_fleet->upsert(node);
    // Columns were sized for empty rows: fit them once real values arrive
    // (never per update — that is a layout pass per event).
    if (!m_headerRestored && !m_columnsFitted && node.connection == balancer::ConnectionState::Connected &&
        !node.torVersion.isEmpty()) {
        m_columnsFitted = true;
        QTimer::singleShot(500, this, [this] { fitFleetColumns(); });
    }
    if (node.name == selectedNode())
        scheduleDetailRefresh();
    scheduleStatusUpdate();
}

void MainWindow::onNodeRemoved(const QString& name)
{
    m_fleet->removeKey(name);
    scheduleDetailRefresh();
    scheduleStatusUpdate();
}

void MainWindow::onPublicationChanged(const balancer::PublicationState& state)
{
    m_publication = state;
    m_publishing->setPublication(state);
    m_hsdirs->setPublication(state);
    scheduleDetailRefresh();
    scheduleStatusUpdate();
}

void MainWindow::onMasterChanged(const balancer::MasterState& state)
{
    m_master = state;
    m_header->setMaster(state);
}

void MainWindow::onNodeEvent(const QString& node, const QString& severity, const QString& message, const QDateTime& at)
{
    m_events->append(node, severity, message, at);
}

void MainWindow::fitFleetColumns()
{
    m_fleetView->resizeColumnsToContents();
    // Room for the longest connection state, so a node going down stays readable.
    int widest = 0;
    for (auto state : {balancer::ConnectionState::Disconnected, balancer::ConnectionState::Tunnelling,
                       balancer::ConnectionState::Connecting, balancer::ConnectionState::Authenticating,
                       balancer::ConnectionState::Connected, balancer::ConnectionState::BackingOff,
                       balancer::ConnectionState::Failed})
        widest = std::max(widest, m_fleetView->fontMetrics().horizontalAdvance(FleetText::connection(state)));
    const int wanted = widest + std::max(16, m_fleetView->iconSize().width()) + 24;
    if (m_fleetView->columnWidth(FleetTableModel::Connection) < wanted)
        m_fleetView->setColumnWidth(FleetTableModel::Connection, wanted);
    // Re-apply so the last column fills the view again after the explicit sizes.
    m_fleetView->horizontalHeader()->setStretchLastSection(false);
    m_fleetView->horizontalHeader()->setStretchLastSection(true);
}

void MainWindow::scheduleStatusUpdate()
{
    // The summary walks every node: once per burst, not once per event.
    if (!m_statusTimer->isActive())
        m_statusTimer->start();
}

void MainWindow::scheduleDetailRefresh()
{
    if (!m_detailTimer->isActive())
        m_detailTimer->start();
}

void MainWindow::refreshDetails()
{
    m_detailTimer->stop();
    const QString name = selectedNode();
    const NodeHealth* node = name.isEmpty() ? nullptr : m_fleet->node(name);
    if (node == nullptr) {
        m_detail->clear();
        m_diagnostics->clear();
        return;
    }
    m_detail->setNode(*node);
    m_diagnostics->setNode(*node, m_publication, m_master.address);
}

void MainWindow::updateStatus()
{
    int connected = 0;
    int rejecting = 0;
    for (const NodeHealth& n : m_fleet->items()) {
        if (n.connection == balancer::ConnectionState::Connected)
            ++connected;
        if (n.intro2.total() > 0)
            ++rejecting;
    }
    QString text =
        tr("%n node(s)", nullptr, m_fleet->rowCount()) + QStringLiteral(" · ") + tr("%n connected", nullptr, connected);
    if (rejecting > 0)
        text += QStringLiteral(" · ") + tr("%n rejecting introductions", nullptr, rejecting);
    if (!m_publication.lastDecision.isEmpty())
        text += QStringLiteral(" · ") + m_publication.lastDecision;
    statusBar()->showMessage(text);
}

void MainWindow::showIdentityDialog()
{
    auto* dialog = new MasterIdentityDialog(m_store, m_master.address, this);
    dialog->setObjectName(QStringLiteral("masterIdentityDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &MasterIdentityDialog::identityStored, this, [this](const QString& address) {
        if (m_backend) {
            m_backend->reloadMaster(address);
        } else {
            balancer::MasterState state = m_master;
            state.address = address;
            state.keychain = balancer::KeychainState::Available;
            onMasterChanged(state);
        }
        emit masterIdentityStored(address);
    });
    dialog->open();
}

void MainWindow::showNodeDialog(const QString& existingNode)
{
    auto* dialog = new NodeEditDialog(this);
    dialog->setObjectName(QStringLiteral("nodeEditDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setSecretStore(m_store);
    QStringList names;
    for (const NodeHealth& n : m_fleet->items())
        names << n.name;
    dialog->setExistingNames(names);
    if (!existingNode.isEmpty()) {
        auto config = m_backend ? m_backend->nodeConfig(existingNode) : std::nullopt;
        if (!config && m_nodeConfigLookup)
            config = m_nodeConfigLookup(existingNode);
        fleet::NodeConfig node;
        if (config) {
            node = *config;
        } else {
            node.name = existingNode;
        }
        dialog->setNode(node);
    } else {
        dialog->setWindowTitle(tr("Add node"));
    }
    if (m_fleetEditor.saveNode) {
        // Saved before the dialog closes: an error keeps it open with what was entered.
        dialog->setCommit([this, existingNode](const fleet::NodeConfig& node) -> Status {
            auto saved = m_fleetEditor.saveNode(node, existingNode);
            if (!saved.ok())
                return saved.error();
            statusBar()->showMessage(saved.value());
            selectNode(node.name);
            return {};
        });
    } else {
        connect(dialog, &QDialog::accepted, this, [this, dialog] {
            if (m_backend)
                m_backend->saveNodeConfig(dialog->node());
        });
    }
    dialog->open();
}

void MainWindow::requestRemoveNode(const QString& node)
{
    if (!m_fleetEditor.removeNode) {
        statusBar()->showMessage(tr("This console cannot change the fleet configuration."));
        return;
    }
    auto* box = new QMessageBox(
        QMessageBox::Warning, tr("Remove node"),
        tr("Remove the node %1 from the fleet?\n\nThe console stops using it and deletes it from the fleet "
           "file. Nothing on the node is touched: its keys, its tor configuration and its onion service stay as "
           "they are.")
            .arg(node),
        QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("removeNodeConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    auto* go = box->addButton(tr("Remove"), QMessageBox::AcceptRole);
    go->setObjectName(QStringLiteral("confirmRemoveButton"));
    auto* cancel = box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(cancel);  // never remove on a stray Enter
    connect(go, &QPushButton::clicked, this, [this, node] {
        auto removed = m_fleetEditor.removeNode(node);
        if (removed.ok()) {
            statusBar()->showMessage(removed.value());
            return;
        }
        showFleetError(tr("Remove node"),
                       makeError(removed.error().code,
                                 tr("The node %1 was not removed: %2").arg(node, removed.error().message),
                                 removed.error().detail));
    });
    box->open();
}

void MainWindow::showFleetError(const QString& title, const Error& error)
{
    statusBar()->showMessage(error.message);
    auto* box = new QMessageBox(QMessageBox::Critical, title, error.message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("fleetErrorBox"));
    box->setDetailedText(error.detail);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::requestOnionbalanceImport(const QString& yamlPath)
{
    if (!m_fleetEditor.previewImport || !m_fleetEditor.import) {
        statusBar()->showMessage(tr("This console cannot change the fleet configuration."));
        return;
    }
    auto preview = m_fleetEditor.previewImport(yamlPath);
    if (!preview.ok()) {
        showFleetError(tr("Import Onionbalance config"), preview.error());
        return;
    }
    auto* box = new QMessageBox(QMessageBox::Question, tr("Import Onionbalance config"), preview.value(),
                                QMessageBox::NoButton, this);
    box->setObjectName(QStringLiteral("importConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    auto* go = box->addButton(tr("Import"), QMessageBox::AcceptRole);
    go->setObjectName(QStringLiteral("confirmImportButton"));
    auto* cancel = box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(cancel);
    QPointer<MainWindow> self(this);
    connect(go, &QPushButton::clicked, this, [this, self, yamlPath] {
        statusBar()->showMessage(tr("Importing %1…").arg(yamlPath));
        m_fleetEditor.import(yamlPath, [self](Result<QString> imported) {
            if (!self)
                return;
            if (imported.ok())
                self->statusBar()->showMessage(imported.value());
            else
                self->showFleetError(tr("Import Onionbalance config"), imported.error());
        });
    });
    box->open();
}

void MainWindow::chooseDescriptorFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open descriptor"), QString(),
                                                      tr("Descriptors (*.txt *.desc);;All files (*)"));
    if (!path.isEmpty())
        openDescriptorFile(path);
}

void MainWindow::openDescriptorFile(const QString& path)
{
    auto* inspector = openInspector(tr("Descriptor: %1").arg(path));
    inspector->openFile(path);
}

void MainWindow::inspectPublished(const QString& which)
{
    const auto& d = which == QLatin1String("second") ? m_publication.second : m_publication.first;
    if (d.descriptorText.isEmpty())
        return;
    auto* inspector = openInspector(FleetText::descriptorName(which));
    inspector->setExpectedPeriod(d.periodNumber, d.periodLengthMinutes == 0 ? 1440 : d.periodLengthMinutes);
    inspector->inspectBytes(d.descriptorText);
}

DescriptorInspector* MainWindow::openInspector(const QString& title)
{
    auto* dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("inspectorDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Descriptor inspector — %1").arg(title));
    auto* layout = new QVBoxLayout(dialog);
    auto* inspector = new DescriptorInspector(dialog);
    inspector->setIdentity(m_master.address);
    QMap<QByteArray, QString> owners = m_publication.first.introPointOwner;
    owners.insert(m_publication.second.introPointOwner);
    inspector->setIntroPointOwners(owners);
    layout->addWidget(inspector, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog->resize(1000, 700);
    dialog->show();
    return inspector;
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("MainWindow"));
    restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("state")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("splitter")).toByteArray());
    m_headerRestored =
        m_fleetView->horizontalHeader()->restoreState(settings.value(QStringLiteral("fleetHeader")).toByteArray());
    m_tabs->setCurrentIndex(settings.value(QStringLiteral("tab"), 0).toInt());
    settings.endGroup();
}

void MainWindow::saveSettings() const
{
    // Layout only: never a secret, never an address or a node's credentials.
    QSettings settings;
    settings.beginGroup(QStringLiteral("MainWindow"));
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("state"), saveState());
    settings.setValue(QStringLiteral("splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("fleetHeader"), m_fleetView->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("tab"), m_tabs->currentIndex());
    settings.endGroup();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveSettings();
    QMainWindow::closeEvent(event);
}

}  // namespace rb::ui
