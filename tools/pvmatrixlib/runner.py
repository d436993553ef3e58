# SPDX-License-Identifier: MIT
"""Running the environments: each VM in its own process group, its console scanned, judged."""

import os
import re
import shlex
import signal
import subprocess
import sys
import time

from .envs import EnvError, fill, make_esp, make_iso, prepare_hypervisor
from . import xldom0
from .ktap import Ktap, parse_ktap

# ---------------------------------------------------------------------------------------------
# Running


class Run:
    def __init__(self, env, log):
        self.env = env
        self.log = log
        self.proc = None
        self.start = None
        self.end = None
        self.first_ktap = None
        self.init_us = None       # pvops_init in guest microseconds, as the guest says
        self.status = None        # "PASS", "FAIL", "SKIP", "ERROR"
        self.note = ""
        self.ktap = Ktap()
        self.returncode = None
        self.timed_out = False
        self.stopped_on_pattern = False
        self.host_cannot = None   # the note of the env's host_cannot line the VM's stderr matched
        # Only the console is known (a LAVA run): True, or what ended it ("LAVA: ...").
        self.console_only = False
        self.seen = 0             # bytes of log already scanned
        self.tail = ""

    def wall(self):
        if self.start is None:
            return 0.0
        return (self.end or time.monotonic()) - self.start


class Interrupts:
    """Ctrl-C and SIGTERM become KeyboardInterrupt, at once, or, while defer is set, when
    resume() is called. SIGINT keeps an inherited SIG_IGN (a background job's)."""

    def __init__(self):
        self.defer = False
        self.pending = False

    def handler(self, signum, frame):
        if self.defer:
            self.pending = True
            return
        raise KeyboardInterrupt

    def install(self):
        signal.signal(signal.SIGTERM, self.handler)
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            signal.signal(signal.SIGINT, self.handler)

    def resume(self):
        self.defer = False
        if self.pending:
            self.pending = False
            raise KeyboardInterrupt


INTERRUPTS = Interrupts()


def substitute(cmd, values):
    return fill(cmd, values, shlex.quote)


def console_status(k, guest):
    """The status a guest that ends with isa-debug-exit wrote (1 passed, 3 failures, 5 panic),
    from its console: its panic, or its result line (k's); None when it printed neither."""
    if re.search(r"^PANIC: ", guest, re.M):
        return 5
    m = re.match(r"pvguest: result [0-9]+ passed, ([0-9]+) failed", k.result_line or "")
    if m:
        return 1 if m.group(1) == "0" else 3
    return None


def kill_group(proc, grace=3.0):
    if proc is None or proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5.0)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


class Matrix:
    def __init__(self, args, envs):
        self.args = args
        self.envs = envs
        self.runs = []
        self.outdir = args.output
        self.interrupted = False

    def values(self, env, image, log, outdir):
        """The environment's placeholders for one run: its command line, and the files its
        prepare step makes (an ISO, the hypervisor, a dom0, an EFI partition) in outdir."""
        append = env.append if self.args.append is None else self.args.append
        if self.args.extra:
            append = (append + " " + self.args.extra).strip()
        if self.args.bench:
            append = (append + " bench=1").strip()
        # {module_append}: inside QEMU's -initrd list, where a comma separates modules.
        values = {"image": image, "log": log, "memory": env.memory, "cpus": env.cpus,
                  "append": append, "module_append": append.replace(",", ",,"),
                  "outdir": outdir, "name": env.name,
                  "rom": os.path.abspath(env.rom),
                  "rom_dir": os.path.dirname(os.path.abspath(env.rom))}
        for v in getattr(self.args, "var", []) or []:
            k, _, val = v.partition("=")
            values.setdefault(k, os.path.abspath(val) if os.path.exists(val) else val)
        if env.prepare == "iso":
            values["iso"] = make_iso(image, append, outdir, env.name)
        elif env.prepare == "hypervisor":
            values["hypervisor"] = prepare_hypervisor(env.hypervisor, outdir)
        elif env.prepare == "esp":
            cfg = fill(env.esp_cfg, dict(values, image=os.path.basename(image)))
            values["esp"] = make_esp(env.hypervisor, cfg, image, outdir, env.name)
        elif env.prepare == "xl-dom0":
            values["hypervisor"] = prepare_hypervisor(env.hypervisor, outdir)
            kernel, base = xldom0.dom0(outdir, env.xl_dm)
            config = xldom0.xl_config(env.xl_config, values)
            values["dom0_kernel"] = kernel
            values["dom0_initrd"] = xldom0.run_initrd(
                base, image, config, os.path.join(outdir, "%s-dom0.cpio" % env.name),
                iso=make_iso(image, append, outdir, env.name) if env.xl_iso else None)
        elif env.prepare:
            raise EnvError("%s: unknown prepare step %r" % (env.path, env.prepare))
        return values

    def start(self, run, image):
        env = run.env
        values = self.values(env, image, run.log, self.outdir)
        argv = shlex.split(substitute(env.command, values))
        open(run.log, "w").close()
        run.start = time.monotonic()
        with open(run.log + ".stderr", "w") as err:
            run.proc = subprocess.Popen(argv, stdin=subprocess.PIPE if env.stdin is not None
                                        else subprocess.DEVNULL, stdout=err, stderr=err,
                                        start_new_session=True)
        if env.stdin is not None:
            try:
                run.proc.stdin.write((env.stdin + "\n").encode())
                run.proc.stdin.close()
            except OSError:
                pass

    def scan_stderr(self, run):
        """The VM's stderr against the environment's host_cannot lines: a match stops it."""
        if not run.env.host_cannot or run.host_cannot:
            return
        try:
            with open(run.log + ".stderr", errors="replace") as f:
                err = f.read()
        except OSError:
            return
        for rx, note in run.env.host_cannot:
            if rx.search(err):
                run.host_cannot = note
                run.stopped_on_pattern = True
                return

    def scan(self, run):
        """Read the new part of the console log; stop the VM on a done/expect pattern."""
        self.scan_stderr(run)
        try:
            with open(run.log, "rb") as f:
                f.seek(run.seen)
                new = f.read().decode("utf-8", "replace")
        except OSError:
            return
        if not new:
            return
        if self.args.console:
            sys.stdout.write(new)
            sys.stdout.flush()
        run.seen += len(new.encode("utf-8", "replace"))
        text = run.tail + new
        lines = text.split("\n")
        run.tail = lines.pop()
        for line in lines:
            line = run.env.guest_line(line.rstrip("\r")) or line
            if run.first_ktap is None and line.startswith("KTAP version"):
                run.first_ktap = time.monotonic() - run.start
            pattern = self.args.expect if self.args.expect else (
                run.env.done if run.env.exit == "console" else None)
            if pattern and re.search(pattern, line):
                run.stopped_on_pattern = True

    def finish(self, run):
        run.end = run.end or time.monotonic()
        run.returncode = run.proc.returncode if run.proc else None
        try:
            with open(run.log, encoding="utf-8", errors="replace") as f:
                text = f.read()
        except OSError:
            text = ""
        self.conclude(run, text)

    def conclude(self, run, text):
        """run's KTAP, pvops_init time and verdict, from its whole console text."""
        guest = run.env.guest_text(text)
        run.ktap = parse_ktap(guest)
        took = re.findall(r"pvops: pvops_init took (\d+) us", guest)
        run.init_us = int(took[-1]) if took else None
        self.judge(run, text)

    def judge(self, run, text):
        k = run.ktap
        if run.host_cannot:
            run.status, run.note = "SKIP", "this host cannot run it: %s" % run.host_cannot
            return
        if self.args.expect:
            if run.stopped_on_pattern:
                run.status, run.note = "PASS", "pattern seen"
            elif run.timed_out:
                run.status, run.note = "FAIL", "pattern not seen within %gs" % run.env.timeout
            else:
                run.status, run.note = "FAIL", "exited (%s) before the pattern" % run.returncode
            return
        notes = []
        failed = False
        if run.timed_out and run.env.hang_skip:
            lines = [l.strip() for l in run.env.guest_text(text).splitlines() if l.strip()]
            if lines and run.env.hang_skip.search(lines[-1]) and not k.failed:
                run.status = "SKIP"
                run.note = "the host never completed what the guest announced last (%s); " \
                    "VM killed after %gs" % (lines[-1].lstrip("# "), run.env.timeout)
                return
        if run.timed_out:
            failed = True
            notes.append("timed out after %gs, VM killed" % run.env.timeout)
        elif run.env.exit == "debug-exit":
            rc = run.returncode
            if run.console_only:
                # No exit status (a LAVA run): the status the guest wrote to isa-debug-exit,
                # from the line it printed before (its result, or its panic).
                rc = console_status(k, run.env.guest_text(text))
                if rc is None:
                    failed = True
                    notes.append("the console ended before the guest's result line%s"
                                 % (": " + run.console_only if run.console_only is not True
                                    else ""))
                    rc = 1
            if rc == 1:
                pass
            elif rc == 3:
                failed = True
                notes.append("guest reported failures")
            elif rc == 5:
                failed = True
                notes.append("guest panicked")
            else:
                failed = True
                err = ""
                try:
                    with open(run.log + ".stderr") as f:
                        err = " ".join(f.read().split())[-200:]
                except OSError:
                    pass
                notes.append("VM exited with %s%s" % (rc, ": " + err if err else ""))
        elif run.env.exit == "exit-code":
            if run.returncode != 0:
                failed = True
                notes.append("exit status %s" % run.returncode)
        # The environment's console verdicts (tools/envs/*.env fail_if, pass_if).
        said = next((note for rx, note in run.env.fail_if if rx.search(text)), None)
        if said:
            failed = True
            notes.append(said)
        else:
            for rx, note in run.env.pass_if:
                if not rx.search(text):
                    failed = True
                    notes.append(note)
        if not k.started:
            failed = True
            notes.append("no KTAP output")
        elif not k.complete:
            failed = True
            where = k.stopped_in()
            notes.append("KTAP incomplete: %d of %s suites reported%s"
                         % (k.top_results, k.plan if k.plan is not None else "?",
                            "; " + where if where else ""))
        want = self.args.backend or run.env.backend
        if want and want != "any" and k.started:
            if k.backend is None:
                failed = True
                notes.append("no backend line; %s expected" % want)
            elif k.backend != want:
                failed = True
                notes.append("backend %s ran, %s expected (the environment's backend =)"
                             % (k.backend, want))
        if k.errors:
            failed = True
            notes.append("malformed KTAP: " + k.errors[0])
        if k.failed:
            failed = True
        smp = re.findall(r"pvguest: smp: ([0-9]+) of ([0-9]+) CPUs up",
                         run.env.guest_text(text))
        if smp and run.env.cpus > 1:
            up, seen = int(smp[-1][0]), int(smp[-1][1])
            if seen < run.env.cpus:
                # The machine has the vCPUs; a guest that does not find them is broken
                # (its CPU enumeration: the firmware's or the toolstack's tables unread).
                failed = True
                notes.append("the guest found %d of the %d vCPUs the environment gives"
                             % (seen, run.env.cpus))
            elif up != run.env.cpus:
                notes.append("%d of %d vCPUs up (the guest saw %d)" % (up, run.env.cpus, seen))
        if "PANIC:" in text and "guest panicked" not in notes:
            failed = True
            notes.append("guest panicked")
        run.status = "FAIL" if failed else "PASS"
        run.note = "; ".join(notes) if notes else "ok"

    def run_all(self, image):
        os.makedirs(self.outdir, exist_ok=True)
        pending = []
        for env in self.envs:
            run = Run(env, os.path.join(self.outdir, env.name + ".log"))
            self.runs.append(run)
            reason = env.probe()
            if reason:
                run.status, run.note = "SKIP", reason
                continue
            pending.append(run)
        active = []
        tty = sys.stderr.isatty() and not self.args.quiet
        last_report = time.monotonic()
        try:
            while pending or active:
                while pending and len(active) < self.args.jobs:
                    run = pending.pop(0)
                    # Ctrl-C or SIGTERM waits until the VM is started and known (in active),
                    # so that whenever it comes, every VM is killed (deferred by the
                    # handlers, not by blocking the signals: a VM would inherit the mask).
                    INTERRUPTS.defer = True
                    try:
                        self.start(run, image)
                        active.append(run)
                    except (EnvError, OSError) as e:
                        run.status, run.note = "FAIL", "could not start: %s" % e
                        continue
                    finally:
                        INTERRUPTS.resume()
                    if not tty and not self.args.quiet:
                        print("pvmatrix: started %s" % run.env.name, file=sys.stderr)
                time.sleep(0.1)
                for run in list(active):
                    self.scan(run)
                    done = run.proc.poll() is not None
                    if not done and run.stopped_on_pattern:
                        kill_group(run.proc, grace=2.0)
                        done = True
                    if not done and run.wall() > run.env.timeout:
                        run.timed_out = True
                        kill_group(run.proc)
                        done = True
                    if done:
                        run.proc.wait()
                        self.scan(run)
                        self.finish(run)
                        active.remove(run)
                        if not tty and not self.args.quiet:
                            print("pvmatrix: %s %s in %.1fs" % (run.env.name, run.status,
                                                               run.wall()), file=sys.stderr)
                now = time.monotonic()
                if tty and active:
                    parts = ["%s %.0fs" % (r.env.name, r.wall()) for r in active]
                    line = "pvmatrix: running %s; %d waiting" % (", ".join(parts), len(pending))
                    sys.stderr.write("\r\033[K" + line[:150])
                    sys.stderr.flush()
                elif not tty and not self.args.quiet and active and now - last_report > 30:
                    last_report = now
                    print("pvmatrix: still running: %s" % ", ".join(
                        "%s %.0fs" % (r.env.name, r.wall()) for r in active), file=sys.stderr)
        except KeyboardInterrupt:
            self.interrupted = True
            for run in active:
                kill_group(run.proc, grace=1.0)
                run.end = time.monotonic()
                run.status, run.note = "FAIL", "interrupted"
            for run in pending:
                run.status, run.note = "SKIP", "interrupted before start"
        finally:
            for run in active:
                kill_group(run.proc, grace=1.0)
            if tty:
                sys.stderr.write("\r\033[K")
                sys.stderr.flush()

    # -----------------------------------------------------------------------------------------
