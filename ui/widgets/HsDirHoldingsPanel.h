#pragma once
// "What the HSDirs hold": a "Fetch from HSDirs" button that asks each
// responsible HSDir of the current publication (HSFETCH through a connected
// node, one HSDir at a time, with progress and Cancel) which descriptor it
// holds, and a table comparing it with what we published. Double-click a row
// to inspect the descriptor an HSDir returned.

#include "balancer/FleetTypes.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace rb::ui {

class HsDirFetchModel;
class HsDirFetcher;
class HsFetchTransport;

class HsDirHoldingsPanel : public QWidget {
    Q_OBJECT
public:
    explicit HsDirHoldingsPanel(QWidget* parent = nullptr);

    // Rows follow the publication (kept while a fetch runs).
    void setPublication(const balancer::PublicationState& state);
    [[nodiscard]] HsDirFetchModel* model() const { return m_model; }

    // Starts a fetch through the transport (null: no connected node).
    void startFetch(std::unique_ptr<HsFetchTransport> transport, const QString& masterAddress);
    [[nodiscard]] bool isFetching() const;
    [[nodiscard]] QString statusText() const;

signals:
    void fetchRequested();
    void fetchFinished(bool cancelled);
    // Double-click on a row whose HSDir returned a descriptor.
    void descriptorRequested(const QString& which, const QString& hsdir, const QByteArray& descriptor);

private:
    balancer::PublicationState m_publication;
    HsDirFetchModel* m_model = nullptr;
    QTableView* m_view = nullptr;
    QPushButton* m_fetch = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QPointer<HsDirFetcher> m_fetcher;
};

}  // namespace rb::ui
