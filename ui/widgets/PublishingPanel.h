#pragma once
// The merged descriptors: for the first and the second descriptor its
// period, revision, intro points by node, size and uploads; when the next
// publication is due, the last decision, auto-publish and "Publish now".

#include "balancer/FleetTypes.h"

#include <QWidget>

class QCheckBox;
class QFormLayout;
class QLabel;
class QPushButton;
class QTableView;

namespace rb::ui {

class UploadResultsModel;

class PublishingPanel : public QWidget {
    Q_OBJECT
public:
    explicit PublishingPanel(QWidget* parent = nullptr);

    void setPublication(const balancer::PublicationState& state);
    [[nodiscard]] UploadResultsModel* uploadsModel() const { return m_uploads; }

signals:
    void publishNowRequested();
    void autoPublishToggled(bool on);
    void inspectRequested(const QString& which);  // "first" / "second"

private:
    struct Column {
        QLabel* period = nullptr;
        QLabel* revision = nullptr;
        QLabel* intros = nullptr;
        QLabel* byNode = nullptr;
        QLabel* size = nullptr;
        QLabel* built = nullptr;
        QLabel* uploads = nullptr;
        QLabel* notes = nullptr;
        QPushButton* inspect = nullptr;
    };
    QWidget* makeColumn(const QString& which, Column& c);
    static void fill(Column& c, const balancer::DescriptorPublication& d);

    Column m_first;
    Column m_second;
    QLabel* m_schedule = nullptr;
    QLabel* m_decision = nullptr;
    QCheckBox* m_auto = nullptr;
    QPushButton* m_publish = nullptr;
    UploadResultsModel* m_uploads = nullptr;
};

}  // namespace rb::ui
