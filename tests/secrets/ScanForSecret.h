#pragma once
// Test helper: does any file under `dir` contain the secret in raw, hex
// (either case) or base64 form?
#include <QByteArray>
#include <QDirIterator>
#include <QFile>
#include <QStringList>

inline QStringList filesContainingSecret(const QString& dir, const QByteArray& secret)
{
    const QList<QByteArray> needles{secret, secret.toHex(), secret.toHex().toUpper(), secret.toBase64(),
                                    secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)};
    QStringList hits;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly)) {
            continue;  // sockets etc.
        }
        const QByteArray content = f.readAll();
        for (const QByteArray& n : needles) {
            if (content.contains(n)) {
                hits << path;
                break;
            }
        }
    }
    return hits;
}

inline int countFiles(const QString& dir)
{
    int n = 0;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        ++n;
    }
    return n;
}
