#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Tests of tools/pvmatrix: the KTAP parser, and the tool run against fake environments
whose "VMs" are shell commands writing a console log (hangs, crashes, bad KTAP, ...).
Prints TAP. (Longer than most files, ~500 lines: one test per behaviour of one tool.)"""

import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True   # no __pycache__ in the checkout
import taprunner  # noqa: E402

TOP = taprunner.TOP
pvmatrix, TOOL = taprunner.load_tool("pvmatrix")

GOOD_KTAP = r"""noise before
pvguest: entry=pvh backend=native cmdline=""
KTAP version 1
1..2
    KTAP version 1
    # Subtest: alpha
    1..3
    ok 1 first
    not ok 2 second
    ok 3 third # SKIP no device
not ok 1 alpha
    KTAP version 1
    # Subtest: beta
    1..1
    ok 1 only
ok 2 beta
pvguest: result 3 passed, 1 failed, 1 skipped
"""


# The fake VMs sleep this long (seconds, plus a small number per test): unique to this test
# process, so that a fake VM another run left behind is never taken for one of ours.
SLEEP_BASE = 100000 + os.getpid() % 100000


def sigint_default():
    """In the tool's process: Ctrl-C as a terminal delivers it, even where this test runs with
    SIGINT ignored (a background job of a non-interactive shell: nohup make check &), which
    the tool would inherit and rightly keep."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def fake_env(directory, name, command, **keys):
    lines = ["[env]", "description = fake %s" % name, "command = %s" % command]
    keys.setdefault("timeout", "20")
    for k, v in keys.items():
        lines.append("%s = %s" % (k, v))
    with open(os.path.join(directory, name + ".env"), "w") as f:
        f.write("\n".join(lines) + "\n")


def ktap_cmd(text, rc, then=""):
    """A fake VM: write text to the console log, then exit with rc (or run `then`)."""
    body = text.replace("\\", "\\\\").replace("'", "'\"'\"'").replace("\n", "\\n")
    tail = then if then else "exit %d" % rc
    return "sh -c 'printf \"%%b\" \"%s\" > \"$1\"; %s' sh {log}" % (body, tail)


class KtapParser(unittest.TestCase):
    def test_nested_counts(self):
        k = pvmatrix.parse_ktap(GOOD_KTAP)
        self.assertEqual((k.passed, k.failed, k.skipped), (2, 1, 1))
        self.assertTrue(k.complete)
        self.assertEqual(k.backend, "native")
        self.assertEqual(k.errors, [])
        self.assertIn(("alpha", "third", "skip", "no device"), k.tests)
        self.assertIn(("beta", "only", "pass", ""), k.tests)

    def test_incomplete(self):
        k = pvmatrix.parse_ktap(GOOD_KTAP.split("ok 2 beta")[0])
        self.assertFalse(k.complete)

    def test_out_of_sequence_is_malformed(self):
        k = pvmatrix.parse_ktap("KTAP version 1\n1..2\nok 1 a\nok 3 b\n")
        self.assertTrue(any("follows" in e for e in k.errors), k.errors)

    def test_suite_plan_mismatch_is_malformed(self):
        text = "KTAP version 1\n1..1\n    KTAP version 1\n    1..3\n    ok 1 x\nok 1 s\n"
        k = pvmatrix.parse_ktap(text)
        self.assertTrue(any("planned 3" in e for e in k.errors), k.errors)

    def test_results_before_version_ignored(self):
        k = pvmatrix.parse_ktap("ok 1 stray\nKTAP version 1\n1..1\nok 1 real\n")
        self.assertEqual([t[1] for t in k.tests], ["real"])

    def test_crlf(self):
        k = pvmatrix.parse_ktap(GOOD_KTAP.replace("\n", "\r\n"))
        self.assertEqual((k.passed, k.failed, k.skipped), (2, 1, 1))


class XlDom0(unittest.TestCase):
    """prepare = xl-dom0's pure parts: the domU's xl config and the run's initramfs."""

    def test_xl_config_escapes_the_command_line(self):
        from pvmatrixlib import xldom0
        cfg = xldom0.xl_config('vcpus = {cpus}\ncmdline = "{append}"',
                               {"cpus": 2, "append": 'a="b c" d\\e'})
        self.assertEqual(cfg, 'vcpus = 2\ncmdline = "a=\\"b c\\" d\\\\e"\n')
        with self.assertRaises(xldom0.EnvError):
            xldom0.xl_config("x = {nosuch}", {"append": ""})

    def test_run_initrd_is_the_base_then_the_domu(self):
        """The base initramfs byte for byte, then a newc cpio of /domu (image, config, ISO)
        that cpio itself reads back."""
        from pvmatrixlib import xldom0
        with tempfile.TemporaryDirectory() as d:
            base, image, iso = (os.path.join(d, n) for n in ("base.cpio", "image", "boot.iso"))
            for path, data in ((base, b"B" * 513), (image, b"\x7fELF" + b"i" * 99),
                               (iso, b"iso!")):
                with open(path, "wb") as f:
                    f.write(data)
            out = xldom0.run_initrd(base, image, "memory = 128\n", os.path.join(d, "run"),
                                    iso=iso)
            with open(out, "rb") as f:
                data = f.read()
            self.assertEqual(data[:513], b"B" * 513)
            tail = data[516:]
            self.assertTrue(tail.startswith(b"070701"), tail[:16])
            names, off = [], 0
            while True:
                hdr = tail[off:off + 110]
                size, namesize = int(hdr[54:62], 16), int(hdr[94:102], 16)
                name = tail[off + 110:off + 110 + namesize - 1].decode()
                off += 110 + namesize
                off += -off % 4
                names.append((name, tail[off:off + size]))
                off += size + (-size % 4)
                if name == "TRAILER!!!":
                    break
            self.assertEqual([n for n, _ in names],
                             ["domu", "domu/image", "domu/domu.cfg", "domu/boot.iso", "TRAILER!!!"])
            self.assertEqual(dict(names)["domu/image"], b"\x7fELF" + b"i" * 99)
            self.assertEqual(dict(names)["domu/domu.cfg"], b"memory = 128\n")
            if shutil.which("cpio"):
                r = subprocess.run(["cpio", "-it", "--quiet"], input=tail, capture_output=True)
                self.assertEqual(r.stdout.decode().split(),
                                 ["domu", "domu/image", "domu/domu.cfg", "domu/boot.iso"])


class Tool(taprunner.TempTree, unittest.TestCase):
    def run_tool(self, *args, image=True, timeout=60):
        argv = [sys.executable, TOOL, "--env-dir", self.envs, "-o", self.out, "-q"]
        argv += ([self.image] if image else []) + list(args)
        return subprocess.run(argv, capture_output=True, text=True, timeout=timeout)

    def summary(self):
        with open(os.path.join(self.out, "summary.json")) as f:
            return json.load(f)

    def no_process(self, marker):
        r = subprocess.run(["pgrep", "-f", marker], capture_output=True, text=True)
        return r.stdout.strip() == ""

    def gone(self, marker):
        """The fake VM's processes are gone, polled with a 10 s deadline: the tool waits for
        the process it started (sh), and the sleep it ran, killed with it, may still be on
        its way out when the tool returns."""
        deadline = time.monotonic() + 10
        while not self.no_process(marker) and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.no_process(marker)

    def test_pass_and_reports(self):
        fake_env(self.envs, "good", ktap_cmd(GOOD_KTAP.replace("not ok 2 second", "ok 2 second")
                                             .replace("not ok 1 alpha", "ok 1 alpha"), 1))
        r = self.run_tool("good")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertRegex(r.stdout, r"good\s+PASS\s+native\s+3\s+0\s+1")
        s = self.summary()
        self.assertEqual(s["environments"][0]["status"], "PASS")
        self.assertEqual(s["totals"]["tests_passed"], 3)
        suites = ET.parse(os.path.join(self.out, "junit.xml")).getroot()
        self.assertEqual(suites.find("testsuite").get("name"), "good")
        self.assertEqual(len(suites.findall(".//testcase")), 5)   # boot + 4 tests

    def test_host_cannot_is_skip_at_once(self):
        """A host_cannot line matched on the VM's stderr: killed at once, SKIP with the note
        (not a timeout), even though the console shows nothing yet."""
        fake_env(self.envs, "cannot", "sh -c 'echo \"KVM internal error. Suberror: 1\" >&2; "
                 "sleep %d' sh" % (SLEEP_BASE + 5),
                 host_cannot="KVM internal error\\. Suberror: 1 => its KVM cannot emulate this",
                 timeout="50")
        r = self.run_tool("cannot")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertRegex(r.stdout, r"cannot\s+SKIP.*this host cannot run it: its KVM cannot "
                         r"emulate this")
        self.assertNotIn("timed out", r.stdout)
        self.assertTrue(self.gone("sleep %d" % (SLEEP_BASE + 5)), "the VM was not stopped")

    def test_esp_prepared(self):
        """prepare = esp: the EFI binary as EFI/BOOT/BOOTX64.EFI, the config with {image} and
        {append} filled, the image beside them, the directory given as {esp}."""
        efi = os.path.join(self.dir, "hv.efi")
        with open(efi, "w") as f:
            f.write("an EFI binary")
        fake_env(self.envs, "efi", "sh -c 'ls \"$1\"/EFI/BOOT > \"$2\"; "
                 "cat \"$1\"/EFI/BOOT/BOOTX64.cfg >> \"$2\"' sh {esp} {log}",
                 prepare="esp", hypervisor=efi, exit="exit-code",
                 esp_cfg="[x]\n\tkernel={image} {append}", append="a=1")
        self.run_tool("efi")
        with open(os.path.join(self.out, "efi.log")) as f:
            self.assertEqual(f.read().split(), ["BOOTX64.EFI", "BOOTX64.cfg", "image.elf", "[x]",
                                                "kernel=image.elf", "a=1"])

    def test_failed_test_fails_environment(self):
        fake_env(self.envs, "bad", ktap_cmd(GOOD_KTAP, 3))
        r = self.run_tool("bad")
        self.assertEqual(r.returncode, 1)
        self.assertIn("FAIL alpha.second", r.stdout)
        self.assertIn("guest reported failures", r.stdout)
        junit = open(os.path.join(self.out, "junit.xml")).read()
        self.assertIn("<failure", junit)

    def test_xen_exit_reads_dom0_shutdown(self):
        ok_ktap = (GOOD_KTAP.replace("not ok 2 second", "ok 2 second")
                   .replace("not ok 1 alpha", "ok 1 alpha"))
        gz = os.path.join(self.dir, "hv.gz")
        with gzip.open(gz, "wb") as f:
            f.write(b"a hypervisor")
        # The console verdicts as tools/envs/xen-pv.env words them.
        common = dict(exit="console", prepare="hypervisor", hypervisor=gz,
                      done=r"Hardware Dom0 (shutdown|crashed|halted)|Panic on CPU",
                      fail_if="Panic on CPU => Xen panicked\n\tHardware Dom0 crashed => "
                      "dom0 crashed (the guest's failure shutdown)",
                      pass_if="Hardware Dom0 shutdown: rebooting => Xen did not report "
                      "dom0's shutdown")
        # The hypervisor is handed over gunzipped; reboot after the result is a pass ...
        fake_env(self.envs, "xenok", ktap_cmd(ok_ktap + "(XEN) Hardware Dom0 shutdown: "
                                              "rebooting machine\n", 0), **common)
        # ... a crash shutdown fails even with clean KTAP, and stops the VM at once ...
        fake_env(self.envs, "xencrash", ktap_cmd(ok_ktap + "(XEN) Hardware Dom0 crashed: "
                                                 "rebooting machine in 5 seconds.\n", 0,
                                                 "sleep %d" % (SLEEP_BASE + 2)), **common)
        # ... and no word from Xen about dom0 fails too.
        fake_env(self.envs, "xensilent", ktap_cmd(ok_ktap, 0), **common)
        r = self.run_tool("xenok", "xencrash", "xensilent")
        self.assertEqual(r.returncode, 1)
        self.assertRegex(r.stdout, r"xenok\s+PASS")
        self.assertRegex(r.stdout, r"xencrash\s+FAIL.*dom0 crashed")
        self.assertRegex(r.stdout, r"xensilent\s+FAIL.*did not report dom0's shutdown")
        self.assertTrue(self.gone("sleep %d" % (SLEEP_BASE + 2)), "the crashed VM was not stopped")
        with open(os.path.join(self.out, "hv"), "rb") as f:
            self.assertEqual(f.read(), b"a hypervisor")

    def test_hang_times_out_and_vm_is_killed(self):
        fake_env(self.envs, "hang", ktap_cmd("KTAP version 1\n1..1\n", 0, "sleep %d" % (SLEEP_BASE + 1)),
                 timeout="2")
        r = self.run_tool("hang")
        self.assertEqual(r.returncode, 1)
        self.assertIn("timed out after 2s, VM killed", r.stdout)
        self.assertTrue(self.gone("sleep %d" % (SLEEP_BASE + 1)), "the hung VM survived")

    def test_hang_after_announced_step_is_skip(self):
        # The guest names the step it is about to take; a host that never completes it is
        # SKIP with that line as the reason. A hang anywhere else stays a failure.
        announce = "KTAP version 1\n1..1\n    # hc: KVM hypercall 99 (may never return)\n"
        fake_env(self.envs, "hcstuck", ktap_cmd(announce, 0, "sleep %d" % (SLEEP_BASE + 5)), timeout="2",
                 hang_skip="hc: KVM hypercall .*may never return")
        fake_env(self.envs, "hcother", ktap_cmd(announce + "    # something else\n", 0,
                                                "sleep %d" % (SLEEP_BASE + 5)), timeout="2",
                 hang_skip="hc: KVM hypercall .*may never return")
        r = self.run_tool("hcstuck", "hcother")
        self.assertEqual(r.returncode, 1)
        self.assertRegex(r.stdout, r"hcstuck\s+SKIP.*never completed.*KVM hypercall 99")
        self.assertRegex(r.stdout, r"hcother\s+FAIL.*timed out")
        self.assertTrue(self.gone("sleep %d" % (SLEEP_BASE + 5)), "the hung VM survived")

    def test_crash_mid_ktap(self):
        text = GOOD_KTAP.split("    KTAP version 1\n    # Subtest: beta")[0] + "PANIC: oops\n"
        fake_env(self.envs, "crash", ktap_cmd(text, 5))
        r = self.run_tool("crash")
        self.assertEqual(r.returncode, 1)
        self.assertIn("guest panicked", r.stdout)
        self.assertIn("KTAP incomplete: 1 of 2", r.stdout)

    def test_malformed_ktap(self):
        fake_env(self.envs, "mal", ktap_cmd("KTAP version 1\n1..2\nok 1 a\nok 3 b\n", 1))
        r = self.run_tool("mal")
        self.assertEqual(r.returncode, 1)
        self.assertIn("malformed KTAP", r.stdout)

    def test_no_ktap(self):
        fake_env(self.envs, "silent", ktap_cmd("booting...\n", 1))
        r = self.run_tool("silent")
        self.assertEqual(r.returncode, 1)
        self.assertIn("no KTAP output", r.stdout)

    def test_missing_requirement_is_skip_with_reason(self):
        fake_env(self.envs, "needy", "true", needs="no-such-binary-pvmatrix",
                 packages="some-package")
        fake_env(self.envs, "nofile", "true", needs_files="/no/such/firmware.bin")
        r = self.run_tool("needy", "nofile")
        self.assertEqual(r.returncode, 0, r.stdout)
        self.assertRegex(r.stdout, r"needy\s+SKIP .*no-such-binary-pvmatrix not installed "
                                   r"\(Debian: some-package\)")
        self.assertIn("/no/such/firmware.bin missing", r.stdout)
        self.assertEqual(self.summary()["totals"]["environments_skipped"], 2)

    def test_cpu_counts_are_runs(self):
        """cpus = 1 2: NAME with 1 vCPU and NAME-smp2 with 2, {cpus} substituted; NAME-smp2
        alone runs only that; a guest that brings up fewer CPUs is noted, one that finds fewer
        than the environment gives fails."""
        up = GOOD_KTAP.replace("not ok 2 second", "ok 2 second").replace(
            "not ok 1 alpha", "ok 1 alpha").replace(
            "noise before", "pvguest: smp: 1 of 2 CPUs up: 0")
        fake_env(self.envs, "multi", ktap_cmd(up, 1, then="echo {cpus} > {log}.cpus; exit 1"),
                 cpus="1 2")
        r = self.run_tool("multi")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertRegex(r.stdout, r"\nmulti\s+PASS .*ok\n")
        self.assertRegex(r.stdout, r"multi-smp2\s+PASS .*1 of 2 vCPUs up")
        for name, n in (("multi", "1"), ("multi-smp2", "2")):
            with open(os.path.join(self.out, name + ".log.cpus")) as f:
                self.assertEqual(f.read().strip(), n)
        # A guest that finds fewer CPUs than the environment gives fails.
        saw1 = up.replace("pvguest: smp: 1 of 2 CPUs up: 0", "pvguest: smp: 1 of 1 CPUs up: 0")
        fake_env(self.envs, "blind", ktap_cmd(saw1, 1, then="exit 1"), cpus="2")
        r = self.run_tool("blind")
        self.assertNotEqual(r.returncode, 0, r.stdout)
        self.assertRegex(r.stdout, r"blind\s+FAIL .*the guest found 1 of the 2 vCPUs")
        r = self.run_tool("multi-smp2")
        self.assertEqual([e["name"] for e in self.summary()["environments"]], ["multi-smp2"])
        fake_env(self.envs, "zero", "true", cpus="0")
        r = self.run_tool("zero")
        self.assertEqual(r.returncode, 2)
        self.assertIn("cpus must list counts from 1 to 8", r.stderr)

    def test_bench_boots_most_cpus_and_escapes_module_commas(self):
        """--bench without names: each environment once, with its largest cpus count, and
        bench=1 appended; {module_append} doubles commas (QEMU's -initrd list separator)."""
        ok = GOOD_KTAP.replace("not ok 2 second", "ok 2 second").replace(
            "not ok 1 alpha", "ok 1 alpha")
        fake_env(self.envs, "multi", ktap_cmd(
            ok, 1, then='echo {cpus} "$2" > "$1.args"; exit 1') + " {module_append}",
            cpus="1 2")
        r = self.run_tool("--bench", "--append", "ktest=a,b")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual([e["name"] for e in self.summary()["environments"]], ["multi-smp2"])
        with open(os.path.join(self.out, "multi-smp2.log.args")) as f:
            self.assertEqual(f.read().strip(), "2 ktest=a,,b bench=1")

    def test_unknown_environment(self):
        fake_env(self.envs, "good", "true")
        r = self.run_tool("nosuch")
        self.assertEqual(r.returncode, 2)
        self.assertIn("unknown environment 'nosuch' (known: good)", r.stderr)

    def test_console_verdict_lines_checked(self):
        fake_env(self.envs, "badline", "true", fail_if="no arrow here")
        r = self.run_tool("badline")
        self.assertEqual(r.returncode, 2)
        self.assertIn("fail_if: each line is REGEX => NOTE", r.stderr)

    def test_console_mode_first_runnable_env_on_stdout(self):
        # pvrun's mode: the first environment that can run here, its console on stdout.
        fake_env(self.envs, "cannot", "true", needs="no-such-binary-anywhere")
        fake_env(self.envs, "can", ktap_cmd(self.good_ktap() + "pvguest: hello console\n", 1),
                 cpus="1 2")
        r = self.run_tool("--console", "cannot", "can")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("pvguest: hello console", r.stdout)
        self.assertIn("cannot cannot run here: no-such-binary-anywhere not installed", r.stderr)
        self.assertIn("can PASS", r.stderr)
        self.assertNotIn("can-smp2", r.stdout + r.stderr)
        r = self.run_tool("--console", "cannot")
        self.assertEqual(r.returncode, 2)
        fake_env(self.envs, "fails", ktap_cmd(GOOD_KTAP, 3))
        r = self.run_tool("--console", "fails")
        self.assertEqual(r.returncode, 1)
        self.assertIn("not ok 2 second", r.stdout)

    def good_ktap(self):
        return GOOD_KTAP.replace("not ok 2 second", "ok 2 second").replace(
            "not ok 1 alpha", "ok 1 alpha")

    def test_backend_key_checked(self):
        """backend = NAME: a run whose guest reports another backend fails, and says so;
        --backend overrides it (any: not checked)."""
        fake_env(self.envs, "meant-xen", ktap_cmd(self.good_ktap(), 1), backend="xen")
        fake_env(self.envs, "meant-native", ktap_cmd(self.good_ktap(), 1), backend="native")
        r = self.run_tool("meant-xen", "meant-native")
        self.assertEqual(r.returncode, 1, r.stdout)
        self.assertRegex(r.stdout, r"meant-xen\s+FAIL\s+native .*backend native ran, xen "
                                   r"expected")
        self.assertRegex(r.stdout, r"meant-native\s+PASS")
        r = self.run_tool("--backend", "any", "meant-xen")
        self.assertEqual(r.returncode, 0, r.stdout)
        r = self.run_tool("--backend", "native", "meant-xen")
        self.assertEqual(r.returncode, 0, r.stdout)
        r = self.run_tool("--backend", "kvm", "meant-native")
        self.assertIn("backend native ran, kvm expected", r.stdout)

    def test_extra_is_appended(self):
        """--extra ARGS goes after the environment's own command line; --append replaces it."""
        fake_env(self.envs, "args", ktap_cmd(self.good_ktap(), 1,
                                             then='echo "$2" > "$1.args"; exit 1') + " {append}",
                 append="report=1 own=yes")
        for argv, want in ((["--extra", "ktest=smp"], "report=1 own=yes ktest=smp"),
                           (["--append", "a=1", "--extra", "b=2"], "a=1 b=2"),
                           ([], "report=1 own=yes")):
            r = self.run_tool(*argv, "args")
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            with open(os.path.join(self.out, "args.log.args")) as f:
                self.assertEqual(f.read().strip(), want)

    def test_incomplete_ktap_names_the_case(self):
        """A run whose KTAP stops mid-suite says which suite and case it was in."""
        cut = GOOD_KTAP.split("    not ok 2 second")[0]
        fake_env(self.envs, "hung", ktap_cmd(cut, 1))
        r = self.run_tool("hung")
        self.assertEqual(r.returncode, 1)
        self.assertIn("KTAP incomplete: 0 of 2 suites reported; stopped in suite alpha at case 2 "
                      "of 3 (after first)", r.stdout)
        k = pvmatrix.parse_ktap("KTAP version 1\n1..1\n    KTAP version 1\n"
                                "    # Subtest: s\n    1..4\n")
        self.assertEqual(k.stopped_in(), "stopped in suite s at case 1 of 4 (the first)")
        self.assertIsNone(pvmatrix.parse_ktap(GOOD_KTAP).stopped_in())

    def test_repeat_counts_failures_per_case(self):
        """--repeat N: N rounds; per environment and per test case, the runs it failed in;
        exit 1 when anything failed once."""
        counter = os.path.join(self.dir, "count")
        flaky = self.good_ktap().replace("ok 2 second", "not ok 2 second").replace(
            "ok 1 alpha", "not ok 1 alpha")
        body_good = self.good_ktap().replace("\\", "\\\\").replace("'", "").replace(
            "\n", "\\n")
        body_bad = flaky.replace("\\", "\\\\").replace("'", "").replace("\n", "\\n")
        cmd = ("sh -c 'n=$(cat %s 2>/dev/null || echo 0); n=$((n+1)); echo $n > %s; "
               "if [ $n = 2 ]; then printf \"%%b\" \"%s\" > \"$1\"; exit 3; fi; "
               "printf \"%%b\" \"%s\" > \"$1\"; exit 1' sh {log}"
               % (counter, counter, body_bad, body_good))
        fake_env(self.envs, "flaky", cmd)
        fake_env(self.envs, "steady", ktap_cmd(self.good_ktap(), 1))
        r = self.run_tool("--repeat", "3", "-j", "1", "flaky", "steady")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertRegex(r.stdout, r"soak round 2/3: 2 runs, 1 failed: flaky")
        self.assertRegex(r.stdout, r"\nflaky\s+3\s+1\s+round 2: guest reported failures")
        self.assertRegex(r.stdout, r"\nsteady\s+3\s+0")
        self.assertRegex(r.stdout, r"\nalpha\.second\s+6\s+1\s+flaky:1")
        self.assertRegex(r.stdout, r"\nbeta\.only\s+6\s+0")
        self.assertIn("soak: 3 rounds, 6 runs, 1 failed; 1 of 3 test cases failed", r.stdout)
        with open(os.path.join(self.out, "soak.json")) as f:
            soak = json.load(f)
        self.assertEqual(soak["cases"]["alpha.second"]["failed"], 1)
        self.assertTrue(os.path.exists(os.path.join(self.out, "round03", "summary.json")))
        fake_env(self.envs, "steady", ktap_cmd(self.good_ktap(), 1))
        r = self.run_tool("--repeat", "2", "steady")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        r = self.run_tool("--repeat", "0", "steady")
        self.assertEqual(r.returncode, 2)

    def test_bad_environment_file(self):
        with open(os.path.join(self.envs, "broken.env"), "w") as f:
            f.write("[env]\ncommand = true\ncolour = blue\n")
        r = self.run_tool("broken")
        self.assertEqual(r.returncode, 2)
        self.assertIn("unknown keys: colour", r.stderr)

    def test_argument_errors(self):
        fake_env(self.envs, "good", "true")
        r = self.run_tool(image=False)
        self.assertEqual(r.returncode, 2)
        self.assertIn("usage:", r.stderr)
        r = subprocess.run([sys.executable, TOOL, "--env-dir", self.envs,
                            os.path.join(self.dir, "missing.elf")],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 2)
        self.assertIn("no such file", r.stderr)
        self.assertEqual(self.run_tool("--expect", "(", "good").returncode, 2)
        self.assertEqual(self.run_tool("-j", "0", "good").returncode, 2)
        r = subprocess.run([sys.executable, TOOL, "--help"], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0)
        self.assertIn("--expect", r.stdout)

    def test_foreign_image_pattern(self):
        console = "Linux version 6.1.0\nRun /init as init process\n"
        # The VM would run for 300 s: the tool must stop it when the pattern shows
        # (run_tool gives up after 60 s).
        fake_env(self.envs, "linux", ktap_cmd(console, 0, "sleep %d" % (SLEEP_BASE + 2)), timeout="300")
        r = self.run_tool("--expect", r"Run /init", "linux")
        self.assertEqual(r.returncode, 0, r.stdout)
        self.assertIn("pattern seen", r.stdout)
        self.assertTrue(self.gone("sleep %d" % (SLEEP_BASE + 2)))
        fake_env(self.envs, "linux2", ktap_cmd(console, 0, "sleep %d" % (SLEEP_BASE + 3)), timeout="2")
        r = self.run_tool("--expect", r"login:", "linux2")
        self.assertEqual(r.returncode, 1)
        self.assertIn("pattern not seen within 2s", r.stdout)

    def test_parallel_runs(self):
        # Each fake VM announces itself, then waits for the other two: they can
        # only all pass if the tool started them together (no clock involved).
        # The wait's deadline (10 s) is generous for starting three processes on
        # a loaded host; the -j 1 run below spends it once, in vain.
        ready = os.path.join(self.dir, "ready")
        os.makedirs(ready)
        for i in range(3):
            wait = ("touch %s/%d; n=0; while [ $(ls %s | wc -l) -lt 3 ]; do "
                    "n=$((n+1)); [ $n -gt 100 ] && exit 3; sleep 0.1; done; exit 1"
                    % (ready, i, ready))
            fake_env(self.envs, "p%d" % i, ktap_cmd("KTAP version 1\n1..1\nok 1 t\n", 0, wait),
                     timeout="60")
        r = self.run_tool("-j", "3", "p0", "p1", "p2")
        self.assertEqual(r.returncode, 0, r.stdout)
        for f in os.listdir(ready):
            os.unlink(os.path.join(ready, f))
        r = self.run_tool("-j", "1", "p0", "p1", "p2")	# one at a time: p0 waits in vain
        self.assertEqual(r.returncode, 1, r.stdout)

    def test_interrupt_at_any_moment(self):
        """Ctrl-C at any moment (while the tool starts, while it starts a VM): the tool ends
        and no VM survives it."""
        fake_env(self.envs, "hang", ktap_cmd("KTAP version 1\n", 0, "sleep %d" % (SLEEP_BASE + 6)), timeout="60")
        for delay in (0.0, 0.05, 0.1, 0.2, 0.3, 0.5):
            p = subprocess.Popen([sys.executable, TOOL, "--env-dir", self.envs, "-o", self.out,
                                  "-q", self.image, "hang"], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, preexec_fn=sigint_default)
            time.sleep(delay)
            p.send_signal(signal.SIGINT)
            try:
                p.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                p.kill()
                p.communicate()
                self.fail("pvmatrix still ran 60 s after Ctrl-C at %.2f s" % delay)
            self.assertTrue(self.gone("sleep %d" % (SLEEP_BASE + 6)),
                            "a VM survived Ctrl-C at %.2f s" % delay)

    def test_interrupt_kills_vms(self):
        fake_env(self.envs, "hang", ktap_cmd("KTAP version 1\n", 0, "sleep %d" % (SLEEP_BASE + 4)),
                 timeout="60")
        p = subprocess.Popen([sys.executable, TOOL, "--env-dir", self.envs, "-o", self.out,
                              "-q", self.image, "hang"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, preexec_fn=sigint_default)
        # The handshake: the VM runs (deadline 60 s, generous on a loaded host), then Ctrl-C.
        deadline = time.monotonic() + 60
        while self.no_process("sleep %d" % (SLEEP_BASE + 4)) and time.monotonic() < deadline:
            time.sleep(0.1)
        self.assertFalse(self.no_process("sleep %d" % (SLEEP_BASE + 4)), "the fake VM never started")
        p.send_signal(signal.SIGINT)
        try:
            out, err = p.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            p.kill()
            out, err = p.communicate()
            self.fail("pvmatrix still ran 60 s after Ctrl-C; stderr: %s" % err[-2000:])
        self.assertEqual(p.returncode, 130)
        self.assertIn("interrupted", out)
        self.assertTrue(self.gone("sleep %d" % (SLEEP_BASE + 4)), "a VM survived Ctrl-C")


if __name__ == "__main__":
    sys.exit(taprunner.run(sys.modules[__name__]))
