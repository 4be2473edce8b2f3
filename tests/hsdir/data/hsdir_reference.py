#!/usr/bin/python3
"""Independent reference for the HSDir ring and time-period plans.

Written from rend-spec-v3 / tor's hs_common.c formulas, deliberately in a
different style from the C++ (list rotation + bisect, explicit windows), so
the Qt test can compare the two. Reads one JSON request on stdin, writes one
JSON answer on stdout. Only the standard library (hashlib.sha3_256).
"""
import bisect
import hashlib
import json
import struct
import sys


def u64(n):
    return struct.pack(">Q", n)


def sha3(*parts):
    h = hashlib.sha3_256()
    for p in parts:
        h.update(p)
    return h.digest()


def supports_hsdir_v2(pr):
    for entry in pr.split():
        name, _, ranges = entry.partition("=")
        if name != "HSDir" or not ranges:
            continue
        for rng in ranges.split(","):
            lo, _, hi = rng.partition("-")
            lo = int(lo)
            hi = int(hi) if hi else lo
            if lo <= 2 <= hi:
                return True
    return False


def ring(req):
    srv = bytes.fromhex(req["srv"])
    tp, length = req["tp"], req["len"]
    nodes = [n for n in req["nodes"]
             if n["ed"] and "HSDir" in n["flags"].split() and supports_hsdir_v2(n["pr"])]
    keyed = sorted((sha3(b"node-idx", bytes.fromhex(n["ed"]), srv, u64(tp), u64(length)), n["fp"]) for n in nodes)
    keys = [k for k, _ in keyed]
    answers = []
    for blinded_hex in req["blinded"]:
        blinded = bytes.fromhex(blinded_hex)
        answer = {}
        for mode, spread in (("upload", req["spread_store"]), ("fetch", req["spread_fetch"])):
            chosen = []
            for replica in range(1, req["replicas"] + 1):
                target = sha3(b"store-at-idx", blinded, u64(replica), u64(length), u64(tp))
                start = bisect.bisect_left(keys, target) % len(keyed) if keyed else 0
                rotated = keyed[start:] + keyed[:start]
                picked = 0
                for idx, fp in rotated:
                    if picked == spread:
                        break
                    if any(fp == c[0] for c in chosen):
                        continue
                    chosen.append((fp, idx.hex().upper(), replica))
                    picked += 1
            answer[mode] = [{"fp": fp, "index": ix, "replica": r} for fp, ix, r in chosen]
        answers.append(answer)
    return {"answers": answers}


def periods(req):
    out = []
    for case in req["cases"]:
        va, v, testing = case["valid_after"], case["voting_interval"], case["testing"]
        length = (24 * v) // 60 if testing else min(max(case.get("hsdir_interval", 1440), 5), 14400)
        offset_s = 12 * v

        def tp_at(t):
            return (t // 60 - offset_s // 60) // length

        def tp_start(n):
            return n * length * 60 + offset_s

        run = 24 * v
        cur_run = va - ((va // v) % 24) * v
        prev_run = cur_run - run
        next_tp_after_srv = tp_start(tp_at(cur_run) + 1)
        window_a = cur_run <= va < next_tp_after_srv
        n = tp_at(va)
        if window_a:
            plans = {"first": [n, "previous", prev_run], "second": [n + 1, "current", cur_run],
                     "fetch": [n, "previous", prev_run]}
        else:
            plans = {"first": [n - 1, "previous", prev_run], "second": [n, "current", cur_run],
                     "fetch": [n, "current", cur_run]}
        out.append({"length": length, "tp": n, "window_a": window_a, "plans": plans,
                    "next_tp_start": tp_start(n + 1), "srv_current_start": cur_run,
                    "srv_previous_start": prev_run})
    return {"cases": out}


def main():
    req = json.load(sys.stdin)
    result = ring(req) if req["mode"] == "ring" else periods(req)
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
