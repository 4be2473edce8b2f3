#pragma once
// A deliberately tiny YAML reader for configuration files such as
// Onionbalance's config.yaml: block maps and lists by indentation (spaces
// only), "- " items, plain / 'single' / "double" quoted scalars, comments,
// and one-line flow collections ([a, b], {k: v}). Anchors, aliases, tags,
// block scalars and multi-documents are refused with a clear error. Pure,
// bounded (1 MiB, 20000 lines, depth 32) and fuzzable.

#include "util/Result.h"

#include <QByteArrayView>
#include <QString>
#include <QStringList>

#include <vector>

namespace rb::fleet {

class YamlSubset {
public:
    struct Node {
        enum class Kind { Scalar, Map, List };
        Kind kind = Kind::Scalar;
        QString scalar;            // Scalar (empty for a null value)
        QStringList keys;          // Map: keys in order
        std::vector<Node> values;  // Map: value per key; List: items
        int line = 0;              // 1-based source line

        [[nodiscard]] bool isMap() const { return kind == Kind::Map; }
        [[nodiscard]] bool isList() const { return kind == Kind::List; }
        [[nodiscard]] bool isScalar() const { return kind == Kind::Scalar; }
        // Map lookup; nullptr when absent or not a map.
        [[nodiscard]] const Node* value(QStringView key) const;
    };

    static constexpr qsizetype kMaxBytes = 1024 * 1024;
    static constexpr int kMaxLines = 20000;
    static constexpr int kMaxDepth = 32;

    static Result<Node> parse(QByteArrayView text);
};

}  // namespace rb::fleet
