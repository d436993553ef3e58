/* SPDX-License-Identifier: MIT */
/*
 * Basic types of the pvops ABI, all named pvops_* (a kernel has its own
 * u64, bool and pte_t; the library and the reference guest get the short
 * names from a private header, internal/pvops-short.h).
 *
 * Frame numbers and page-table entries are __bitwise types: under sparse
 * (make sparse) a pseudo-physical frame (pfn_t) cannot be mixed with a
 * machine frame (mfn_t), and an entry as the hardware sees it (pte_t,
 * pmd_t, pud_t, p4d_t, which hold machine frames under Xen PV) cannot be
 * mixed with the pseudo-physical entry value (pval_t) the kernel computes
 * with. The make/val ops are the only way across.
 */
#ifndef PVOPS_TYPES_H
#define PVOPS_TYPES_H

/* C linkage and a static assertion in C and C++ alike. */
#ifdef __cplusplus
#define __PVOPS_BEGIN_DECLS extern "C" {
#define __PVOPS_END_DECLS }
#define __PVOPS_STATIC_ASSERT(cond, msg) static_assert(cond, msg)
#else
#define __PVOPS_BEGIN_DECLS
#define __PVOPS_END_DECLS
#define __PVOPS_STATIC_ASSERT(cond, msg) _Static_assert(cond, msg)
#endif

typedef unsigned char pvops_u8;
typedef unsigned short pvops_u16;
typedef unsigned int pvops_u32;
typedef unsigned long long pvops_u64;
typedef signed char pvops_s8;
typedef short pvops_s16;
typedef int pvops_s32;
typedef long long pvops_s64;
typedef unsigned long pvops_uptr;
#ifdef __cplusplus
typedef bool pvops_bool;
#else
typedef _Bool pvops_bool;
#endif

/* sparse's annotations, under names of their own (a kernel may have __bitwise). */
#ifdef __CHECKER__
#define __pvops_bitwise __attribute__((bitwise))
#define __pvops_force __attribute__((force))
#else
#define __pvops_bitwise
#define __pvops_force
#endif

/* Pseudo-physical frame number: the kernel's view of its own memory. */
typedef pvops_u64 __pvops_bitwise pvops_pfn_t;
/* Machine frame number: the hypervisor's view (equal to pfn on native). */
typedef pvops_u64 __pvops_bitwise pvops_mfn_t;
/* Entry value in pseudo-physical form: (pfn << 12) | flags. */
typedef pvops_u64 __pvops_bitwise pvops_pval_t;
/* Entries as stored in a page-table page (machine form). */
typedef pvops_u64 __pvops_bitwise pvops_pte_t;
typedef pvops_u64 __pvops_bitwise pvops_pmd_t;
typedef pvops_u64 __pvops_bitwise pvops_pud_t;
typedef pvops_u64 __pvops_bitwise pvops_p4d_t;

#define PVOPS_PAGE_SHIFT 12
#define PVOPS_PAGE_SIZE 4096ULL

static inline pvops_pfn_t pvops_pfn(pvops_u64 n) { return (__pvops_force pvops_pfn_t)n; }
static inline pvops_u64 pvops_pfn_nr(pvops_pfn_t p) { return (__pvops_force pvops_u64)p; }
static inline pvops_mfn_t pvops_mfn(pvops_u64 n) { return (__pvops_force pvops_mfn_t)n; }
static inline pvops_u64 pvops_mfn_nr(pvops_mfn_t m) { return (__pvops_force pvops_u64)m; }

/* Build and take apart the pseudo-physical entry value. */
#define PVOPS_PVAL_FRAME_MASK 0x000ffffffffff000ULL
static inline pvops_pval_t pvops_pval(pvops_pfn_t pfn, pvops_u64 flags)
{
	return (__pvops_force pvops_pval_t)((pvops_pfn_nr(pfn) << PVOPS_PAGE_SHIFT) |
				(flags & ~PVOPS_PVAL_FRAME_MASK));
}
static inline pvops_pfn_t pvops_pval_pfn(pvops_pval_t v)
{
	return pvops_pfn(((__pvops_force pvops_u64)v & PVOPS_PVAL_FRAME_MASK) >> PVOPS_PAGE_SHIFT);
}
static inline pvops_u64 pvops_pval_flags(pvops_pval_t v)
{
	return (__pvops_force pvops_u64)v & ~PVOPS_PVAL_FRAME_MASK;
}

/* Registers returned by the cpuid op. */
struct pvops_cpuid_regs {
	pvops_u32 eax, ebx, ecx, edx;
};

/*
 * A 64-bit IDT gate, as cpu.load_idt finds it in the table it is given
 * (backends that cannot load the IDT, like Xen PV, read the gates).
 */
struct pvops_idt_gate {
	pvops_u16 off_lo;
	pvops_u16 sel;
	pvops_u8 ist;
	pvops_u8 type;	/* present, DPL, 0xe interrupt / 0xf trap gate */
	pvops_u16 off_mid;
	pvops_u32 off_hi;
	pvops_u32 reserved;
} __attribute__((packed));

/* Operand of lgdt/lidt. */
struct pvops_desc_ptr {
	pvops_u16 limit;
	pvops_u64 base;
} __attribute__((packed));

/* Page-table levels, as passed to alloc_pt/release_pt. */
enum pvops_pt_level {
	PVOPS_PT_PTE = 1,	/* a page of pte_t */
	PVOPS_PT_PMD = 2,
	PVOPS_PT_PUD = 3,
	PVOPS_PT_P4D = 4,	/* the top level with 4-level paging (PML4) */
};

/* apic.timer_set modes. */
enum pvops_timer_mode {
	PVOPS_TIMER_STOP = 0,
	PVOPS_TIMER_ONESHOT = 1,
	PVOPS_TIMER_PERIODIC = 2,
};

/*
 * A set of CPUs, named by APIC id (0-255), for the cross-CPU ops (ABI 1.1).
 * The helpers below are the only way a kernel should touch the bits.
 */
#define PVOPS_MAX_CPU_ID 255
struct pvops_cpu_set {
	pvops_u64 bits[4];
};
static inline void pvops_cpu_set_clear(struct pvops_cpu_set *s)
{
	s->bits[0] = s->bits[1] = s->bits[2] = s->bits[3] = 0;
}
static inline void pvops_cpu_set_add(struct pvops_cpu_set *s, pvops_u32 cpu)
{
	if (cpu <= PVOPS_MAX_CPU_ID)
		s->bits[cpu / 64] |= 1ULL << (cpu % 64);
}
static inline void pvops_cpu_set_del(struct pvops_cpu_set *s, pvops_u32 cpu)
{
	if (cpu <= PVOPS_MAX_CPU_ID)
		s->bits[cpu / 64] &= ~(1ULL << (cpu % 64));
}
static inline pvops_bool pvops_cpu_set_has(const struct pvops_cpu_set *s, pvops_u32 cpu)
{
	return cpu <= PVOPS_MAX_CPU_ID && (s->bits[cpu / 64] >> (cpu % 64)) & 1;
}
static inline pvops_bool pvops_cpu_set_empty(const struct pvops_cpu_set *s)
{
	return !(s->bits[0] | s->bits[1] | s->bits[2] | s->bits[3]);
}
/* The first member >= from, or PVOPS_MAX_CPU_ID + 1; pvops_for_each_cpu() walks a set. */
static inline pvops_u32 pvops_cpu_set_next(const struct pvops_cpu_set *s, pvops_u32 from)
{
	for (; from <= PVOPS_MAX_CPU_ID; from++) {
		pvops_u64 w = s->bits[from / 64] >> (from % 64);

		if (w)
			return from + (pvops_u32)__builtin_ctzll(w);
		from |= 63;
	}
	return PVOPS_MAX_CPU_ID + 1;
}

#define pvops_for_each_cpu(c, set)					\
	for ((c) = pvops_cpu_set_next((set), 0); (c) <= PVOPS_MAX_CPU_ID;	\
	     (c) = pvops_cpu_set_next((set), (c) + 1))

/* mmu.flush_tlb_multi: flush every non-global entry rather than one address. */
#define PVOPS_FLUSH_ALL (~0ULL)
/*
 * The kernel's own TLB shootdown, passed to mmu.flush_tlb_multi: IPI every
 * CPU in *cpus, have each flush va (or everything for PVOPS_FLUSH_ALL) and
 * return when all have.
 */
typedef void (*pvops_shootdown_fn)(const struct pvops_cpu_set *cpus, pvops_u64 va);

/*
 * smp.cpu_up (ABI 1.2): where a new CPU starts. entry is called on the new
 * CPU with rsp = stack_top (16-byte aligned; entry sees it as after a
 * call), interrupts off, the caller's page tables, CR0, CR4 and EFER, and a
 * GDT of the backend's with 64-bit code at selector 0x08 and data at 0x10
 * (under Xen PV: Xen's flat selectors). entry must not return.
 */
struct pvops_ap_boot {
	void (*entry)(void *arg);
	void *arg;
	pvops_u64 stack_top;
	/* ABI 1.4: the CPU's per-CPU segment base (env->percpu_seg), loaded first; 0: none. */
	pvops_u64 percpu_base;
};

/* Error codes returned by ops (negated). */
#define PVOPS_EIO 5
#define PVOPS_ENODEV 19
#define PVOPS_EINVAL 22
#define PVOPS_ENOSYS 38
#define PVOPS_EBUSY 16
#define PVOPS_ETIMEDOUT 110
#define PVOPS_ENOTSUP 95	/* 1.3: this machine or backend has no such facility */

#endif /* PVOPS_TYPES_H */
