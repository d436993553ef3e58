# SPDX-License-Identifier: MIT
"""What the rules of tools/port share: where findings go, and the user's exemptions.

A finding is one line on stderr, which tools/pvops-port reads:
    pvops-port: FILE:LINE: KIND: WHAT: TEXT
KIND is rewrite (the rule changed the code, or would in report mode), note (worth a
look, nothing to do for pvops) or left (privileged, and no rule covers it). A line
holding the marker "pvops-port: raw", or the line before it, is exempt: the bare
instruction on purpose (say why beside the marker).
"""
import os
import sys

MARK = "pvops-port: raw"
_lines = {}


def _source(path):
    if path not in _lines:
        try:
            with open(path, errors="replace") as f:
                _lines[path] = f.read().split("\n")
        except OSError:
            _lines[path] = []
    return _lines[path]


def exempt(pos):
    lines = _source(pos.file)
    n = int(pos.line)
    return any(MARK in lines[i] for i in (n - 2, n - 1) if 0 <= i < len(lines))


def say(pos, kind, what, text):
    f = pos.file
    if os.path.basename(f).startswith("cocci") and os.environ.get("PVOPS_PORT_FILE"):
        f = os.environ["PVOPS_PORT_FILE"]	# a later rule sees Coccinelle's working copy
    sys.stderr.write("pvops-port: %s:%s: %s: %s: %s\n" % (f, pos.line, kind, what, text))


def user_types():
    return [t for t in os.environ.get("PVOPS_PORT_TYPES", "").split(",") if t]


def line_of(pos):
    lines = _source(pos.file)
    n = int(pos.line)
    return lines[n - 1] if 0 < n <= len(lines) else ""


LEFT = "pvops-port: left:"


def marked(pos):
    """A left site already marked by an earlier --apply (the line before holds LEFT)."""
    lines = _source(pos.file)
    n = int(pos.line)
    return any(LEFT in lines[i] for i in (n - 2, n - 1) if 0 <= i < len(lines))
