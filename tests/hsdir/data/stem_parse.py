#!/usr/bin/python3
"""Parses a microdesc consensus and an md/all text with stem (an independent
implementation) and prints what our parser must agree with, as JSON.
Usage: stem_parse.py CONSENSUS_FILE MICRODESC_FILE"""
import json
import sys

import stem.descriptor

consensus_path, md_path = sys.argv[1], sys.argv[2]
with open(consensus_path, "rb") as f:
    doc = next(stem.descriptor.parse_file(f, "network-status-microdesc-consensus-3 1.0",
                                          document_handler="DOCUMENT", validate=True))
with open(md_path, "rb") as f:
    # stem 1.8 insists on a TAP key object after onion-key; tor 0.4.9 does not.
    mds = list(stem.descriptor.parse_file(f, "microdescriptor 1.0", validate=False))

relays = {}
for fp, r in doc.routers.items():
    relays[fp] = {"nickname": r.nickname, "md": r.microdescriptor_digest, "flags": sorted(r.flags),
                  "hsdir": r.protocols.get("HSDir", []), "address": r.address, "or_port": r.or_port}
digests = {}
for m in mds:
    d = m.digest(stem.descriptor.DigestHash.SHA256, stem.descriptor.DigestEncoding.BASE64)
    digests[d] = m.identifiers.get("ed25519", "")
json.dump({"valid_after": doc.valid_after.strftime("%Y-%m-%d %H:%M:%S"),
           "fresh_until": doc.fresh_until.strftime("%Y-%m-%d %H:%M:%S"),
           "srv_current": doc.shared_randomness_current_value,
           "srv_previous": doc.shared_randomness_previous_value,
           "params": doc.params, "relays": relays, "md": digests}, sys.stdout)
