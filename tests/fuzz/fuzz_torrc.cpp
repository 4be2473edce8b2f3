// Fuzz target: the deployer's parsers of node data (core/deploy): the torrc
// editor (a torrc read from the node), the backup MANIFEST and the preflight
// probe's output. Properties: no crash; apply() then remove() gives back a
// torrc that had no managed block and ended with a newline; the managed block
// always parses back with the master address and directory that went in.
#include "deploy/BackupManifest.h"
#include "deploy/NodeScripts.h"
#include "deploy/TorrcEditor.h"

#include <QByteArrayView>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using namespace rb::deploy;
    const QByteArrayView all(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    (void)BackupManifest::parse(all);
    (void)NodeProbe::parse(all);
    (void)TorrcEditor::servicePorts(all, QStringLiteral("/var/lib/tor/hs"));
    const auto existing = TorrcEditor::findManagedBlock(all);
    ManagedBlock block;
    block.masterAddress = QStringLiteral("2clzszzj2zxouhymnw33lgycxhcr67iv6ozbuyvugjblsohckzjux7yd.onion");
    block.hiddenServiceDir = QStringLiteral("/var/lib/tor/hs");
    block.backupDir = QStringLiteral("/var/lib/tor/hs.rb-backup-20260101T000000Z");
    if (size > 0 && (data[0] & 1U) != 0) {
        block.ports = {rb::fleet::PortMapping::parse(QStringLiteral("80:127.0.0.1:8080")).value()};
    }
    const auto applied = TorrcEditor::apply(all, block);
    if (!applied.ok()) {
        return 0;
    }
    const auto info = TorrcEditor::findManagedBlock(*applied);
    if (!info.ok() || !info->has_value() || (*info)->masterAddress != block.masterAddress ||
        (*info)->hiddenServiceDir != block.hiddenServiceDir) {
        __builtin_trap();
    }
    const auto removed = TorrcEditor::remove(*applied);
    if (!removed.ok()) {
        __builtin_trap();
    }
    const bool plain = existing.ok() && !existing->has_value() && (all.isEmpty() || all.endsWith('\n')) &&
                       !all.contains(TorrcEditor::disabledPrefix());
    if (plain && *removed != all) {
        __builtin_trap();
    }
    return 0;
}
