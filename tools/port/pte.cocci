// SPDX-License-Identifier: MIT
// Page-table entries written and read through the mmu ops (<pvops/port.h>):
//   *p = v;  p[i] = v;      -> pvops_pte_store(p, v);  pvops_pte_store(&p[i], v);
//   *p |= v; p[i] &= v; ... -> pvops_pte_store(p, pvops_pte_load(p) | v); ...
//   *p, p[i] as values      -> pvops_pte_load(p), pvops_pte_load(&p[i])
// An assignment is an entry store when the value holds a present bit, the
// pointer is of an entry type (or one named with --types) or it came from a
// page-table walk or CR3 (pvops_pte.py). Reads are rewritten for pointers of an
// entry type only. memset/memcpy into an entry-typed page, which no rule can
// prove is not yet in use, is reported.
virtual patch
virtual report

@initialize:python@
@@
import os, sys
sys.dont_write_bytecode = True
sys.path.insert(0, os.environ.get("PVOPS_PORT_DIR", "tools/port"))
import pvops_pte
import pvops_port_common as common

// Whole pages written with memset/memcpy/memmove: reported, and marked once.
@mm@
type T;
T *P;
identifier fn =~ "^(memset|memcpy|memmove|__builtin_memset|__builtin_memcpy)$";
position p;
@@
fn@p(P, ...)

@script:python mms@
T << mm.T;
fn << mm.fn;
p << mm.p;
K;
@@
if pvops_pte.entry_type(T) and not common.exempt(p[0]):
    common.say(p[0], "left", fn + " into a page-table page",
               "fine before the page is linked and announced (pvops_mmu_alloc_pt); after that, "
               "entry by entry with pvops_pte_store")
if not pvops_pte.entry_type(T) or common.exempt(p[0]) or common.marked(p[0]):
    cocci.include_match(False)
else:
    coccinelle.K = cocci.make_ident("K")

@depends on patch@
identifier mm.fn;
type mm.T;
T *mm.P;
position mm.p;
identifier mms.K;
@@
+ /* pvops-port: left: a page-table page written whole: announce it (pvops_mmu_alloc_pt) only after */
  fn@p(P, ...);

// Pointers that come from a walk or from CR3.
@w@
expression P, E;
position p;
@@
P@p = E

@script:python@
P << w.P;
E << w.E;
p << w.p;
@@
pvops_pte.note_walk(p[0], str(P), str(E))

// Pointers stored through with a present bit: page tables in that function.
@pre@
type T;
T *P;
expression E, I;
position p;
@@
(
 *P@p = E
|
 P[I]@p = E
)

@script:python@
P << pre.P;
E << pre.E;
p << pre.p;
@@
if pvops_pte.present_value(str(E)):
    pvops_pte.note_table(p[0], str(P))

// An entry tested for its present bit: its pointer is a page table in that function.
@tst@
type T;
T *P;
expression I, F;
position p;
@@
(
 *P@p & F
|
 P[I]@p & F
)

@script:python@
P << tst.P;
F << tst.F;
p << tst.p;
@@
if pvops_pte.PRESENT_ID.search(str(F)):
    pvops_pte.note_table(p[0], str(P))

// Stores: *P = E and P[I] = E, plain and compound.
@st@
type T;
T *P;
expression E, I;
assignment operator aop;
position p;
@@
(
 *P@p aop E
|
 P[I]@p aop E
)

@script:python sts@
T << st.T;
P << st.P;
E << st.E;
p << st.p;
K;
@@
if common.exempt(p[0]) or not pvops_pte.is_entry_store(p[0], P, T, E):
    cocci.include_match(False)
else:
    common.say(p[0], "rewrite", "page-table store", "through pvops_pte_store")
    pvops_pte.note_table(p[0], str(P))
    coccinelle.K = cocci.make_ident("K")

@depends on patch@
type st.T;
T *st.P;
expression st.E, st.I;
position st.p;
identifier sts.K;
@@
(
- *P@p = E
+ pvops_pte_store(P, E)
|
- P[I]@p = E
+ pvops_pte_store(&P[I], E)
|
- *P@p |= E
+ pvops_pte_store(P, pvops_pte_load(P) | (E))
|
- P[I]@p |= E
+ pvops_pte_store(&P[I], pvops_pte_load(&P[I]) | (E))
|
- *P@p &= E
+ pvops_pte_store(P, pvops_pte_load(P) & (E))
|
- P[I]@p &= E
+ pvops_pte_store(&P[I], pvops_pte_load(&P[I]) & (E))
|
- *P@p ^= E
+ pvops_pte_store(P, pvops_pte_load(P) ^ (E))
|
- P[I]@p ^= E
+ pvops_pte_store(&P[I], pvops_pte_load(&P[I]) ^ (E))
)

// What is still assigned to after the stores went: never a read.
@lv@
type T;
T *P;
expression E, I;
assignment operator aop;
position q;
@@
(
 *P@q aop E
|
 P[I]@q aop E
)

// Entries already handed to the ops: not to rewrite again.
@inops@
identifier ok =~ "^(pvops_mmu_(pte|pmd|pud|p4d)_val|pvops_mmu_set_(pte|pmd|pud|p4d)|pvops_pte_(load|store))$";
expression E;
position q;
@@
ok(..., <+... E@q ...+>, ...)

// Reads through a pointer of an entry type: what is left once the stores are gone.
@rd@
type T;
T *P;
expression I;
position p != {inops.q, lv.q};
@@
(
 &*P
|
 &P[I]
|
 pvops_pte_store(...)
|
 pvops_pte_load(...)
|
 *P@p
|
 P[I]@p
)

@script:python rds@
T << rd.T;
P << rd.P;
p << rd.p;
K;
@@
if common.exempt(p[0]) or not (pvops_pte.entry_type(T) or pvops_pte.walked(p[0], str(P))) or pvops_pte.THROUGH_OPS.search(common.line_of(p[0])):
    cocci.include_match(False)
else:
    common.say(p[0], "rewrite", "page-table read", "through pvops_pte_load")
    coccinelle.K = cocci.make_ident("K")

@depends on patch@
type rd.T;
T *rd.P;
expression rd.I;
position rd.p;
identifier rds.K;
@@
(
- *P@p
+ pvops_pte_load(P)
|
- P[I]@p
+ pvops_pte_load(&P[I])
)
