#!/usr/bin/env python3
"""labnet.py - a private Tor network on 127.0.0.1 for RustBalance Console.

Shape (see /work/shared/docs/LAB-NETWORK.md): 3 directory authorities, 6 relays
(3 of them exits to 127.0.0.0/8), 1 client with a SocksPort and K onion-service
nodes, each with a tiny HTTP backend that answers "node-<i>".

Commands:
  up        --dir DIR [--nodes K] [--voting-interval S] [--master-key-dir D]
            [--plain-nodes K2] [--node-opts i:opt[,i:opt...]] [--no-wait]
            [--timeout S]
  status    --dir DIR [--json]
  wait      --dir DIR --timeout S
  down      --dir DIR [--keep-logs]
  node-stop --dir DIR --node I
  node-start --dir DIR --node I

`up --owner-pid PID` (tests) also starts a watchdog that runs `down --keep-logs`
if PID dies while the lab is up, so a crashed test cannot leak tor processes.

Everything the lab starts is recorded in DIR/lab.json; `down` stops only those
processes (after checking each one's /proc/<pid>/cmdline names DIR).
Standard library only; runs with any python3 >= 3.9.
"""

import argparse
import base64
import contextlib
import datetime
import fcntl
import hashlib
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

SCHEMA_VERSION = 1
N_AUTHORITIES = 3
N_RELAYS = 6
N_EXITS = 3
DEFAULT_UP_TIMEOUT = 240.0
NODE_OPTIONS = ("no-instance", "wrong-ob-config", "publish", "own-key", "no-ob-config")

SECRET_KEY_TAG = b"== ed25519v1-secret: type0 =="
PUBLIC_KEY_TAG = b"== ed25519v1-public: type0 =="
# Encoding of the Ed25519 base point: a valid public key that is nobody's
# master, used as the deliberately wrong MasterOnionAddress.
ED25519_BASEPOINT = bytes.fromhex("5866666666666666666666666666666666666666666666666666666666666666")
# PROTOCOL-NOTES §11 known-answer key: fallback wrong master.
KNOWN_OTHER_PUBKEY = bytes.fromhex("d097996729d66eea1f0c6db7b59b02b9c51f7d15f3b21a62b43242b938e25653")


class LabError(Exception):
    pass


def log(msg):
    sys.stderr.write("labnet: %s\n" % msg)
    sys.stderr.flush()


# --------------------------------------------------------------------------
# small helpers

def onion_address(pubkey):
    if len(pubkey) != 32:
        raise LabError("public key must be 32 bytes")
    version = b"\x03"
    checksum = hashlib.sha3_256(b".onion checksum" + pubkey + version).digest()[:2]
    return base64.b32encode(pubkey + checksum + version).decode("ascii").lower() + ".onion"


def write_file(path, data, mode=0o600):
    """Atomic write (tmp + rename) with the given permissions."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    d = os.path.dirname(path)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=d)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def mkdir_private(path):
    os.makedirs(path, mode=0o700, exist_ok=True)
    os.chmod(path, 0o700)


def now_iso():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@contextlib.contextmanager
def flocked(path):
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


# --------------------------------------------------------------------------
# free ports: bind-and-release, outside the kernel's ephemeral range (so an
# outgoing connection cannot take the port between our test and tor's bind),
# coordinated between concurrently starting labs by a flock'ed reservation file.

PORT_REGISTRY = os.path.join(tempfile.gettempdir(), "rb-labnet-ports.json")
PORT_REGISTRY_LOCK = PORT_REGISTRY + ".lock"
RESERVATION_GRACE = 900.0


def _ephemeral_range():
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as f:
            lo, hi = (int(x) for x in f.read().split())
            return lo, hi
    except (OSError, ValueError):
        return 32768, 60999


def _candidate_range():
    lo, hi = _ephemeral_range()
    if lo - 1 - 1024 >= 4000:
        return max(1025, lo - 12000), lo - 1
    if 65535 - hi >= 4000:
        return hi + 1, 65535
    return None


def _port_is_free(port):
    for family, addr in ((socket.AF_INET, "127.0.0.1"),):
        s = socket.socket(family, socket.SOCK_STREAM)
        try:
            s.bind((addr, port))
        except OSError:
            return False
        finally:
            s.close()
    return True


def _load_registry():
    try:
        with open(PORT_REGISTRY) as f:
            data = json.load(f)
        if isinstance(data, dict):
            return data
    except (OSError, ValueError):
        pass
    return {}


def _entry_live(entry, now):
    if now - entry.get("time", 0) < RESERVATION_GRACE:
        return True
    d = entry.get("dir", "")
    return bool(d) and os.path.exists(os.path.join(d, "lab.json"))


def reserve_ports(count, labdir):
    rng = random.SystemRandom()
    cand = _candidate_range()
    with flocked(PORT_REGISTRY_LOCK):
        reg = _load_registry()
        now = time.time()
        reg = {p: e for p, e in reg.items() if _entry_live(e, now)}
        chosen = []
        attempts = 0
        while len(chosen) < count:
            attempts += 1
            if attempts > 50000:
                raise LabError("could not find %d free TCP ports on 127.0.0.1" % count)
            if cand:
                port = rng.randint(cand[0], cand[1])
            else:
                s = socket.socket()
                s.bind(("127.0.0.1", 0))
                port = s.getsockname()[1]
                s.close()
            if str(port) in reg or port in chosen:
                continue
            if not _port_is_free(port):
                continue
            chosen.append(port)
        for p in chosen:
            reg[str(p)] = {"dir": labdir, "time": now}
        write_file(PORT_REGISTRY, json.dumps(reg), 0o644)
    return chosen


def release_ports(labdir):
    with flocked(PORT_REGISTRY_LOCK):
        reg = _load_registry()
        reg = {p: e for p, e in reg.items() if e.get("dir") != labdir}
        write_file(PORT_REGISTRY, json.dumps(reg), 0o644)


class PortPool:
    def __init__(self, ports):
        self._ports = list(ports)

    def take(self):
        return self._ports.pop()


# --------------------------------------------------------------------------
# processes

def proc_cmdline(pid):
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            return [a.decode("utf-8", "replace") for a in f.read().split(b"\0") if a]
    except OSError:
        return None


def proc_state(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            data = f.read()
        return data[data.rindex(")") + 2:].split()[0]
    except (OSError, ValueError, IndexError):
        return None


def mentions_dir(args, labdir):
    for a in args or ():
        i = a.find(labdir)
        while i >= 0:
            end = i + len(labdir)
            if end == len(a) or a[end] == "/":
                return True
            i = a.find(labdir, i + 1)
    return False


def pid_alive(pid):
    """Alive and not a zombie."""
    if not pid or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    st = proc_state(pid)
    return st is not None and st not in ("Z", "X")


def pid_is_ours(pid, labdir):
    return pid_alive(pid) and mentions_dir(proc_cmdline(pid), labdir)


def proc_start_time(pid):
    """Start time in clock ticks since boot (field 22 of /proc/<pid>/stat)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            data = f.read()
        return int(data[data.rindex(")") + 2:].split()[19])
    except (OSError, ValueError, IndexError):
        return None


def read_pid_file(path):
    try:
        with open(path) as f:
            return int(f.read().strip() or "0")
    except (OSError, ValueError):
        return 0


def stop_pids(pids, labdir, timeout=10.0):
    """SIGTERM our pids (verified by cmdline), wait, SIGKILL the rest."""
    me = os.getpid()
    ours = [p for p in sorted(set(pids)) if p and p != me and pid_is_ours(p, labdir)]
    for p in ours:
        with contextlib.suppress(ProcessLookupError):
            os.kill(p, signal.SIGTERM)
    deadline = time.time() + timeout
    while time.time() < deadline and any(pid_alive(p) for p in ours):
        _reap_children()
        time.sleep(0.1)
    left = [p for p in ours if pid_alive(p) and mentions_dir(proc_cmdline(p), labdir)]
    for p in left:
        log("pid %d did not exit after SIGTERM; sending SIGKILL" % p)
        with contextlib.suppress(ProcessLookupError):
            os.kill(p, signal.SIGKILL)
    deadline = time.time() + 5.0
    while time.time() < deadline and any(pid_alive(p) for p in left):
        _reap_children()
        time.sleep(0.05)
    return [p for p in ours if pid_alive(p)]


def _reap_children():
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


# --------------------------------------------------------------------------
# tor control port (cookie auth), for readiness checks

class Control:
    def __init__(self, port, cookie_path, timeout=5.0):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.buf = b""
        with open(cookie_path, "rb") as f:
            cookie = f.read()
        if len(cookie) != 32:
            raise LabError("control cookie %s is not 32 bytes" % cookie_path)
        code, lines = self.command("AUTHENTICATE " + cookie.hex())
        if code != "250":
            raise LabError("control AUTHENTICATE failed: %s" % " ".join(lines))

    def close(self):
        with contextlib.suppress(OSError):
            self.command("QUIT")
        with contextlib.suppress(OSError):
            self.sock.close()

    def _line(self):
        while b"\r\n" not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise LabError("control connection closed")
            self.buf += chunk
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line.decode("utf-8", "replace")

    def command(self, cmd):
        self.sock.sendall(cmd.encode("ascii") + b"\r\n")
        lines = []
        while True:
            line = self._line()
            if len(line) < 4:
                raise LabError("bad control reply line %r" % line)
            code, sep, rest = line[:3], line[3], line[4:]
            if code.startswith("6"):
                continue  # async event, not ours
            if sep == "+":
                lines.append(rest)
                while True:
                    dl = self._line()
                    if dl == ".":
                        break
                    lines.append(dl[1:] if dl.startswith("..") else dl)
            else:
                lines.append(rest)
            if sep == " ":
                return code, lines

    def getinfo(self, key):
        code, lines = self.command("GETINFO " + key)
        if code != "250":
            raise LabError("GETINFO %s failed: %s" % (key, " ".join(lines)))
        return lines


def parse_consensus_flags(lines):
    """{hex fingerprint: set(flags)} from consensus text ("r"/"s" lines)."""
    result = {}
    current = None
    for ln in lines:
        if ln.startswith("ns/all="):
            ln = ln[len("ns/all="):]
        if ln.startswith("r "):
            parts = ln.split()
            try:
                ident = parts[2]
                ident += "=" * (-len(ident) % 4)
                current = base64.b64decode(ident).hex().upper()
            except (IndexError, ValueError):
                current = None
            if current:
                result[current] = set()
        elif ln.startswith("s ") and current:
            result[current] = set(ln.split()[1:])
    return result


def consensus_flags(ctl):
    """The client's current consensus (GETINFO ns/all)."""
    return parse_consensus_flags(ctl.getinfo("ns/all"))


def missing_routers(flags, routers):
    """Nicknames of routers ({fp: nick}) not listed as Running + HSDir."""
    return sorted(nick for fp, nick in routers.items() if not {"Running", "HSDir"} <= flags.get(fp, set()))


def bootstrap_progress(ctl):
    lines = ctl.getinfo("status/bootstrap-phase")
    for ln in lines:
        for tok in ln.split():
            if tok.startswith("PROGRESS="):
                try:
                    return int(tok[len("PROGRESS="):])
                except ValueError:
                    return 0
    return 0


# --------------------------------------------------------------------------
# the lab

def tail(path, n=15):
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            size = f.tell()
            f.seek(max(0, size - 8192))
            return "\n".join(f.read().decode("utf-8", "replace").splitlines()[-n:])
    except OSError:
        return "(no log)"


def lab_json_path(labdir):
    return os.path.join(labdir, "lab.json")


def load_lab(labdir):
    try:
        with open(lab_json_path(labdir)) as f:
            return json.load(f)
    except FileNotFoundError:
        raise LabError("no lab at %s (lab.json missing)" % labdir)
    except ValueError as e:
        raise LabError("lab.json in %s is corrupt: %s" % (labdir, e))


def save_lab(lab):
    write_file(lab_json_path(lab["dir"]), json.dumps(lab, indent=2, sort_keys=True) + "\n", 0o644)


def tor_by_role(lab, role):
    return [t for t in lab.get("tors", []) if t["role"] == role]


def voting_schedule(v):
    if v < 10:
        raise LabError("--voting-interval must be at least 10 s (tor: vote + dist delay >= 4 s "
                       "must stay below half the interval)")
    if v > 3600:
        raise LabError("--voting-interval must be at most 3600 s in a lab")
    delay = max(2, v // 5)
    while delay > 2 and 2 * delay >= v // 2:
        delay -= 1
    # TestingV3AuthInitialVotingInterval must divide 30 minutes evenly.
    initial = v
    while 1800 % initial != 0:
        initial -= 1
    if initial < 10:
        initial = 10
    idelay = delay
    while idelay > 2 and 2 * idelay >= initial:
        idelay -= 1
    return {"voting_interval": v, "vote_delay": delay, "dist_delay": delay,
            "initial_voting_interval": initial, "initial_vote_delay": idelay,
            "initial_dist_delay": idelay}


def parse_node_opts(specs, n_total):
    opts = {}
    for spec in specs or []:
        for item in spec.split(","):
            item = item.strip()
            if not item:
                continue
            idx, sep, name = item.partition(":")
            if not sep or not idx.isdigit() or name not in NODE_OPTIONS:
                raise LabError("bad --node-opts item %r (want <index>:<%s>)" % (item, "|".join(NODE_OPTIONS)))
            i = int(idx)
            if i >= n_total:
                raise LabError("--node-opts index %d out of range (%d service nodes)" % (i, n_total))
            opts.setdefault(i, []).append(name)
    return opts


def read_master_keys(keydir):
    sk_path = os.path.join(keydir, "hs_ed25519_secret_key")
    pk_path = os.path.join(keydir, "hs_ed25519_public_key")
    try:
        with open(sk_path, "rb") as f:
            sk = f.read()
        with open(pk_path, "rb") as f:
            pk = f.read()
    except OSError as e:
        raise LabError("--master-key-dir %s must hold hs_ed25519_secret_key and hs_ed25519_public_key (%s)"
                       % (keydir, e))
    if len(sk) != 96 or not sk.startswith(SECRET_KEY_TAG):
        raise LabError("%s is not a tor v3 secret key file (want 96 bytes, type0 tag)" % sk_path)
    if len(pk) != 64 or not pk.startswith(PUBLIC_KEY_TAG):
        raise LabError("%s is not a tor v3 public key file (want 64 bytes, type0 tag)" % pk_path)
    address = onion_address(pk[32:])
    hn_path = os.path.join(keydir, "hostname")
    if os.path.exists(hn_path):
        with open(hn_path) as f:
            given = f.read().strip()
        if given != address:
            raise LabError("%s says %s but the public key is %s" % (hn_path, given, address))
    return sk, pk, address


def tor_version():
    try:
        out = subprocess.run(["tor", "--version"], capture_output=True, text=True, timeout=20).stdout
        return out.splitlines()[0].strip() if out else ""
    except (OSError, subprocess.SubprocessError):
        return ""


class Builder:
    """Creates the lab directory, keys and torrc files; starts everything."""

    def __init__(self, args):
        self.labdir = os.path.realpath(args.dir)
        self.args = args
        self.sched = voting_schedule(args.voting_interval)
        self.n_instance = args.nodes
        self.n_plain = args.plain_nodes
        self.master = None
        if args.master_key_dir:
            self.master = read_master_keys(args.master_key_dir)
        if args.nodes < 0 or args.plain_nodes < 0 or args.nodes + args.plain_nodes > 64:
            raise LabError("--nodes/--plain-nodes must be between 0 and 64 in total")
        self.node_opts = parse_node_opts(args.node_opts, args.nodes + args.plain_nodes)
        self.empty_torrc = os.path.join(self.labdir, "empty-torrc")

    def prepare_dir(self):
        if os.path.exists(lab_json_path(self.labdir)):
            lab = load_lab(self.labdir)
            alive = [t for t in lab.get("tors", []) if pid_is_ours(t.get("pid") or 0, self.labdir)]
            if alive:
                raise LabError("a lab is already running in %s (run 'labnet.py down --dir %s' first)"
                               % (self.labdir, self.labdir))
            shutil.rmtree(self.labdir)
        elif os.path.isdir(self.labdir) and os.listdir(self.labdir):
            raise LabError("%s exists and is not empty; pick a new directory" % self.labdir)
        mkdir_private(self.labdir)
        write_file(self.empty_torrc, "", 0o644)

    def base_torrc(self, t):
        lines = [
            "# generated by labnet.py",
            "TestingTorNetwork 1",
            "DataDirectory %s" % t["data_dir"],
            "PidFile %s" % t["pid_file"],
            "RunAsDaemon 1",
            "Nickname %s" % t["nickname"],
            "Log notice file %s" % t["log_notice"],
            "SafeLogging 0",
            "ProtocolWarnings 1",
            "ShutdownWaitLength 0",
            "AddressDisableIPv6 1",
            "ClientUseIPv6 0",
            "ControlPort 127.0.0.1:%d" % t["control_port"],
            "CookieAuthentication 1",
            "CookieAuthFile %s" % t["cookie_path"],
            "DisableDebuggerAttachment 0",
            # No GeoIP: parsing it costs each tor ~0.25 s CPU at start.
            'GeoIPFile ""',
            'GeoIPv6File ""',
        ]
        if t.get("log_info"):
            lines.append("Log info file %s" % t["log_info"])
        for a in self.auth_lines:
            lines.append(a)
        return lines

    def make_tor(self, role, index, nickname, ports):
        d = os.path.join(self.labdir, nickname)
        mkdir_private(d)
        t = {
            "role": role,
            "index": index,
            "nickname": nickname,
            "pid": None,
            "data_dir": d,
            "torrc": os.path.join(d, "torrc"),
            "pid_file": os.path.join(d, "tor.pid"),
            "cookie_path": os.path.join(d, "control_auth_cookie"),
            "log_notice": os.path.join(d, "notice.log"),
            "log_info": None,
            "launch_log": os.path.join(d, "launch.log"),
            "control_port": ports.take(),
            "or_port": None,
            "dir_port": None,
            "socks_port": None,
            "metrics_port": None,
            "fingerprint": None,
            "ed25519_id": None,
        }
        return t

    def identity_cache(self):
        """Directory caching the authorities' RSA-3072 v3 identity keys (the
        slow part of key generation; test-network keys, not secrets). Labs
        are isolated by their ports, so sharing identities between them is
        harmless. None when disabled (--no-key-cache) or not creatable."""
        if self.args.no_key_cache:
            return None
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        d = os.path.join(base, "rustbalance-lab", "authority-identity")
        try:
            os.makedirs(d, mode=0o700, exist_ok=True)
        except OSError:
            return None
        return d

    def gen_keys(self, auths, relays):
        """Authority v3 keys (tor-gencert) and every router's relay keys
        (tor --list-fingerprint, which also tells the fingerprint) - all at once."""
        gencert = []
        listfp = []
        cache = self.identity_cache()
        for r in relays:
            listfp.append((r, self._list_fingerprint(r)))
        for a in auths:
            kd = os.path.join(a["data_dir"], "keys")
            mkdir_private(kd)
            cached = os.path.join(cache, "%s_identity_key" % a["nickname"]) if cache else None
            reuse = bool(cached) and os.path.isfile(cached)
            if reuse:
                shutil.copyfile(cached, os.path.join(kd, "authority_identity_key"))
                os.chmod(os.path.join(kd, "authority_identity_key"), 0o600)
            # Without --create-identity-key, tor-gencert loads the identity
            # key and makes a new signing key + certificate.
            cmd = ["tor-gencert"] + ([] if reuse else ["--create-identity-key"]) + [
                   "--passphrase-fd", "0", "-m", "12", "-a", "127.0.0.1:%d" % a["dir_port"],
                   "-i", os.path.join(kd, "authority_identity_key"),
                   "-s", os.path.join(kd, "authority_signing_key"),
                   "-c", os.path.join(kd, "authority_certificate")]
            try:
                p = subprocess.Popen(cmd, cwd=kd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
            except FileNotFoundError:
                raise LabError("tor-gencert not found (install tor)")
            gencert.append((a, p))
            listfp.append((a, self._list_fingerprint(a)))
        try:
            self._collect_keys(gencert, listfp, cache)
        finally:
            for _, p in gencert + listfp:
                if p.poll() is None:
                    p.kill()
                    p.wait()

    def _list_fingerprint(self, t):
        cmd = ["tor", "--list-fingerprint", "--defaults-torrc", self.empty_torrc, "-f", self.empty_torrc,
               "--DataDirectory", t["data_dir"], "--ORPort", "127.0.0.1:%d" % t["or_port"],
               "--Address", "127.0.0.1", "--Nickname", t["nickname"], "--Log", "err stderr",
               "--GeoIPFile", "", "--GeoIPv6File", ""]
        try:
            return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        except FileNotFoundError:
            raise LabError("tor not found (install tor)")

    def write_bandwidth_file(self, routers):
        """Equal measured bandwidth for every router. Without it the consensus
        weights follow self-measured bandwidth (one relay 55, others 0): the
        few heavy nodes are chosen as guard AND last hop of onion-service
        circuits (tor does not exclude the guard there), the relay refuses to
        "extend back to the previous hop", and clients/services stall for
        tens of seconds at "Establishing a Tor circuit"."""
        path = os.path.join(self.labdir, "bandwidths")
        lines = ["%d" % int(time.time())]
        lines += ["node_id=$%s bw=1000" % t["fingerprint"] for t in routers]
        write_file(path, "\n".join(lines) + "\n", 0o644)
        return path

    def _collect_keys(self, gencert, listfp, cache):
        for a, p in gencert:
            out, _ = p.communicate(input=b"\n", timeout=120)
            if p.returncode != 0:
                raise LabError("tor-gencert for %s failed: %s" % (a["nickname"], out.decode("utf-8", "replace")[-600:]))
            with open(os.path.join(a["data_dir"], "keys", "authority_certificate")) as f:
                for ln in f:
                    if ln.startswith("fingerprint "):
                        a["v3ident"] = ln.split()[1].strip().upper()
            if not a.get("v3ident"):
                raise LabError("no fingerprint in %s's authority certificate" % a["nickname"])
            cached = os.path.join(cache, "%s_identity_key" % a["nickname"]) if cache else None
            if cached and not os.path.exists(cached):
                with contextlib.suppress(OSError):
                    with open(os.path.join(a["data_dir"], "keys", "authority_identity_key"), "rb") as f:
                        write_file(cached, f.read(), 0o600)
        for a, p in listfp:
            out, errout = p.communicate(timeout=120)
            if p.returncode != 0:
                raise LabError("tor --list-fingerprint for %s failed: %s"
                               % (a["nickname"], (errout or out).decode("utf-8", "replace")[-600:]))
            fp = None
            for ln in out.decode("utf-8", "replace").splitlines():
                parts = ln.split()
                if len(parts) >= 2 and parts[0] == a["nickname"]:
                    cand = "".join(parts[1:]).upper()
                    if len(cand) == 40 and all(c in "0123456789ABCDEF" for c in cand):
                        fp = cand
            if not fp:
                raise LabError("could not read %s's relay fingerprint" % a["nickname"])
            a["fingerprint"] = fp

    def build(self):
        n_services = self.n_instance + self.n_plain
        n_ports = N_AUTHORITIES * 3 + N_RELAYS * 2 + 2 + n_services * 3
        ports = PortPool(reserve_ports(n_ports, self.labdir))
        self.auth_lines = []
        tors = []
        auths = []
        for i in range(N_AUTHORITIES):
            a = self.make_tor("authority", i, "auth%d" % i, ports)
            a["or_port"] = ports.take()
            a["dir_port"] = ports.take()
            auths.append(a)
        relays = []
        for i in range(N_RELAYS):
            is_exit = i < N_EXITS
            nick = ("exit%d" % i) if is_exit else ("relay%d" % (i - N_EXITS))
            r = self.make_tor("relay", i, nick, ports)
            r["or_port"] = ports.take()
            r["exit"] = is_exit
            relays.append(r)
        self.gen_keys(auths, relays)
        bwfile = self.write_bandwidth_file(auths + relays)
        for a in auths:
            self.auth_lines.append("DirAuthority %s orport=%d no-v2 v3ident=%s 127.0.0.1:%d %s"
                                   % (a["nickname"], a["or_port"], a["v3ident"], a["dir_port"], a["fingerprint"]))
        exits = ["exit%d" % i for i in range(N_EXITS)]
        s = self.sched
        for a in auths:
            lines = self.base_torrc(a) + [
                "AuthoritativeDirectory 1",
                "V3AuthoritativeDirectory 1",
                "ORPort 127.0.0.1:%d" % a["or_port"],
                "DirPort 127.0.0.1:%d" % a["dir_port"],
                "Address 127.0.0.1",
                "AssumeReachable 1",
                "SocksPort 0",
                "ExitPolicy reject *:*",
                "V3AuthVotingInterval %d" % s["voting_interval"],
                "V3AuthVoteDelay %d" % s["vote_delay"],
                "V3AuthDistDelay %d" % s["dist_delay"],
                "TestingV3AuthInitialVotingInterval %d" % s["initial_voting_interval"],
                "TestingV3AuthInitialVoteDelay %d" % s["initial_vote_delay"],
                "TestingV3AuthInitialDistDelay %d" % s["initial_dist_delay"],
                "TestingDirAuthVoteGuard *",
                "TestingDirAuthVoteHSDir *",
                "TestingDirAuthVoteExit %s" % ",".join(exits),
                "TestingMinExitFlagThreshold 0",
                "TestingMinFastFlagThreshold 0",
                "V3BandwidthsFile %s" % bwfile,
            ]
            a["torrc_lines"] = lines
            tors.append(a)
        for r in relays:
            lines = self.base_torrc(r) + [
                "ORPort 127.0.0.1:%d" % r["or_port"],
                "Address 127.0.0.1",
                "AssumeReachable 1",
                "SocksPort 0",
            ]
            if r["exit"]:
                lines += ["ExitRelay 1", "ExitPolicy accept 127.0.0.0/8:*", "ExitPolicy reject *:*"]
            else:
                lines += ["ExitRelay 0", "ExitPolicy reject *:*"]
            r["torrc_lines"] = lines
            tors.append(r)
        c = self.make_tor("client", 0, "client0", ports)
        c["socks_port"] = ports.take()
        c["log_info"] = os.path.join(c["data_dir"], "info.log")
        # ExtendedErrors: onion failures answer 0xF0-0xF7 instead of 0x04.
        c["torrc_lines"] = self.base_torrc(c) + ["SocksPort 127.0.0.1:%d ExtendedErrors" % c["socks_port"]]
        tors.append(c)

        wrong_master = onion_address(ED25519_BASEPOINT)
        if self.master and wrong_master == self.master[2]:
            wrong_master = onion_address(KNOWN_OTHER_PUBKEY)
        for i in range(n_services):
            t = self.make_tor("service", i, "node%d" % i, ports)
            t["metrics_port"] = ports.take()
            t["backend_port"] = ports.take()
            t["log_info"] = os.path.join(t["data_dir"], "info.log")
            opts = self.node_opts.get(i, [])
            shared = self.master is not None and i < self.n_instance and "own-key" not in opts
            t["node_options"] = opts
            t["mode"] = "instance" if shared and "no-instance" not in opts else ("shared-key" if shared else "plain")
            hs = os.path.join(t["data_dir"], "hs")
            mkdir_private(hs)
            t["hs_dir"] = hs
            t["onion_address"] = None
            t["ob_master_address"] = None
            publish = True
            extra = []
            if shared:
                sk, pk, addr = self.master
                write_file(os.path.join(hs, "hs_ed25519_secret_key"), sk, 0o600)
                write_file(os.path.join(hs, "hs_ed25519_public_key"), pk, 0o600)
                write_file(os.path.join(hs, "hostname"), addr + "\n", 0o600)
                publish = "publish" in opts
                if "no-instance" not in opts:
                    extra.append("HiddenServiceOnionbalanceInstance 1")
                    if "no-ob-config" not in opts:
                        m = wrong_master if "wrong-ob-config" in opts else addr
                        write_file(os.path.join(hs, "ob_config"), "MasterOnionAddress %s\n" % m, 0o600)
                        t["ob_master_address"] = m
            t["publish_descriptors"] = publish
            www = os.path.join(t["data_dir"], "www")
            os.makedirs(www, exist_ok=True)
            write_file(os.path.join(www, "index.html"), "node-%d\n" % i, 0o644)
            t["backend_root"] = www
            t["backend_log"] = os.path.join(t["data_dir"], "backend.log")
            t["backend_pid"] = None
            lines = self.base_torrc(t) + [
                "SocksPort 0",
                "MetricsPort 127.0.0.1:%d" % t["metrics_port"],
                "MetricsPortPolicy accept 127.0.0.1",
                "PublishHidServDescriptors %d" % (1 if publish else 0),
                "HiddenServiceDir %s" % hs,
                "HiddenServiceVersion 3",
                "HiddenServicePort 80 127.0.0.1:%d" % t["backend_port"],
            ] + extra
            t["torrc_lines"] = lines
            tors.append(t)

        for t in tors:
            write_file(t["torrc"], "\n".join(t.pop("torrc_lines")) + "\n", 0o600)
        lab = {
            "schema": SCHEMA_VERSION,
            "dir": self.labdir,
            "state": "starting",
            "created": now_iso(),
            "tor_version": tor_version(),
            "python": sys.executable,
            "ready_seconds": None,
            "master_onion_address": self.master[2] if self.master else None,
            "client_socks_port": c["socks_port"],
            "client_control_port": c["control_port"],
            "tors": tors,
        }
        lab.update(self.sched)
        return lab


def start_backend(t, labdir):
    logf = open(t["backend_log"], "ab")
    try:
        p = subprocess.Popen([sys.executable, "-m", "http.server", "--bind", "127.0.0.1",
                              "--directory", t["backend_root"], str(t["backend_port"])],
                             stdin=subprocess.DEVNULL, stdout=logf, stderr=subprocess.STDOUT,
                             start_new_session=True, cwd=t["data_dir"])
    finally:
        logf.close()
    t["backend_pid"] = p.pid
    return p


def launch_tors(tors):
    """Start tors (RunAsDaemon: the launcher exits once tor runs); fill pids."""
    launched = []
    for t in tors:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(t["pid_file"])
        logf = open(t["launch_log"], "ab")
        try:
            p = subprocess.Popen(["tor", "-f", t["torrc"], "--defaults-torrc", os.path.join(os.path.dirname(t["data_dir"]), "empty-torrc")],
                                 stdin=subprocess.DEVNULL, stdout=logf, stderr=subprocess.STDOUT,
                                 start_new_session=True)
        finally:
            logf.close()
        launched.append((t, p))
    errors = []
    for t, p in launched:
        try:
            rc = p.wait(timeout=90)
        except subprocess.TimeoutExpired:
            rc = None
        if rc != 0:
            errors.append("%s (exit %s): %s" % (t["nickname"], rc, tail(t["launch_log"], 8)))
            continue
        deadline = time.time() + 10
        pid = 0
        while time.time() < deadline:
            pid = read_pid_file(t["pid_file"])
            if pid:
                break
            time.sleep(0.05)
        if not pid:
            errors.append("%s: no pid file %s" % (t["nickname"], t["pid_file"]))
        t["pid"] = pid or None
        t["launched"] = True
        t["launched_at"] = time.time()
    return errors


def fill_runtime_info(lab, tors=None, timeout=20.0):
    """Fingerprints of relays, onion addresses of services (files tor writes)."""
    deadline = time.time() + timeout
    pending = [t for t in (lab["tors"] if tors is None else tors) if t["role"] in ("relay", "authority", "service")]
    while pending and time.time() < deadline:
        rest = []
        for t in pending:
            if t["role"] == "service":
                try:
                    with open(os.path.join(t["hs_dir"], "hostname")) as f:
                        t["onion_address"] = f.read().strip() or None
                except OSError:
                    pass
                if not t["onion_address"]:
                    rest.append(t)
                continue
            try:
                with open(os.path.join(t["data_dir"], "fingerprint")) as f:
                    t["fingerprint"] = f.read().split()[1].upper()
                with contextlib.suppress(OSError, IndexError):
                    with open(os.path.join(t["data_dir"], "fingerprint-ed25519")) as f:
                        t["ed25519_id"] = f.read().split()[1]
            except (OSError, IndexError):
                rest.append(t)
        pending = rest
        if pending:
            time.sleep(0.1)
    return [t["nickname"] for t in pending]


def check_dead(lab):
    dead = []
    for t in lab["tors"]:
        if t.get("stopped") or not t.get("launched"):
            continue
        if not pid_alive(t.get("pid") or 0):
            dead.append("%s died: %s" % (t["nickname"], tail(t["log_notice"], 6)))
        if t["role"] == "service" and t.get("backend_pid") and not pid_alive(t["backend_pid"]):
            dead.append("%s backend died: %s" % (t["nickname"], tail(t["backend_log"], 6)))
    return dead


def log_bootstrap_percent(path):
    """Highest "Bootstrapped N%" in a notice log (0 if none)."""
    best = 0
    try:
        with open(path, "rb") as f:
            for ln in f:
                i = ln.find(b"Bootstrapped ")
                if i >= 0:
                    num = ln[i + 13:].split(b"%", 1)[0]
                    if num.isdigit():
                        best = max(best, int(num))
    except OSError:
        pass
    return best


def authority_consensus_mtime(lab):
    best = 0.0
    for a in tor_by_role(lab, "authority"):
        with contextlib.suppress(OSError):
            best = max(best, os.stat(os.path.join(a["data_dir"], "cached-microdesc-consensus")).st_mtime)
    return best


def nudge_waiting_tors(lab, roles=("client", "service")):
    """A new consensus was published: tell clients and services still waiting
    for one (below 40 %, so no onion-service descriptor exists yet; started
    more than 5 s ago, e.g. after `up --no-wait`) to fetch it now. SIGHUP
    resets tor's exponential download back-off (main.c: do_hup), which
    otherwise leaves a client idle for 10-20 s after the first consensus."""
    nudged = []
    for t in lab["tors"]:
        # Relays fetch on their own; nothing here needs them to hold a
        # consensus (and a reload on a busy relay buys nothing).
        if t["role"] not in roles or t.get("stopped"):
            continue
        pid = t.get("pid") or 0
        if time.time() - t.get("launched_at", 0) < 5:
            continue  # just started: it is fetching this consensus anyway
        if log_bootstrap_percent(t["log_notice"]) < 40 and pid_is_ours(pid, lab["dir"]):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGHUP)
                nudged.append(t["nickname"])
    return nudged


def wait_authority_consensus(lab, timeout, t0, verbose=True):
    """Until an authority has published a consensus listing every router with
    Running + HSDir (read from its cached-microdesc-consensus)."""
    routers = {t["fingerprint"]: t["nickname"] for t in lab["tors"]
               if t["role"] in ("relay", "authority") and t.get("fingerprint")}
    deadline = time.time() + timeout
    seen = 0.0
    missing = sorted(routers.values())
    last_report = 0.0
    while True:
        _reap_children()
        dead = check_dead(lab)
        if dead:
            raise LabError("lab process died while waiting:\n" + "\n".join(dead))
        mtime = authority_consensus_mtime(lab)
        if mtime > seen:
            seen = mtime
            best = None
            for a in tor_by_role(lab, "authority"):
                try:
                    with open(os.path.join(a["data_dir"], "cached-microdesc-consensus")) as f:
                        flags = parse_consensus_flags(f.read().splitlines())
                except OSError:
                    continue
                m = missing_routers(flags, routers)
                if best is None or len(m) < len(best):
                    best = m
            if best is not None:
                missing = best
                if verbose:
                    log("consensus published at %.1f s: %s" % (time.time() - t0,
                        "complete" if not missing else "missing " + ",".join(missing)))
                if not missing:
                    return time.time() - t0
                # Relays still waiting for their first consensus sit in tor's
                # download back-off; have them fetch this one now.
                nudge_waiting_tors(lab, roles=("relay",))
        now = time.time()
        if now > deadline:
            raise LabError("no complete consensus after %.0f s (missing Running+HSDir: %s)"
                           % (timeout, ",".join(missing)))
        if verbose and now - last_report > 10:
            last_report = now
            log("waiting for the authorities (%.0f s)" % (now - t0))
        time.sleep(0.25)


def wait_relays_dirinfo(lab, t0, limit=20.0, verbose=True):
    """After the first complete consensus: until every relay and authority
    holds it with its microdescriptors (>= 75 %), so a client started next
    fetches its directory info from any of them at once. A client started
    earlier asks a relay that has nothing yet and backs off for 10-40 s."""
    nudge_waiting_tors(lab, roles=("relay",))
    deadline = time.time() + limit
    routers = [t for t in lab["tors"] if t["role"] in ("relay", "authority")]
    while time.time() < deadline:
        lagging = [t["nickname"] for t in routers if log_bootstrap_percent(t["log_notice"]) < 75]
        if not lagging:
            if verbose:
                log("relays hold the consensus at %.1f s" % (time.time() - t0))
            return True
        time.sleep(0.25)
    if verbose:
        log("relays still without directory info after %.0f s: %s; starting the clients anyway"
            % (limit, ",".join(lagging)))
    return False


def wait_ready(lab, timeout, t0, verbose=True):
    """Until the client's consensus lists every relay/authority with Running and
    HSDir and the client is bootstrapped to 100 %."""
    client = tor_by_role(lab, "client")[0]
    relays = {t["fingerprint"]: t["nickname"] for t in lab["tors"]
              if t["role"] in ("relay", "authority") and t.get("fingerprint")}
    deadline = time.time() + timeout
    ctl = None
    last_report = 0.0
    missing_desc = "no answer from the client yet"
    progress = 0
    consensus_at = None
    published = authority_consensus_mtime(lab)
    try:
        while True:
            _reap_children()
            mtime = authority_consensus_mtime(lab)
            if mtime > published:
                published = mtime
                nudged = nudge_waiting_tors(lab)
                if verbose:
                    log("consensus published at %.1f s%s" % (time.time() - t0,
                        ("; nudged " + ",".join(nudged)) if nudged else ""))
            dead = check_dead(lab)
            if dead:
                raise LabError("lab process died while waiting:\n" + "\n".join(dead))
            try:
                if ctl is None and os.path.exists(client["cookie_path"]):
                    ctl = Control(client["control_port"], client["cookie_path"])
                if ctl is not None:
                    progress = bootstrap_progress(ctl)
                    flags = consensus_flags(ctl)
                    missing = missing_routers(flags, relays)
                    if not missing and consensus_at is None:
                        consensus_at = time.time() - t0
                    missing_desc = ("not yet Running+HSDir: %s" % ",".join(sorted(missing))) if missing else "consensus complete"
                    if not missing and progress >= 100:
                        return consensus_at
            except (OSError, LabError) as e:
                if ctl is not None:
                    ctl.close()
                ctl = None
                missing_desc = "client control port: %s" % e
            now = time.time()
            if now > deadline:
                raise LabError("lab not ready after %.0f s: bootstrap %d %%, %s" % (timeout, progress, missing_desc))
            if verbose and now - last_report > 10:
                last_report = now
                log("waiting (%.0f s): bootstrap %d %%, %s" % (now - t0, progress, missing_desc))
            time.sleep(0.5)
    finally:
        if ctl is not None:
            ctl.close()


def lab_pids(lab):
    pids = []
    for t in lab.get("tors", []):
        for p in (t.get("pid"), read_pid_file(t["pid_file"]) if t.get("pid_file") else 0, t.get("backend_pid")):
            if p:
                pids.append(int(p))
    if lab.get("watchdog_pid"):
        pids.append(int(lab["watchdog_pid"]))
    return pids


def start_watchdog(lab, owner_pid):
    """A detached process that runs `down --keep-logs` when the owner (a test
    process) dies without stopping the lab: lab processes never outlive it."""
    start = proc_start_time(owner_pid)
    if start is None:
        raise LabError("--owner-pid %d is not a running process" % owner_pid)
    logpath = os.path.join(lab["dir"], "watchdog.log")
    logf = open(logpath, "ab")
    try:
        p = subprocess.Popen([sys.executable, os.path.realpath(__file__), "watchdog", "--dir", lab["dir"],
                              "--owner-pid", str(owner_pid), "--owner-start", str(start)],
                             stdin=subprocess.DEVNULL, stdout=logf, stderr=subprocess.STDOUT,
                             start_new_session=True, cwd=lab["dir"])
    finally:
        logf.close()
    lab["watchdog_pid"] = p.pid
    lab["owner_pid"] = owner_pid


def cmd_watchdog(args):
    labdir = os.path.realpath(args.dir)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    while True:
        time.sleep(0.5)
        try:
            with open(lab_json_path(labdir)) as f:
                lab = json.load(f)
        except (OSError, ValueError):
            return 0  # lab removed
        if lab.get("state") == "down":
            return 0
        if proc_start_time(args.owner_pid) != args.owner_start:
            log("%s owner pid %d is gone; stopping the lab (logs kept)" % (now_iso(), args.owner_pid))
            left = stop_pids(lab_pids(lab), labdir)
            release_ports(labdir)
            with contextlib.suppress(Exception):
                lab["state"] = "down"
                lab["stopped_by"] = "watchdog"
                save_lab(lab)
            return 1 if left else 0


# --------------------------------------------------------------------------
# commands

def _terminate(signum, _frame):
    raise LabError("terminated by signal %d" % signum)


def cmd_up(args):
    t0 = time.time()
    # A caller that gives up on us (timeout) sends SIGTERM: clean up as on
    # any other failure instead of leaving half a lab running.
    signal.signal(signal.SIGTERM, _terminate)
    b = Builder(args)
    b.prepare_dir()
    lab = None
    try:
        with flocked(os.path.join(b.labdir, "lab.lock")):
            lab = b.build()
            if args.owner_pid:
                start_watchdog(lab, args.owner_pid)
            save_lab(lab)  # record early: a failed start can still be cleaned up
            keys_done = time.time() - t0
            for t in tor_by_role(lab, "service"):
                start_backend(t, b.labdir)
            save_lab(lab)
        # Without --no-wait, clients and services start only once the
        # authorities have published a complete consensus: they bootstrap in
        # seconds instead of sitting in tor's download back-off (10-40 s) or
        # on an incomplete first consensus until it expires.
        network = [t for t in lab["tors"] if t["role"] in ("authority", "relay")]
        edge = [t for t in lab["tors"] if t["role"] not in ("authority", "relay")]
        stages = [lab["tors"]] if args.no_wait else [network, edge]
        consensus_at = None
        for n, stage in enumerate(stages):
            if n == 1:
                consensus_at = wait_authority_consensus(lab, args.timeout, t0)
                wait_relays_dirinfo(lab, t0)
            with flocked(os.path.join(b.labdir, "lab.lock")):
                errors = launch_tors(stage)
                save_lab(lab)
                if errors:
                    raise LabError("tor failed to start:\n" + "\n".join(errors))
                missing = fill_runtime_info(lab, stage)
                if missing:
                    raise LabError("no fingerprint/hostname from: %s" % ", ".join(missing))
                save_lab(lab)
            if n == 0:
                log("%d tor processes started in %.1f s (keys %.1f s)" % (len(stage), time.time() - t0, keys_done))
        if not args.no_wait:
            remaining = max(10.0, args.timeout - (time.time() - t0))
            wait_ready(lab, remaining, t0)
            elapsed = time.time() - t0
            with flocked(os.path.join(b.labdir, "lab.lock")):
                lab = load_lab(b.labdir)
                lab["state"] = "up"
                lab["ready_seconds"] = round(elapsed, 1)
                lab["consensus_seconds"] = round(consensus_at, 1) if consensus_at else None
                save_lab(lab)
            print("lab ready in %.1f s (complete consensus at %.1f s): %s" % (elapsed, consensus_at or elapsed,
                                                                               lab_json_path(b.labdir)))
        else:
            with flocked(os.path.join(b.labdir, "lab.lock")):
                lab["state"] = "started"
                save_lab(lab)
            print("lab started in %.1f s (not waiting for the consensus): %s" % (time.time() - t0,
                                                                                 lab_json_path(b.labdir)))
        return 0
    except BaseException as e:
        if lab is None:
            # Nothing was started yet (key generation or option checks failed).
            shutil.rmtree(b.labdir, ignore_errors=True)
        if lab is not None:
            with contextlib.suppress(Exception):
                lab["state"] = "failed"
                save_lab(lab)
            log("start failed; stopping the lab's processes (logs kept in %s)" % b.labdir)
            stop_pids(lab_pids(lab), b.labdir)
        if isinstance(e, LabError):
            raise
        if isinstance(e, KeyboardInterrupt):
            raise LabError("interrupted")
        raise


def cmd_wait(args):
    labdir = os.path.realpath(args.dir)
    lab = load_lab(labdir)
    t0 = time.time()
    consensus_at = wait_ready(lab, args.timeout, t0)
    with flocked(os.path.join(labdir, "lab.lock")):
        lab = load_lab(labdir)
        lab["state"] = "up"
        save_lab(lab)
    print("lab ready after %.1f s of waiting (consensus complete at %.1f s)" % (time.time() - t0, consensus_at or 0))
    return 0


def cmd_status(args):
    labdir = os.path.realpath(args.dir)
    lab = load_lab(labdir)
    for t in lab["tors"]:
        t["alive"] = pid_is_ours(t.get("pid") or 0, labdir)
        if t["role"] == "service":
            t["backend_alive"] = pid_is_ours(t.get("backend_pid") or 0, labdir)
    if args.json:
        print(json.dumps(lab, indent=2, sort_keys=True))
        return 0
    print("lab %s  state=%s  voting-interval=%ss  client socks 127.0.0.1:%s  ready=%ss"
          % (labdir, lab.get("state"), lab.get("voting_interval"), lab.get("client_socks_port"),
             lab.get("ready_seconds")))
    if lab.get("master_onion_address"):
        print("master %s" % lab["master_onion_address"])
    print("%-8s %-10s %-7s %-5s %-6s %-6s %-6s %-6s %s" % ("name", "role", "pid", "alive", "ctrl", "or", "dir",
                                                           "socks", "fingerprint / onion"))
    for t in lab["tors"]:
        ident = t.get("fingerprint") or ""
        if t["role"] == "service":
            ident = "%s [%s] backend :%s %s" % (t.get("onion_address"), t.get("mode"), t.get("backend_port"),
                                                "up" if t.get("backend_alive") else "DOWN")
        print("%-8s %-10s %-7s %-5s %-6s %-6s %-6s %-6s %s" % (
            t["nickname"], t["role"] + ("/exit" if t.get("exit") else ""), t.get("pid") or "-",
            "yes" if t["alive"] else "NO", t.get("control_port") or "-", t.get("or_port") or "-",
            t.get("dir_port") or "-", t.get("socks_port") or "-", ident))
    return 0


def cmd_down(args):
    labdir = os.path.realpath(args.dir)
    if not os.path.exists(lab_json_path(labdir)):
        if os.path.isdir(labdir):
            raise LabError("%s has no lab.json; not touching it" % labdir)
        print("no lab at %s" % labdir)
        return 0
    lab = load_lab(labdir)
    left = stop_pids(lab_pids(lab), labdir)
    if left:
        raise LabError("processes still alive after SIGKILL: %s" % " ".join(map(str, left)))
    release_ports(labdir)
    if args.keep_logs:
        with contextlib.suppress(Exception):
            lab["state"] = "down"
            save_lab(lab)
        print("lab stopped; logs kept in %s" % labdir)
    else:
        shutil.rmtree(labdir, ignore_errors=True)
        print("lab stopped and %s removed" % labdir)
    return 0


def find_service(lab, i):
    for t in lab["tors"]:
        if t["role"] == "service" and t["index"] == i:
            return t
    raise LabError("no service node %d in this lab" % i)


def cmd_node_stop(args):
    labdir = os.path.realpath(args.dir)
    with flocked(os.path.join(labdir, "lab.lock")):
        lab = load_lab(labdir)
        t = find_service(lab, args.node)
        pids = [p for p in (t.get("pid"), read_pid_file(t["pid_file"])) if p]
        left = stop_pids(pids, labdir)
        if left:
            raise LabError("node%d's tor (pid %s) did not stop" % (args.node, left))
        t["stopped"] = True
        t["pid"] = None
        save_lab(lab)
    print("node%d stopped" % args.node)
    return 0


def cmd_node_start(args):
    labdir = os.path.realpath(args.dir)
    with flocked(os.path.join(labdir, "lab.lock")):
        lab = load_lab(labdir)
        t = find_service(lab, args.node)
        if pid_is_ours(t.get("pid") or 0, labdir):
            print("node%d already running (pid %d)" % (args.node, t["pid"]))
            return 0
        errors = launch_tors([t])
        if errors:
            save_lab(lab)
            raise LabError("node%d failed to start: %s" % (args.node, "\n".join(errors)))
        t.pop("stopped", None)
        if not pid_is_ours(t.get("backend_pid") or 0, labdir):
            start_backend(t, labdir)
        save_lab(lab)
    print("node%d started (pid %d)" % (args.node, t["pid"]))
    return 0


def main(argv):
    ap = argparse.ArgumentParser(prog="labnet.py", description="Private Tor network on 127.0.0.1 for tests.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    up = sub.add_parser("up", help="create and start a lab")
    up.add_argument("--dir", required=True)
    up.add_argument("--nodes", type=int, default=2, help="onion-service nodes (default 2)")
    up.add_argument("--plain-nodes", type=int, default=0,
                    help="extra service nodes with their own keys (publishing normally)")
    up.add_argument("--voting-interval", type=int, default=20, help="seconds (default 20, min 10)")
    up.add_argument("--master-key-dir", help="dir with hs_ed25519_secret_key + hs_ed25519_public_key "
                                             "shared by the --nodes service nodes (OB instances, no publishing)")
    up.add_argument("--node-opts", action="append",
                    help="misconfigure a node: i:opt[,i:opt] with opt in %s" % "|".join(NODE_OPTIONS))
    up.add_argument("--no-wait", action="store_true", help="return once every process runs")
    up.add_argument("--timeout", type=float, default=DEFAULT_UP_TIMEOUT, help="readiness timeout (s)")
    up.add_argument("--no-key-cache", action="store_true",
                    help="generate fresh authority identity keys instead of reusing cached ones")
    up.add_argument("--owner-pid", type=int, default=0,
                    help="stop the lab (keeping logs) when this process exits (tests)")
    wd = sub.add_parser("watchdog", help=argparse.SUPPRESS)
    wd.add_argument("--dir", required=True)
    wd.add_argument("--owner-pid", type=int, required=True)
    wd.add_argument("--owner-start", type=int, required=True)
    st = sub.add_parser("status", help="show the lab")
    st.add_argument("--dir", required=True)
    st.add_argument("--json", action="store_true")
    wt = sub.add_parser("wait", help="wait until the lab is ready")
    wt.add_argument("--dir", required=True)
    wt.add_argument("--timeout", type=float, default=DEFAULT_UP_TIMEOUT)
    dn = sub.add_parser("down", help="stop the lab's processes and remove its dir")
    dn.add_argument("--dir", required=True)
    dn.add_argument("--keep-logs", action="store_true")
    ns = sub.add_parser("node-stop", help="stop one service node's tor")
    ns.add_argument("--dir", required=True)
    ns.add_argument("--node", type=int, required=True)
    nst = sub.add_parser("node-start", help="restart one service node's tor")
    nst.add_argument("--dir", required=True)
    nst.add_argument("--node", type=int, required=True)
    args = ap.parse_args(argv)
    handlers = {"up": cmd_up, "status": cmd_status, "wait": cmd_wait, "down": cmd_down,
                "node-stop": cmd_node_stop, "node-start": cmd_node_start, "watchdog": cmd_watchdog}
    try:
        return handlers[args.cmd](args)
    except LabError as e:
        log("error: %s" % e)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
