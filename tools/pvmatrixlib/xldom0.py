# SPDX-License-Identifier: MIT
"""prepare = xl-dom0: the Linux dom0 that runs the real Xen toolstack (tools/xl-dom0), and each
run's initramfs: the dom0's own with the run's domU appended (/domu/image, /domu/domu.cfg,
/domu/boot.iso)."""

import os
import shutil
import subprocess
import threading

from .envs import EnvError, fill

_lock = threading.Lock()
_built = {}


def dom0(outdir, dm):
    """(kernel, initramfs) of the dom0, built once per output directory by tools/xl-dom0."""
    key = (outdir, dm)
    with _lock:
        if key not in _built:
            d = os.path.join(outdir, "xl-dom0")
            tool = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                "xl-dom0")
            r = subprocess.run([tool, d] + (["--dm"] if dm else []), capture_output=True,
                               text=True)
            if r.returncode != 0:
                raise EnvError("tools/xl-dom0: %s" % (r.stderr.strip().splitlines() or
                                                       ["exit %d" % r.returncode])[-1])
            _built[key] = (os.path.join(d, "vmlinuz"),
                           os.path.join(d, "dom0-dm.cpio" if dm else "dom0.cpio"))
        return _built[key]


def xl_config(template, values):
    """The domU's xl config: template's {placeholders} filled from values, the command line
    ({append}) escaped for xl's double-quoted strings."""
    append = values["append"].replace("\\", "\\\\").replace('"', '\\"')
    return fill(template, dict(values, append=append)) + "\n"


def _newc(name, data, mode):
    """One newc cpio member."""
    hdr = "070701" + "".join("%08x" % v for v in (
        0, mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(name) + 1, 0))
    out = hdr.encode() + name.encode() + b"\0"
    out += b"\0" * (-len(out) % 4)
    out += data + b"\0" * (-len(data) % 4)
    return out


def run_initrd(base, image, config, path, iso=None):
    """The dom0's initramfs followed by a cpio of the run's domU (the image, the xl config,
    the GRUB ISO an HVM domU boots): the kernel unpacks both, in order, into one root."""
    with open(image, "rb") as f:
        img = f.read()
    tail = _newc("domu", b"", 0o40755) + _newc("domu/image", img, 0o100644) + \
        _newc("domu/domu.cfg", config.encode(), 0o100644)
    if iso:
        with open(iso, "rb") as f:
            tail += _newc("domu/boot.iso", f.read(), 0o100644)
    tail += _newc("TRAILER!!!", b"", 0)
    with open(base, "rb") as src, open(path + ".tmp", "wb") as dst:
        shutil.copyfileobj(src, dst)
        dst.write(b"\0" * (-dst.tell() % 4))
        dst.write(tail)
    os.replace(path + ".tmp", path)
    return path
