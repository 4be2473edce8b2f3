#!/usr/bin/env bash
# Re-extracts every tr() string of the console into translations/*.ts (new
# strings appear as unfinished; obsolete ones are dropped). Translate them with
# Qt Linguist (`linguist translations/rustbalance-console_de.ts`), then build:
# the .qm files are compiled and embedded by CMake (qt_add_translations).
# The same source set as ui/CMakeLists.txt; tests/ui checks nothing is unfinished.
set -euo pipefail
cd "$(dirname "$0")/.."
LUPDATE="${LUPDATE:-}"
if [ -z "$LUPDATE" ]; then
  for c in /usr/lib/qt6/bin/lupdate "$(command -v lupdate6 || true)" "$(command -v lupdate || true)"; do
    if [ -n "$c" ] && [ -x "$c" ]; then LUPDATE="$c"; break; fi
  done
fi
[ -n "$LUPDATE" ] || { echo "update-translations: lupdate not found (install qt6-l10n-tools)" >&2; exit 1; }
exec "$LUPDATE" -no-obsolete -locations none ui core/diagnostics app/console \
  -ts translations/rustbalance-console_*.ts "$@"
