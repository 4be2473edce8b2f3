#include "widgets/HsDirHoldingsPanel.h"

#include "publishing/HsDirFetchModel.h"
#include "publishing/HsDirFetcher.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace rb::ui {

HsDirHoldingsPanel::HsDirHoldingsPanel(QWidget* parent) : QWidget(parent)
{
    auto* v = new QVBoxLayout(this);
    auto* row = new QHBoxLayout;
    m_fetch = new QPushButton(QIcon(QStringLiteral(":/icons/inspect.svg")), tr("&Fetch from HSDirs"), this);
    m_fetch->setObjectName(QStringLiteral("fetchHsDirsButton"));
    m_fetch->setToolTip(tr("Ask every responsible HSDir, through a connected node (HSFETCH), which descriptor it "
                           "holds, and compare it with what we published"));
    connect(m_fetch, &QPushButton::clicked, this, &HsDirHoldingsPanel::fetchRequested);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelHsDirFetchButton"));
    m_cancel->setEnabled(false);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_fetcher)
            m_fetcher->cancel();
    });
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("hsDirFetchProgress"));
    m_progress->setAccessibleName(tr("HSDir fetch progress"));
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    row->addWidget(m_fetch);
    row->addWidget(m_cancel);
    row->addWidget(m_progress, 1);
    v->addLayout(row);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("hsDirFetchStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_status->setText(tr("Not fetched yet. Double-click a row to inspect the descriptor an HSDir returned."));
    v->addWidget(m_status);

    m_model = new HsDirFetchModel(this);
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_model);
    proxy->setSortRole(HsDirFetchModel::SortRole);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("hsDirHoldingsView"));
    m_view->setAccessibleName(tr("What each responsible HSDir holds"));
    m_view->setModel(proxy);
    m_view->setSortingEnabled(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setTabKeyNavigation(false);
    connect(m_view, &QTableView::doubleClicked, this, [this, proxy](const QModelIndex& index) {
        const QModelIndex source = proxy->mapToSource(index);
        if (!source.isValid())
            return;
        const auto& r = m_model->rowAt(source.row());
        if (!r.body.isEmpty())
            emit descriptorRequested(r.which, r.nickname.isEmpty() ? r.fingerprint : r.nickname, r.body);
    });
    v->addWidget(m_view, 1);
}

void HsDirHoldingsPanel::setPublication(const balancer::PublicationState& state)
{
    m_publication = state;
    if (!isFetching())
        m_model->setPublication(state);
}

bool HsDirHoldingsPanel::isFetching() const
{
    return m_fetcher != nullptr && m_fetcher->isRunning();
}

QString HsDirHoldingsPanel::statusText() const
{
    return m_status->text();
}

void HsDirHoldingsPanel::startFetch(std::unique_ptr<HsFetchTransport> transport, const QString& masterAddress)
{
    if (isFetching())
        return;
    if (!transport) {
        m_status->setText(tr("No node is connected: HSFETCH needs a connected node."));
        return;
    }
    if (m_fetcher)
        m_fetcher->deleteLater();
    m_model->setPublication(m_publication);
    const QString via = transport->via();
    m_fetcher = new HsDirFetcher(std::move(transport), m_model, masterAddress, this);
    connect(m_fetcher, &HsDirFetcher::progress, this, [this, via](int done, int total) {
        m_progress->setRange(0, std::max(1, total));
        m_progress->setValue(done);
        m_status->setText(tr("Fetching through %1: %2 of %3 HSDir(s) answered").arg(via).arg(done).arg(total));
    });
    connect(m_fetcher, &HsDirFetcher::finished, this, [this, via](bool cancelled) {
        m_fetch->setEnabled(true);
        m_cancel->setEnabled(false);
        using H = HsDirFetchModel::Holding;
        const QString counts = tr("%1 current, %2 older, %3 nothing, %4 error(s), %5 other")
                                   .arg(m_model->count(H::Current))
                                   .arg(m_model->count(H::Older))
                                   .arg(m_model->count(H::Nothing))
                                   .arg(m_model->count(H::Error))
                                   .arg(m_model->count(H::Other) + m_model->count(H::Newer));
        m_status->setText(cancelled ? tr("Fetch cancelled (through %1): %2").arg(via, counts)
                                    : tr("Fetched through %1: %2").arg(via, counts));
        emit fetchFinished(cancelled);
    });
    m_fetch->setEnabled(false);
    m_cancel->setEnabled(true);
    m_fetcher->start();
}

}  // namespace rb::ui
