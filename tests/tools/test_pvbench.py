#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Tests of tools/pvbench: reading the guest's pvbench lines, the ratios and when they are
left out, and the tables and JSON from a (fake) matrix directory. Prints TAP."""

import json
import os
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True   # no __pycache__ in the checkout
import taprunner  # noqa: E402

TOP = taprunner.TOP
pvbench, TOOL = taprunner.load_tool("pvbench")

LOG = """pvguest: entry=pvh backend=native cmdline="bench=1"
    # pvbench: op name=irq.disable form=patched cycles=2.00 iters=4096 runs=7 site=inline:fa0f1f440000
    # pvbench: op name=irq.disable form=unpatched cycles=40.00 iters=4096 runs=7 site=indirect:ff15
    # pvbench: op name=irq.disable form=native cycles=2.50 iters=4096 runs=7 site=bare:fa0f1f440000
(d1)     # pvbench: op name=time.clock_ns form=patched cycles=50.00 iters=1 runs=7 site=call:e8
(d1)     # pvbench: op name=time.clock_ns form=trap cycles=200.00 iters=1 runs=7 site=hpet\r
    # pvbench: op name=apic.eoi form=patched cycles=0.00 iters=8 runs=7 site=nop:66
    # pvbench: op name=apic.eoi form=unpatched cycles=27.00 iters=8 runs=7 site=indirect:ff15
    # pvbench: op name=mmu.read_cr2 form=native skip=xen-pv-kernel-runs-in-ring-3
    # pvbench: op name=mmu.read_cr2 form=patched cycles=30.00 iters=8 runs=7 site=call:e8
    # pvbench: work name=pt_churn mode=lazy units=256 cycles=11765.40 hypercalls=0.07 unit=page
    # pvbench: boot detect_cycles=10 init_cycles=20 patch_cycles=30 sites=351 patched=339 indirect=12
    # pvbench: boot tsc_ppm=249 tsc_source="PIT calibration"
    # a comment that is not ours: pvbench op name=x
"""


class Parse(unittest.TestCase):
    def setUp(self):
        self.r = pvbench.parse_log(LOG)

    def test_ops_and_forms(self):
        self.assertEqual(sorted(self.r["ops"]["irq.disable"]), ["native", "patched", "unpatched"])
        self.assertEqual(self.r["ops"]["irq.disable"]["patched"]["cycles"], 2.0)
        self.assertEqual(self.r["ops"]["irq.disable"]["patched"]["iters"], 4096)

    def test_domu_prefix_and_cr(self):
        self.assertEqual(self.r["ops"]["time.clock_ns"]["trap"]["site"], "hpet")

    def test_skip_row(self):
        self.assertEqual(self.r["ops"]["mmu.read_cr2"]["native"]["skip"],
                         "xen-pv-kernel-runs-in-ring-3")

    def test_work_and_boot(self):
        self.assertEqual(self.r["work"][0]["hypercalls"], 0.07)
        self.assertEqual(self.r["boot"]["patched"], 339)
        self.assertEqual(self.r["boot"]["tsc_source"], "PIT calibration")
        self.assertEqual(self.r["boot"]["tsc_ppm"], 249)

    def test_foreign_lines_ignored(self):
        self.assertNotIn("x", self.r["ops"])


class Ratios(unittest.TestCase):
    def setUp(self):
        self.ops = pvbench.parse_log(LOG)["ops"]

    def test_values(self):
        self.assertAlmostEqual(pvbench.ratio(self.ops["irq.disable"], "patched", "native")[0], 0.8)
        self.assertAlmostEqual(pvbench.ratio(self.ops["irq.disable"], "unpatched", "patched")[0],
                               20.0)
        self.assertAlmostEqual(pvbench.ratio(self.ops["time.clock_ns"], "patched", "trap")[0], 0.25)

    def test_under_one_cycle_left_out(self):
        v, why = pvbench.ratio(self.ops["apic.eoi"], "unpatched", "patched")
        self.assertIsNone(v)
        self.assertIn("< 1 cycle", why)

    def test_skip_carries_reason(self):
        v, why = pvbench.ratio(self.ops["mmu.read_cr2"], "patched", "native")
        self.assertIsNone(v)
        self.assertIn("xen-pv-kernel-runs-in-ring-3", why)

    def test_missing_form(self):
        self.assertEqual(pvbench.ratio(self.ops["apic.eoi"], "patched", "trap"), (None, "-"))


class Tables(unittest.TestCase):
    def test_from_matrix(self):
        with tempfile.TemporaryDirectory() as d:
            log = os.path.join(d, "e1.log")
            with open(log, "w") as f:
                f.write(LOG)
            summary = {"environments": [
                {"name": "e1", "description": "one", "status": "PASS", "note": "ok",
                 "backend": "native", "passed": 19, "failed": 0, "skipped": 0, "log": log},
                {"name": "e2", "description": "two", "status": "SKIP", "note": "no KVM",
                 "backend": None, "passed": 0, "failed": 0, "skipped": 0, "log": ""}]}
            with open(os.path.join(d, "summary.json"), "w") as f:
                json.dump(summary, f)
            envs = pvbench.collect(d)
            self.assertEqual(envs[0]["ops"]["irq.disable"]["ratios"]["patched/native"], 0.8)
            self.assertIsNone(envs[0]["ops"]["apic.eoi"]["ratios"]["unpatched/patched"])
            md = pvbench.md_tables(envs, {"kvm_module": "kvm_amd", "xen": "x", "commit": "c",
                                          "date": "d"}, "make bench")
            self.assertIn("| irq.disable | 0.80 |", md)
            self.assertIn("| irq.disable | 20.00 |", md)
            self.assertIn("| time.clock_ns | 0.25 |", md)
            self.assertIn("e2 (SKIP: no KVM)", md)
            self.assertIn("| e1 | native | 10 | 20 |  | 30 |  | 339 | 12 |  |  | PIT calibration (+/-249 ppm) |",
                      md)
            self.assertIn("| pt_churn lazy | 11765 (0.07) |", md)

    def test_main_writes_files(self):
        with tempfile.TemporaryDirectory() as d:
            log = os.path.join(d, "e1.log")
            with open(log, "w") as f:
                f.write(LOG)
            with open(os.path.join(d, "summary.json"), "w") as f:
                json.dump({"environments": [
                    {"name": "e1", "description": "", "status": "FAIL", "note": "x",
                     "backend": "native", "passed": 1, "failed": 1, "skipped": 0,
                     "log": log}]}, f)
            out = os.path.join(d, "out")
            with open(os.devnull, "w") as null:
                old, sys.stdout = sys.stdout, null
                try:
                    rc = pvbench.main(["--from-matrix", d, "-o", out])
                finally:
                    sys.stdout = old
            self.assertEqual(rc, 1, "a failing environment fails the bench")
            with open(os.path.join(out, "bench.json")) as f:
                j = json.load(f)
            self.assertEqual(j["environments"][0]["name"], "e1")
            self.assertTrue(os.path.exists(os.path.join(out, "bench.md")))
            if j["plot_skipped"] is None:
                for p in j["plots"]:
                    self.assertGreater(os.path.getsize(p), 1000)


if __name__ == "__main__":
    sys.exit(taprunner.run(sys.modules[__name__]))
