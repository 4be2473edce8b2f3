#!/usr/bin/python3
"""Independent reference for TestStemCrossCheck (stem + python3-cryptography).

  stem_keys.py check PEM TP LEN   -> prints "<pubkey hex> <address> <blinded hex>" for the key in PEM
  stem_keys.py gen PEM TP LEN     -> writes a fresh test key to PEM (0600) and prints the same line

Blinding: rend-spec KEYBLIND parameter computed here with hashlib; the point
multiplication is stem's own pure-python ed25519 (_blinded_pubkey).
"""
import hashlib
import os
import sys

import stem.descriptor.hidden_service as hs
from cryptography.hazmat.primitives import serialization as ser
from cryptography.hazmat.primitives.asymmetric import ed25519

BASEPOINT = (b"(15112221349535400772501151409588531511454012693041857206046113283949847762202, "
             b"46316835694926478169428394003475163141307993866256225615783033603165251855960)")


def describe(key, tp, length):
    pub = key.public_key().public_bytes(ser.Encoding.Raw, ser.PublicFormat.Raw)
    address = hs.HiddenServiceDescriptorV3.address_from_identity_key(pub)
    param = hashlib.sha3_256(b"Derive temporary signing key\0" + pub + BASEPOINT + b"key-blind"
                             + tp.to_bytes(8, "big") + length.to_bytes(8, "big")).digest()
    blinded = hs._blinded_pubkey(pub, param)
    return "%s %s %s" % (pub.hex(), address, blinded.hex())


def main():
    mode, path, tp, length = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    if mode == "check":
        with open(path, "rb") as f:
            key = ser.load_pem_private_key(f.read(), None)
    else:
        key = ed25519.Ed25519PrivateKey.generate()
        pem = key.private_bytes(ser.Encoding.PEM, ser.PrivateFormat.PKCS8, ser.NoEncryption())
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(pem)
    print(describe(key, tp, length))


if __name__ == "__main__":
    main()
