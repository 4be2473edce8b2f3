#!/usr/bin/python3
"""Independent cross-check of RustBalance's descriptor code with Debian's stem.

Run by TestDescriptorStem through QProcess; every input (including the test
identity seed) arrives as one JSON object on stdin, never on the command line.

  stem_crosscheck.py probe    -> exit 0 if stem's v3 descriptor support works
  stem_crosscheck.py verify   -> stem parses (validate=True: checks the outer
                                 signature), decrypts both layers (MACs), and
                                 this script checks the certificates with the
                                 cryptography module and compares every intro
                                 point with what the C++ side expects
  stem_crosscheck.py create   -> stem builds a descriptor for the given
                                 identity seed and blinding nonce; prints it
                                 with the values the C++ decoder must find

Output: one JSON object on stdout; exit status 0 on success.
"""

import base64
import binascii
import json
import sys


def fail(message):
    print(json.dumps({'ok': False, 'error': message}))
    sys.exit(1)


def b64(data):
    return base64.b64encode(data).decode('ascii')


def cert_signed_by(cert, public_key):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from cryptography.exceptions import InvalidSignature
    raw = cert.pack()
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(raw[-64:], raw[:-64])
        return True
    except InvalidSignature:
        return False


def probe():
    import stem.descriptor.hidden_service  # noqa: F401
    import cryptography.hazmat.primitives.asymmetric.ed25519  # noqa: F401
    print(json.dumps({'ok': True, 'stem': stem.__version__}))


def verify(req):
    import stem.descriptor.hidden_service as hs

    checks = []
    text = req['descriptor'].encode('ascii')
    try:
        desc = hs.HiddenServiceDescriptorV3(text, validate=True)  # checks the outer signature
    except ValueError as exc:
        fail('stem rejected the descriptor: %s' % exc)
    checks.append('outer signature')

    cert = desc.signing_cert
    blinded = bytes.fromhex(req['blinded_key'])
    if cert.type_int != 0x08:
        fail('signing cert type is %s' % cert.type_int)
    if cert.key != bytes.fromhex(req['desc_signing_key']):
        fail('signing cert certifies another key')
    if cert.signing_key() != blinded:
        fail('signing cert does not carry the blinded key')
    if not cert_signed_by(cert, blinded):
        fail('signing cert signature is invalid')
    if cert.is_expired():
        fail('signing cert is expired')
    checks.append('0x08 certificate')
    if desc.revision_counter != req['revision_counter']:
        fail('revision counter %d' % desc.revision_counter)

    try:
        inner = desc.decrypt(req['address'])  # both MACs
    except ValueError as exc:
        fail('stem could not decrypt: %s' % exc)
    checks.append('both layers decrypted')

    identity = hs.HiddenServiceDescriptorV3.identity_key_from_address(req['address'])
    subcred = hs.HiddenServiceDescriptorV3._subcredential(identity, blinded)
    middle = hs._decrypt_layer(desc.superencrypted, b'hsdir-superencrypted-data', desc.revision_counter,
                               subcred, blinded)
    if len(middle) % 10000 != 0:
        fail('middle layer is %d bytes, not a multiple of 10000' % len(middle))
    if len(inner.outer.clients) != 16:
        fail('%d auth-client lines' % len(inner.outer.clients))
    checks.append('middle padding and auth-client lines')

    inner_text = str(inner)
    if '\nflow-control 1-2 31\n' not in inner_text:
        fail('inner layer has no "flow-control 1-2 31" line')
    if 'pow-params' in inner_text:
        fail('inner layer carries pow-params')
    if inner.formats != [2]:
        fail('create2-formats %s' % inner.formats)

    signing_key = cert.key
    expected = req['intro_points']
    got = inner.introduction_points
    if len(got) != len(expected):
        fail('%d intro points, expected %d' % (len(got), len(expected)))
    for i, (ip, exp) in enumerate(zip(got, expected)):
        packed = bytes([len(ip.link_specifiers)]) + b''.join(ls.pack() for ls in ip.link_specifiers)
        if b64(packed) != exp['link_specifiers']:
            fail('intro point %d: link specifiers differ' % (i + 1))
        if ip.onion_key_raw != exp['onion_key'] or ip.enc_key_raw != exp['enc_key']:
            fail('intro point %d: onion/enc key differ' % (i + 1))
        if ip.auth_key_cert.type_int != 0x09 or ip.auth_key_cert.key != bytes.fromhex(exp['auth_key']):
            fail('intro point %d: auth-key cert' % (i + 1))
        if ip.enc_key_cert.type_int != 0x0B or ip.enc_key_cert.key != bytes.fromhex(exp['enc_key_ed']):
            fail('intro point %d: enc-key-cert' % (i + 1))
        for c in (ip.auth_key_cert, ip.enc_key_cert):
            if c.signing_key() != signing_key or not cert_signed_by(c, signing_key):
                fail('intro point %d: certificate not signed by the descriptor signing key' % (i + 1))
    checks.append('%d intro points and their certificates' % len(got))
    print(json.dumps({'ok': True, 'checks': checks}))


def create(req):
    import stem.client.datatype as dt
    import stem.descriptor.hidden_service as hs
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives import serialization

    identity = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(req['seed']))
    signing_key = Ed25519PrivateKey.generate()
    raw = serialization.Encoding.Raw
    signing_pub = signing_key.public_key().public_bytes(raw, serialization.PublicFormat.Raw)

    ips = []
    for i in range(req['intro_points']):
        links = [dt.LinkByIPv4('10.1.0.%d' % (i + 1), 9001 + i), dt.LinkByFingerprint(bytes([0x40 + i]) * 20)]
        ips.append(hs.IntroductionPointV3.create_for_link_specifiers(links, signing_key=signing_key))
    inner = hs.InnerLayer.create(introduction_points=ips)
    text = hs.HiddenServiceDescriptorV3.content(
        identity_key=identity, signing_key=signing_key, inner_layer=inner,
        revision_counter=req['revision_counter'], blinding_nonce=bytes.fromhex(req['blinding_nonce']))
    out = []
    for ip in ips:
        packed = bytes([len(ip.link_specifiers)]) + b''.join(ls.pack() for ls in ip.link_specifiers)
        out.append({'link_specifiers': b64(packed), 'onion_key': ip.onion_key_raw, 'enc_key': ip.enc_key_raw,
                    'auth_key': ip.auth_key_cert.key.hex()})
    print(json.dumps({'ok': True, 'descriptor': text.decode('ascii'), 'desc_signing_key': signing_pub.hex(),
                      'intro_points': out}))


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in ('probe', 'verify', 'create'):
        fail('usage: stem_crosscheck.py probe|verify|create < request.json')
    try:
        if sys.argv[1] == 'probe':
            probe()
            return
        req = json.load(sys.stdin)
        verify(req) if sys.argv[1] == 'verify' else create(req)
    except ImportError as exc:
        print(json.dumps({'ok': False, 'error': 'stem unavailable: %s' % exc, 'unavailable': True}))
        sys.exit(2)


if __name__ == '__main__':
    main()
