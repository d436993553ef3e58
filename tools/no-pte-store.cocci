// Page-table entries are written only through the set_* ops
// (pvops_mmu_set_pte/pmd/pud/p4d): a plain store would bypass Xen PV's
// read-only page tables and the lazy-mode queue. Reports every C store
// through a pointer to an entry type.
@r@
typedef pte_t, pmd_t, pud_t, p4d_t;
{pte_t, pmd_t, pud_t, p4d_t} *p;
expression E, I;
position pos;
@@
(
 *p@pos = E
|
 p[I]@pos = E
)

@script:python depends on r@
pos << r.pos;
@@
print("%s:%s: direct store to a page-table entry" % (pos[0].file, pos[0].line))
