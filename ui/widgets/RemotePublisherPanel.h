#pragma once
// A remote headless publisher as its metrics endpoint reports it, reached over
// SSH (balancer::RemotePublisherFetcher): the connection state and, on a
// problem, what went wrong and what to do; the master address; both
// descriptors (revision, intro points, publications, age of the last HSDir
// confirmation, HSDir upload states) and the nodes (up, configuration, intro
// points, INTRO2 errors). Read-only: the publisher is operated on the server.

#include "balancer/RemotePublisherFetcher.h"
#include "balancer/RemotePublisherStatus.h"

#include <QDateTime>
#include <QMetaObject>
#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace rb::ui {

class RemotePublisherDescriptorsModel;
class RemotePublisherNodesModel;

class RemotePublisherPanel : public QWidget {
    Q_OBJECT
public:
    using State = balancer::RemotePublisherFetcher::State;
    using Problem = balancer::RemotePublisherFetcher::Problem;

    explicit RemotePublisherPanel(QWidget* parent = nullptr);

    // Shows a status (ages measured against now).
    void setStatus(const balancer::RemotePublisherStatus& status,
                   const QDateTime& now = QDateTime::currentDateTimeUtc());
    // Shows the connection state; error is shown when problem != None.
    void setConnection(State state, Problem problem = Problem::None, const Error& error = {});
    // Follows the fetcher (status, state, errors) until it is destroyed or another is attached.
    void attach(balancer::RemotePublisherFetcher* fetcher);
    // Forgets the status (tables emptied).
    void clear();

    [[nodiscard]] RemotePublisherDescriptorsModel* descriptorsModel() const { return m_descriptors; }
    [[nodiscard]] RemotePublisherNodesModel* nodesModel() const { return m_nodes; }
    [[nodiscard]] QString connectionText() const;
    [[nodiscard]] QString problemText() const;  // empty without a problem
    [[nodiscard]] QString masterText() const;
    [[nodiscard]] QString summaryText() const;
    [[nodiscard]] QPushButton* refreshButton() const { return m_refresh; }
    [[nodiscard]] QPushButton* reviewHostKeyButton() const { return m_reviewHostKey; }

    static QString stateText(State state);
    // What the operator should do about a problem (translated).
    static QString advice(Problem problem);

signals:
    void refreshRequested();
    void reviewHostKeyRequested();

private:
    QLabel* m_connection = nullptr;
    QLabel* m_problem = nullptr;
    QLabel* m_master = nullptr;
    QLabel* m_summary = nullptr;
    QPushButton* m_refresh = nullptr;
    QPushButton* m_reviewHostKey = nullptr;
    RemotePublisherDescriptorsModel* m_descriptors = nullptr;
    RemotePublisherNodesModel* m_nodes = nullptr;
    QTableView* m_descriptorView = nullptr;
    QTableView* m_nodeView = nullptr;
    QPointer<balancer::RemotePublisherFetcher> m_fetcher;
    QList<QMetaObject::Connection> m_fetcherConnections;
};

}  // namespace rb::ui
