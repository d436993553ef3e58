# SPDX-License-Identifier: MIT
"""The environments: tools/envs/NAME.env files, what each needs, and what it prepares."""

import configparser
import copy
import gzip
import os
import re
import shutil
import subprocess
import tempfile

# ---------------------------------------------------------------------------------------------
# Environments


class EnvError(Exception):
    pass


class Env:
    KEYS = {"description", "command", "needs", "needs_files", "needs_kvm", "min_version",
            "packages", "timeout", "memory", "cpus", "prepare", "console", "exit", "done",
            "append", "make_check", "stdin", "hypervisor", "guest_prefix", "kvm_cpu",
            "hang_skip", "bench", "backend", "fail_if", "pass_if", "xl_config", "xl_dm",
            "xl_iso", "host_cannot", "esp_cfg"}

    def __init__(self, name, path):
        self.name = name
        self.path = path
        cp = configparser.ConfigParser(interpolation=None)
        try:
            with open(path) as f:
                cp.read_file(f)
        except (OSError, configparser.Error) as e:
            raise EnvError("%s: %s" % (path, e))
        if not cp.has_section("env"):
            raise EnvError("%s: no [env] section" % path)
        sec = cp["env"]
        unknown = set(sec.keys()) - self.KEYS
        if unknown:
            raise EnvError("%s: unknown keys: %s" % (path, ", ".join(sorted(unknown))))
        if "command" not in sec:
            raise EnvError("%s: no command" % path)
        self.description = sec.get("description", "")
        # The backend the guest must report here; another one fails the run.
        self.backend = sec.get("backend", "").strip() or None
        self.command = sec["command"]
        self.needs = sec.get("needs", "").split()
        self.needs_files = sec.get("needs_files", "").split()
        self.needs_kvm = sec.getboolean("needs_kvm", fallback=False)
        # The -cpu model the KVM probe must get QEMU to accept (e.g. Hyper-V flags).
        self.kvm_cpu = sec.get("kvm_cpu", "host,kvm=off,-arch-capabilities").strip()
        self.min_version = sec.get("min_version", "").split()
        self.packages = sec.get("packages", "").split()
        self.timeout = sec.getfloat("timeout", fallback=240.0)
        self.memory = sec.getint("memory", fallback=256)
        # Every count listed is its own run: NAME with the first, NAME-smpN with the others.
        try:
            self.cpus_list = [int(c) for c in sec.get("cpus", "1").split()]
        except ValueError:
            raise EnvError("%s: cpus must be a list of CPU counts" % path)
        if not self.cpus_list or any(c < 1 or c > 8 for c in self.cpus_list):
            raise EnvError("%s: cpus must list counts from 1 to 8" % path)
        self.cpus = self.cpus_list[0]
        self.prepare = sec.get("prepare", "").strip()
        self.console = sec.get("console", "file").strip()
        self.exit = sec.get("exit", "debug-exit").strip()
        self.done = sec.get("done", r"^pvguest: result |^PANIC: ").strip()
        self.append = sec.get("append", "").strip()
        self.make_check = sec.getboolean("make_check", fallback=True)
        # pvbench boots it (--bench): by default the environments make check boots.
        self.bench = sec.getboolean("bench", fallback=self.make_check)
        self.stdin = sec.get("stdin", None)
        self.rom = "build/vmi-native.rom"  # set from --rom / the image's directory
        self.hypervisor = sec.get("hypervisor", "").strip()
        # prepare = xl-dom0: the domU's xl config ({cpus}, {append}, {memory}, {name}), and
        # whether the dom0 carries the HVM device model.
        self.xl_config = sec.get("xl_config", "").strip()
        self.xl_dm = sec.getboolean("xl_dm", fallback=False)
        # The domU boots a GRUB ISO of the image (/domu/boot.iso: firmware, GRUB, multiboot2).
        self.xl_iso = sec.getboolean("xl_iso", fallback=False)
        # prepare = esp: the EFI loader's config (EFI/BOOT/BOOTX64.cfg), {append} filled.
        self.esp_cfg = sec.get("esp_cfg", "").strip()
        # Where the guest is not alone on the console (a domU under Xen): a regex
        # for its lines; only those, without it, are read for KTAP.
        try:
            self.guest_prefix = re.compile("^" + sec["guest_prefix"]) if sec.get(
                "guest_prefix", "").strip() else None
        except re.error as e:
            raise EnvError("%s: guest_prefix: %s" % (path, e))
        # A run that times out with the guest's last line matching this regex is SKIP:
        # the guest announced a step the host may never complete (a KVM hypercall).
        try:
            self.hang_skip = re.compile(sec["hang_skip"]) if sec.get(
                "hang_skip", "").strip() else None
        except re.error as e:
            raise EnvError("%s: hang_skip: %s" % (path, e))
        # The console's own verdicts (a hypervisor's words about the guest): one
        # "REGEX => NOTE" per line. The first fail_if that matches fails the run with its
        # note; otherwise each pass_if must match, or the run fails with its note.
        # What the VM's own program says on its stderr when this host cannot run the guest
        # at all ("KVM internal error ... emulation failure" of firmware code): the VM is
        # killed at once and the run is SKIP with the note, not a timeout.
        self.host_cannot = self.patterns(path, sec, "host_cannot")
        self.fail_if = self.patterns(path, sec, "fail_if")
        self.pass_if = self.patterns(path, sec, "pass_if")
        if self.exit not in ("debug-exit", "console", "exit-code"):
            raise EnvError("%s: exit must be debug-exit, console or exit-code" % path)
        if self.prepare == "esp" and not (self.hypervisor and self.esp_cfg):
            raise EnvError("%s: prepare = esp needs a hypervisor (an EFI binary) and esp_cfg"
                           % path)
        if self.prepare in ("hypervisor", "xl-dom0") and not self.hypervisor:
            raise EnvError("%s: prepare = %s needs a hypervisor file" % (path, self.prepare))
        if self.prepare == "xl-dom0" and not self.xl_config:
            raise EnvError("%s: prepare = xl-dom0 needs an xl_config" % path)
        if self.console != "file":
            raise EnvError("%s: console must be file" % path)

    @staticmethod
    def patterns(path, sec, key):
        out = []
        for line in sec.get(key, "").splitlines():
            if not line.strip():
                continue
            regex, sep, note = line.strip().rpartition(" => ")
            if not sep or not regex.strip() or not note.strip():
                raise EnvError("%s: %s: each line is REGEX => NOTE, not %r" % (path, key, line))
            try:
                out.append((re.compile(regex.strip()), note.strip()))
            except re.error as e:
                raise EnvError("%s: %s: %s" % (path, key, e))
        return out

    def variant(self, cpus):
        """This environment with cpus vCPUs: named NAME-smpN unless cpus is the first count."""
        e = copy.copy(self)
        e.cpus = cpus
        if cpus != self.cpus_list[0]:
            e.name = "%s-smp%d" % (self.name, cpus)
        return e

    def guest_line(self, line):
        """The guest's part of a console line, or None when the line is not the guest's."""
        if not self.guest_prefix:
            return line
        m = self.guest_prefix.match(line)
        return line[m.end():] if m else None

    def guest_text(self, text):
        if not self.guest_prefix:
            return text
        out = (self.guest_line(l.rstrip("\r")) for l in text.splitlines())
        return "\n".join(l for l in out if l is not None)

    def probe(self):
        """None when the environment can run here, else the reason it cannot."""
        for b in self.needs:
            if not shutil.which(b):
                pk = " (Debian: %s)" % " ".join(self.packages) if self.packages else ""
                return "%s not installed%s" % (b, pk)
        for f in self.needs_files:
            if not os.path.exists(f):
                return "%s missing" % f
        if "{rom}" in self.command and not os.path.exists(self.rom):
            return "option ROM %s missing (make builds it)" % self.rom
        if self.min_version:
            binary, want = self.min_version[0], self.min_version[1]
            try:
                out = subprocess.run([binary, "--version"], capture_output=True, text=True,
                                     timeout=20).stdout
            except (OSError, subprocess.TimeoutExpired) as e:
                return "%s --version failed: %s" % (binary, e)
            m = re.search(r"(\d+)\.(\d+)(?:\.(\d+))?", out)
            have = tuple(int(x or 0) for x in m.groups()) if m else (0, 0, 0)
            need = tuple(int(x) for x in (want.split(".") + ["0", "0"])[:3])
            if have < need:
                return "%s %s is older than %s" % (binary, ".".join(map(str, have)), want)
        if self.needs_kvm:
            return probe_kvm(self.kvm_cpu)
        return None


def prepare_hypervisor(path, outdir):
    """The hypervisor as QEMU's -kernel wants it: gunzipped once into outdir."""
    if not path.endswith(".gz"):
        return path
    out = os.path.join(outdir, os.path.basename(path)[:-3])
    if not os.path.exists(out) or os.path.getmtime(out) < os.path.getmtime(path):
        with gzip.open(path, "rb") as src, open(out + ".tmp", "wb") as dst:
            shutil.copyfileobj(src, dst)
        os.replace(out + ".tmp", out)
    return out


def probe_kvm(cpu="host,kvm=off,-arch-capabilities"):
    if not os.path.exists("/dev/kvm"):
        return "/dev/kvm does not exist"
    if not os.access("/dev/kvm", os.R_OK | os.W_OK):
        return "/dev/kvm is not accessible to this user"
    qemu = shutil.which("qemu-system-x86_64")
    if not qemu:
        return "qemu-system-x86_64 not installed"
    try:
        r = subprocess.run([qemu, "-accel", "kvm", "-cpu", cpu,
                            "-machine", "pc", "-nodefaults", "-display", "none", "-S",
                            "-monitor", "stdio"], input="quit\n", capture_output=True,
                           text=True, timeout=30)
    except subprocess.TimeoutExpired:
        return "QEMU with KVM did not start within 30 s"
    if r.returncode != 0:
        msg = [l for l in r.stderr.splitlines() if l.strip()]
        return "QEMU cannot use KVM: %s" % (msg[0] if msg else "exit %d" % r.returncode)
    return None


def load_envs(env_dir, names):
    """Each name's runs: NAME is every CPU count its file lists, NAME-smpN only N CPUs."""
    envs = []
    for n in names:
        p = os.path.join(env_dir, n + ".env")
        m = re.match(r"^(.+)-smp([0-9]+)$", n)
        if not os.path.exists(p) and m and os.path.exists(os.path.join(env_dir,
                                                                       m.group(1) + ".env")):
            envs.append(Env(m.group(1), os.path.join(env_dir, m.group(1) + ".env"))
                        .variant(int(m.group(2))))
            continue
        if not os.path.exists(p):
            known = sorted(f[:-4] for f in os.listdir(env_dir) if f.endswith(".env"))
            raise EnvError("unknown environment %r (known: %s)" % (n, ", ".join(known)))
        e = Env(n, p)
        envs.extend(e.variant(c) for c in e.cpus_list)
    return envs


# ---------------------------------------------------------------------------------------------
# Preparing images


def fill(template, values, quote=str):
    """template's {placeholders} filled from values, each through quote; an unknown one is an
    error. The env's command (shell-quoted), an xl config, an EFI loader's config."""
    def rep(m):
        key = m.group(1)
        if key not in values:
            raise EnvError("unknown placeholder {%s}" % key)
        return quote(str(values[key]))
    return re.sub(r"\{([a-z0-9_]+)\}", rep, template)


def make_esp(efi, cfg, image, outdir, name):
    """An EFI system partition as a directory (QEMU's vvfat serves it as a FAT disk): efi as
    the removable-media loader EFI/BOOT/BOOTX64.EFI, cfg as its BOOTX64.cfg (the name Xen's EFI
    loader derives from its own), the image beside them. One per run."""
    esp = os.path.join(outdir, "%s-esp" % name)
    boot = os.path.join(esp, "EFI", "BOOT")
    shutil.rmtree(esp, ignore_errors=True)
    os.makedirs(boot)
    shutil.copy(efi, os.path.join(boot, "BOOTX64.EFI"))
    shutil.copy(image, os.path.join(boot, os.path.basename(image)))
    with open(os.path.join(boot, "BOOTX64.cfg"), "w") as f:
        f.write(cfg + "\n")
    return esp


def make_iso(image, append, outdir, name):
    """A GRUB rescue ISO that boots image through multiboot2 (SeaBIOS -> GRUB -> image).
    One per run (name): runs of the same environment boot at once."""
    iso = os.path.join(outdir, "%s-%s.iso" % (name, os.path.basename(image)))
    with tempfile.TemporaryDirectory() as tmp:
        os.makedirs(os.path.join(tmp, "boot", "grub"))
        shutil.copy(image, os.path.join(tmp, "boot", "kernel.elf"))
        with open(os.path.join(tmp, "boot", "grub", "grub.cfg"), "w") as f:
            f.write("set timeout=0\nset gfxpayload=keep\nserial --unit=0 --speed=115200\n"
                    "terminal_input serial\nterminal_output serial\n"
                    "menuentry kernel {\n\tmultiboot2 /boot/kernel.elf %s\n\tboot\n}\n"
                    % append)
        r = subprocess.run(["grub-mkrescue", "-o", iso, tmp], capture_output=True, text=True)
        if r.returncode != 0:
            raise EnvError("grub-mkrescue failed: %s" % r.stderr.strip()[-300:])
    return iso
