#pragma once
// The steps of a deployment (one or several nodes, one after the other): one
// row per step started, with its node, state and the deployer's description,
// summary or error. Rollback steps appear like any other step.

#include "deploy/Deployer.h"

#include <QAbstractTableModel>
#include <QList>

namespace rb::ui {

class DeployStepModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Node, Step, State, Details, ColumnCount };
    enum class StepState { Running, Done, Failed, Cancelled };
    enum Role { StepStateRole = Qt::UserRole + 1, IsRollbackRole };

    explicit DeployStepModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void stepStarted(const QString& node, deploy::Deployer::Step step, const QString& description);
    void stepFinished(const QString& node, deploy::Deployer::Step step, const QString& summary);
    void stepFailed(const QString& node, deploy::Deployer::Step step, const QString& message);
    // A node's job ended: a step still running is marked cancelled (or failed).
    void nodeEnded(const QString& node, bool cancelled);
    void clear();

    [[nodiscard]] StepState stateAt(int row) const { return m_rows.at(row).state; }
    [[nodiscard]] deploy::Deployer::Step stepAt(int row) const { return m_rows.at(row).step; }
    [[nodiscard]] QString nodeAt(int row) const { return m_rows.at(row).node; }

    static QString stepName(deploy::Deployer::Step step);
    static QString stateName(StepState state);
    static bool isRollback(deploy::Deployer::Step step);

private:
    struct Row {
        QString node;
        deploy::Deployer::Step step = deploy::Deployer::Step::Connect;
        StepState state = StepState::Running;
        QString details;
    };
    int findOpen(const QString& node, deploy::Deployer::Step step) const;
    void update(int row, StepState state, const QString& details);

    QList<Row> m_rows;
};

}  // namespace rb::ui
