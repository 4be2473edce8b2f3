#!/usr/bin/env python3
"""Unit tests for labnet.py that need no tor: schedule constraints, option
parsing, onion addresses, key-file validation, free ports, safe `down`."""

import json
import os
import socket
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import labnet  # noqa: E402

SCRIPT = os.path.join(HERE, "labnet.py")


def run(*args):
    return subprocess.run([sys.executable, SCRIPT] + list(args), capture_output=True, text=True, timeout=60)


class ScheduleTest(unittest.TestCase):
    def test_default_matches_the_verified_recipe(self):
        s = labnet.voting_schedule(20)
        self.assertEqual((s["voting_interval"], s["vote_delay"], s["dist_delay"]), (20, 4, 4))
        self.assertEqual(s["initial_voting_interval"], 20)

    def test_every_interval_satisfies_tors_checks(self):
        for v in range(10, 601):
            s = labnet.voting_schedule(v)
            # dirauth_config.c: options_validate_dirauth_schedule / _testing
            self.assertLess(s["vote_delay"] + s["dist_delay"], v // 2, v)
            self.assertGreaterEqual(s["vote_delay"], 2)
            self.assertGreaterEqual(s["dist_delay"], 2)
            iv = s["initial_voting_interval"]
            self.assertEqual(1800 % iv, 0, v)
            self.assertGreaterEqual(iv, 5)
            self.assertLess(s["initial_vote_delay"] + s["initial_dist_delay"], iv, v)

    def test_too_small_interval_rejected(self):
        with self.assertRaises(labnet.LabError):
            labnet.voting_schedule(9)


class HelpersTest(unittest.TestCase):
    def test_onion_address_known_answer(self):
        pk = bytes.fromhex("d097996729d66eea1f0c6db7b59b02b9c51f7d15f3b21a62b43242b938e25653")
        self.assertEqual(labnet.onion_address(pk),
                         "2clzszzj2zxouhymnw33lgycxhcr67iv6ozbuyvugjblsohckzjux7yd.onion")

    def test_node_opts(self):
        self.assertEqual(labnet.parse_node_opts(["0:no-instance,2:publish", "2:wrong-ob-config"], 3),
                         {0: ["no-instance"], 2: ["publish", "wrong-ob-config"]})
        for bad in (["3:publish"], ["x:publish"], ["1:bogus"], ["1"]):
            with self.assertRaises(labnet.LabError):
                labnet.parse_node_opts(bad, 3)

    def test_mentions_dir_needs_a_path_boundary(self):
        self.assertTrue(labnet.mentions_dir(["tor", "-f", "/tmp/lab1/auth0/torrc"], "/tmp/lab1"))
        self.assertTrue(labnet.mentions_dir(["x", "/tmp/lab1"], "/tmp/lab1"))
        self.assertFalse(labnet.mentions_dir(["tor", "-f", "/tmp/lab10/auth0/torrc"], "/tmp/lab1"))
        self.assertFalse(labnet.mentions_dir([], "/tmp/lab1"))

    def test_master_key_validation(self):
        with tempfile.TemporaryDirectory() as d:
            with self.assertRaises(labnet.LabError):
                labnet.read_master_keys(d)  # missing
            pk = bytes.fromhex("d097996729d66eea1f0c6db7b59b02b9c51f7d15f3b21a62b43242b938e25653")
            with open(os.path.join(d, "hs_ed25519_secret_key"), "wb") as f:
                f.write(labnet.SECRET_KEY_TAG.ljust(32, b"\0") + b"\1" * 64)
            with open(os.path.join(d, "hs_ed25519_public_key"), "wb") as f:
                f.write(labnet.PUBLIC_KEY_TAG.ljust(32, b"\0") + pk)
            _, _, addr = labnet.read_master_keys(d)
            self.assertEqual(addr, labnet.onion_address(pk))
            with open(os.path.join(d, "hostname"), "w") as f:
                f.write("aaaa.onion\n")
            with self.assertRaises(labnet.LabError):
                labnet.read_master_keys(d)  # hostname disagrees with the key
            os.unlink(os.path.join(d, "hostname"))
            with open(os.path.join(d, "hs_ed25519_secret_key"), "wb") as f:
                f.write(b"\0" * 96)
            with self.assertRaises(labnet.LabError):
                labnet.read_master_keys(d)  # wrong tag


class ParsersTest(unittest.TestCase):
    def test_consensus_flags(self):
        lines = ["ns/all=r auth0 AAECAwQFBgcICQoLDA0ODxAREhM 2026-11-26 00:53:00 127.0.0.1 5000 5001",
                 "s Authority Guard HSDir Running V2Dir Valid",
                 "r exit0 FBUWFxgZGhscHR4fICEiIyQlJic 2026-11-26 00:53:00 127.0.0.1 5002 0",
                 "s Exit Guard Running Valid"]
        flags = labnet.parse_consensus_flags(lines)
        self.assertEqual(flags["000102030405060708090A0B0C0D0E0F10111213"],
                         {"Authority", "Guard", "HSDir", "Running", "V2Dir", "Valid"})
        routers = {"000102030405060708090A0B0C0D0E0F10111213": "auth0",
                   "1415161718191A1B1C1D1E1F2021222324252627": "exit0",
                   "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF": "relay0"}
        self.assertEqual(labnet.missing_routers(flags, routers), ["exit0", "relay0"])

    def test_bootstrap_percent_from_log(self):
        with tempfile.NamedTemporaryFile("w", delete=False) as f:
            f.write("Nov 26 [notice] Bootstrapped 5% (conn): Connecting\n"
                    "Nov 26 [notice] Bootstrapped 75% (enough_dirinfo): Loaded\n"
                    "Nov 26 [notice] Received reload signal (hup).\n")
        try:
            self.assertEqual(labnet.log_bootstrap_percent(f.name), 75)
        finally:
            os.unlink(f.name)
        self.assertEqual(labnet.log_bootstrap_percent("/nonexistent/log"), 0)


class PortsTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.old = (labnet.PORT_REGISTRY, labnet.PORT_REGISTRY_LOCK)
        labnet.PORT_REGISTRY = os.path.join(self.tmp.name, "ports.json")
        labnet.PORT_REGISTRY_LOCK = labnet.PORT_REGISTRY + ".lock"

    def tearDown(self):
        labnet.PORT_REGISTRY, labnet.PORT_REGISTRY_LOCK = self.old
        self.tmp.cleanup()

    def test_ports_are_free_distinct_and_outside_the_ephemeral_range(self):
        a = labnet.reserve_ports(40, "/tmp/lab-a")
        b = labnet.reserve_ports(40, "/tmp/lab-b")
        self.assertEqual(len(set(a + b)), 80)  # the registry keeps concurrent labs apart
        lo, hi = labnet._ephemeral_range()
        for p in a + b:
            self.assertFalse(lo <= p <= hi, p)
            s = socket.socket()
            s.bind(("127.0.0.1", p))  # still free
            s.close()
        with open(labnet.PORT_REGISTRY) as f:
            reg = json.load(f)
        self.assertEqual(len(reg), 80)
        labnet.release_ports("/tmp/lab-a")
        with open(labnet.PORT_REGISTRY) as f:
            reg = json.load(f)
        self.assertEqual(sorted(int(p) for p in reg), sorted(b))

    def test_busy_port_is_skipped(self):
        busy = socket.socket()
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        try:
            self.assertFalse(labnet._port_is_free(busy.getsockname()[1]))
        finally:
            busy.close()


class CliTest(unittest.TestCase):
    def test_up_rejects_bad_options_before_starting_anything(self):
        with tempfile.TemporaryDirectory() as d:
            lab = os.path.join(d, "lab")
            r = run("up", "--dir", lab, "--voting-interval", "5")
            self.assertEqual(r.returncode, 1)
            self.assertIn("voting-interval", r.stderr)
            self.assertFalse(os.path.exists(lab))
            r = run("up", "--dir", lab, "--master-key-dir", d)
            self.assertEqual(r.returncode, 1)
            self.assertIn("hs_ed25519_secret_key", r.stderr)

    def test_down_refuses_a_directory_that_is_not_a_lab(self):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "precious"), "w") as f:
                f.write("x")
            r = run("down", "--dir", d)
            self.assertEqual(r.returncode, 1)
            self.assertTrue(os.path.exists(os.path.join(d, "precious")))
        r = run("down", "--dir", "/nonexistent/rb-lab")
        self.assertEqual(r.returncode, 0)

    def test_down_never_kills_a_process_outside_the_lab(self):
        with tempfile.TemporaryDirectory() as d:
            victim = subprocess.Popen(["sleep", "60"])
            try:
                lab = {"schema": 1, "dir": d, "state": "up",
                       "tors": [{"role": "client", "nickname": "c", "pid": victim.pid,
                                 "pid_file": os.path.join(d, "none.pid")}]}
                with open(os.path.join(d, "lab.json"), "w") as f:
                    json.dump(lab, f)
                r = run("down", "--dir", d, "--keep-logs")
                self.assertEqual(r.returncode, 0, r.stderr)
                self.assertIsNone(victim.poll())  # its cmdline does not name the lab dir
            finally:
                victim.kill()
                victim.wait()

    def test_status_of_missing_lab_fails(self):
        r = run("status", "--dir", "/nonexistent/rb-lab")
        self.assertEqual(r.returncode, 1)
        self.assertIn("lab.json", r.stderr)


if __name__ == "__main__":
    unittest.main()
