#!/usr/bin/env bash
# Benchmarks (Google Benchmark) on the release preset. Speed and memory goals
# live here, never in timed unit tests. Results: build/release/bench-results/*.json
# and a summary printed per benchmark with its primitive floor and the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"
OUT=build/release/bench-results
mkdir -p "$OUT"
for b in build/release/bench/bench_*; do
  [ -x "$b" ] || continue
  name=$(basename "$b")
  echo "== $name"
  "$b" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
       --benchmark_out="$OUT/$name.json" --benchmark_out_format=json "$@"
done
# Ratio of each operation to its primitive floor (median of repetitions).
/usr/bin/python3 - "$OUT" <<'PY'
import json, pathlib, sys
for f in sorted(pathlib.Path(sys.argv[1]).glob("*.json")):
    rows = {b["run_name"]: b for b in json.load(open(f))["benchmarks"] if b.get("aggregate_name") == "median"}
    for name, b in rows.items():
        floor = rows.get(name + "_PrimitiveFloor")
        if floor:
            print(f"{name}: {b['real_time']:.1f} {b['time_unit']} vs floor {floor['real_time']:.1f} "
                  f"-> ratio {b['real_time'] / floor['real_time']:.2f}")
PY
