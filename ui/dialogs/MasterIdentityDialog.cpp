#include "dialogs/MasterIdentityDialog.h"

#include "models/FleetText.h"
#include "secrets/ISecretStore.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace rb::ui {

using onion::MasterIdentity;

namespace {

using IdentityResult = std::shared_ptr<Result<MasterIdentity>>;

}  // namespace

MasterIdentityDialog::MasterIdentityDialog(secrets::ISecretStore* store, const QString& currentAddress, QWidget* parent)
    : QDialog(parent), m_store(store), m_current(currentAddress)
{
    setWindowTitle(tr("Master identity"));
    m_confirm = [this](const QString& title, const QString& text) {
        return QMessageBox::warning(this, title, text, QMessageBox::Yes | QMessageBox::No, QMessageBox::No) ==
               QMessageBox::Yes;
    };
    m_choosePath = [this](bool directory, bool forSaving) {
        if (directory)
            return QFileDialog::getExistingDirectory(this, forSaving ? tr("Export tor key files to")
                                                                     : tr("Import from a HiddenServiceDir"));
        return QFileDialog::getOpenFileName(this, tr("Import a master key"), QString(),
                                            tr("Key files (hs_ed25519_secret_key *.key *.pem *.txt);;All files (*)"));
    };

    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_currentLabel = new QLabel(this);
    m_currentLabel->setObjectName(QStringLiteral("currentAddressLabel"));
    m_currentLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_currentLabel->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_pendingLabel = new QLabel(this);
    m_pendingLabel->setObjectName(QStringLiteral("pendingAddressLabel"));
    m_pendingLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pendingLabel->setWordWrap(true);
    form->addRow(tr("Current:"), m_currentLabel);
    form->addRow(tr("New:"), m_pendingLabel);
    layout->addLayout(form);

    auto* actions = new QGroupBox(tr("Actions"), this);
    auto* grid = new QGridLayout(actions);
    m_generate = new QPushButton(tr("&Generate new key"), actions);
    m_generate->setObjectName(QStringLiteral("generateButton"));
    m_importFile = new QPushButton(tr("Import key &file…"), actions);
    m_importFile->setObjectName(QStringLiteral("importFileButton"));
    m_importFile->setToolTip(tr("Hex seed, tor's hs_ed25519_secret_key, Onionbalance PEM, RustBalance key file or "
                                "an ED25519-V3 key"));
    m_importDir = new QPushButton(tr("Import from &HiddenServiceDir…"), actions);
    m_importDir->setObjectName(QStringLiteral("importDirButton"));
    m_store_ = new QPushButton(tr("&Use and store in keychain"), actions);
    m_store_->setObjectName(QStringLiteral("storeButton"));
    m_export = new QPushButton(tr("E&xport tor key files…"), actions);
    m_export->setObjectName(QStringLiteral("exportButton"));
    for (QPushButton* b : {m_generate, m_importFile, m_importDir, m_store_, m_export})
        b->setAccessibleName(b->text().remove(QLatin1Char('&')));
    grid->addWidget(m_generate, 0, 0);
    grid->addWidget(m_importFile, 0, 1);
    grid->addWidget(m_importDir, 0, 2);
    grid->addWidget(m_store_, 1, 0);
    grid->addWidget(m_export, 1, 1);
    layout->addWidget(actions);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    QPalette pal = m_error->palette();
    pal.setColor(QPalette::WindowText, FleetText::color(StatusLevel::Error));
    m_error->setPalette(pal);
    layout->addWidget(m_status);
    layout->addWidget(m_error);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_generate, &QPushButton::clicked, this, &MasterIdentityDialog::generate);
    connect(m_importFile, &QPushButton::clicked, this, [this] {
        const QString path = m_choosePath(false, false);
        if (!path.isEmpty())
            importFrom(path);
    });
    connect(m_importDir, &QPushButton::clicked, this, [this] {
        const QString path = m_choosePath(true, false);
        if (!path.isEmpty())
            importFrom(path);
    });
    connect(m_store_, &QPushButton::clicked, this, &MasterIdentityDialog::storePending);
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString dir = m_choosePath(true, true);
        if (!dir.isEmpty())
            exportTorFiles(dir);
    });
    updateView();
}

MasterIdentityDialog::~MasterIdentityDialog() = default;

QString MasterIdentityDialog::pendingAddress() const
{
    return m_pending ? m_pending->address().toString() : QString();
}

QString MasterIdentityDialog::errorText() const
{
    return m_error->text();
}

QString MasterIdentityDialog::statusText() const
{
    return m_status->text();
}

void MasterIdentityDialog::setBusy(bool busy)
{
    m_busy = busy;
    updateView();
}

void MasterIdentityDialog::updateView()
{
    m_currentLabel->setText(m_current.isEmpty() ? tr("(none)") : m_current);
    m_pendingLabel->setText(
        m_pending ? tr("%1 (%2)").arg(pendingAddress(), MasterIdentity::formatName(m_pending->sourceFormat()))
                  : tr("(none)"));
    m_generate->setEnabled(!m_busy);
    m_importFile->setEnabled(!m_busy);
    m_importDir->setEnabled(!m_busy);
    m_store_->setEnabled(!m_busy && m_pending && m_store != nullptr);
    m_export->setEnabled(!m_busy && (m_pending || (!m_current.isEmpty() && m_store != nullptr)));
}

void MasterIdentityDialog::fail(const QString& message)
{
    m_error->setText(message);
    m_status->clear();
    setBusy(false);
    emit actionFinished(false);
}

void MasterIdentityDialog::succeed(const QString& status)
{
    m_error->clear();
    m_status->setText(status);
    setBusy(false);
    emit actionFinished(true);
}

void MasterIdentityDialog::takeIdentity(Result<MasterIdentity> result)
{
    if (!result.ok()) {
        fail(result.error().message);
        return;
    }
    m_pending = std::make_shared<MasterIdentity>(std::move(result).value());
    succeed(tr("New identity ready: %1. Store it to use it.").arg(pendingAddress()));
}

void MasterIdentityDialog::generate()
{
    setBusy(true);
    m_status->setText(tr("Generating…"));
    auto* watcher = new QFutureWatcher<IdentityResult>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        takeIdentity(std::move(*watcher->result()));
    });
    watcher->setFuture(
        QtConcurrent::run([] { return std::make_shared<Result<MasterIdentity>>(MasterIdentity::generate()); }));
}

void MasterIdentityDialog::importFrom(const QString& path)
{
    setBusy(true);
    m_status->setText(tr("Reading %1…").arg(path));
    auto* watcher = new QFutureWatcher<IdentityResult>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        takeIdentity(std::move(*watcher->result()));
    });
    watcher->setFuture(QtConcurrent::run(
        [path] { return std::make_shared<Result<MasterIdentity>>(MasterIdentity::importFile(path)); }));
}

void MasterIdentityDialog::storePending()
{
    if (!m_pending || m_store == nullptr || m_busy)
        return;
    const QString address = pendingAddress();
    if (!m_current.isEmpty() && m_current != address) {
        const bool replace = m_confirm(
            tr("Replace the master identity?"),
            tr("The fleet's onion address changes from\n%1\nto\n%2.\n\nClients using the old address can no longer "
               "reach the service, and every node must be redeployed with the new key. The old key stays in the "
               "keychain.\n\nReplace it?")
                .arg(m_current, address));
        if (!replace) {
            succeed(tr("Kept the current identity."));
            return;
        }
    }
    auto key = secrets::ISecretStore::masterSeedKey(address);
    if (!key.ok()) {
        fail(key.error().message);
        return;
    }
    // The seed when known; else tor's secret key file (both import again).
    const crypto::SecretBuffer secret =
        m_pending->hasSeed() ? m_pending->seed().clone() : m_pending->torSecretKeyFile();
    setBusy(true);
    m_status->setText(tr("Storing in the keychain…"));
    QPointer<MasterIdentityDialog> self(this);
    m_store->write(key.value(), secret, [self, address](Status st) {
        if (!self)
            return;
        if (!st.ok()) {
            self->fail(tr("Could not store the key: %1").arg(st.error().message));
            return;
        }
        self->m_current = address;
        self->m_pending.reset();
        emit self->identityStored(address);
        self->succeed(tr("Stored in the keychain; %1 is now the master identity.").arg(address));
    });
}

void MasterIdentityDialog::withCurrentIdentity(std::function<void(IdentityPtr)> then)
{
    if (m_pending) {
        then(m_pending);
        return;
    }
    auto key = secrets::ISecretStore::masterSeedKey(m_current);
    if (m_store == nullptr || !key.ok()) {
        fail(tr("There is no master identity to export."));
        return;
    }
    setBusy(true);
    QPointer<MasterIdentityDialog> self(this);
    m_store->read(key.value(), [self, then](Result<crypto::SecretBuffer> secret) {
        if (!self)
            return;
        if (!secret.ok()) {
            self->fail(tr("Could not read the key from the keychain: %1").arg(secret.error().message));
            return;
        }
        auto identity = MasterIdentity::importBytes(secret.value().view());
        if (!identity.ok()) {
            self->fail(identity.error().message);
            return;
        }
        then(std::make_shared<MasterIdentity>(std::move(identity).value()));
    });
}

void MasterIdentityDialog::exportTorFiles(const QString& directory)
{
    if (m_busy)
        return;
    const bool ok = m_confirm(tr("Export the private key?"),
                              tr("The files hs_ed25519_secret_key, hs_ed25519_public_key and hostname in\n%1\n"
                                 "contain the master PRIVATE key. Anyone who gets them can impersonate the service. "
                                 "Write them only to a protected place and delete them when they are deployed.\n\n"
                                 "Export?")
                                  .arg(directory));
    if (!ok) {
        succeed(tr("Nothing exported."));
        return;
    }
    withCurrentIdentity(
        [this, directory](IdentityPtr identity) { writeExport(std::move(identity), directory, false); });
}

void MasterIdentityDialog::writeExport(IdentityPtr identity, const QString& directory, bool replace)
{
    setBusy(true);
    m_status->setText(tr("Writing key files…"));
    using ExportResult = std::shared_ptr<Result<MasterIdentity::ExportReport>>;
    auto* watcher = new QFutureWatcher<ExportResult>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, identity, directory, replace] {
        watcher->deleteLater();
        const auto& result = *watcher->result();
        if (!result.ok()) {
            if (result.error().code == ErrorCode::Rejected && !replace) {
                const bool overwrite =
                    m_confirm(tr("Replace existing key files?"),
                              tr("%1 already holds different key files:\n%2\n\nReplace them (the old files are kept as "
                                 "backups)?")
                                  .arg(directory, result.error().message));
                if (overwrite) {
                    writeExport(identity, directory, true);
                    return;
                }
                succeed(tr("Nothing exported; the existing files are unchanged."));
                return;
            }
            fail(result.error().message);
            return;
        }
        const auto& report = result.value();
        QString status = tr("Exported to %1.").arg(directory);
        if (!report.backups.isEmpty())
            status += QLatin1Char(' ') + tr("Backups: %1.").arg(report.backups.join(QStringLiteral(", ")));
        succeed(status);
    });
    const auto mode = replace ? MasterIdentity::Overwrite::BackupAndReplace : MasterIdentity::Overwrite::Refuse;
    watcher->setFuture(QtConcurrent::run([identity, directory, mode] {
        return std::make_shared<Result<MasterIdentity::ExportReport>>(identity->exportTorFiles(directory, mode));
    }));
}

}  // namespace rb::ui
