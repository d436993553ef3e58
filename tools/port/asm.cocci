// SPDX-License-Identifier: MIT
// Inline assembly of privileged instructions to the pvops calls that do the
// same through the backend (tools/port/pvops_asm.py knows the idioms: cli, sti,
// sti;hlt, hlt, pushf;pop, push;popf, mov to and from %cr0/2/3/4, rdmsr/wrmsr
// split or joined, invlpg, wbinvd, lgdt/lidt/ltr, in/out and their string
// forms, cpuid, clts, xgetbv/xsetbv, monitor/mwait), in every spelling GCC takes
// (asm/__asm__, volatile or not, with or without operands). A helper such as
// "static inline void cli(void) { asm volatile("cli"); }" is rewritten inside, so
// every caller follows. rdtsc is a note; a privileged instruction no idiom
// covers (iretq, a CR2 write, lldt, swapgs) is reported as left.
virtual patch
virtual report

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

@script:python s depends on patch@
S << r.S;
p << r.p;
N;
@@
f = pvops_asm.classify(S)
if f is None or common.exempt(p[0]):
    cocci.include_match(False)
elif f.replacement is None:
    common.say(p[0], f.kind, f.what, f.why)
    cocci.include_match(False)
else:
    common.say(p[0], "rewrite", f.what, f.replacement)
    coccinelle.N = cocci.make_stmt(f.replacement)

@depends on patch@
statement r.S;
position r.p;
statement s.N;
@@
- S@p
+ N

@script:python depends on report@
S << r.S;
p << r.p;
@@
f = pvops_asm.classify(S)
if f is not None and not common.exempt(p[0]):
    common.say(p[0], f.kind, f.what, f.replacement or f.why)
