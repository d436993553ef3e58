#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Property tests of tools/pvmatrix's KTAP parser (pvmatrixlib/ktap.py), with Hypothesis:
it never crashes or hangs on any text, reads a well-formed report exactly, and never calls
a run a pass when the output is not one (a failed case anywhere, a line lost or doubled,
output cut short). Derandomized: the same examples every run."""
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import taprunner  # noqa: E402
from pvmatrixlib.ktap import parse_ktap  # noqa: E402

try:
    from hypothesis import HealthCheck, given, settings, strategies as st
except ImportError:
    # tools/deps installs Debian's python3-hypothesis; a python3 of its own (pyenv) finds
    # it where Debian puts it. Without it, the case below says so rather than pass.
    sys.path.append("/usr/lib/python3/dist-packages")
    try:
        from hypothesis import HealthCheck, given, settings, strategies as st
    except ImportError:
        st = None

if st is not None:
    # Hypothesis keeps a cache (.hypothesis/) where it runs: in build/, never the checkout.
    from hypothesis.configuration import set_hypothesis_home_dir
    set_hypothesis_home_dir(os.path.join(taprunner.TOP, "build", "hypothesis"))
    SETTINGS = settings(max_examples=300, derandomize=True, deadline=None, database=None,
                        suppress_health_check=list(HealthCheck))
    RESULT = st.sampled_from(["pass", "fail", "skip"])
    NAME = st.from_regex(r"[a-z][a-z0-9_]{0,20}", fullmatch=True)
    SUITE = st.tuples(NAME, st.lists(st.tuples(NAME, RESULT), min_size=1, max_size=6))
    TREE = st.lists(SUITE, min_size=1, max_size=5)


def ktap_pass(k):
    """What the matrix calls a pass (runner.py): started, complete, well-formed, no failure."""
    return k.started and k.complete and not k.errors and k.failed == 0


def render(tree, prefix=""):
    """The report as the guest prints it (nested one level, as KUnit does)."""
    out = [prefix + "KTAP version 1", prefix + "1..%d" % len(tree)]
    for i, (suite, cases) in enumerate(tree, 1):
        out += [prefix + "    KTAP version 1", prefix + "    # Subtest: %s" % suite,
                prefix + "    1..%d" % len(cases)]
        for j, (case, res) in enumerate(cases, 1):
            if res == "skip":
                out.append(prefix + "    ok %d %s # SKIP no reason" % (j, case))
            else:
                out.append(prefix + "    %s %d %s" % ("ok" if res == "pass" else "not ok", j, case))
        bad = any(r == "fail" for _, r in cases)
        out.append(prefix + "%s %d %s" % ("not ok" if bad else "ok", i, suite))
    return out


def counts(tree):
    res = [r for _, cases in tree for _, r in cases]
    return res.count("pass"), res.count("fail"), res.count("skip")


class KtapProperties(unittest.TestCase):
    if st is None:
        def test_hypothesis_missing(self):
            self.skipTest("python3-hypothesis is not installed for %s (tools/deps installs it)"
                          % sys.executable)
    else:
        @SETTINGS
        @given(st.text(max_size=2000))
        def test_any_text_parses_quickly(self, text):
            t0 = time.monotonic()
            k = parse_ktap(text)
            self.assertLess(time.monotonic() - t0, 2.0)
            self.assertGreaterEqual(k.passed + k.failed + k.skipped, 0)

        @SETTINGS
        @given(st.lists(st.sampled_from(["KTAP version 1", "1..3", "    1..2", "ok 1 a", "not ok 1 a",
                                         "    ok 1 b", "    not ok 2 c # SKIP x", "    # Subtest: s",
                                         "ok 2 s", "ok 1 x # TODO", "ok", "not ok x", "  ok 3 y",
                                         "pvguest: result 1 passed", "KTAP version 2",
                                         "        ok 1 deep", "# Subtest: top", "1..0", ""]),
                        max_size=60))
        def test_ktap_shaped_garbage(self, lines):
            parse_ktap("\n".join(lines))

        @SETTINGS
        @given(TREE)
        def test_well_formed_report_read_exactly(self, tree):
            k = parse_ktap("\n".join(render(tree, "(d1) "[:0])))
            self.assertEqual((k.passed, k.failed, k.skipped), counts(tree))
            self.assertEqual(k.errors, [])
            self.assertEqual(ktap_pass(k), counts(tree)[1] == 0)

        @SETTINGS
        @given(TREE, st.data())
        def test_a_lost_or_doubled_line_is_never_a_pass(self, tree, data):
            lines = render(tree)
            i = data.draw(st.integers(min_value=1, max_value=len(lines) - 1))
            lost = data.draw(st.booleans())
            if lost:
                damaged = lines[:i] + lines[i + 1:]	# one line lost
            else:
                damaged = lines[:i + 1] + lines[i:]	# one line doubled
            k = parse_ktap("\n".join(damaged))
            if ktap_pass(k):
                # Only damage that changes no result may still pass, and only in an all-pass
                # report: a version line or subtest header lost or doubled, a plan doubled, a
                # suite's own plan lost (KTAP's nested plans are optional). Never a result line,
                # never the top plan lost.
                line = lines[i]
                self.assertEqual(counts(tree)[1], 0)
                self.assertFalse(line.lstrip().startswith(("ok", "not ok")),
                                 "result line %r %s and still a pass" % (line, "lost" if lost else "doubled"))
                self.assertFalse(lost and line.startswith("1.."), "the top plan lost and still a pass")

        @SETTINGS
        @given(TREE, st.data())
        def test_output_cut_short_is_never_a_pass(self, tree, data):
            lines = render(tree)
            i = data.draw(st.integers(min_value=0, max_value=len(lines) - 1))
            self.assertFalse(ktap_pass(parse_ktap("\n".join(lines[:i]))))

        @SETTINGS
        @given(TREE)
        def test_a_failed_case_anywhere_fails_the_run(self, tree):
            k = parse_ktap("\n".join(render(tree)))
            if counts(tree)[1]:
                self.assertFalse(ktap_pass(k))


if __name__ == "__main__":
    sys.exit(taprunner.run(sys.modules[__name__]))
