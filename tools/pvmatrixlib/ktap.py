# SPDX-License-Identifier: MIT
"""KTAP v1: the results a console log holds (leaf tests, suites, where it stopped)."""

import re

# ---------------------------------------------------------------------------------------------
# KTAP v1


class Ktap:
    """Results parsed from a console log: leaf tests only (suite results are not tests)."""

    def __init__(self):
        self.started = False
        self.tests = []          # (suite, name, "pass"|"fail"|"skip", reason)
        self.errors = []         # malformed-KTAP findings
        self.plan = None         # top-level plan
        self.top_results = 0
        self.backend = None
        self.result_line = None  # "pvguest: result ..." when our guest printed it
        # The suite a result line has not closed yet: where an incomplete run stopped.
        self.open_suite = None
        self.open_plan = None
        self.open_last = (0, None)   # (number, name) of its last case result

    def stopped_in(self):
        """Where the output stopped, when a suite was still open: for a note."""
        if self.open_suite is None:
            return None
        num, name = self.open_last
        case = "case %d" % (num + 1)
        if self.open_plan is not None:
            case += " of %d" % self.open_plan
        after = " (after %s)" % name if name else " (the first)"
        return "stopped in suite %s at %s%s" % (self.open_suite, case, after)

    @property
    def passed(self):
        return sum(1 for t in self.tests if t[2] == "pass")

    @property
    def failed(self):
        return sum(1 for t in self.tests if t[2] == "fail")

    @property
    def skipped(self):
        return sum(1 for t in self.tests if t[2] == "skip")

    @property
    def complete(self):
        return self.plan is not None and self.top_results == self.plan


RESULT_RE = re.compile(r"^( *)(not ok|ok) (\d+)(?: -)? ?([^#]*?)\s*(?:#\s*(\S+)\s*(.*))?$")
PLAN_RE = re.compile(r"^( *)1\.\.(\d+)\s*(?:#.*)?$")
SUBTEST_RE = re.compile(r"^( *)# Subtest: (.*)$")
VERSION_RE = re.compile(r"^( *)KTAP version (\d+)\s*$")
BACKEND_RE = re.compile(r"backend=([A-Za-z0-9_-]+)")


def parse_ktap(text):
    k = Ktap()
    levels = {}   # indent -> dict(plan, last, suite, children)
    for raw in text.splitlines():
        line = raw.rstrip("\r")
        if k.backend is None:
            m = BACKEND_RE.search(line)
            if m:
                k.backend = m.group(1)
        if line.startswith("pvguest: result "):
            k.result_line = line
        m = VERSION_RE.match(line)
        if m:
            ind = len(m.group(1))
            if m.group(2) != "1":
                k.errors.append("unsupported KTAP version %s" % m.group(2))
            if ind == 0:
                k.started = True
            levels[ind] = {"plan": None, "last": 0, "suite": levels.get(ind, {}).get("suite"),
                           "children": False}
            continue
        if not k.started:
            continue
        m = SUBTEST_RE.match(line)
        if m:
            ind = len(m.group(1))
            levels.setdefault(ind, {"plan": None, "last": 0, "children": False})
            levels[ind]["suite"] = m.group(2)
            if ind > 0:
                k.open_suite, k.open_plan, k.open_last = m.group(2), None, (0, None)
            continue
        m = PLAN_RE.match(line)
        if m:
            ind = len(m.group(1))
            lv = levels.setdefault(ind, {"plan": None, "last": 0, "children": False,
                                         "suite": None})
            lv["plan"] = int(m.group(2))
            if ind == 0 and k.plan is None:
                k.plan = int(m.group(2))
            if ind > 0 and k.open_suite is not None:
                k.open_plan = int(m.group(2))
            continue
        m = RESULT_RE.match(line)
        if not m:
            if re.match(r"^\s*(not ok|ok)\b", line):
                k.errors.append("malformed result line: %r" % line.strip())
            continue
        ind = len(m.group(1))
        ok = m.group(2) == "ok"
        num = int(m.group(3))
        name = m.group(4).strip()
        directive = (m.group(5) or "").upper()
        reason = (m.group(6) or "").strip()
        lv = levels.setdefault(ind, {"plan": None, "last": 0, "children": False, "suite": None})
        if num != lv["last"] + 1:
            k.errors.append("result %d of %r follows %d" % (num, name, lv["last"]))
        lv["last"] = num
        if ind == 0:
            k.top_results += 1
            k.open_suite = None
        elif k.open_suite is not None:
            k.open_last = (num, name)
        # A result whose deeper level produced results closes a suite: not a test itself.
        # So does one whose deeper level announced a plan, even with no result under it:
        # a suite whose case lines were lost must not pass as a leaf test.
        deeper = [i for i in levels if i > ind]
        is_suite = any(levels[i].get("seen") or levels[i]["plan"] is not None for i in deeper)
        for i in deeper:
            sub = levels[i]
            if sub["plan"] is not None and sub["last"] != sub["plan"]:
                k.errors.append("suite %r planned %d results, had %d"
                                % (name, sub["plan"], sub["last"]))
            del levels[i]
        lv["seen"] = True
        if is_suite:
            continue
        suite = lv.get("suite")
        if directive == "SKIP":
            k.tests.append((suite, name, "skip", reason))
        elif ok:
            k.tests.append((suite, name, "pass", ""))
        else:
            k.tests.append((suite, name, "fail", reason))
    return k
