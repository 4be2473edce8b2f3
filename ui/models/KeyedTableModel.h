#pragma once
// A table model over a list of items that have a stable key (node name, intro
// point auth key, HSDir fingerprint). Replacing the list is DIFF-BASED: rows
// whose key is gone are removed, rows whose key stays are updated in place
// (dataChanged only for the columns whose value changed), new keys are
// appended. Views keep their selection and scroll position across updates,
// because persistent indexes of surviving rows stay valid.
//
// Not a Q_OBJECT (templates cannot be); concrete models derive from it.

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QVariant>

#include <algorithm>

namespace rb::ui {

template <typename Item> class KeyedTableModel : public QAbstractTableModel {
public:
    using QAbstractTableModel::QAbstractTableModel;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : static_cast<int>(m_items.size());
    }

    [[nodiscard]] const QList<Item>& items() const { return m_items; }
    [[nodiscard]] const Item& itemAt(int row) const { return m_items.at(row); }
    [[nodiscard]] int rowOfKey(const QString& key) const { return m_rows.value(key, -1); }

    // Replaces the whole list (diff-based; see above). Duplicate keys: last wins.
    void setItems(const QList<Item>& incoming)
    {
        QHash<QString, qsizetype> newIndex;
        QList<QString> newOrder;
        for (qsizetype i = 0; i < incoming.size(); ++i) {
            const QString key = keyOf(incoming.at(i));
            if (!newIndex.contains(key))
                newOrder.append(key);
            newIndex.insert(key, i);
        }
        // 1. Remove vanished rows, bottom-up, one contiguous range at a time.
        for (int row = rowCount() - 1; row >= 0;) {
            if (newIndex.contains(keyOf(m_items.at(row)))) {
                --row;
                continue;
            }
            int first = row;
            while (first > 0 && !newIndex.contains(keyOf(m_items.at(first - 1))))
                --first;
            beginRemoveRows(QModelIndex(), first, row);
            m_items.remove(first, row - first + 1);
            endRemoveRows();
            row = first - 1;
        }
        rebuildIndex();
        // 2. Update surviving rows in place.
        for (int row = 0; row < rowCount(); ++row)
            replaceRow(row, incoming.at(newIndex.value(keyOf(m_items.at(row)))));
        // 3. Append new keys.
        QList<Item> added;
        for (const QString& key : std::as_const(newOrder))
            if (!m_rows.contains(key))
                added.append(incoming.at(newIndex.value(key)));
        if (!added.isEmpty()) {
            const int first = rowCount();
            beginInsertRows(QModelIndex(), first, first + static_cast<int>(added.size()) - 1);
            m_items.append(added);
            endInsertRows();
            rebuildIndex();
        }
    }

    // Updates the row with the item's key in place, or appends it.
    void upsert(const Item& item)
    {
        const int row = rowOfKey(keyOf(item));
        if (row >= 0) {
            replaceRow(row, item);
            return;
        }
        const int first = rowCount();
        beginInsertRows(QModelIndex(), first, first);
        m_items.append(item);
        m_rows.insert(keyOf(item), first);
        endInsertRows();
    }

    bool removeKey(const QString& key)
    {
        const int row = rowOfKey(key);
        if (row < 0)
            return false;
        beginRemoveRows(QModelIndex(), row, row);
        m_items.removeAt(row);
        endRemoveRows();
        rebuildIndex();
        return true;
    }

    void clearItems()
    {
        if (m_items.isEmpty())
            return;
        beginRemoveRows(QModelIndex(), 0, rowCount() - 1);
        m_items.clear();
        m_rows.clear();
        endRemoveRows();
    }

protected:
    [[nodiscard]] virtual QString keyOf(const Item& item) const = 0;
    // The raw value of a cell (also the sort value). Two items with equal
    // values and tooltips in a column show the same cell.
    [[nodiscard]] virtual QVariant columnValue(const Item& item, int column) const = 0;
    [[nodiscard]] virtual QString columnToolTip(const Item& /*item*/, int /*column*/) const { return {}; }
    // Called after a row's item was replaced (e.g. to refresh derived state).
    virtual void rowReplaced(int /*row*/) {}

private:
    void replaceRow(int row, const Item& item)
    {
        int minCol = -1;
        int maxCol = -1;
        const Item& old = m_items.at(row);
        for (int c = 0; c < columnCount(); ++c) {
            if (columnValue(old, c) != columnValue(item, c) || columnToolTip(old, c) != columnToolTip(item, c)) {
                if (minCol < 0)
                    minCol = c;
                maxCol = c;
            }
        }
        m_items[row] = item;
        rowReplaced(row);
        if (minCol >= 0)
            emit dataChanged(index(row, minCol), index(row, maxCol));
    }

    void rebuildIndex()
    {
        m_rows.clear();
        for (int i = 0; i < rowCount(); ++i)
            m_rows.insert(keyOf(m_items.at(i)), i);
    }

    QList<Item> m_items;
    QHash<QString, int> m_rows;
};

}  // namespace rb::ui
