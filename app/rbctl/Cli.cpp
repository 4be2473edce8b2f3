#include "Cli.h"

#include <QJsonDocument>

#include <cstdio>

namespace rb::cli {

std::map<QString, Command>& registry()
{
    static std::map<QString, Command> commands;
    return commands;
}

Registrar::Registrar(const char* name, const char* summary, std::function<int(const QStringList&)> run)
{
    const QString n = QString::fromUtf8(name);
    registry()[n] = Command{n, QString::fromUtf8(summary), std::move(run)};
}

QTextStream& out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream& err()
{
    static QTextStream s(stderr);
    return s;
}

int exitCodeFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidArgument: return ExitUsage;
    case ErrorCode::ParseError:
    case ErrorCode::TooLarge:
    case ErrorCode::BadChecksum:
    case ErrorCode::BadKey:
    case ErrorCode::BadSignature:
    case ErrorCode::Expired:
    case ErrorCode::Unsupported: return ExitInvalidInput;
    case ErrorCode::Unavailable:
    case ErrorCode::Disconnected: return ExitUnavailable;
    case ErrorCode::AuthFailed:
    case ErrorCode::PermissionDenied: return ExitAuth;
    case ErrorCode::Timeout: return ExitTimeout;
    default: return ExitFailure;
    }
}

int fail(const Error& error, bool json)
{
    if (json) {
        QJsonObject o{{QStringLiteral("ok"), false},
                      {QStringLiteral("error"), errorCodeName(error.code)},
                      {QStringLiteral("message"), error.message}};
        if (!error.detail.isEmpty()) {
            o.insert(QStringLiteral("detail"), error.detail);
        }
        printJson(o);
    }
    err() << "rbctl: " << error.toString() << Qt::endl;
    return exitCodeFor(error.code);
}

void printJson(const QJsonObject& object)
{
    out() << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented)) << Qt::flush;
}

}  // namespace rb::cli
