#pragma once
// The live event log: newest last, bounded (oldest rows dropped first).
// Severity and node filters live in EventLogFilterProxy.

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QString>

#include <deque>

namespace rb::ui {

enum class Severity { Debug = 0, Info, Notice, Warning, Error };

struct EventEntry {
    QDateTime at;
    QString node;  // empty = fleet-wide
    Severity severity = Severity::Info;
    QString message;
};

class EventLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Time, Node, Level, Message, ColumnCount };
    enum Role { SeverityRole = Qt::UserRole + 1, NodeRole, SortRole };

    explicit EventLogModel(QObject* parent = nullptr, int capacity = 5000);

    // tor's words ("debug", "info", "notice", "warn", "err"); unknown -> Info.
    static Severity parseSeverity(const QString& word);

    void append(const EventEntry& entry);
    void append(const QString& node, const QString& severity, const QString& message, const QDateTime& at);
    void clear();
    [[nodiscard]] int capacity() const { return m_capacity; }
    [[nodiscard]] const EventEntry& entry(int row) const { return m_entries.at(static_cast<std::size_t>(row)); }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::deque<EventEntry> m_entries;
    int m_capacity;
};

}  // namespace rb::ui
