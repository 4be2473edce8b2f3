#include "descriptor/InnerLayer.h"

#include "descriptor/DocumentReader.h"
#include "descriptor/TextCodec.h"

#include <vector>

namespace rb::descriptor {

namespace {
Error innerError(ErrorCode code, QString message, QString detail = {})
{
    return makeError(code, std::move(message), std::move(detail));
}

QByteArrayView itemText(const DocItem& item, QByteArrayView base)
{
    QByteArrayView v = base.sliced(item.begin, item.end - item.begin);
    while (!v.isEmpty() && v.back() == '\n') {
        v.chop(1);
    }
    return v;
}
}  // namespace

Result<InnerLayer> InnerLayer::parse(QByteArrayView plaintext, int maxIntroPoints)
{
    DocumentReader reader(plaintext, "inner descriptor layer");
    std::vector<DocItem> items;
    items.reserve(static_cast<std::size_t>(8 + 6 * qMax(0, maxIntroPoints)));
    DocItem item;
    int sections = 0;
    while (reader.next(item)) {
        if (item.keyword == "introduction-point" && ++sections > maxIntroPoints) {
            return innerError(ErrorCode::TooLarge,
                              QStringLiteral("The descriptor lists more than %1 intro points; tor clients reject it")
                                  .arg(maxIntroPoints));
        }
        if (items.size() >= static_cast<std::size_t>(64 + 32 * maxIntroPoints)) {
            return innerError(ErrorCode::TooLarge, QStringLiteral("The inner descriptor layer has too many items"));
        }
        items.push_back(item);
    }
    if (reader.failed()) {
        return reader.error();
    }
    if (items.empty() || items[0].keyword != "create2-formats") {
        return innerError(ErrorCode::ParseError,
                          QStringLiteral("The inner descriptor layer does not start with create2-formats"));
    }
    InnerLayer layer;
    bool ntor = false;
    {
        QByteArrayView args[16];
        const int n = DocumentReader::splitArgs(items[0].args, args, 16);
        for (int i = 0; i < n; ++i) {
            if (args[i] == "2") {
                ntor = true;
            }
        }
        layer.create2Formats = items[0].args.trimmed().toByteArray();
    }
    if (!ntor) {
        return innerError(ErrorCode::Unsupported,
                          QStringLiteral("The descriptor's create2-formats does not include ntor (2)"));
    }
    std::size_t i = 1;
    bool sawAuth = false;
    bool sawSingle = false;
    for (; i < items.size() && items[i].keyword != "introduction-point"; ++i) {
        const DocItem& it = items[i];
        if (it.keyword == "create2-formats") {
            return innerError(ErrorCode::ParseError, QStringLiteral("The inner layer has two create2-formats lines"));
        }
        if (it.keyword == "intro-auth-required") {
            if (sawAuth || it.args.trimmed().isEmpty()) {
                return innerError(ErrorCode::ParseError, QStringLiteral("Malformed intro-auth-required line"));
            }
            sawAuth = true;
            layer.introAuthRequired = it.args.trimmed().toByteArray();
        } else if (it.keyword == "single-onion-service") {
            if (sawSingle) {
                return innerError(ErrorCode::ParseError, QStringLiteral("Two single-onion-service lines"));
            }
            sawSingle = true;
            layer.singleOnionService = true;
        } else if (it.keyword == "flow-control") {
            if (layer.flowControl) {
                return innerError(ErrorCode::ParseError, QStringLiteral("Two flow-control lines"));
            }
            QByteArrayView args[16];
            const int n = DocumentReader::splitArgs(it.args, args, 16);
            quint64 inc = 0;
            if (n < 2 || !TextCodec::parseU64(args[1], inc) || inc == 0 || inc > 255) {
                return innerError(ErrorCode::ParseError,
                                  QStringLiteral("Malformed flow-control line (needs versions and a sendme increment 1-255)"));
            }
            layer.flowControl = FlowControl{args[0].toByteArray(), static_cast<std::uint8_t>(inc)};
        } else if (it.keyword == "pow-params") {
            if (it.args.trimmed().isEmpty()) {
                return innerError(ErrorCode::ParseError, QStringLiteral("Empty pow-params line"));
            }
            layer.powParams.append(itemText(it, plaintext).toByteArray());
        } else {
            layer.extraItems.append(itemText(it, plaintext).toByteArray());
        }
    }
    layer.introPoints.reserve(sections);
    while (i < items.size()) {
        std::size_t j = i + 1;
        while (j < items.size() && items[j].keyword != "introduction-point") {
            ++j;
        }
        auto ip = IntroPoint::fromItems(&items[i], static_cast<qsizetype>(j - i));
        if (ip.ok()) {
            layer.introPoints.append(std::move(ip).value());
        } else {
            layer.skippedIntroPoints.append(ip.error());
        }
        i = j;
    }
    return layer;
}

void InnerLayer::encodeTo(QByteArray& out) const
{
    out.append("create2-formats ");
    out.append(create2Formats);
    out.append('\n');
    if (!introAuthRequired.isEmpty()) {
        out.append("intro-auth-required ");
        out.append(introAuthRequired);
        out.append('\n');
    }
    if (singleOnionService) {
        out.append("single-onion-service\n");
    }
    if (flowControl) {
        out.append("flow-control ");
        out.append(flowControl->versions);
        out.append(' ');
        TextCodec::appendNumber(out, flowControl->sendmeIncrement);
        out.append('\n');
    }
    for (const auto& line : powParams) {
        out.append(line);
        out.append('\n');
    }
    for (const auto& line : extraItems) {
        out.append(line);
        out.append('\n');
    }
    for (const auto& ip : introPoints) {
        ip.encodeTo(out);
    }
}

QByteArray InnerLayer::encode() const
{
    QByteArray out;
    out.reserve(128 + introPoints.size() * 1100);
    encodeTo(out);
    return out;
}

}  // namespace rb::descriptor
