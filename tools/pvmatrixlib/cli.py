# SPDX-License-Identifier: MIT
"""pvmatrix: boot one kernel image in every environment and print one result table.

Usage:
  tools/pvmatrix [options] IMAGE [ENV...]

Each environment is a file tools/envs/NAME.env (see tools/envs/README.md): how to start it,
what it needs, its timeout and how the guest's status is recovered. Environments that cannot
run on this machine are reported SKIP with the reason. Each VM's serial console goes to its own
log; KTAP (nested suites included) is parsed from it. The table shows, per environment, the
backend the guest reported, tests passed/failed/skipped, the time to the first KTAP line and
the wall time. JUnit XML and a JSON summary are written next to the logs.

With --expect PATTERN the image is a foreign kernel (any PVH/multiboot kernel or a Linux
bzImage): an environment passes when PATTERN (a regular expression) appears on its console.

With --emit-lava DIR nothing boots: each environment run becomes a LAVA job definition
(DIR/RUN/job.yaml, with DIR/RUN/device.yaml for a local lava-run) deploying the files in
DIR/files; runs LAVA's qemu device type cannot express are listed with the reason. With
--from-lava the arguments are LAVA job logs (lava-run's output, or lavacli jobs logs --raw;
files or directories) and results lists, read back into the table, summary.json and JUnit
XML of a local run.

With --console the image boots in one environment, the first of ENV... that can run here
(each one passed over is said, with its reason), with its console on stdout; a name without
-smpN is its first CPU count. tools/pvrun is this mode.

Exit status: 0 when no environment failed (SKIP is not a failure), 1 when one did, 2 on a
usage error (with --console: also when no ENV can run here), 130 when interrupted (every VM
is killed first).
"""

import argparse
import json
import os
import re
import sys

from . import lava, reports
from .envs import EnvError, load_envs
from .runner import INTERRUPTS, Matrix
from .soak import soak

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))   # tools/
DEFAULT_ENV_DIR = os.path.join(HERE, "envs")
DEFAULT_ENVS = ["qemu-tcg", "qemu-kvm-native", "grub-tcg", "bochs"]


def console(args, envs):
    """One boot, console on stdout: the first environment that can run here."""
    chosen = None
    for e in envs:
        e.rom = args.rom or os.path.join(os.path.dirname(args.image), "vmi-native.rom")
        why = e.probe()
        if not why:
            chosen = e
            break
        print("pvmatrix: %s cannot run here: %s" % (e.name, why), file=sys.stderr)
    if not chosen:
        return 2
    print("pvmatrix: booting %s in %s" % (args.image, chosen.name), file=sys.stderr)
    args.jobs = 1
    m = Matrix(args, [chosen])
    m.run_all(args.image)
    run = m.runs[0]
    print("\npvmatrix: %s %s (%s)" % (chosen.name, run.status, run.note), file=sys.stderr)
    if m.interrupted:
        return 130
    return 0 if run.status == "PASS" else 1


def emit_lava(args, envs):
    m = Matrix(args, envs)
    try:
        written, refused = lava.emit(m, envs, args.image, args.emit_lava, args.lava_url)
    except (EnvError, OSError) as e:
        print("pvmatrix: --emit-lava: %s" % e, file=sys.stderr)
        return 1
    for j in written:
        print("%-20s %s" % (j["run"], os.path.join(args.emit_lava, j["job"])))
    for run, why in refused:
        print("%-20s not expressible as a LAVA qemu job: %s" % (run, why))
    print("pvmatrix: %d LAVA jobs in %s, %d runs not expressible (%s)"
          % (len(written), args.emit_lava, len(refused),
             os.path.join(args.emit_lava, "lava.json")))
    return 0


def from_lava(args):
    paths = [p for p in [args.image] + args.envs if p]
    if not paths:
        print("pvmatrix: --from-lava needs LAVA logs or results", file=sys.stderr)
        return 2
    args.image = None
    m = Matrix(args, [])
    try:
        lava.from_lava(m, paths, args.env_dir)
    except (EnvError, OSError) as e:
        print("pvmatrix: --from-lava: %s" % e, file=sys.stderr)
        return 2
    return report(args, m)


def main(argv=None):
    ap = argparse.ArgumentParser(
        prog="pvmatrix", description=__doc__.split("\n\n", 2)[2].strip(),
        epilog="Environments: tools/envs/*.env. Default set: %s." % " ".join(DEFAULT_ENVS),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("image", nargs="?", help="kernel image (ELF with a PVH note and multiboot2 header, "
                    "or with --expect any kernel QEMU can boot)")
    ap.add_argument("envs", nargs="*", metavar="ENV", help="environments (default: all)")
    ap.add_argument("-o", "--output", default="build/matrix",
                    help="directory for logs, summary.json and junit.xml (default %(default)s)")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1,
                    help="environments booted at once (default: the number of CPUs)")
    ap.add_argument("--env-dir", default=DEFAULT_ENV_DIR,
                    help="the environment files (default: tools/envs)")
    ap.add_argument("--append", default=None,
                    help="kernel command line (default: the environment's)")
    ap.add_argument("--extra", metavar="ARGS", default=None,
                    help="append ARGS to each environment's command line (its own, or --append)")
    ap.add_argument("--backend", metavar="NAME", default=None,
                    help="the backend the guest must report (default: the environment's "
                    "backend = key; any: do not check)")
    ap.add_argument("--repeat", metavar="N", type=int, default=1,
                    help="soak: run the environments N times; print per environment and per "
                    "test case in how many runs it failed (OUT/roundNN, OUT/soak.json)")
    ap.add_argument("--var", metavar="NAME=VALUE", action="append", default=[],
                    help="a {NAME} of the environments' commands (e.g. --var launcher=IMAGE: "
                    "the dom0 that launches the image as a domU)")
    ap.add_argument("--rom", default=None,
                    help="the option ROM of {rom} environments (default: vmi-native.rom "
                    "beside the image)")
    ap.add_argument("--expect", metavar="REGEX", default=None,
                    help="foreign-image mode: pass when REGEX appears on the console")
    ap.add_argument("--timeout", type=float, default=None,
                    help="override every environment's timeout (seconds)")
    ap.add_argument("--check", action="store_true",
                    help="only the environments marked make_check (for make check)")
    ap.add_argument("--bench", action="store_true",
                    help="bench mode (tools/pvbench): bench=1 on every command line; without "
                    "ENV names, the environments with bench on (default: those --check boots), "
                    "each once, with the most vCPUs its file lists")
    ap.add_argument("--console", action="store_true",
                    help="one boot with its console on stdout: the first ENV that can run here")
    ap.add_argument("--emit-lava", metavar="DIR", default=None,
                    help="write a LAVA job per environment run into DIR, boot nothing")
    ap.add_argument("--lava-url", metavar="URL", default=None,
                    help="where a LAVA worker downloads DIR/files from (default: file://DIR/files)")
    ap.add_argument("--from-lava", action="store_true",
                    help="the arguments are LAVA job logs or results: report them as a run")
    ap.add_argument("--list", action="store_true", help="list environments and whether "
                    "each can run here, then exit")
    ap.add_argument("-q", "--quiet", action="store_true", help="no progress output")
    ap.add_argument("-v", "--verbose", action="store_true", help="also list skipped tests")
    args = ap.parse_intermixed_args(argv)

    if args.from_lava:
        return from_lava(args)
    if args.jobs < 1:
        ap.error("--jobs must be at least 1")
    if not os.path.isdir(args.env_dir):
        ap.error("no environment directory %s" % args.env_dir)
    all_names = sorted(f[:-4] for f in os.listdir(args.env_dir) if f.endswith(".env"))
    names = args.envs or [n for n in DEFAULT_ENVS if n in all_names] + \
        [n for n in all_names if n not in DEFAULT_ENVS]
    try:
        envs = load_envs(args.env_dir, names)
    except EnvError as e:
        print("pvmatrix: %s" % e, file=sys.stderr)
        return 2
    if args.console:
        if not args.envs:
            ap.error("--console needs the environments to choose from")
        # NAME alone: its first CPU count (its other counts are NAME-smpN).
        envs = [e for e in envs if e.name in args.envs]
    if args.check:
        envs = [e for e in envs if e.make_check]
    if args.bench and not args.envs:
        # One boot each, with the most vCPUs listed: the cross-CPU rows need a second CPU.
        envs = [e for e in envs if e.bench and e.cpus == max(e.cpus_list)]
    if args.timeout:
        for e in envs:
            e.timeout = args.timeout
    rom = args.rom or os.path.join(os.path.dirname(args.image or "build/x"), "vmi-native.rom")
    for e in envs:
        e.rom = rom
    if args.list:
        for e in envs:
            why = e.probe()
            print("%-18s %-5s %s%s" % (e.name, "SKIP" if why else "ok", e.description,
                                        " (%s)" % why if why else ""))
        return 0
    if not args.image:
        ap.error("the following arguments are required: image")
    if not os.path.isfile(args.image):
        print("pvmatrix: %s: no such file" % args.image, file=sys.stderr)
        return 2
    args.image = os.path.abspath(args.image)
    if args.expect:
        try:
            re.compile(args.expect)
        except re.error as e:
            print("pvmatrix: --expect: bad regular expression: %s" % e, file=sys.stderr)
            return 2

    for v in args.var:
        if "=" not in v or not re.fullmatch(r"[a-z_]+", v.split("=", 1)[0]):
            ap.error("--var takes NAME=VALUE (NAME in lower case), not %r" % v)
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")

    if args.emit_lava:
        return emit_lava(args, envs)
    INTERRUPTS.install()
    if args.repeat > 1:
        return soak(args, envs)
    if args.console:
        return console(args, envs)

    m = Matrix(args, envs)
    m.run_all(args.image)
    return report(args, m)


def report(args, m):
    """The table, the failures, summary.json and junit.xml of m's runs; the exit status."""
    print(reports.table(m))
    for line in reports.failures(m):
        print("  " + line)
    os.makedirs(args.output, exist_ok=True)
    with open(os.path.join(args.output, "summary.json"), "w") as f:
        json.dump(reports.summary(m), f, indent=2)
    with open(os.path.join(args.output, "junit.xml"), "w") as f:
        f.write(reports.junit(m))
    t = reports.totals(m)
    print("pvmatrix: %d environments passed, %d failed, %d skipped; tests %d passed, "
          "%d failed, %d skipped (%s)" % (t["environments_passed"], t["environments_failed"],
                                          t["environments_skipped"], t["tests_passed"],
                                          t["tests_failed"], t["tests_skipped"],
                                          os.path.join(args.output, "summary.json")))
    if m.interrupted:
        return 130
    return 1 if t["environments_failed"] else 0
