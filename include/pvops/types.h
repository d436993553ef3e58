/* SPDX-License-Identifier: MIT */
/*
 * Basic types of the pvops ABI.
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

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed char s8;
typedef short s16;
typedef int s32;
typedef long long s64;
typedef unsigned long uptr;

#ifdef __CHECKER__
#define __pvops_bitwise __attribute__((bitwise))
#define __pvops_force __attribute__((force))
#else
#define __pvops_bitwise
#define __pvops_force
#endif
#ifndef __bitwise
#define __bitwise __pvops_bitwise
#endif
#ifndef __force
#define __force __pvops_force
#endif

#ifndef NULL
#define NULL ((void *)0)
#endif
#ifndef __cplusplus
#ifndef bool
#define bool _Bool
#define true 1
#define false 0
#endif
#endif

/* Pseudo-physical frame number: the kernel's view of its own memory. */
typedef u64 __bitwise pfn_t;
/* Machine frame number: the hypervisor's view (equal to pfn on native). */
typedef u64 __bitwise mfn_t;
/* Entry value in pseudo-physical form: (pfn << 12) | flags. */
typedef u64 __bitwise pval_t;
/* Entries as stored in a page-table page (machine form). */
typedef u64 __bitwise pte_t;
typedef u64 __bitwise pmd_t;
typedef u64 __bitwise pud_t;
typedef u64 __bitwise p4d_t;

#define PVOPS_PAGE_SHIFT 12
#define PVOPS_PAGE_SIZE 4096ULL

static inline pfn_t pvops_pfn(u64 n) { return (__force pfn_t)n; }
static inline u64 pvops_pfn_nr(pfn_t p) { return (__force u64)p; }
static inline mfn_t pvops_mfn(u64 n) { return (__force mfn_t)n; }
static inline u64 pvops_mfn_nr(mfn_t m) { return (__force u64)m; }

/* Build and take apart the pseudo-physical entry value. */
#define PVOPS_PVAL_FRAME_MASK 0x000ffffffffff000ULL
static inline pval_t pvops_pval(pfn_t pfn, u64 flags)
{
	return (__force pval_t)((pvops_pfn_nr(pfn) << PVOPS_PAGE_SHIFT) |
				(flags & ~PVOPS_PVAL_FRAME_MASK));
}
static inline pfn_t pvops_pval_pfn(pval_t v)
{
	return pvops_pfn(((__force u64)v & PVOPS_PVAL_FRAME_MASK) >> PVOPS_PAGE_SHIFT);
}
static inline u64 pvops_pval_flags(pval_t v)
{
	return (__force u64)v & ~PVOPS_PVAL_FRAME_MASK;
}

/* Registers returned by the cpuid op. */
struct pvops_cpuid_regs {
	u32 eax, ebx, ecx, edx;
};

/*
 * A 64-bit IDT gate, as cpu.load_idt finds it in the table it is given
 * (backends that cannot load the IDT, like Xen PV, read the gates).
 */
struct pvops_idt_gate {
	u16 off_lo;
	u16 sel;
	u8 ist;
	u8 type;	/* present, DPL, 0xe interrupt / 0xf trap gate */
	u16 off_mid;
	u32 off_hi;
	u32 reserved;
} __attribute__((packed));

/* Operand of lgdt/lidt. */
struct pvops_desc_ptr {
	u16 limit;
	u64 base;
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
	u64 bits[4];
};
static inline void pvops_cpu_set_clear(struct pvops_cpu_set *s)
{
	s->bits[0] = s->bits[1] = s->bits[2] = s->bits[3] = 0;
}
static inline void pvops_cpu_set_add(struct pvops_cpu_set *s, u32 cpu)
{
	if (cpu <= PVOPS_MAX_CPU_ID)
		s->bits[cpu / 64] |= 1ULL << (cpu % 64);
}
static inline void pvops_cpu_set_del(struct pvops_cpu_set *s, u32 cpu)
{
	if (cpu <= PVOPS_MAX_CPU_ID)
		s->bits[cpu / 64] &= ~(1ULL << (cpu % 64));
}
static inline bool pvops_cpu_set_has(const struct pvops_cpu_set *s, u32 cpu)
{
	return cpu <= PVOPS_MAX_CPU_ID && (s->bits[cpu / 64] >> (cpu % 64)) & 1;
}
static inline bool pvops_cpu_set_empty(const struct pvops_cpu_set *s)
{
	return !(s->bits[0] | s->bits[1] | s->bits[2] | s->bits[3]);
}
/* The first member >= from, or PVOPS_MAX_CPU_ID + 1; pvops_for_each_cpu() walks a set. */
static inline u32 pvops_cpu_set_next(const struct pvops_cpu_set *s, u32 from)
{
	for (; from <= PVOPS_MAX_CPU_ID; from++) {
		u64 w = s->bits[from / 64] >> (from % 64);

		if (w)
			return from + (u32)__builtin_ctzll(w);
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
typedef void (*pvops_shootdown_fn)(const struct pvops_cpu_set *cpus, u64 va);

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
	u64 stack_top;
};

/* Error codes returned by ops (negated). */
#define PVOPS_EIO 5
#define PVOPS_ENODEV 19
#define PVOPS_EINVAL 22
#define PVOPS_ENOSYS 38
#define PVOPS_EBUSY 16
#define PVOPS_ETIMEDOUT 110

#endif /* PVOPS_TYPES_H */
