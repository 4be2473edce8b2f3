#include "widgets/DescriptorInspector.h"

#include "models/FleetText.h"
#include "onion/OnionAddress.h"

#include <QDateTime>
#include <QFile>
#include <QFontDatabase>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>

namespace rb::ui {

using descriptor::DecodedDescriptor;
using descriptor::DescriptorDecoder;
using descriptor::DescriptorProblem;
using descriptor::Ed25519Cert;

namespace {

constexpr int kWhereRole = Qt::UserRole + 1;

QString hex(QByteArrayView bytes)
{
    return QString::fromLatin1(bytes.toByteArray().toHex());
}

QString b64(QByteArrayView bytes)
{
    return QString::fromLatin1(bytes.toByteArray().toBase64(QByteArray::OmitTrailingEquals));
}

QString utcTime(qint64 unixSeconds)
{
    return QLocale().toString(QDateTime::fromSecsSinceEpoch(unixSeconds, Qt::UTC), QLocale::ShortFormat) +
           QStringLiteral(" UTC");
}

using Decoded = Result<DecodedDescriptor>;

}  // namespace

DescriptorInspector::DescriptorInspector(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    auto* idLabel = new QLabel(tr("&Service address:"), this);
    m_identity = new QLineEdit(this);
    m_identity->setObjectName(QStringLiteral("inspectorIdentity"));
    m_identity->setPlaceholderText(tr("<56 characters>.onion — needed to decrypt the layers"));
    m_identity->setAccessibleName(tr("Onion address the descriptor belongs to"));
    idLabel->setBuddy(m_identity);
    auto* again = new QPushButton(tr("&Inspect"), this);
    again->setObjectName(QStringLiteral("inspectButton"));
    connect(again, &QPushButton::clicked, this, [this] {
        setIdentity(m_identity->text());
        startInspection();
    });
    connect(m_identity, &QLineEdit::returnPressed, again, &QPushButton::click);
    top->addWidget(idLabel);
    top->addWidget(m_identity, 1);
    top->addWidget(again);
    layout->addLayout(top);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("inspectorSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);

    auto* split = new QSplitter(Qt::Horizontal, this);
    m_tree = new QTreeWidget(split);
    m_tree->setObjectName(QStringLiteral("inspectorTree"));
    m_tree->setAccessibleName(tr("Descriptor fields"));
    m_tree->setHeaderLabels({tr("Field"), tr("Value")});
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_raw = new QPlainTextEdit(split);
    m_raw->setObjectName(QStringLiteral("inspectorRaw"));
    m_raw->setAccessibleName(tr("Descriptor text"));
    m_raw->setReadOnly(true);
    m_raw->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_raw->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    split->addWidget(m_tree);
    split->addWidget(m_raw);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);
    m_summary->setText(tr("Open a descriptor to inspect it."));
}

void DescriptorInspector::setIdentity(const QString& onionAddress)
{
    m_identity->setText(onionAddress);
    auto parsed = onion::OnionAddress::parse(onionAddress.trimmed());
    m_identityKey = parsed.ok() ? parsed->publicKey() : QByteArray();
}

void DescriptorInspector::setExpectedPeriod(std::optional<quint64> period, quint64 lengthMinutes)
{
    m_period = period;
    m_periodLength = lengthMinutes;
}

QString DescriptorInspector::summary() const
{
    return m_summary->text();
}

void DescriptorInspector::inspectBytes(const QByteArray& text)
{
    m_text = text;
    m_raw->setPlainText(QString::fromUtf8(text));
    startInspection();
}

void DescriptorInspector::openFile(const QString& path)
{
    m_busy = true;
    const int generation = ++m_generation;
    m_summary->setText(tr("Reading %1…").arg(path));
    auto* watcher = new QFutureWatcher<std::shared_ptr<Result<QByteArray>>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, path] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        const auto result = watcher->result();
        if (!result->ok()) {
            m_busy = false;
            m_raw->clear();
            showError(result->error().message);
            return;
        }
        inspectBytes(result->value());
    });
    watcher->setFuture(QtConcurrent::run([path]() -> std::shared_ptr<Result<QByteArray>> {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return std::make_shared<Result<QByteArray>>(
                makeError(ErrorCode::IoError, tr("Cannot read %1: %2").arg(path, f.errorString())));
        // Descriptors are < 50 kB; refuse anything absurd before reading it.
        if (f.size() > 1024 * 1024)
            return std::make_shared<Result<QByteArray>>(
                makeError(ErrorCode::TooLarge, tr("%1 is too large to be a descriptor").arg(path)));
        return std::make_shared<Result<QByteArray>>(f.readAll());
    }));
}

void DescriptorInspector::startInspection()
{
    m_busy = true;
    const int generation = ++m_generation;
    if (m_text.isEmpty()) {
        m_busy = false;
        m_tree->clear();
        m_summary->setText(tr("Open a descriptor to inspect it."));
        return;
    }
    m_summary->setText(tr("Inspecting…"));
    // Without the identity the outer layer can still be shown; use a dummy
    // key so the decoder parses it (decryption then fails and says so).
    const QByteArray key = m_identityKey.size() == 32 ? m_identityKey : QByteArray(32, '\0');
    descriptor::DecodeOptions options;
    options.now = m_now >= 0 ? m_now : QDateTime::currentSecsSinceEpoch();
    if (m_period && m_identityKey.size() == 32) {
        options.expectedTimePeriod = *m_period;
        options.expectedPeriodLengthMinutes = m_periodLength;
    }
    options.checkEncKeyCrossCert = true;
    const QByteArray text = m_text;
    auto* watcher = new QFutureWatcher<std::shared_ptr<Decoded>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;  // a newer inspection started
        m_busy = false;
        show(*watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(
        [key, text, options] { return std::make_shared<Decoded>(DescriptorDecoder::inspect(key, text, options)); }));
}

QTreeWidgetItem* DescriptorInspector::add(QTreeWidgetItem* parent, const QString& field, const QString& value,
                                          const QString& where)
{
    auto* item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_tree);
    item->setText(0, field);
    item->setText(1, value);
    item->setToolTip(1, value);
    if (!where.isEmpty())
        item->setData(0, kWhereRole, where);
    return item;
}

void DescriptorInspector::addCert(QTreeWidgetItem* parent, const QString& title, const Ed25519Cert& cert, bool valid,
                                  const QString& where)
{
    auto* c = add(parent, title, valid ? tr("valid") : tr("NOT valid"), where);
    c->setIcon(1, FleetText::icon(valid ? StatusLevel::Ok : StatusLevel::Error));
    if (cert.isNull())
        return;
    add(c, tr("Type"),
        tr("0x%1 (%2)").arg(cert.type(), 2, 16, QLatin1Char('0')).arg(Ed25519Cert::typeName(cert.type())));
    add(c, tr("Key type"), tr("0x%1").arg(cert.keyType(), 2, 16, QLatin1Char('0')));
    add(c, tr("Certified key"), b64(cert.certifiedKey()));
    add(c, tr("Signed by"), cert.hasSigningKey() ? b64(cert.signingKey()) : tr("(no signing-key extension)"));
    add(c, tr("Expires"), utcTime(cert.expiresAt()));
    add(c, tr("Extensions"), QString::number(cert.extensions().size()));
}

void DescriptorInspector::showError(const QString& message)
{
    m_tree->clear();
    auto* item = add(nullptr, tr("Problem"), message);
    item->setIcon(0, FleetText::icon(StatusLevel::Error));
    item->setForeground(1, FleetText::color(StatusLevel::Error));
    m_summary->setText(tr("Cannot read this descriptor: %1").arg(message));
    emit inspected(false);
}

void DescriptorInspector::show(const Decoded& result)
{
    if (!result.ok()) {
        showError(result.error().toString());
        return;
    }
    const DecodedDescriptor& d = result.value();
    m_tree->clear();
    const QString yes = tr("yes");
    const QString no = tr("no");

    auto* doc = add(nullptr, tr("Descriptor"), tr("%1 bytes").arg(d.size), QStringLiteral("descriptor"));
    add(doc, tr("Identity key"), m_identityKey.size() == 32 ? b64(d.identityKey) : tr("(unknown: enter the address)"));
    add(doc, tr("Blinded key"), b64(d.blindedKey));
    if (d.blindedKeyMatchesPeriod)
        add(doc, tr("Blinded key matches period %1").arg(m_period.value_or(0)), *d.blindedKeyMatchesPeriod ? yes : no,
            QStringLiteral("descriptor"));
    add(doc, tr("Size"), tr("%1 of at most %2 bytes").arg(d.size).arg(descriptor::kDefaultMaxDescriptorSize));
    if (d.earliestExpiry() > 0)
        add(doc, tr("Works until"), utcTime(d.earliestExpiry()));

    auto* outer = add(doc, tr("Outer layer"), QString(), QStringLiteral("descriptor"));
    add(outer, tr("hs-descriptor"), QString::number(d.outer.version));
    add(outer, tr("descriptor-lifetime"), tr("%1 minutes").arg(d.outer.lifetimeMinutes));
    addCert(outer, tr("descriptor-signing-key-cert"), d.outer.signingKeyCert, d.signingCertValid,
            QStringLiteral("signing-key certificate"));
    add(outer, tr("revision-counter"), QLocale().toString(static_cast<qulonglong>(d.outer.revisionCounter)));
    add(outer, tr("superencrypted"), tr("%1 bytes").arg(d.outer.superencryptedBlob.size()));
    auto* sig =
        add(outer, tr("signature"), d.signatureValid ? tr("valid") : tr("NOT valid"), QStringLiteral("descriptor"));
    sig->setIcon(1, FleetText::icon(d.signatureValid ? StatusLevel::Ok : StatusLevel::Error));
    add(sig, tr("Value"), b64(d.outer.signature));
    for (const QByteArray& extra : d.outer.extraItems)
        add(outer, tr("unknown item"), QString::fromUtf8(extra));

    auto* middle = add(doc, tr("Middle layer"), d.middleDecrypted ? tr("decrypted") : tr("NOT decrypted"),
                       QStringLiteral("middle layer"));
    middle->setIcon(1, FleetText::icon(d.middleDecrypted ? StatusLevel::Ok : StatusLevel::Error));
    if (d.middleDecrypted) {
        add(middle, tr("desc-auth-type"), QString::fromLatin1(d.middle.authType));
        add(middle, tr("desc-auth-ephemeral-key"), b64(d.middle.ephemeralKey));
        add(middle, tr("auth-client lines"), QString::number(d.middle.authClients.size()));
        add(middle, tr("Padding"),
            tr("%1 bytes of text padded to %2 (%3)")
                .arg(d.middlePlaintextSize)
                .arg(d.middlePaddedSize)
                .arg(d.middlePaddedLikeTor ? tr("like tor") : tr("NOT like tor")),
            QStringLiteral("middle layer"));
        add(middle, tr("encrypted"), tr("%1 bytes").arg(d.middle.encryptedBlob.size()));
    }

    auto* inner = add(doc, tr("Inner layer"), d.innerDecrypted ? tr("decrypted") : tr("NOT decrypted"),
                      QStringLiteral("inner layer"));
    inner->setIcon(1, FleetText::icon(d.innerDecrypted ? StatusLevel::Ok : StatusLevel::Error));
    if (d.innerDecrypted) {
        add(inner, tr("create2-formats"), QString::fromLatin1(d.inner.create2Formats));
        if (!d.inner.introAuthRequired.isEmpty())
            add(inner, tr("intro-auth-required"), QString::fromLatin1(d.inner.introAuthRequired));
        add(inner, tr("single-onion-service"), d.inner.singleOnionService ? yes : no);
        add(inner, tr("flow-control"),
            d.inner.flowControl ? QStringLiteral("%1 %2")
                                      .arg(QString::fromLatin1(d.inner.flowControl->versions))
                                      .arg(d.inner.flowControl->sendmeIncrement)
                                : tr("(absent)"),
            QStringLiteral("inner layer"));
        add(inner, tr("pow-params"),
            d.inner.powParams.isEmpty() ? tr("(absent)") : QString::fromUtf8(d.inner.powParams.join(' ')));
        auto* intros =
            add(inner, tr("Intro points"), QString::number(d.inner.introPoints.size()), QStringLiteral("inner layer"));
        for (qsizetype i = 0; i < d.inner.introPoints.size(); ++i) {
            const auto& ip = d.inner.introPoints.at(i);
            const QString where = QStringLiteral("intro point %1").arg(i + 1);
            const QString owner = m_owners.value(ip.authKey().toByteArray());
            auto* item = add(intros, tr("Intro point %1").arg(i + 1),
                             owner.isEmpty() ? ip.describe() : tr("%1 — node %2").arg(ip.describe(), owner), where);
            add(item, tr("Node"), owner.isEmpty() ? tr("(unknown)") : owner);
            add(item, tr("Relay"), ip.describe());
            add(item, tr("Legacy id"), hex(ip.legacyId()).toUpper());
            add(item, tr("Link specifiers"), QString::number(ip.linkSpecifiers.size()));
            add(item, tr("onion-key ntor"), b64(ip.onionKey));
            add(item, tr("auth-key"), b64(ip.authKey()));
            const auto report = i < d.introReports.size() ? d.introReports.at(i) : descriptor::IntroPointReport{};
            addCert(item, tr("auth-key certificate"), ip.authKeyCert, report.authCertValid, where);
            add(item, tr("enc-key ntor"), b64(ip.encKey));
            addCert(item, tr("enc-key certificate"), ip.encKeyCert, report.encCertValid, where);
            if (!ip.legacyKeyText.isEmpty())
                add(item, tr("legacy-key"), tr("present (kept verbatim)"));
        }
        for (const Error& skipped : d.inner.skippedIntroPoints)
            add(inner, tr("Skipped intro point"), skipped.message, QStringLiteral("inner layer"));
    }

    markProblems(d.problems);
    doc->setExpanded(true);
    outer->setExpanded(true);
    middle->setExpanded(true);
    inner->setExpanded(true);

    int errors = 0;
    for (const auto& p : d.problems)
        if (p.severity == DescriptorProblem::Severity::Error)
            ++errors;
    const int warnings = static_cast<int>(d.problems.size()) - errors;
    if (d.problems.isEmpty())
        m_summary->setText(tr("Valid descriptor: signature, certificates and both layers check out."));
    else
        m_summary->setText(
            tr("%1 error(s), %2 warning(s): %3")
                .arg(errors)
                .arg(warnings)
                .arg(d.problems.first().where + QStringLiteral(": ") + d.problems.first().error.message));
    emit inspected(d.isValid());
}

void DescriptorInspector::markProblems(const QList<DescriptorProblem>& problems)
{
    if (problems.isEmpty())
        return;
    auto* list = new QTreeWidgetItem;
    list->setText(0, tr("Problems"));
    list->setText(1, QString::number(problems.size()));
    list->setIcon(0, FleetText::icon(StatusLevel::Error));
    m_tree->insertTopLevelItem(0, list);
    list->setExpanded(true);

    // Every item tagged with a problem's location gets its colour and reason.
    QList<QTreeWidgetItem*> all;
    for (QTreeWidgetItemIterator it(m_tree); *it; ++it)
        all.append(*it);
    for (const DescriptorProblem& p : problems) {
        const bool error = p.severity == DescriptorProblem::Severity::Error;
        const StatusLevel level = error ? StatusLevel::Error : StatusLevel::Warning;
        const QString reason =
            p.error.message +
            (p.error.detail.isEmpty() ? QString() : QStringLiteral(" (") + p.error.detail + QStringLiteral(")"));
        auto* entry = new QTreeWidgetItem(list);
        entry->setText(0, p.where);
        entry->setText(1, reason);
        entry->setToolTip(1, reason);
        entry->setIcon(0, FleetText::icon(level));
        entry->setForeground(1, FleetText::color(level));
        entry->setData(0, Qt::UserRole + 2, true);  // problem entry
        for (QTreeWidgetItem* item : std::as_const(all)) {
            if (item->data(0, kWhereRole).toString() != p.where)
                continue;
            item->setForeground(0, FleetText::color(level));
            item->setForeground(1, FleetText::color(level));
            const QString tip = item->toolTip(0);
            item->setToolTip(0, tip.isEmpty() ? reason : tip + QLatin1Char('\n') + reason);
            item->setData(0, Qt::UserRole + 3, reason);  // highlighted with this reason
        }
    }
}

}  // namespace rb::ui
