#include "models/EventLogModel.h"

#include "models/FleetText.h"

#include <QLocale>

#include <algorithm>

namespace rb::ui {

EventLogModel::EventLogModel(QObject* parent, int capacity)
    : QAbstractTableModel(parent), m_capacity(std::max(1, capacity))
{
}

Severity EventLogModel::parseSeverity(const QString& word)
{
    const QString w = word.trimmed().toLower();
    if (w == QLatin1String("debug"))
        return Severity::Debug;
    if (w == QLatin1String("notice"))
        return Severity::Notice;
    if (w == QLatin1String("warn") || w == QLatin1String("warning"))
        return Severity::Warning;
    if (w == QLatin1String("err") || w == QLatin1String("error"))
        return Severity::Error;
    return Severity::Info;
}

void EventLogModel::append(const QString& node, const QString& severity, const QString& message, const QDateTime& at)
{
    append(EventEntry{at, node, parseSeverity(severity), message});
}

void EventLogModel::append(const EventEntry& entry)
{
    if (static_cast<int>(m_entries.size()) >= m_capacity) {
        // Drop the oldest 10 % at once: fewer row removals at high event rates.
        const int drop = std::max(1, m_capacity / 10);
        beginRemoveRows(QModelIndex(), 0, drop - 1);
        m_entries.erase(m_entries.begin(), m_entries.begin() + drop);
        endRemoveRows();
    }
    const int row = static_cast<int>(m_entries.size());
    beginInsertRows(QModelIndex(), row, row);
    m_entries.push_back(entry);
    endInsertRows();
}

void EventLogModel::clear()
{
    if (m_entries.empty())
        return;
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

int EventLogModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int EventLogModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {

QString severityWord(Severity s)
{
    switch (s) {
    case Severity::Debug:
        return QStringLiteral("debug");
    case Severity::Info:
        return QStringLiteral("info");
    case Severity::Notice:
        return QStringLiteral("notice");
    case Severity::Warning:
        return QStringLiteral("warn");
    case Severity::Error:
        return QStringLiteral("err");
    }
    return QStringLiteral("info");
}

}  // namespace

QVariant EventLogModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EventEntry& e = entry(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Time:
            return FleetText::time(e.at);
        case Node:
            return e.node.isEmpty() ? tr("(fleet)") : e.node;
        case Level:
            return FleetText::severity(severityWord(e.severity));
        case Message:
            return e.message;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == Message)
            return e.message;
        if (index.column() == Time)
            return QLocale().toString(e.at.toLocalTime(), QLocale::LongFormat);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == Level) {
            if (e.severity == Severity::Error)
                return FleetText::color(StatusLevel::Error);
            if (e.severity == Severity::Warning)
                return FleetText::color(StatusLevel::Warning);
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == Level) {
            if (e.severity == Severity::Error)
                return FleetText::icon(StatusLevel::Error);
            if (e.severity == Severity::Warning)
                return FleetText::icon(StatusLevel::Warning);
        }
        return {};
    case SeverityRole:
        return static_cast<int>(e.severity);
    case NodeRole:
        return e.node;
    case SortRole:
        switch (index.column()) {
        case Time:
            return e.at;
        case Node:
            return e.node;
        case Level:
            return static_cast<int>(e.severity);
        case Message:
            return e.message;
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time:
        return tr("Time");
    case Node:
        return tr("Node");
    case Level:
        return tr("Severity");
    case Message:
        return tr("Message");
    default:
        return {};
    }
}

}  // namespace rb::ui
