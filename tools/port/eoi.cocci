// SPDX-License-Identifier: MIT
// Local APIC EOI writes to pvops_apic_eoi() (the backend's EOI: KVM's PV EOI,
// Hyper-V's assist page, nothing under Xen PV):
//   lapic[EOI] = 0;  *(volatile u32 *)(apic + 0xb0) = 0;  lapic->eoi = 0;
//   lapicw(EOI, 0);  apic_write(APIC_EOI, 0);  wrmsr(0x80b, 0);  ...
// (pvops_eoi.py says which). A register-write helper itself is left alone: its
// other callers still need it.
virtual patch
virtual report

@initialize:python@
@@
import os, sys
sys.dont_write_bytecode = True
sys.path.insert(0, os.environ.get("PVOPS_PORT_DIR", "tools/port"))
import pvops_eoi
import pvops_port_common as common

@st@
expression L, V;
position p;
@@
L@p = V

@script:python sts@
L << st.L;
p << st.p;
K;
@@
if common.exempt(p[0]) or not pvops_eoi.store_is_eoi(L):
    cocci.include_match(False)
else:
    common.say(p[0], "rewrite", "APIC EOI store", "pvops_apic_eoi()")
    coccinelle.K = cocci.make_ident("K")

@depends on patch@
expression st.L, st.V;
position st.p;
identifier sts.K;
@@
- L@p = V
+ pvops_apic_eoi()

@ca@
identifier f;
expression A, V;
position p;
@@
f@p(A, V)

@script:python cas@
f << ca.f;
A << ca.A;
p << ca.p;
K;
@@
if common.exempt(p[0]) or not pvops_eoi.call_is_eoi(str(f), str(A)):
    cocci.include_match(False)
else:
    common.say(p[0], "rewrite", "APIC EOI write", "pvops_apic_eoi()")
    coccinelle.K = cocci.make_ident("K")

@depends on patch@
identifier ca.f;
expression ca.A, ca.V;
position ca.p;
identifier cas.K;
@@
- f@p(A, V)
+ pvops_apic_eoi()
