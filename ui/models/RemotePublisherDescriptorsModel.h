#pragma once
// The two descriptors of a remote publisher (RemotePublisherStatus): revision
// counter, intro points, publications, age of the last HSDir confirmation and
// the HSDir upload states of the current build. Diff-based by descriptor.

#include "balancer/RemotePublisherStatus.h"
#include "models/KeyedTableModel.h"

#include <QDateTime>
#include <QObject>

namespace rb::ui {

class RemotePublisherDescriptorsModel : public KeyedTableModel<balancer::RemotePublisherStatus::Descriptor> {
    Q_OBJECT
public:
    enum Column { Which, Revision, IntroPoints, Publications, LastSuccess, HsDirs, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1 };

    explicit RemotePublisherDescriptorsModel(QObject* parent = nullptr);

    // The descriptors and the time their ages are measured against.
    void setDescriptors(const QList<balancer::RemotePublisherStatus::Descriptor>& descriptors, const QDateTime& now);

    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "never", "45 s ago", "12 min ago", "3 h ago", "2 d ago".
    static QString age(const QDateTime& at, const QDateTime& now);
    // "3 uploaded, 1 failed, 1 pending" (states with HSDirs only); "none" when empty.
    static QString hsdirSummary(const balancer::RemotePublisherStatus::Descriptor& d);

protected:
    QString keyOf(const balancer::RemotePublisherStatus::Descriptor& d) const override;
    QVariant columnValue(const balancer::RemotePublisherStatus::Descriptor& d, int column) const override;

private:
    QDateTime m_now;
};

}  // namespace rb::ui
