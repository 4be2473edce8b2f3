#!/usr/bin/env bash
# Renders the application icon (resources/icons/rustbalance.svg) into the
# hicolor PNG sizes committed under packaging/linux/icons/. Needs rsvg-convert
# (Debian: librsvg2-bin); only run when the SVG changes.
set -euo pipefail
cd "$(dirname "$0")/.."
for s in 16 22 24 32 48 64 128 256 512; do
  d=packaging/linux/icons/hicolor/${s}x${s}/apps
  mkdir -p "$d"
  rsvg-convert -w "$s" -h "$s" resources/icons/rustbalance.svg -o "$d/org.rustbalance.Console.png"
done
mkdir -p packaging/linux/icons/hicolor/scalable/apps
cp resources/icons/rustbalance.svg packaging/linux/icons/hicolor/scalable/apps/org.rustbalance.Console.svg
