#pragma once
// "What the HSDirs hold" against what we published: one row per responsible
// HSDir of the first and the second descriptor, with what it answered to
// HSFETCH (our current revision, an older one, nothing, an error) and the
// revision and intro point count it holds beside the published ones.

#include "balancer/FleetTypes.h"

#include <QAbstractTableModel>
#include <QList>

#include <optional>

namespace rb::ui {

class HsDirFetchModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Descriptor, HsDir, Holds, HeldRevision, HeldIntroPoints, Published, Details, ColumnCount };
    enum class Holding { NotFetched, Fetching, Current, Older, Newer, Other, Nothing, Error, NotFetchable };
    enum Role { HoldingRole = Qt::UserRole + 1, FingerprintRole, SortRole };

    struct Row {
        QString which;  // "first" / "second"
        QString fingerprint;
        QString nickname;
        Holding holding = Holding::NotFetched;
        quint64 publishedRevision = 0;
        int publishedIntroPoints = 0;
        QByteArray publishedBlindedKey;
        std::optional<quint64> heldRevision;
        std::optional<int> heldIntroPoints;
        QString detail;
        QByteArray body;  // the fetched descriptor
    };

    explicit HsDirFetchModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Rows from the publication's responsible HSDirs (its upload list). A
    // slot whose time period is not the consensus' current one cannot be
    // fetched (tor clients only fetch the current period's descriptor).
    void setPublication(const balancer::PublicationState& state);
    [[nodiscard]] const Row& rowAt(int row) const { return m_rows.at(row); }
    [[nodiscard]] const QList<Row>& rows() const { return m_rows; }
    void setFetching(int row);
    // Compares what the HSDir returned with the published build.
    void setResult(int row, Holding holding, std::optional<quint64> revision, std::optional<int> introPoints,
                   const QString& detail, const QByteArray& body = {});
    [[nodiscard]] int count(Holding holding) const;

    static QString holdingText(Holding holding);

private:
    QList<Row> m_rows;
};

}  // namespace rb::ui
