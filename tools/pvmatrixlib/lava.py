# SPDX-License-Identifier: MIT
"""The matrix as LAVA jobs: one job definition (and the device dictionary a local lava-run
needs) per environment run, from the same tools/envs/*.env files; and LAVA's logs read back
into the runs the table, summary.json and JUnit XML report.

A job deploys the run's files to tmpfs and boots them with LAVA's qemu boot method: each file
that the environment's command names becomes one of the job's images, and the QEMU options
that name a file travel with it (image_arg); the other options are the device's. Results come
back through the console: a test monitor records each top-level suite's verdict for a
server's UI, and every console line is in the job's log, from which --from-lava rebuilds the
console and judges it as a local run (pvmatrix's KTAP parser, the env's verdicts)."""

import hashlib
import json
import os
import re
import shlex
import shutil
import sys

from .envs import Env, EnvError, fill, load_envs
from .runner import Run

# Placeholders whose value is a path: the files a job deploys (or, for these two, cannot).
DIRECTORY_VALUES = {"esp": "its EFI system partition is a directory QEMU serves as a FAT disk "
                    "(fat:DIR); LAVA deploys files",
                    "outdir": "its command names pvmatrix's output directory"}
PATH_VALUES = {"image", "iso", "rom", "rom_dir", "hypervisor", "dom0_kernel", "dom0_initrd",
               "esp", "outdir", "log"}
SENTINEL = re.compile(r"@@PVOPS_([a-z0-9_]+)@@([^\s\"',]*)")
# QEMU options that take no value (the others take one).
QEMU_FLAGS = {"-nodefaults", "-no-reboot", "-no-shutdown", "-nographic", "-enable-kvm", "-S",
              "-no-hpet", "-no-acpi", "-snapshot"}


class NotExpressible(Exception):
    pass


def pyyaml(why):
    """PyYAML, or EnvError saying what needs it. tools/deps installs Debian's python3-yaml;
    a python3 of its own (pyenv) without PyYAML finds it in Debian's dist-packages."""
    try:
        import yaml
    except ImportError:
        sys.path.append("/usr/lib/python3/dist-packages")
        try:
            import yaml
        except ImportError:
            raise EnvError("%s needs python3-yaml (tools/deps installs it)" % why)
    return yaml


def dump_yaml(obj):
    """obj as block-style YAML, its keys in the order written."""
    return pyyaml("writing LAVA's YAML").safe_dump(obj, sort_keys=False,
                                                   default_flow_style=False, width=1000)


def pairs(argv):
    """QEMU's argv (without the program) as (option, value) pairs; value None for a flag."""
    out, i = [], 0
    while i < len(argv):
        a = argv[i]
        if not a.startswith("-"):
            raise NotExpressible("QEMU argument %r follows no option" % a)
        if a in QEMU_FLAGS or i + 1 == len(argv):
            out.append((a, None))
            i += 1
        else:
            out.append((a, argv[i + 1]))
            i += 2
    return out


def label_of(key, suffix):
    return key if not suffix else key + "_" + re.sub(r"\W+", "_", suffix).strip("_")


def express(env, values):
    """How LAVA's qemu device type runs env with values: (program, device options, images),
    images an ordered {label: {"path", "image_arg"}}. NotExpressible says why it cannot."""
    if env.stdin is not None:
        raise NotExpressible("it types %r into the VM's stdin; LAVA's qemu boot types nothing"
                             % env.stdin)
    # Every path-valued placeholder becomes a sentinel, found again after shlex: the files
    # the runner names, and a --var that names an existing path.
    marked = {}
    for k, v in values.items():
        if k in PATH_VALUES or isinstance(v, str) and os.path.isabs(v) and os.path.exists(v):
            marked[k] = "@@PVOPS_%s@@" % k
        else:
            marked[k] = v
    argv = shlex.split(fill(env.command, marked, shlex.quote))
    if not re.fullmatch(r"qemu-system-[a-z0-9_]+", os.path.basename(argv[0])):
        raise NotExpressible("LAVA's qemu device type runs qemu-system-*; this environment "
                             "runs %s" % os.path.basename(argv[0]))
    options, images, kernel_label, appends = [], {}, None, []
    for opt, val in pairs(argv[1:]):
        found = SENTINEL.findall(val or "")
        if opt == "-serial" and val == "file:@@PVOPS_log@@":
            options.append("-serial stdio")     # LAVA reads the console from QEMU's stdio
            continue
        labels = []
        for key, suffix in found:
            if key == "log":
                raise NotExpressible("its command names the console log outside -serial")
            path = values[key] + suffix
            if key not in DIRECTORY_VALUES and not os.path.exists(path):
                raise NotExpressible("{%s}%s is %s, which is missing" % (key, suffix, path))
            if key in DIRECTORY_VALUES or not os.path.isfile(path):
                raise NotExpressible(DIRECTORY_VALUES.get(
                    key, "its command names {%s}%s, not a file" % (key, suffix)))
            label = label_of(key, suffix)
            images.setdefault(label, {"path": path, "image_arg": []})
            labels.append(label)
        text = opt if val is None else "%s %s" % (opt, quote(SENTINEL.sub(
            lambda m: "{%s}" % label_of(m.group(1), m.group(2)), val)))
        if labels:
            images[labels[0]]["image_arg"].append(text)
            if opt == "-kernel":
                kernel_label = labels[0]
        elif opt == "-append":
            appends.append(text)                 # the kernel's, beside its -kernel
        else:
            options.append(text)
    if appends:
        if not kernel_label:
            raise NotExpressible("-append without a -kernel file")
        images[kernel_label]["image_arg"].extend(appends)
    if not images:
        raise NotExpressible("its command deploys no file")
    for im in images.values():
        im["image_arg"] = " ".join(im["image_arg"])
    return argv[0], options, images


def quote(s):
    """One QEMU argument as LAVA's command string keeps it (pexpect splits it as a shell
    does): double quotes where it has a space or a quote."""
    if re.fullmatch(r"[A-Za-z0-9_@%+=:,./{}-]+", s):
        return s
    return '"%s"' % s.replace("\\", "\\\\").replace('"', '\\"')


def monitor_regex(done):
    """env.done for pexpect, which sees a stream, not lines: a ^ becomes a line start, and the
    match runs to the line's end, so the whole line is in the log before the monitor stops."""
    alts = [("(?:^|\\n)" + a[1:]) if a.startswith("^") else a for a in done.split("|")]
    return "(?:%s)[^\\n]*\\n" % "|".join(alts)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def job(env, images, options, image, url_of):
    """The job definition of one run (a dict, written as YAML)."""
    deploy = {}
    for label, im in images.items():
        d = {"url": url_of(im), "image_arg": im["image_arg"]}
        if im.get("compression"):
            d["compression"] = im["compression"]
        d["sha256sum"] = im["sha256"]
        deploy[label] = d
    t = int(env.timeout)
    return {
        "device_type": "qemu",
        "job_name": "pvops %s: %s" % (env.name, env.description)[:200],
        "timeouts": {"job": {"seconds": t + 600}, "action": {"seconds": t},
                     "connection": {"seconds": t}},
        "priority": "medium",
        "visibility": "public",
        "metadata": {"pvops.run": env.name, "pvops.image": os.path.basename(image),
                     "pvops.backend": env.backend or "any", "pvops.cpus": str(env.cpus)},
        # For a LAVA server's stock qemu device type: no KVM of its own (-accel and -cpu are
        # the environment's), the memory, and the options; the device adds -nographic, a NIC
        # and -monitor none.
        "context": {"arch": "amd64", "no_kvm": True, "memory": env.memory,
                    "extra_options": [o for o in options if not o.startswith("-m ")]},
        "actions": [
            {"deploy": {"to": "tmpfs", "timeout": {"seconds": 600}, "images": deploy}},
            {"boot": {"method": "qemu", "media": "tmpfs", "timeout": {"seconds": t}}},
            {"test": {"timeout": {"seconds": t}, "monitors": [{
                "name": "pvops-" + env.name,
                "start": "KTAP version 1",
                "end": monitor_regex(env.done),
                # Top-level results: a suite's verdict (its cases are in the log). The name
                # must be followed by what ends it: pexpect matches what has arrived so far.
                "pattern": "\\n(?:\\([a-z0-9]+\\) |\\[domU\\] )?(?P<result>ok|not ok) [0-9]+ "
                           "(?P<test_case_id>[A-Za-z0-9_.-]+)(?=[ \\r\\n])",
                "fixupdict": {"ok": "pass", "not ok": "fail"}}]}},
        ],
    }


def device(program, options, env):
    """The rendered device dictionary a local lava-run needs (a server renders its own)."""
    t = int(env.timeout)
    return {
        "device_type": "qemu",
        "available_architectures": ["amd64"],
        "actions": {
            # As the stock qemu device type has it: the tmpfs deploy is its image method.
            "deploy": {"methods": {"image": {"parameters": {"guest": {
                "size": 512, "interface": "ide", "driveid": "lavatest"}}}}},
            "boot": {"connections": {"serial": None},
                     "methods": {"qemu": {"parameters": {"command": os.path.basename(program),
                                                         "options": options}}}},
        },
        "timeouts": {"actions": {"execute-qemu": {"seconds": t}},
                     "connections": {"lava-test-monitor": {"seconds": t}}},
    }


def emit(matrix, envs, image, outdir, url):
    """Write outdir/RUN/job.yaml and device.yaml per run, the files in outdir/files, and
    outdir/lava.json; returns (written runs, [(run, reason)] not expressible)."""
    files = os.path.join(outdir, "files")
    os.makedirs(files, exist_ok=True)
    base = url.rstrip("/") if url else "file://" + os.path.abspath(files)
    written, refused = [], []
    for env in envs:
        work = os.path.join(outdir, env.name)
        shutil.rmtree(work, ignore_errors=True)
        os.makedirs(work)
        try:
            values = matrix.values(env, image, os.path.join(work, "console.log"), work)
            program, options, images = express(env, values)
            # The run's name in the boot command LAVA logs: --from-lava reads it there.
            options.append("-name pvops-%s" % env.name)
        except NotExpressible as e:
            shutil.rmtree(work)
            refused.append((env.name, str(e)))
            continue
        except EnvError as e:
            shutil.rmtree(work)
            refused.append((env.name, "could not prepare its files: %s" % e))
            continue
        for label, im in images.items():
            src = im["path"]
            # The hypervisor as it is packaged: LAVA unpacks it (compression: gz).
            if label == "hypervisor" and env.hypervisor.endswith(".gz"):
                src, im["compression"] = env.hypervisor, "gz"
            name, digest = os.path.basename(src), sha256(src)
            dst = os.path.join(files, name)
            if os.path.exists(dst) and sha256(dst) != digest:
                name = "%s-%s" % (env.name, name)
                dst = os.path.join(files, name)
            shutil.copyfile(src, dst)
            im["file"], im["sha256"] = name, digest
        # Files prepared for this run (an ISO, a dom0) are in files/ now; work/ keeps the job.
        for f in os.listdir(work):
            p = os.path.join(work, f)
            if os.path.isdir(p):
                shutil.rmtree(p)
            else:
                os.remove(p)
        with open(os.path.join(work, "job.yaml"), "w") as f:
            f.write(dump_yaml(job(env, images, options, image,
                                  lambda im: "%s/%s" % (base, im["file"]))))
        with open(os.path.join(work, "device.yaml"), "w") as f:
            f.write(dump_yaml(device(program, options, env)))
        written.append({"run": env.name, "job": os.path.join(env.name, "job.yaml"),
                        "device": os.path.join(env.name, "device.yaml"),
                        "files": sorted(im["file"] for im in images.values())})
    with open(os.path.join(outdir, "lava.json"), "w") as f:
        json.dump({"image": image, "url": base, "jobs": written,
                   "not_expressible": [{"run": r, "reason": w} for r, w in refused]}, f, indent=2)
    return written, refused


# ---------------------------------------------------------------------------------------------
# Reading LAVA's logs and results back


class Job:
    """What one LAVA job says: its console lines, its run name, LAVA's own verdicts."""

    def __init__(self, source):
        self.source = source
        self.run = None
        self.lines = []            # the console (target lines), in order
        self.times = []            # their timestamps (seconds), where the log has them
        self.boot_time = None
        self.results = []          # LAVA's recorded results: (definition, case, result)
        self.errors = []

    @property
    def has_log(self):
        """A job log (a console, a boot), not a results list alone."""
        return bool(self.lines) or self.boot_time is not None

    def name_run(self):
        """The run, where the boot command did not name it: from LAVA's pvops-RUN results."""
        self.run = self.run or next((d[len("pvops-"):] for d, _, _ in self.results
                                     if (d or "").startswith("pvops-")), None)


def records(path):
    """The log records of a file: lava-run's stdout (one JSON object a line) or a server's
    log (lavacli jobs logs --raw: YAML list); or a results list (a server's results API)."""
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    s = text.lstrip()
    try:
        data = json.loads(s)
    except ValueError:
        data = None
        if s.startswith("{"):
            # lava-run's stdout: one record a line, in YAML's flow style (mostly JSON; LAVA
            # writes a tag now and then: "size": ! "1541488").
            data = []
            for n, line in enumerate(text.splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    data.append(json.loads(line))
                except ValueError:
                    data.append(load_yaml(line, "%s:%d" % (path, n)))
        else:
            data = load_yaml(text, path)
    if isinstance(data, dict) and "lvl" in data:
        data = [data]
    # The REST API's page ({"count", "results": [...]}), or one result (lava-run's
    # result.yaml: the job's own).
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        data = data["results"]
    elif isinstance(data, dict) and "result" in data:
        data = [data]
    if not isinstance(data, list):
        raise EnvError("%s: not a LAVA log or results list" % path)
    return data


def load_yaml(text, where):
    yaml = pyyaml("%s: reading LAVA's YAML" % where)
    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as e:
        raise EnvError("%s: not LAVA's YAML: %s" % (where, str(e).splitlines()[0]))


def seconds(dt):
    m = re.match(r"\d{4}-\d\d-\d\dT(\d\d):(\d\d):(\d\d(?:\.\d+)?)", str(dt or ""))
    return int(m.group(1)) * 3600 + int(m.group(2)) * 60 + float(m.group(3)) if m else None


def read_job(path):
    job = Job(path)
    recs = records(path)
    if recs and isinstance(recs[0], dict) and "lvl" not in recs[0] and "result" in recs[0]:
        # A results list (the server's results API): LAVA's own verdicts, no console.
        for r in recs:
            job.results.append((r.get("suite") or r.get("definition"), r.get("name") or
                                r.get("case"), r.get("result")))
        job.name_run()
        return job
    for r in recs:
        if not isinstance(r, dict):
            raise EnvError("%s: not a LAVA log record: %r" % (path, r))
        lvl, msg = r.get("lvl"), r.get("msg")
        if lvl == "target":
            if isinstance(msg, str):
                job.lines.append(msg)
                job.times.append(seconds(r.get("dt")))
        elif lvl == "info" and isinstance(msg, str) and msg.startswith("Boot command: "):
            job.boot_time = seconds(r.get("dt"))
            m = re.search(r"-name pvops-(\S+)", msg)
            if m:
                job.run = m.group(1)
        elif lvl == "results" and isinstance(msg, dict):
            job.results.append((msg.get("definition"), msg.get("case"), msg.get("result")))
        elif lvl == "error" and isinstance(msg, str):
            job.errors.append(msg)
    job.name_run()
    # LAVA types its power-off command into the console at the end; the guest never did.
    while job.lines and job.lines[-1].strip() in ("poweroff", ""):
        job.lines.pop()
        job.times.pop()
    return job


def find_logs(path):
    """The LAVA files under path: itself, or a directory's *.log, *.yaml and *.json that are
    logs (not job definitions or device dictionaries)."""
    if os.path.isfile(path):
        return [path]
    if not os.path.isdir(path):
        raise EnvError("%s: no such file or directory" % path)
    out = []
    for root, _, names in sorted(os.walk(path)):
        for n in sorted(names):
            if n in ("job.yaml", "device.yaml", "lava.json", "description.yaml",
                     "summary.json") or not n.endswith((".log", ".yaml", ".json", ".jsonl")):
                continue
            out.append(os.path.join(root, n))
    return out


def env_of(env_dir, name):
    """The run NAME (its file's first CPU count) or NAME-smpN of env_dir."""
    p = os.path.join(env_dir, name + ".env")
    if os.path.exists(p):
        e = Env(name, p)
        return e.variant(e.cpus_list[0])
    return load_envs(env_dir, [name])[0]


def suite_verdicts(k):
    """Each top-level suite's verdict as LAVA's monitor records it: fail when a case failed."""
    out = {}
    for suite, _, res, _ in k.tests:
        if suite is None:
            continue
        out.setdefault(suite, "pass")
        if res == "fail":
            out[suite] = "fail"
    return out


def from_lava(matrix, paths, env_dir):
    """matrix.runs from LAVA's logs (and results lists) under paths; raises EnvError."""
    jobs = []
    for p in paths:
        for f in find_logs(p):
            try:
                j = read_job(f)
            except EnvError:
                if f == p:
                    raise          # named on the command line: it must be LAVA's
                continue           # found in a directory: another file beside the logs
            if j.has_log or j.run:
                jobs.append(j)
    if not jobs:
        raise EnvError("no LAVA job log or pvops results in %s" % ", ".join(paths))
    # A results list joins the log of its run; alone, it is the run's only record.
    logs = {}
    for j in (j for j in jobs if j.has_log):
        if not j.run:
            raise EnvError("%s: names no pvops run (no '-name pvops-RUN' in its boot command, "
                           "no pvops-RUN results): not a job --emit-lava wrote" % j.source)
        if j.run in logs:
            raise EnvError("%s and %s are both the log of run %s: give one run's log once"
                           % (logs[j.run].source, j.source, j.run))
        logs[j.run] = j
    extra = []
    for j in (j for j in jobs if not j.has_log):
        if j.run in logs:
            logs[j.run].results.extend(j.results)
        else:
            extra.append(j)
    for j in list(logs.values()) + extra:
        try:
            env = env_of(env_dir, j.run)
        except EnvError as e:
            raise EnvError("%s: %s" % (j.source, e))
        run = Run(env, j.source)
        matrix.runs.append(run)
        lava = {(c, r) for d, c, r in j.results if d == "pvops-" + j.run}
        if not j.lines:
            # LAVA's record alone: a verdict per suite, reported as such (the cases are in
            # the job's log).
            for c, r in sorted(lava):
                run.ktap.tests.append((c, "(suite verdict)", r if r in ("pass", "fail", "skip")
                                       else "fail", "" if r != "unknown" else "unknown"))
            run.ktap.started = bool(lava)
            run.status = "PASS" if lava and not run.ktap.failed else "FAIL"
            run.note = "LAVA's results only: %d suite verdicts (the job's log has the cases)" \
                % len(lava)
            continue
        times = [t for t in j.times if t is not None]
        run.start = j.boot_time if j.boot_time is not None else (times[0] if times else None)
        run.end = times[-1] if times else run.start
        for line, t in zip(j.lines, j.times):
            g = env.guest_line(line)
            if g is not None and g.startswith("KTAP version") and t is not None \
                    and run.start is not None:
                run.first_ktap = t - run.start
                break
        run.console_only = "LAVA: " + j.errors[0] if j.errors else True
        matrix.conclude(run, "\n".join(j.lines) + "\n")
        # LAVA's own record of the suites (its test monitor) must agree with the console's.
        mine = suite_verdicts(run.ktap)
        wrong = sorted(c for c, r in lava if mine.get(c) != r)
        note = "LAVA recorded %d of %d suite verdicts" % (len(lava), len(mine))
        if wrong:
            run.status = "FAIL"
            note += "; %d of them not the console's: %s" % (len(wrong), ", ".join(
                "%s %s" % (c, r) for c, r in sorted(lava) if c in wrong))
        if j.errors and run.status == "PASS":
            run.status = "FAIL"
            note += "; LAVA: %s" % j.errors[0]
        run.note = note if run.note == "ok" else run.note + "; " + note
    return matrix.runs
