#include "HsDirFetcher.h"

#include "descriptor/DescriptorDecoder.h"
#include "onion/OnionAddress.h"

#include <QPointer>
#include <QTimer>

namespace rb::ui {

using Holding = HsDirFetchModel::Holding;

HsDirFetcher::HsDirFetcher(std::unique_ptr<HsFetchTransport> transport, HsDirFetchModel* model, QString masterAddress,
                           QObject* parent)
    : QObject(parent), m_transport(transport.release()), m_model(model), m_address(std::move(masterAddress))
{
    if (m_transport != nullptr)
        m_transport->setParent(this);
}

HsDirFetcher::~HsDirFetcher()
{
    if (m_running && m_transport != nullptr)
        m_transport->cancel();
}

HsDirFetcher::Verdict HsDirFetcher::judgeRefusal(const QByteArray& reason)
{
    Verdict v;
    if (reason.isEmpty() || reason == "NOT_FOUND") {
        v.holding = Holding::Nothing;
        v.detail = tr("the HSDir has no descriptor for our blinded key (NOT_FOUND)");
    } else {
        v.holding = Holding::Error;
        v.detail = tr("the fetch failed: %1").arg(QString::fromLatin1(reason));
    }
    return v;
}

HsDirFetcher::Verdict HsDirFetcher::judge(const QString& masterAddress, const HsDirFetchModel::Row& row,
                                          const QByteArray& body)
{
    Verdict v;
    auto address = onion::OnionAddress::parse(masterAddress);
    if (!address.ok()) {
        v.detail = address.error().message;
        return v;
    }
    auto decoded = descriptor::DescriptorDecoder::inspect(address.value(), body);
    if (!decoded.ok()) {
        v.detail = tr("the HSDir returned an unreadable descriptor: %1").arg(decoded.error().message);
        return v;
    }
    v.revision = decoded->outer.revisionCounter;
    if (decoded->innerDecrypted)
        v.introPoints = static_cast<int>(decoded->inner.introPoints.size());
    if (!row.publishedBlindedKey.isEmpty() && decoded->blindedKey != row.publishedBlindedKey) {
        v.holding = Holding::Other;
        v.detail = tr("its blinded key is not the one of our %1 descriptor").arg(row.which);
        return v;
    }
    if (!decoded->signatureValid || !decoded->signingCertValid) {
        v.holding = Holding::Other;
        v.detail = tr("its signature does not verify with our master identity");
        return v;
    }
    if (*v.revision == row.publishedRevision) {
        v.holding = Holding::Current;
        v.detail = tr("same revision as published");
    } else if (*v.revision < row.publishedRevision) {
        v.holding = Holding::Older;
        v.detail =
            tr("revision %1 < published %2: our upload has not reached it").arg(*v.revision).arg(row.publishedRevision);
    } else {
        v.holding = Holding::Newer;
        v.detail = tr("revision %1 > published %2: another publisher (or an earlier run) uploaded later")
                       .arg(*v.revision)
                       .arg(row.publishedRevision);
    }
    if (v.introPoints && *v.introPoints != row.publishedIntroPoints)
        v.detail += QStringLiteral("; ") + tr("%n intro point(s) held", nullptr, *v.introPoints);
    return v;
}

void HsDirFetcher::start()
{
    if (m_running || m_model == nullptr)
        return;
    m_queue.clear();
    for (int i = 0; i < m_model->rowCount(); ++i) {
        if (m_model->rowAt(i).holding != Holding::NotFetchable)
            m_queue << i;
    }
    m_total = static_cast<int>(m_queue.size());
    m_done = 0;
    m_running = true;
    ++m_run;
    emit progress(0, m_total);
    QTimer::singleShot(0, this, &HsDirFetcher::next);
}

void HsDirFetcher::cancel()
{
    if (!m_running)
        return;
    m_running = false;
    ++m_run;
    if (m_transport != nullptr)
        m_transport->cancel();
    if (m_current >= 0)
        m_model->setResult(m_current, Holding::NotFetched, std::nullopt, std::nullopt, tr("cancelled"));
    m_current = -1;
    emit finished(true);
}

void HsDirFetcher::next()
{
    if (!m_running)
        return;
    if (m_queue.isEmpty() || m_transport == nullptr) {
        m_running = false;
        m_current = -1;
        if (m_transport != nullptr)
            m_transport->cancel();  // done: the node's connection gets its own event set back
        emit finished(false);
        return;
    }
    const int row = m_queue.takeFirst();
    m_current = row;
    m_model->setFetching(row);
    const quint64 run = m_run;
    QPointer<HsDirFetcher> self(this);
    m_transport->fetch(m_address, m_model->rowAt(row).fingerprint, [self, run, row](Result<HsFetchAnswer> a) {
        if (!self || run != self->m_run || !self->m_running)
            return;
        Verdict v;
        QByteArray body;
        if (!a.ok()) {
            v.holding = Holding::Error;
            v.detail = a.error().message;
        } else if (a->found) {
            body = a->body;
            v = judge(self->m_address, self->m_model->rowAt(row), body);
        } else {
            v = judgeRefusal(a->reason);
        }
        self->m_model->setResult(row, v.holding, v.revision, v.introPoints, v.detail, body);
        self->m_current = -1;
        ++self->m_done;
        emit self->progress(self->m_done, self->m_total);
        // Next fetch from the event loop, never from inside the transport's callback.
        QTimer::singleShot(0, self, &HsDirFetcher::next);
    });
}

}  // namespace rb::ui
