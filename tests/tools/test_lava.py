#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Tests of tools/pvmatrix's LAVA side: --emit-lava (the jobs, the device dictionaries, what is
refused and why; LAVA's own schema and lava-run --validate where lava-dispatcher is
installed) and --from-lava (LAVA's logs and results read back as a run). Prints TAP."""

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import unittest
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True   # no __pycache__ in the checkout
import taprunner  # noqa: E402
from test_pvmatrix import GOOD_KTAP, fake_env  # noqa: E402

TOP = taprunner.TOP
pvmatrix, TOOL = taprunner.load_tool("pvmatrix")
LAVA_CHECK, _ = taprunner.load_tool("lava-check")
from pvmatrixlib.envs import EnvError  # noqa: E402
from pvmatrixlib.lava import pyyaml  # noqa: E402
try:
    yaml = pyyaml("these tests")     # PyYAML as the tool finds it
except EnvError:
    yaml = None

# lava-run's working directory is /var/lib/lava/dispatcher/tmp/JOB-ID: this process's own.
JOB_ID = str(os.getpid() * 1000 + 999)
QEMU_CMD = ("qemu-system-x86_64 -accel tcg -cpu max -m {memory} -smp {cpus} -nodefaults "
            "-no-reboot -serial file:{log} -device isa-debug-exit,iobase=0xf4,iosize=4 "
            "-kernel {image} -append {append}")
KTAP = GOOD_KTAP
PASSING = KTAP.replace("not ok 2 second", "ok 2 second").replace(
    "not ok 1 alpha", "ok 1 alpha").replace("3 passed, 1 failed", "4 passed, 0 failed")


def log_records(run, console, results=(), errors=(), t0=100.0):
    """A lava-run log: the boot command naming the run, the console as target lines, LAVA's
    results and errors, and the power-off LAVA types at the end."""
    def dt(t):
        return "2026-12-03T10:%02d:%06.3f" % (int(t) // 60, t % 60)
    recs = [{"dt": dt(t0 - 1), "lvl": "info", "msg": "start: 2 boot-image-retry"},
            {"dt": dt(t0), "lvl": "info", "msg": "Boot command: /usr/bin/qemu-system-x86_64 "
             "-accel tcg -name pvops-%s -kernel /x/image.elf -append \"report=1\"" % run}]
    for i, line in enumerate(console.splitlines()):
        recs.append({"dt": dt(t0 + 0.5 + i * 0.01), "lvl": "target", "msg": line})
    for suite, result in results:
        recs.append({"dt": dt(t0 + 2), "lvl": "results", "msg": {
            "case": suite, "definition": "pvops-" + run, "result": result}})
    for e in errors:
        recs.append({"dt": dt(t0 + 3), "lvl": "error", "msg": e})
    recs.append({"dt": dt(t0 + 4), "lvl": "target", "msg": "poweroff"})
    recs.append({"dt": dt(t0 + 4), "lvl": "results", "msg": {
        "case": "job", "definition": "lava", "result": "fail" if errors else "pass"}})
    return recs


def json_lines(recs):
    """As lava-run prints them: one a line, with a YAML tag in one (LAVA's logger does that)."""
    lines = [json.dumps(r) for r in recs]
    lines.insert(1, '{"dt": "2026-12-03T10:01:38.000", "lvl": "results", "msg": {"case": '
                 '"file-download", "definition": "lava", "extra": {"size": ! "1541488"}, '
                 '"result": "pass"}}')
    return "\n".join(lines) + "\n"


class Base(taprunner.TempTree, unittest.TestCase):
    def tool(self, *args, env_dir=None):
        argv = [sys.executable, TOOL, "--env-dir", env_dir or self.envs] + list(args)
        return subprocess.run(argv, capture_output=True, text=True, timeout=300)

    def read_yaml(self, path):
        with open(path) as f:
            return yaml.safe_load(f)


@unittest.skipIf(yaml is None, "python3-yaml is not installed (the jobs are read back with it)")
class Emit(Base):
    def emit(self, *names, **kw):
        jobs = os.path.join(self.dir, "jobs")
        r = self.tool("--emit-lava", jobs, *kw.get("extra", ()), self.image, *names)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        with open(os.path.join(jobs, "lava.json")) as f:
            return jobs, json.load(f), r.stdout

    def test_one_job_per_run_with_its_files_and_options(self):
        fake_env(self.envs, "tcg", QEMU_CMD, cpus="1 2", memory="256", timeout="120",
                  append="report=1 ktest=irq,mmu")
        jobs, index, _ = self.emit("tcg")
        self.assertEqual([j["run"] for j in index["jobs"]], ["tcg", "tcg-smp2"])
        job = self.read_yaml(os.path.join(jobs, "tcg-smp2", "job.yaml"))
        dev = self.read_yaml(os.path.join(jobs, "tcg-smp2", "device.yaml"))
        images = job["actions"][0]["deploy"]["images"]
        self.assertEqual(list(images), ["image"])
        # The file and the options that name it travel together; -append with -kernel.
        self.assertEqual(images["image"]["image_arg"],
                         '-kernel {image} -append "report=1 ktest=irq,mmu"')
        self.assertEqual(images["image"]["url"],
                         "file://%s/files/image.elf" % os.path.realpath(jobs))
        with open(self.image, "rb") as f:
            import hashlib
            self.assertEqual(images["image"]["sha256sum"], hashlib.sha256(f.read()).hexdigest())
        opts = dev["actions"]["boot"]["methods"]["qemu"]["parameters"]["options"]
        self.assertIn("-serial stdio", opts)          # the console LAVA reads
        self.assertIn("-smp 2", opts)
        self.assertIn("-name pvops-tcg-smp2", opts)   # how --from-lava knows the run
        self.assertFalse(any("{" in o or "file:" in o for o in opts), opts)
        # A server's stock qemu device type: memory and options from the job's context.
        self.assertEqual(job["context"]["memory"], 256)
        self.assertIs(job["context"]["no_kvm"], True)
        self.assertNotIn("-m 256", job["context"]["extra_options"])
        self.assertEqual([o for o in opts if o != "-m 256"], job["context"]["extra_options"])
        self.assertEqual(job["actions"][1]["boot"]["timeout"], {"seconds": 120})
        self.assertEqual(job["metadata"]["pvops.run"], "tcg-smp2")

    def test_monitor_patterns_on_a_stream(self):
        """pexpect matches what has arrived so far: a suite's name only once it has ended, the
        end only with its whole line; a pty's \\r\\r\\n line ends."""
        fake_env(self.envs, "tcg", QEMU_CMD)
        jobs, _, _ = self.emit("tcg")
        mon = self.read_yaml(os.path.join(jobs, "tcg", "job.yaml"))["actions"][2]["test"][
            "monitors"][0]
        self.assertEqual(mon["name"], "pvops-tcg")
        pat, end = re.compile(mon["pattern"], re.DOTALL), re.compile(mon["end"], re.DOTALL)
        self.assertIsNone(pat.search("x\r\r\nok 6 cp"))
        m = pat.search("x\r\r\nnot ok 6 cpu\r\r\n")
        self.assertEqual((m.group("result"), m.group("test_case_id")), ("not ok", "cpu"))
        self.assertIsNone(pat.search("\r\n    ok 1 nested_case\r\n"))   # cases: in the log
        self.assertEqual(pat.search("\n(d1) ok 2 mmu # SKIP x").group("test_case_id"), "mmu")
        self.assertIsNone(end.search("ok 21 xen\r\r\npvguest: result 80 passed"))
        self.assertTrue(end.search("ok 21 xen\r\r\npvguest: result 80 passed, 0 failed\r\r\n"))
        self.assertTrue(end.search("\r\nPANIC: unexpected exception 14\r\n"))
        self.assertIsNone(end.search("say pvguest: result 1 passed\n"))

    def test_hypervisor_as_packaged_and_modules(self):
        hv = os.path.join(self.dir, "xen.gz")
        with gzip.open(hv, "wb") as f:
            f.write(b"xen")
        fake_env(self.envs, "xen", "qemu-system-x86_64 -accel tcg -m {memory} -serial "
                  "file:{log} -kernel {hypervisor} -append \"console=com1 dom0_mem=256M\" "
                  "-initrd {image}\" \"{module_append}", hypervisor=hv, prepare="hypervisor",
                  append="report=1 a,b", exit="console", done="Hardware Dom0 shutdown")
        jobs, _, _ = self.emit("xen")
        images = self.read_yaml(os.path.join(jobs, "xen", "job.yaml"))["actions"][0][
            "deploy"]["images"]
        self.assertEqual(images["hypervisor"]["compression"], "gz")
        self.assertTrue(images["hypervisor"]["url"].endswith("/files/xen.gz"))
        self.assertEqual(images["hypervisor"]["image_arg"],
                         '-kernel {hypervisor} -append "console=com1 dom0_mem=256M"')
        self.assertEqual(images["image"]["image_arg"], '-initrd "{image} report=1 a,,b"')
        # The run's prepared files went to files/; its directory holds its job alone.
        self.assertEqual(sorted(os.listdir(os.path.join(jobs, "xen"))),
                         ["device.yaml", "job.yaml"])

    def test_what_lava_cannot_express_is_listed_with_the_reason(self):
        fake_env(self.envs, "bochs", "bochs -q -f {outdir}/x", stdin="c")
        fake_env(self.envs, "other", "bochs -q 'boot:cdrom'")
        fake_env(self.envs, "efi", "qemu-system-x86_64 -serial file:{log} -drive "
                  "file=fat:{esp},format=raw", prepare="esp", hypervisor=self.image,
                  esp_cfg="[global]")
        fake_env(self.envs, "log", "qemu-system-x86_64 -serial file:{log} -D {log}")
        fake_env(self.envs, "rom", QEMU_CMD + " -option-rom {rom}")
        fake_env(self.envs, "good", QEMU_CMD)
        jobs, index, out = self.emit("bochs", "other", "efi", "log", "rom", "good",
                                     extra=("--rom", os.path.join(self.dir, "none.rom")))
        self.assertEqual([j["run"] for j in index["jobs"]], ["good"])
        why = {n["run"]: n["reason"] for n in index["not_expressible"]}
        self.assertIn("types 'c' into the VM's stdin", why["bochs"])
        self.assertIn("runs qemu-system-*; this environment runs bochs", why["other"])
        self.assertIn("EFI system partition is a directory", why["efi"])
        self.assertIn("names the console log outside -serial", why["log"])
        self.assertIn("{rom} is %s, which is missing" % os.path.join(self.dir, "none.rom"),
                      why["rom"])
        self.assertIn("5 runs not expressible", out)
        self.assertFalse(os.path.exists(os.path.join(jobs, "efi")))

    @unittest.skipIf(not shutil.which("lava-run"), "lava-run not installed (tools/deps lava)")
    def test_jobs_validate_with_lavas_dispatcher_and_schema(self):
        """The project's own environments as jobs: LAVA's job schema (strict, as a server checks
        a submission) and lava-run --validate (the dispatcher builds the pipeline)."""
        rom = os.path.join(self.dir, "vmi.rom")
        shutil.copy(self.image, rom)
        names = ["qemu-tcg", "kvm", "xen-pv", "xen-pvh", "grub-tcg", "vmi-tcg", "vmware-tcg"]
        jobs = os.path.join(self.dir, "jobs")
        r = subprocess.run([sys.executable, TOOL, "--emit-lava", jobs, "--rom", rom, self.image]
                           + names, capture_output=True, text=True, timeout=300)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        with open(os.path.join(jobs, "lava.json")) as f:
            index = json.load(f)
        self.assertEqual(index["not_expressible"], [])
        self.assertEqual(len(index["jobs"]), 14)   # kvm-smp2, ...: each of 7 with 1 and 2 CPUs
        paths = [os.path.join(jobs, j["job"]) for j in index["jobs"]]
        s = subprocess.run([LAVA_CHECK.LAVA_PYTHON, "-c", LAVA_CHECK.SCHEMA] + paths,
                           capture_output=True, text=True)
        self.assertEqual(s.returncode, 0, (s.stdout + s.stderr)[-2000:])
        for j in index["jobs"]:
            v = subprocess.run(["lava-run", "--validate", "--job-id", JOB_ID, "--device",
                                os.path.join(jobs, j["device"]), "--output-dir",
                                os.path.join(self.dir, "validate"), os.path.join(jobs, j["job"])],
                               capture_output=True, text=True, timeout=120)
            log = v.stdout + v.stderr
            self.assertEqual(v.returncode, 0, "%s: %s" % (j["run"], log[-1500:]))
            self.assertIn('"case": "validate", "definition": "lava", "result": "pass"', log)
        # ... and it can fail: a job whose image is not there.
        bad = os.path.join(self.dir, "bad.yaml")
        with open(os.path.join(jobs, "qemu-tcg", "job.yaml")) as f:
            text = f.read().replace("/files/image.elf", "/files/nosuch.elf")
        with open(bad, "w") as f:
            f.write(text)
        v = subprocess.run(["lava-run", "--validate", "--job-id", JOB_ID, "--device",
                            os.path.join(jobs, "qemu-tcg", "device.yaml"), "--output-dir",
                            os.path.join(self.dir, "validate"), bad],
                           capture_output=True, text=True, timeout=120)
        self.assertNotEqual(v.returncode, 0)


class FromLava(Base):
    def setUp(self):
        super().setUp()
        fake_env(self.envs, "good", QEMU_CMD, cpus="1 2", backend="native")
        self.logs = os.path.join(self.dir, "logs")
        os.makedirs(self.logs)

    def write(self, name, text):
        p = os.path.join(self.logs, name)
        with open(p, "w") as f:
            f.write(text)
        return p

    def from_lava(self, *paths):
        return self.tool("--from-lava", "-o", self.out, *paths)

    def summary(self):
        with open(os.path.join(self.out, "summary.json")) as f:
            return {e["name"]: e for e in json.load(f)["environments"]}

    def test_the_console_judged_as_a_local_run(self):
        self.write("good.log", json_lines(log_records("good", PASSING, [("alpha", "pass"),
                                                                        ("beta", "pass")])))
        self.write("smp2.log", json_lines(log_records("good-smp2", KTAP, [("alpha", "fail"),
                                                                          ("beta", "pass")])))
        r = self.from_lava(self.logs)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertRegex(r.stdout, r"good\s+PASS\s+native\s+3\s+0\s+1\s+.*LAVA recorded 2 of "
                         r"2 suite verdicts")
        self.assertRegex(r.stdout, r"good-smp2\s+FAIL\s+native\s+2\s+1\s+1\s+.*guest reported "
                         r"failures")
        self.assertIn("good-smp2: FAIL alpha.second", r.stdout)
        s = self.summary()
        self.assertEqual(s["good"]["status"], "PASS")
        self.assertIn({"suite": "alpha", "name": "third", "result": "skip",
                       "reason": "no device"}, s["good"]["tests"])
        self.assertAlmostEqual(s["good"]["first_ktap_s"], 0.52, places=2)   # its 3rd line
        suites = ET.parse(os.path.join(self.out, "junit.xml")).getroot()
        self.assertEqual(len(suites.findall("testsuite")), 2)

    def test_lavas_record_must_agree_with_the_console(self):
        self.write("good.log", json_lines(log_records("good", PASSING, [("alpha", "fail"),
                                                                        ("al", "pass")])))
        r = self.from_lava(self.logs)
        self.assertEqual(r.returncode, 1)
        self.assertIn("2 of them not the console's: al pass, alpha fail", r.stdout)

    def test_a_console_cut_short(self):
        cut = PASSING.split("    # Subtest: beta")[0]
        self.write("good.log", json_lines(log_records(
            "good", cut, errors=["lava test monitoring has timed out"])))
        r = self.from_lava(self.logs)
        self.assertEqual(r.returncode, 1)
        self.assertIn("the console ended before the guest's result line: LAVA: lava test "
                      "monitoring has timed out", r.stdout)
        self.assertIn("KTAP incomplete: 1 of 2 suites reported", r.stdout)
        # A panic is the guest's status too, said as a local run says it.
        self.write("good.log", json_lines(log_records("good", cut + "PANIC: oops\n")))
        self.assertIn("guest panicked", self.from_lava(self.logs).stdout)

    @unittest.skipIf(yaml is None, "python3-yaml is not installed")
    def test_a_servers_log_and_results(self):
        """lavacli jobs logs --raw (a YAML list) and a results list (the REST API's page)."""
        recs = log_records("good", PASSING)
        self.write("job-7.yaml", yaml.safe_dump(recs))
        self.write("job-7-results.json", json.dumps({"count": 3, "results": [
            {"suite": "pvops-good", "name": "alpha", "result": "pass"},
            {"suite": "pvops-good", "name": "beta", "result": "pass"},
            {"suite": "lava", "name": "job", "result": "pass"}]}))
        r = self.from_lava(self.logs)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertRegex(r.stdout, r"good\s+PASS\s+native\s+3\s+0\s+1\s+.*LAVA recorded 2 of 2")
        # The results alone: the suites' verdicts, said to be only that.
        os.remove(os.path.join(self.logs, "job-7.yaml"))
        r = self.from_lava(self.logs)
        self.assertRegex(r.stdout, r"good\s+PASS\s+-\s+2\s+0\s+0\s+.*LAVA's results only: 2 "
                         r"suite verdicts")
        self.assertIn({"suite": "beta", "name": "(suite verdict)", "result": "pass",
                       "reason": ""}, self.summary()["good"]["tests"])

    def test_input_that_is_not_a_pvops_job(self):
        p = self.write("other.log", json.dumps({"dt": "x", "lvl": "target", "msg": "hi"}) + "\n")
        r = self.from_lava(p)
        self.assertEqual(r.returncode, 2)
        self.assertIn("names no pvops run", r.stderr)
        r = self.from_lava(os.path.join(self.dir, "nosuch"))
        self.assertEqual(r.returncode, 2)
        self.assertIn("no such file or directory", r.stderr)
        self.write("other.log", json_lines(log_records("nosuch", PASSING)))
        r = self.from_lava(self.logs)
        self.assertEqual(r.returncode, 2)
        self.assertIn("unknown environment 'nosuch'", r.stderr)

    def test_a_directory_of_logs_and_other_files(self):
        """In a directory, files that are not LAVA's are passed over; one run's log twice is
        refused, not counted twice."""
        self.write("good.log", json_lines(log_records("good", PASSING)))
        self.write("console.log", "plain text, a local run's console\n")
        r = self.from_lava(self.logs)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("1 environments passed", r.stdout)
        self.write("copy.log", json_lines(log_records("good", PASSING)))
        r = self.from_lava(self.logs)
        self.assertEqual(r.returncode, 2)
        self.assertIn("are both the log of run good", r.stderr)


class LavaCheck(taprunner.TempTree, unittest.TestCase):
    """tools/lava-check's comparison: a difference of status, backend, a case's verdict or a
    case's presence is named; the same runs are equal. Without LAVA, every case is SKIP."""

    def test_without_lava_every_case_says_skip(self):
        bare = os.path.join(self.dir, "bin")
        os.makedirs(bare)
        r = subprocess.run([sys.executable, os.path.join(TOP, "tools", "lava-check"), "-o",
                            self.out, self.image, "qemu-tcg"], capture_output=True, text=True,
                           env=dict(os.environ, PATH=bare), timeout=60)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        lines = [l for l in r.stdout.splitlines() if l.startswith(("ok", "not ok"))]
        self.assertEqual(len(lines), 1 + 4 * 2 + 3)     # qemu-tcg: 1 and 2 vCPUs
        self.assertTrue(all(l.startswith("ok") and "# SKIP lava-run not installed" in l
                            for l in lines), r.stdout)

    def test_compare_names_each_difference(self):
        run = {"status": "PASS", "note": "ok", "backend": "kvm", "tests": [
            {"suite": "mmu", "name": "a", "result": "pass", "reason": ""},
            {"suite": "mmu", "name": "b", "result": "skip", "reason": "x"}]}
        self.assertEqual(LAVA_CHECK.compare(run, json.loads(json.dumps(run))), "")
        other = json.loads(json.dumps(run))
        other.update(status="FAIL", backend="native", note="guest reported failures")
        other["tests"][1]["result"] = "pass"
        other["tests"].append({"suite": "time", "name": "c", "result": "pass", "reason": ""})
        diff = LAVA_CHECK.compare(run, other).splitlines()
        self.assertEqual(diff, ["status: local PASS (ok), LAVA FAIL (guest reported failures)",
                                "backend: local kvm, LAVA native",
                                "mmu.b: local skip, LAVA pass", "time.c: local absent, LAVA pass"])


if __name__ == "__main__":
    sys.exit(taprunner.run(sys.modules[__name__]))
