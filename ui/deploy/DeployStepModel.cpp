#include "DeployStepModel.h"

#include <QBrush>
#include <QIcon>
#include <QPalette>

namespace rb::ui {

using DeployStep = deploy::Deployer::Step;

DeployStepModel::DeployStepModel(QObject* parent) : QAbstractTableModel(parent)
{
}

int DeployStepModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int DeployStepModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString DeployStepModel::stepName(DeployStep step)
{
    switch (step) {
    case DeployStep::Connect:
        return tr("Connect");
    case DeployStep::Preflight:
        return tr("Preflight checks");
    case DeployStep::Backup:
        return tr("Back up existing keys");
    case DeployStep::WriteKeys:
        return tr("Write the master key");
    case DeployStep::WriteTorrc:
        return tr("Update torrc");
    case DeployStep::Restart:
        return tr("Restart tor");
    case DeployStep::Verify:
        return tr("Verify");
    case DeployStep::Restore:
        return tr("Restore the backup");
    case DeployStep::RollbackRestore:
        return tr("Rollback: restore files");
    case DeployStep::RollbackRestart:
        return tr("Rollback: restart tor");
    case DeployStep::RollbackVerify:
        return tr("Rollback: verify");
    }
    return {};
}

QString DeployStepModel::stateName(StepState state)
{
    switch (state) {
    case StepState::Running:
        return tr("Running");
    case StepState::Done:
        return tr("Done");
    case StepState::Failed:
        return tr("Failed");
    case StepState::Cancelled:
        return tr("Cancelled");
    }
    return {};
}

bool DeployStepModel::isRollback(DeployStep step)
{
    return step == DeployStep::RollbackRestore || step == DeployStep::RollbackRestart ||
           step == DeployStep::RollbackVerify;
}

QVariant DeployStepModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Node:
            return r.node;
        case Step:
            return stepName(r.step);
        case State:
            return stateName(r.state);
        case Details:
            return r.details;
        default:
            return {};
        }
    case Qt::DecorationRole:
        if (index.column() != State)
            return {};
        switch (r.state) {
        case StepState::Done:
            return QIcon(QStringLiteral(":/icons/status-ok.svg"));
        case StepState::Failed:
            return QIcon(QStringLiteral(":/icons/status-error.svg"));
        case StepState::Cancelled:
        case StepState::Running:
            return {};
        }
        return {};
    case Qt::ForegroundRole:
        if (r.state == StepState::Failed)
            return QBrush(Qt::red);
        return {};
    case StepStateRole:
        return static_cast<int>(r.state);
    case IsRollbackRole:
        return isRollback(r.step);
    default:
        return {};
    }
}

QVariant DeployStepModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Node:
        return tr("Node");
    case Step:
        return tr("Step");
    case State:
        return tr("State");
    case Details:
        return tr("Details");
    default:
        return {};
    }
}

int DeployStepModel::findOpen(const QString& node, DeployStep step) const
{
    for (int i = static_cast<int>(m_rows.size()) - 1; i >= 0; --i) {
        const Row& r = m_rows.at(i);
        if (r.node == node && r.step == step && r.state == StepState::Running)
            return i;
    }
    return -1;
}

void DeployStepModel::update(int row, StepState state, const QString& details)
{
    m_rows[row].state = state;
    if (!details.isEmpty())
        m_rows[row].details = details;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void DeployStepModel::stepStarted(const QString& node, DeployStep step, const QString& description)
{
    const int row = static_cast<int>(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(Row{node, step, StepState::Running, description});
    endInsertRows();
}

void DeployStepModel::stepFinished(const QString& node, DeployStep step, const QString& summary)
{
    const int row = findOpen(node, step);
    if (row >= 0)
        update(row, StepState::Done, summary);
}

void DeployStepModel::stepFailed(const QString& node, DeployStep step, const QString& message)
{
    const int row = findOpen(node, step);
    if (row >= 0) {
        update(row, StepState::Failed, message);
        return;
    }
    // A failure reported without a started step: still shown.
    const int at = static_cast<int>(m_rows.size());
    beginInsertRows({}, at, at);
    m_rows.append(Row{node, step, StepState::Failed, message});
    endInsertRows();
}

void DeployStepModel::nodeEnded(const QString& node, bool cancelled)
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).node == node && m_rows.at(i).state == StepState::Running)
            update(i, cancelled ? StepState::Cancelled : StepState::Failed, QString());
    }
}

void DeployStepModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

}  // namespace rb::ui
