#include "models/RemotePublisherDescriptorsModel.h"

#include "models/FleetText.h"

namespace rb::ui {

using Descriptor = balancer::RemotePublisherStatus::Descriptor;
using balancer::UploadState;

namespace {
// HSDirs older than this without a confirmation drop the descriptor (180 min).
constexpr qint64 kStaleSecs = 2 * 3600;
}  // namespace

RemotePublisherDescriptorsModel::RemotePublisherDescriptorsModel(QObject* parent) : KeyedTableModel(parent) {}

void RemotePublisherDescriptorsModel::setDescriptors(const QList<Descriptor>& descriptors, const QDateTime& now)
{
    const bool nowChanged = m_now != now;
    m_now = now;
    setItems(descriptors);
    if (nowChanged && rowCount() > 0)
        emit dataChanged(index(0, LastSuccess), index(rowCount() - 1, LastSuccess));
}

int RemotePublisherDescriptorsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString RemotePublisherDescriptorsModel::keyOf(const Descriptor& d) const
{
    return d.which;
}

QVariant RemotePublisherDescriptorsModel::columnValue(const Descriptor& d, int column) const
{
    switch (column) {
    case Which:
        return d.which;
    case Revision:
        return static_cast<qulonglong>(d.revision);
    case IntroPoints:
        return d.introPoints;
    case Publications:
        return static_cast<qulonglong>(d.publications);
    case LastSuccess:
        return d.lastSuccess;
    case HsDirs:
        return hsdirSummary(d);
    default:
        return {};
    }
}

QString RemotePublisherDescriptorsModel::age(const QDateTime& at, const QDateTime& now)
{
    if (!at.isValid())
        return tr("never");
    const qint64 secs = qMax<qint64>(0, at.secsTo(now));
    if (secs < 60)
        return tr("%1 s ago").arg(secs);
    if (secs < 3600)
        return tr("%1 min ago").arg(secs / 60);
    if (secs < 2 * 86400)
        return tr("%1 h ago").arg(secs / 3600);
    return tr("%1 d ago").arg(secs / 86400);
}

QString RemotePublisherDescriptorsModel::hsdirSummary(const Descriptor& d)
{
    QStringList parts;
    const QList<QPair<UploadState, QString>> order{
        {UploadState::Uploaded, tr("%1 uploaded")},
        {UploadState::Failed, tr("%1 failed")},
        {UploadState::TimedOut, tr("%1 timed out")},
        {UploadState::Pending, tr("%1 pending")},
    };
    for (const auto& [state, text] : order) {
        const int n = d.hsdirs.value(state);
        if (n > 0)
            parts << text.arg(n);
    }
    return parts.isEmpty() ? tr("none") : parts.join(QStringLiteral(", "));
}

QVariant RemotePublisherDescriptorsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Descriptor& d = itemAt(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Which:
            return FleetText::descriptorName(d.which);
        case Revision:
            return static_cast<qulonglong>(d.revision);
        case IntroPoints:
            return d.introPoints;
        case Publications:
            return static_cast<qulonglong>(d.publications);
        case LastSuccess:
            return age(d.lastSuccess, m_now);
        case HsDirs:
            return hsdirSummary(d);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == LastSuccess && d.lastSuccess.isValid())
            return FleetText::time(d.lastSuccess, m_now);
        if (index.column() == HsDirs) {
            QStringList totals;
            for (auto it = d.uploadTotals.cbegin(); it != d.uploadTotals.cend(); ++it)
                totals << tr("%1: %2").arg(it.key()).arg(it.value());
            return totals.isEmpty() ? QVariant() : QVariant(tr("HSDir answers so far: %1").arg(totals.join(QStringLiteral(", "))));
        }
        return {};
    case Qt::ForegroundRole:
        if (index.column() == LastSuccess) {
            const bool stale = !d.lastSuccess.isValid() || d.lastSuccess.secsTo(m_now) > kStaleSecs;
            return FleetText::color(stale ? StatusLevel::Warning : StatusLevel::Ok);
        }
        if (index.column() == IntroPoints && d.introPoints == 0)
            return FleetText::color(StatusLevel::Error);
        if (index.column() == HsDirs && (d.hsdirs.value(UploadState::Failed) > 0 || d.hsdirs.value(UploadState::TimedOut) > 0))
            return FleetText::color(StatusLevel::Warning);
        return {};
    case SortRole:
        return columnValue(d, index.column());
    default:
        return {};
    }
}

QVariant RemotePublisherDescriptorsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Which:
        return tr("Descriptor");
    case Revision:
        return tr("Revision");
    case IntroPoints:
        return tr("Intro points");
    case Publications:
        return tr("Publications");
    case LastSuccess:
        return tr("Last HSDir confirmation");
    case HsDirs:
        return tr("HSDirs (current build)");
    default:
        return {};
    }
}

}  // namespace rb::ui
