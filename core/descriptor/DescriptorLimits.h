#pragma once
// Limits of the v3 onion-service descriptor format as tor 0.4.9 enforces them
// (hs_descriptor.h, hs_config.h, hs_cache.c). Every parser here takes its
// limit as a parameter defaulting to these values.

#include <QtGlobal>

namespace rb::descriptor {

// Consensus parameter HSV3MaxDescriptorSize default; a descriptor is rejected
// when its size is >= this value.
constexpr qsizetype kDefaultMaxDescriptorSize = 50000;
// HS_CONFIG_V3_MAX_INTRO_POINTS: clients reject a descriptor with more.
constexpr int kMaxIntroPoints = 20;
// HS_DESC_SUPERENC_PLAINTEXT_PAD_MULTIPLE: the middle layer plaintext is
// NUL-padded to a multiple of this (tor's rule; stem pads len % 10000).
constexpr qsizetype kMiddleLayerPadMultiple = 10000;
// HS_DESC_AUTH_CLIENT_MULTIPLE: auth-client lines come in multiples of 16.
constexpr int kAuthClientMultiple = 16;
// HS_DESC_DEFAULT_LIFETIME / HS_DESC_MAX_LIFETIME, in minutes.
constexpr quint32 kDefaultLifetimeMinutes = 180;
constexpr quint32 kMaxLifetimeMinutes = 720;
// HS_DESC_CERT_LIFETIME: 54 hours, in seconds.
constexpr qint64 kCertLifetimeSeconds = 54 * 3600;
// Layer crypto sizes.
constexpr qsizetype kSaltSize = 16;
constexpr qsizetype kMacSize = 32;
constexpr qsizetype kDescriptorCookieSize = 16;
// Upper bound on any single Ed25519 certificate we accept (tor has none but
// real certificates are 140 bytes; 255 extensions of 64 KiB make no sense).
constexpr qsizetype kMaxCertSize = 2048;
// Tor's tokenizer limit for a line / an object (parsecommon.c).
constexpr qsizetype kMaxLineLength = 128 * 1024;

}  // namespace rb::descriptor
