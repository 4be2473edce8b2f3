#include "HsDirFetchModel.h"

#include <QBrush>
#include <QIcon>

namespace rb::ui {

HsDirFetchModel::HsDirFetchModel(QObject* parent) : QAbstractTableModel(parent)
{
}

int HsDirFetchModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int HsDirFetchModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString HsDirFetchModel::holdingText(Holding holding)
{
    switch (holding) {
    case Holding::NotFetched:
        return tr("not fetched");
    case Holding::Fetching:
        return tr("fetching…");
    case Holding::Current:
        return tr("our current revision");
    case Holding::Older:
        return tr("an OLDER revision");
    case Holding::Newer:
        return tr("a newer revision than ours");
    case Holding::Other:
        return tr("a descriptor that is not ours");
    case Holding::Nothing:
        return tr("nothing");
    case Holding::Error:
        return tr("error");
    case Holding::NotFetchable:
        return tr("not fetchable now");
    }
    return {};
}

QVariant HsDirFetchModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& r = m_rows.at(index.row());
    if (role == HoldingRole)
        return static_cast<int>(r.holding);
    if (role == FingerprintRole)
        return r.fingerprint;
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole || role == SortRole) {
        switch (index.column()) {
        case Descriptor:
            return r.which == QLatin1String("second") ? tr("second") : tr("first");
        case HsDir:
            if (role == Qt::ToolTipRole)
                return r.fingerprint;
            return r.nickname.isEmpty() ? r.fingerprint.left(16) : r.nickname;
        case Holds:
            return holdingText(r.holding);
        case HeldRevision:
            if (role == SortRole)
                return r.heldRevision ? static_cast<qulonglong>(*r.heldRevision) : 0ULL;
            return r.heldRevision ? QString::number(*r.heldRevision) : QStringLiteral("—");
        case HeldIntroPoints:
            if (role == SortRole)
                return r.heldIntroPoints.value_or(-1);
            return r.heldIntroPoints ? QString::number(*r.heldIntroPoints) : QStringLiteral("—");
        case Published:
            return tr("rev %1, %n intro point(s)", nullptr, r.publishedIntroPoints).arg(r.publishedRevision);
        case Details:
            return r.detail;
        default:
            return {};
        }
    }
    if (role == Qt::DecorationRole && index.column() == Holds) {
        switch (r.holding) {
        case Holding::Current:
            return QIcon(QStringLiteral(":/icons/status-ok.svg"));
        case Holding::Older:
        case Holding::Nothing:
        case Holding::Newer:
            return QIcon(QStringLiteral(":/icons/status-warning.svg"));
        case Holding::Other:
        case Holding::Error:
            return QIcon(QStringLiteral(":/icons/status-error.svg"));
        case Holding::NotFetched:
        case Holding::Fetching:
        case Holding::NotFetchable:
            return QIcon(QStringLiteral(":/icons/status-inactive.svg"));
        }
    }
    if (role == Qt::ForegroundRole && index.column() == Holds &&
        (r.holding == Holding::Other || r.holding == Holding::Error))
        return QBrush(Qt::red);
    return {};
}

QVariant HsDirFetchModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Descriptor:
        return tr("Descriptor");
    case HsDir:
        return tr("HSDir");
    case Holds:
        return tr("Holds");
    case HeldRevision:
        return tr("Revision held");
    case HeldIntroPoints:
        return tr("Intro points held");
    case Published:
        return tr("Published");
    case Details:
        return tr("Details");
    default:
        return {};
    }
}

void HsDirFetchModel::setPublication(const balancer::PublicationState& state)
{
    QList<Row> rows;
    for (const balancer::DescriptorPublication* d : {&state.first, &state.second}) {
        const bool fetchable = state.currentPeriodNumber == 0 || d->periodNumber == state.currentPeriodNumber;
        for (const balancer::UploadResult& u : d->uploads) {
            Row r;
            r.which = d == &state.first ? QStringLiteral("first") : QStringLiteral("second");
            r.fingerprint = u.hsdirFingerprint;
            r.nickname = u.hsdirNickname;
            r.publishedRevision = d->revisionCounter;
            r.publishedIntroPoints = d->introPointCount;
            r.publishedBlindedKey = d->blindedKey;
            if (!fetchable) {
                r.holding = Holding::NotFetchable;
                r.detail = tr("time period %1 is not the current one (%2): tor fetches only the current "
                              "period's descriptor")
                               .arg(d->periodNumber)
                               .arg(state.currentPeriodNumber);
            }
            rows.append(std::move(r));
        }
    }
    // Same HSDirs and builds: keep what was fetched.
    bool same = rows.size() == m_rows.size();
    for (qsizetype i = 0; same && i < rows.size(); ++i) {
        same = rows.at(i).which == m_rows.at(i).which && rows.at(i).fingerprint == m_rows.at(i).fingerprint &&
               rows.at(i).publishedRevision == m_rows.at(i).publishedRevision &&
               rows.at(i).publishedBlindedKey == m_rows.at(i).publishedBlindedKey &&
               (rows.at(i).holding == Holding::NotFetchable) == (m_rows.at(i).holding == Holding::NotFetchable);
    }
    if (same)
        return;
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

void HsDirFetchModel::setFetching(int row)
{
    if (row < 0 || row >= m_rows.size())
        return;
    m_rows[row].holding = Holding::Fetching;
    m_rows[row].detail.clear();
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void HsDirFetchModel::setResult(int row, Holding holding, std::optional<quint64> revision,
                                std::optional<int> introPoints, const QString& detail, const QByteArray& body)
{
    if (row < 0 || row >= m_rows.size())
        return;
    Row& r = m_rows[row];
    r.holding = holding;
    r.heldRevision = revision;
    r.heldIntroPoints = introPoints;
    r.detail = detail;
    r.body = body;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

int HsDirFetchModel::count(Holding holding) const
{
    int n = 0;
    for (const Row& r : m_rows)
        n += r.holding == holding ? 1 : 0;
    return n;
}

}  // namespace rb::ui
