#include "models/UploadResultsModel.h"

#include "models/FleetText.h"

namespace rb::ui {

using balancer::UploadResult;

UploadResultsModel::UploadResultsModel(QObject* parent) : KeyedTableModel<UploadRow>(parent)
{
}

void UploadResultsModel::setPublication(const balancer::PublicationState& state)
{
    QList<UploadRow> rows;
    for (const auto* d : {&state.first, &state.second}) {
        const QString which =
            d->which.isEmpty() ? (d == &state.first ? QStringLiteral("first") : QStringLiteral("second")) : d->which;
        for (const UploadResult& u : d->uploads)
            rows.append(UploadRow{which, u});
    }
    setItems(rows);
}

int UploadResultsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString UploadResultsModel::keyOf(const UploadRow& row) const
{
    return row.which + QLatin1Char('/') + row.result.hsdirFingerprint;
}

QVariant UploadResultsModel::columnValue(const UploadRow& row, int column) const
{
    const UploadResult& u = row.result;
    switch (column) {
    case Descriptor:
        return row.which;
    case HsDir:
        return u.hsdirNickname;
    case Fingerprint:
        return u.hsdirFingerprint;
    case State:
        return static_cast<int>(u.state);
    case Reason:
        return u.reason;
    case Attempts:
        return u.attempts;
    case At:
        return u.at;
    case NextRetry:
        return u.nextRetry;
    default:
        return {};
    }
}

QVariant UploadResultsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const UploadRow& row = itemAt(index.row());
    const UploadResult& u = row.result;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Descriptor:
            return FleetText::descriptorName(row.which);
        case HsDir:
            return u.hsdirNickname.isEmpty() ? QStringLiteral("—") : u.hsdirNickname;
        case Fingerprint:
            return u.hsdirFingerprint;
        case State:
            return FleetText::uploadState(u.state);
        case Reason:
            return u.reason;
        case Attempts:
            return u.attempts;
        case At:
            return FleetText::time(u.at);
        case NextRetry:
            return u.nextRetry.isValid() ? FleetText::time(u.nextRetry) : QString();
        default:
            return {};
        }
    case Qt::DecorationRole:
        if (index.column() == State)
            return FleetText::icon(FleetText::uploadLevel(u.state));
        return {};
    case SortRole:
        return columnValue(row, index.column());
    case StateRole:
        return static_cast<int>(u.state);
    default:
        return {};
    }
}

QVariant UploadResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Descriptor:
        return tr("Descriptor");
    case HsDir:
        return tr("HSDir");
    case Fingerprint:
        return tr("Fingerprint");
    case State:
        return tr("State");
    case Reason:
        return tr("Reason");
    case Attempts:
        return tr("Attempts");
    case At:
        return tr("At");
    case NextRetry:
        return tr("Next retry");
    default:
        return {};
    }
}

}  // namespace rb::ui
