# SPDX-License-Identifier: MIT
"""Which stores and reads are of page-table entries (tools/port/pte.cocci asks).

By how the value is used, not by one kernel's names:
- the value stored holds a present bit: an identifier such as PTE_P, PG_V,
  _PAGE_PRESENT, PDE_PRESENT, MMU_P, or an odd constant OR'd into an address
  (v2p(x) | 3, pa | 0x7, (pfn << 12) | 1);
- the pointer or array is of an entry type: a type named like an entry at some
  level (pte_t, pde_t, pml4e_t, pdpte_t, pmd_t, pud_t, p4d_t, pgd_t, x86_pte_t,
  page_table_entry...), or one the user names (PVOPS_PORT_TYPES, --types);
- the pointer came from a page-table walk or from CR3: assigned from a function
  named like one (walk, pgdir, pte_offset, get_pte, lookup_pte, find_pte, ptep,
  pml4, pdpt...) or from an expression that reads CR3.
"""
import re
import pvops_port_common as common

PRESENT_ID = re.compile(
    r"\b_?(?:[A-Za-z0-9]+_)*(?:PTE|PDE|PG|PAGE|PT|PD|PML4E?|PDPTE?|PDP|MMU|VMM|ENTRY|PTEFLAG|X86_PG)_"
    r"(?:FLAGS?_)?(?:P|V|VALID)(?:_BIT)?\b"
    r"|\b\w*(?<![A-Za-z0-9])PRESENT(?![A-Za-z0-9])\w*\b|\b\w*_present(?:_bit)?\b", re.I)
ADDRISH = re.compile(r"(?i)v2p|virt_to_phys|phys|paddr|\bpa\b|_pa\b|pfn|<<\s*(?:12|PAGE_SHIFT|PGSHIFT|PTXSHIFT)|frame")
ODD_OR = re.compile(r"\|\s*(?:0x[0-9a-fA-F]*[13579bdfBDF]|[0-9]*[13579])(?:[uUlL]*)\b")
ENTRY_TYPE = re.compile(
    r"(?i)(?:^|_)(?:pte|pde|pmd|pud|p4d|pgd|pml4e?|pdpte?|pdpe|ptentry|pt_entry|pagetable_entry|"
    r"page_table_entry|page_entry|x86_pte)(?:_t|_type)?$")
WALK_FN = re.compile(r"(?i)\w*(?:walk|pgdir|pte_offset|pmd_offset|pud_offset|get_pte|lookup_pte|find_pte|"
                     r"ptep|pml4|pdpt|pagetable|page_table)")
WALK_CALL = re.compile(WALK_FN.pattern + r"\w*\s*\(")
CR3 = re.compile(r"(?i)cr3")

# A line that already hands its entries to the ops (the position of a read
# inside such a call is not always where Coccinelle puts the call's arguments).
THROUGH_OPS = re.compile(r"pvops_mmu_(pte|pmd|pud|p4d)_val\s*\(|pvops_pte_load\s*\(")

_walked = set()	# (function, pointer) assigned from a walk (one file per spatch run)


def entry_type(t):
    t = re.sub(r"\b(const|volatile|struct|union|unsigned|signed)\b", "", t).replace("*", "").strip()
    return bool(ENTRY_TYPE.search(t)) or t in common.user_types()


def present_value(e):
    if PRESENT_ID.search(e):
        return True
    return bool(ODD_OR.search(e) and ADDRISH.search(e))


def note_table(pos, ptr):
    """ptr is a page-table pointer in this function (an entry of it was stored or tested)."""
    _walked.add((pos.current_element, ptr.strip()))


def note_walk(pos, ptr, value):
    """ptr = value: remember ptr when value calls a walk-like function or reads CR3."""
    if WALK_CALL.search(value) or CR3.search(value):
        _walked.add((pos.current_element, ptr.strip()))


def walked(pos, ptr):
    return (pos.current_element, ptr.strip()) in _walked


def is_entry_store(pos, ptr, typ, value):
    return entry_type(typ) or present_value(value) or walked(pos, ptr)
