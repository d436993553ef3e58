// SPDX-License-Identifier: MIT
// After the rewrites (tools/pvops-port runs it last, in patch mode only): every
// privileged inline-asm statement still there — one no op covers, such as
// iretq, swapgs or a CR2 write — gets a comment above it, once, so that what
// is left is visible in the code and not only in the report.
virtual patch

@initialize:python@
@@
import os, sys
sys.dont_write_bytecode = True
sys.path.insert(0, os.environ.get("PVOPS_PORT_DIR", "tools/port"))
import pvops_asm
import pvops_port_common as common

@r@
statement S;
position p;
@@
S@p

@script:python s@
S << r.S;
p << r.p;
L;
@@
f = pvops_asm.classify(S)
if f is None or f.kind != "left" or common.exempt(p[0]) or common.marked(p[0]):
    cocci.include_match(False)
else:
    coccinelle.L = cocci.make_ident("L")

@depends on patch@
statement r.S;
position r.p;
identifier s.L;
@@
+ /* pvops-port: left: a privileged instruction no op covers (tools/pvops-port -v says which) */
  S@p
