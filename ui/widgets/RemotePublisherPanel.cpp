#include "widgets/RemotePublisherPanel.h"

#include "models/FleetText.h"
#include "models/RemotePublisherDescriptorsModel.h"
#include "models/RemotePublisherNodesModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace rb::ui {

using balancer::RemotePublisherFetcher;
using balancer::RemotePublisherStatus;
using balancer::UploadState;

namespace {
QTableView* makeView(QAbstractItemModel* model, int sortRole, const QString& accessibleName, QWidget* parent)
{
    auto* proxy = new QSortFilterProxyModel(parent);
    proxy->setSourceModel(model);
    proxy->setSortRole(sortRole);
    auto* view = new QTableView(parent);
    view->setModel(proxy);
    view->setSortingEnabled(true);
    view->sortByColumn(0, Qt::AscendingOrder);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->setAccessibleName(accessibleName);
    return view;
}
}  // namespace

RemotePublisherPanel::RemotePublisherPanel(QWidget* parent) : QWidget(parent)
{
    m_descriptors = new RemotePublisherDescriptorsModel(this);
    m_nodes = new RemotePublisherNodesModel(this);

    m_connection = new QLabel(this);
    m_connection->setObjectName(QStringLiteral("remotePublisherConnection"));
    m_connection->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem = new QLabel(this);
    m_problem->setObjectName(QStringLiteral("remotePublisherProblem"));
    m_problem->setWordWrap(true);
    m_problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problem->setTextFormat(Qt::PlainText);
    m_problem->hide();
    m_master = new QLabel(this);
    m_master->setObjectName(QStringLiteral("remotePublisherMaster"));
    m_master->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("remotePublisherSummary"));
    m_summary->setWordWrap(true);

    m_refresh = new QPushButton(tr("&Refresh"), this);
    m_refresh->setObjectName(QStringLiteral("remotePublisherRefresh"));
    m_refresh->setEnabled(false);
    m_reviewHostKey = new QPushButton(tr("Review &host key…"), this);
    m_reviewHostKey->setObjectName(QStringLiteral("remotePublisherReviewHostKey"));
    m_reviewHostKey->hide();
    connect(m_refresh, &QPushButton::clicked, this, &RemotePublisherPanel::refreshRequested);
    connect(m_reviewHostKey, &QPushButton::clicked, this, &RemotePublisherPanel::reviewHostKeyRequested);

    m_descriptorView = makeView(m_descriptors, RemotePublisherDescriptorsModel::SortRole,
                                tr("Descriptors of the remote publisher"), this);
    m_nodeView = makeView(m_nodes, RemotePublisherNodesModel::SortRole, tr("Nodes of the remote publisher"), this);

    auto* top = new QHBoxLayout;
    top->addWidget(m_connection, 1);
    top->addWidget(m_reviewHostKey);
    top->addWidget(m_refresh);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_problem);
    layout->addWidget(m_master);
    layout->addWidget(m_summary);
    auto* descriptorsTitle = new QLabel(tr("Descriptors"), this);
    descriptorsTitle->setBuddy(m_descriptorView);
    layout->addWidget(descriptorsTitle);
    layout->addWidget(m_descriptorView, 1);
    auto* nodesTitle = new QLabel(tr("Nodes"), this);
    nodesTitle->setBuddy(m_nodeView);
    layout->addWidget(nodesTitle);
    layout->addWidget(m_nodeView, 2);

    clear();
    setConnection(State::Stopped);
}

void RemotePublisherPanel::clear()
{
    m_descriptors->setDescriptors({}, QDateTime::currentDateTimeUtc());
    m_nodes->clearItems();
    m_master->setText(tr("Master address: —"));
    m_summary->setText(tr("No status received yet."));
}

void RemotePublisherPanel::setStatus(const RemotePublisherStatus& status, const QDateTime& now)
{
    m_master->setText(tr("Master address: %1").arg(status.master));
    m_descriptors->setDescriptors(status.descriptors, now);
    m_nodes->setItems(status.nodes);
    int hsdirs = 0;
    int uploaded = 0;
    for (const RemotePublisherStatus::Descriptor& d : status.descriptors) {
        for (const int n : d.hsdirs)
            hsdirs += n;
        uploaded += d.hsdirs.value(UploadState::Uploaded);
    }
    QString summary = tr("Nodes up: %1 of %2 · HSDirs holding the current build: %3 of %4 · Configuration reloads: %5")
                          .arg(status.nodesUp())
                          .arg(status.nodes.size())
                          .arg(uploaded)
                          .arg(hsdirs)
                          .arg(status.reloads);
    if (status.fetchedAt.isValid())
        summary += QLatin1Char('\n') + tr("Updated %1").arg(FleetText::time(status.fetchedAt, now));
    m_summary->setText(summary);
}

QString RemotePublisherPanel::stateText(State state)
{
    switch (state) {
    case State::Stopped:
        return tr("Not connected");
    case State::Connecting:
        return tr("Connecting over SSH…");
    case State::Fetching:
        return tr("Reading the publisher's metrics…");
    case State::Ok:
        return tr("Connected");
    case State::Failed:
        return tr("Problem (retrying)");
    case State::NeedsOperator:
        return tr("Stopped: needs your action");
    }
    return {};
}

QString RemotePublisherPanel::advice(Problem problem)
{
    switch (problem) {
    case Problem::None:
        return {};
    case Problem::TunnelFailed:
        return tr("Check that the server is reachable with ssh from this machine (host, port, ProxyJump in your ssh "
                  "config). The console keeps retrying.");
    case Problem::HostKeyUnknown:
        return tr("The server's SSH host key is not known yet: review its fingerprint and accept it (Review host "
                  "key…), then connect again.");
    case Problem::HostKeyChanged:
        return tr("The server's SSH host key has CHANGED. Verify the new key out of band and remove the old entry "
                  "(ssh-keygen -R host) before connecting again; the console never accepts a changed key.");
    case Problem::AuthFailed:
        return tr("Load the key for this server into your ssh-agent or set IdentityFile in your ssh config, then "
                  "connect again.");
    case Problem::Unreachable:
        return tr("Nothing listens on that port on the server: start the publisher with --metrics-listen "
                  "127.0.0.1:PORT (RUSTBALANCE_PUBLISHER_OPTS in /etc/rustbalance/publisher.env) or correct the "
                  "port.");
    case Problem::HttpError:
        return tr("The port answered, but not with the publisher's metrics: check that it is the port given to "
                  "--metrics-listen.");
    case Problem::Timeout:
        return tr("The publisher did not answer in time: check it on the server (systemctl status "
                  "rustbalance-publisher). The console keeps retrying.");
    case Problem::NotAPublisher:
        return tr("This port serves something else (for example tor's MetricsPort): use the port given to rbctl "
                  "publish --metrics-listen.");
    }
    return {};
}

void RemotePublisherPanel::setConnection(State state, Problem problem, const Error& error)
{
    QString text = stateText(state);
    if (m_fetcher)
        text = tr("%1 — %2").arg(m_fetcher->describe(), text);
    m_connection->setText(text);
    const bool ok = state == State::Ok;
    m_connection->setStyleSheet(
        QStringLiteral("color: %1").arg(FleetText::color(ok                                ? StatusLevel::Ok
                                                         : state == State::Stopped          ? StatusLevel::Inactive
                                                         : state == State::NeedsOperator    ? StatusLevel::Error
                                                         : problem != Problem::None         ? StatusLevel::Warning
                                                                                            : StatusLevel::Inactive)
                                            .name()));
    if (problem == Problem::None || state == State::Ok || state == State::Stopped) {
        m_problem->clear();
        m_problem->hide();
    } else {
        QString msg = advice(problem);
        if (!error.message.isEmpty())
            msg = error.message + QLatin1Char('\n') + msg;
        if (!error.detail.isEmpty())
            msg += QLatin1Char('\n') + tr("Detail: %1").arg(error.detail);
        m_problem->setText(msg);
        m_problem->setStyleSheet(QStringLiteral("color: %1").arg(
            FleetText::color(state == State::NeedsOperator ? StatusLevel::Error : StatusLevel::Warning).name()));
        m_problem->show();
    }
    m_reviewHostKey->setVisible(state == State::NeedsOperator && problem == Problem::HostKeyUnknown);
    m_refresh->setEnabled(state == State::Ok || state == State::Failed);
}

void RemotePublisherPanel::attach(RemotePublisherFetcher* fetcher)
{
    for (const QMetaObject::Connection& c : std::as_const(m_fetcherConnections))
        disconnect(c);
    m_fetcherConnections.clear();
    m_fetcher = fetcher;
    if (!fetcher) {
        setConnection(State::Stopped);
        return;
    }
    const auto update = [this, fetcher] {
        setConnection(fetcher->state(), fetcher->problem(), fetcher->lastError());
    };
    m_fetcherConnections << connect(fetcher, &RemotePublisherFetcher::stateChanged, this, update)
                         << connect(fetcher, &RemotePublisherFetcher::failed, this, update)
                         << connect(fetcher, &RemotePublisherFetcher::statusUpdated, this, [this, fetcher] {
                                if (fetcher->status())
                                    setStatus(*fetcher->status());
                            })
                         << connect(this, &RemotePublisherPanel::refreshRequested, fetcher,
                                    &RemotePublisherFetcher::refresh);
    if (fetcher->status())
        setStatus(*fetcher->status());
    update();
}

QString RemotePublisherPanel::connectionText() const
{
    return m_connection->text();
}

QString RemotePublisherPanel::problemText() const
{
    return m_problem->text();
}

QString RemotePublisherPanel::masterText() const
{
    return m_master->text();
}

QString RemotePublisherPanel::summaryText() const
{
    return m_summary->text();
}

}  // namespace rb::ui
