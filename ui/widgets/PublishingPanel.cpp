#include "widgets/PublishingPanel.h"

#include "models/FleetText.h"
#include "models/UploadResultsModel.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace rb::ui {

using balancer::DescriptorPublication;
using balancer::PublicationState;
using balancer::UploadState;

PublishingPanel::PublishingPanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    auto* columns = new QHBoxLayout;
    columns->addWidget(makeColumn(QStringLiteral("first"), m_first));
    columns->addWidget(makeColumn(QStringLiteral("second"), m_second));
    layout->addLayout(columns);

    m_uploads = new UploadResultsModel(this);
    auto* proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_uploads);
    proxy->setSortRole(UploadResultsModel::SortRole);
    auto* view = new QTableView(this);
    view->setObjectName(QStringLiteral("uploadResultsView"));
    view->setAccessibleName(tr("Upload results per HSDir"));
    view->setModel(proxy);
    view->setSortingEnabled(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->setTabKeyNavigation(false);
    layout->addWidget(view, 1);

    auto* bottom = new QHBoxLayout;
    auto* text = new QVBoxLayout;
    m_schedule = new QLabel(this);
    m_schedule->setObjectName(QStringLiteral("scheduleLabel"));
    m_decision = new QLabel(this);
    m_decision->setObjectName(QStringLiteral("decisionLabel"));
    m_decision->setWordWrap(true);
    text->addWidget(m_schedule);
    text->addWidget(m_decision);
    bottom->addLayout(text, 1);
    m_auto = new QCheckBox(tr("&Automatic publishing"), this);
    m_auto->setObjectName(QStringLiteral("autoPublishCheck"));
    m_auto->setToolTip(tr("Republish when intro points change, a node is lost, the HSDirs change, at rotation "
                          "and at least every hour"));
    connect(m_auto, &QCheckBox::toggled, this, &PublishingPanel::autoPublishToggled);
    m_publish = new QPushButton(QIcon(QStringLiteral(":/icons/publish.svg")), tr("&Publish now"), this);
    m_publish->setObjectName(QStringLiteral("publishNowButton"));
    m_publish->setAccessibleName(tr("Publish the merged descriptors now"));
    connect(m_publish, &QPushButton::clicked, this, &PublishingPanel::publishNowRequested);
    bottom->addWidget(m_auto);
    bottom->addWidget(m_publish);
    layout->addLayout(bottom);

    setPublication({});
}

QWidget* PublishingPanel::makeColumn(const QString& which, Column& c)
{
    auto* box = new QGroupBox(FleetText::descriptorName(which), this);
    box->setObjectName(which + QStringLiteral("DescriptorBox"));
    auto* form = new QFormLayout(box);
    auto label = [box](const QString& name) {
        auto* l = new QLabel(box);
        l->setObjectName(name);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        l->setWordWrap(true);
        return l;
    };
    c.period = label(which + QStringLiteral("Period"));
    c.revision = label(which + QStringLiteral("Revision"));
    c.intros = label(which + QStringLiteral("Intros"));
    c.byNode = label(which + QStringLiteral("ByNode"));
    c.size = label(which + QStringLiteral("Size"));
    c.built = label(which + QStringLiteral("Built"));
    c.uploads = label(which + QStringLiteral("Uploads"));
    c.notes = label(which + QStringLiteral("Notes"));
    form->addRow(tr("Time period:"), c.period);
    form->addRow(tr("Revision:"), c.revision);
    form->addRow(tr("Intro points:"), c.intros);
    form->addRow(tr("By node:"), c.byNode);
    form->addRow(tr("Size:"), c.size);
    form->addRow(tr("Built:"), c.built);
    form->addRow(tr("Uploads:"), c.uploads);
    form->addRow(tr("Notes:"), c.notes);
    c.inspect = new QPushButton(QIcon(QStringLiteral(":/icons/inspect.svg")), tr("Inspect…"), box);
    c.inspect->setObjectName(which + QStringLiteral("InspectButton"));
    c.inspect->setAccessibleName(tr("Inspect the %1").arg(FleetText::descriptorName(which)));
    connect(c.inspect, &QPushButton::clicked, this, [this, which] { emit inspectRequested(which); });
    form->addRow(QString(), c.inspect);
    return box;
}

void PublishingPanel::fill(Column& c, const DescriptorPublication& d)
{
    const QLocale locale;
    if (d.periodNumber == 0) {
        for (QLabel* l : {c.period, c.revision, c.intros, c.byNode, c.size, c.built, c.uploads, c.notes})
            l->setText(QStringLiteral("—"));
        c.inspect->setEnabled(false);
        return;
    }
    c.period->setText(tr("%1 (%2 minutes)").arg(d.periodNumber).arg(d.periodLengthMinutes));
    c.revision->setText(locale.toString(static_cast<qulonglong>(d.revisionCounter)));
    c.intros->setText(QString::number(d.introPointCount));
    QStringList byNode;
    for (auto it = d.introPointsByNode.cbegin(); it != d.introPointsByNode.cend(); ++it)
        byNode << tr("%1: %2").arg(it.key()).arg(it.value());
    c.byNode->setText(byNode.isEmpty() ? QStringLiteral("—") : byNode.join(QStringLiteral(", ")));
    c.size->setText(FleetText::bytes(d.sizeBytes));
    c.built->setText(FleetText::time(d.builtAt));
    int ok = 0, failed = 0, pending = 0;
    for (const auto& u : d.uploads) {
        if (u.state == UploadState::Uploaded)
            ++ok;
        else if (u.state == UploadState::Pending)
            ++pending;
        else
            ++failed;
    }
    c.uploads->setText(
        tr("%1 of %2 uploaded, %3 failed, %4 pending").arg(ok).arg(d.uploads.size()).arg(failed).arg(pending));
    c.notes->setText(d.notes.isEmpty() ? QStringLiteral("—") : d.notes);
    c.inspect->setEnabled(!d.descriptorText.isEmpty());
}

void PublishingPanel::setPublication(const PublicationState& state)
{
    fill(m_first, state.first);
    fill(m_second, state.second);
    m_uploads->setPublication(state);
    m_schedule->setText(tr("Last published: %1 · next publication: %2")
                            .arg(FleetText::time(state.lastPublished), FleetText::time(state.nextScheduled)));
    m_decision->setText(
        state.publishing
            ? tr("Publishing…")
            : tr("Last decision: %1").arg(state.lastDecision.isEmpty() ? QStringLiteral("—") : state.lastDecision));
    {
        const QSignalBlocker block(m_auto);
        m_auto->setChecked(state.autoPublish);
    }
    m_publish->setEnabled(!state.publishing);
}

}  // namespace rb::ui
