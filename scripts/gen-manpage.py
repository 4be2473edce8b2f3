#!/usr/bin/env python3
"""Build a man page from a program's own --help output (one source of truth).

usage: gen-manpage.py PROGRAM NAME SECTION VERSION OUT [--recurse]

With --recurse the page also carries `NAME <command> --help` for every command
listed under "Commands:" and `NAME <command> <sub> --help` for every entry
under "Subcommands:".
"""
import os
import re
import subprocess
import sys
import datetime

def run_help(prog, args):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LC_ALL="C.UTF-8", LANG="C.UTF-8")
    p = subprocess.run([prog] + args + ["--help"], capture_output=True, text=True, env=env, timeout=60)
    return (p.stdout or p.stderr).rstrip("\n")

def listed(text, header):
    names, on = [], False
    for line in text.splitlines():
        if line.strip().startswith(header):
            on = True
            continue
        if on:
            m = re.match(r"^  ([a-z][a-z0-9-]*)\s{2,}", line)
            if m:
                names.append(m.group(1))
            elif line.strip() == "" and names:
                break
    return names

def esc(text):
    out = []
    for line in text.splitlines():
        line = line.replace("\\", "\\e")
        if line.startswith((".", "'")):
            line = "\\&" + line
        out.append(line)
    return "\n".join(out)

def main():
    prog, name, section, version, out = sys.argv[1:6]
    recurse = "--recurse" in sys.argv[6:]
    top = run_help(prog, [])
    date = datetime.datetime.utcfromtimestamp(int(os.environ.get("SOURCE_DATE_EPOCH", "0")) or 0).strftime("%Y-%m-%d")
    lines = [f'.TH "{name.upper()}" "{section}" "{date}" "{name} {version}" "RustBalance Console"',
             ".SH NAME",
             f"{name} \\- " + ("command line for RustBalance Console: keys, descriptors, nodes, lab and publisher"
                               if recurse else "desktop console for running one Tor onion address across many tor nodes"),
             ".SH SYNOPSIS", f".B {name}", "[\\fIcommand\\fR] [\\fIoptions\\fR]" if recurse else "[\\fIoptions\\fR]",
             ".SH DESCRIPTION", ".nf", esc(top), ".fi"]
    if recurse:
        lines.append(".SH COMMANDS")
        for cmd in listed(top, "Commands:"):
            text = run_help(prog, [cmd])
            lines += [f".SS {name} {cmd}", ".nf", esc(text), ".fi"]
            for sub in listed(text, "Subcommands:"):
                lines += [f".SS {name} {cmd} {sub}", ".nf", esc(run_help(prog, [cmd, sub])), ".fi"]
    lines += [".SH SECURITY",
              "The master seed is never accepted in a log and should never be passed on a command line;",
              "prefer key files with mode 0600 or the OS keychain.",
              ".SH SEE ALSO", "tor(1), ssh(1)" + (", rustbalance-console(1)" if recurse else ", rbctl(1)"),
              ".PP", "The operator guide: /usr/share/doc/rustbalance-console/OPERATOR-GUIDE.md"]
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")

if __name__ == "__main__":
    main()
