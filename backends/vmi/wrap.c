// SPDX-License-Identifier: MIT
/*
 * The calls whose signature is the ROM's own (spec/VMI.md section 5),
 * wrapped into pvops ops: page-table entries go out with both their
 * virtual and their physical address (a ROM cannot translate), page-table
 * pages and the lazy MMU mode are announced, TLB flushes carry flags, and
 * the cycle counters become clock_ns / steal_ns and the alarm
 * timer_oneshot. A wrapped call the ROM answers NONE leaves its ops native;
 * NOP leaves void ops empty.
 */
#include "vmi.h"

typedef void (*flush_fn)(u32 flags);
typedef void (*set_pxe_fn)(u64 *va, u64 pa, u64 val, u32 level);
typedef void (*page_fn)(u32 level, u64 pa);
typedef void (*lazy_fn)(u32 mode);
typedef u64 (*u64_fn)(void);
typedef u64 (*counter_fn)(u32 counter);
typedef int (*alarm_fn)(u32 counter, u64 expiry, u64 period, u32 vector);
typedef void (*cancel_fn)(u32 counter);

static flush_fn rom_flush;
static set_pxe_fn rom_set_pxe;
static page_fn rom_alloc, rom_release;
static lazy_fn rom_lazy;
static counter_fn rom_counter;
static alarm_fn rom_alarm;
static u64_fn rom_wallclock;
static u64 cycle_hz, cycle0;
static u64 ns_mult;	/* ns per cycle, 32.32 fixed point */

static void vmi_flush_local(void)
{
	rom_flush(VMI_FLUSH_TLB);
}

static void vmi_flush_all(void)
{
	rom_flush(VMI_FLUSH_TLB | VMI_FLUSH_GLOBAL);
}

static void set_pxe(void *p, u64 val, u32 level)
{
	rom_set_pxe(p, pvops_cur_env()->virt_to_phys(p), val, level);
}

static void vmi_set_pte(pte_t *p, pte_t v)
{
	set_pxe(p, (__force u64)v, VMI_LEVEL_PT);
}

static void vmi_set_pmd(pmd_t *p, pmd_t v)
{
	set_pxe(p, (__force u64)v, VMI_LEVEL_PD);
}

static void vmi_set_pud(pud_t *p, pud_t v)
{
	set_pxe(p, (__force u64)v, VMI_LEVEL_PDP);
}

static void vmi_set_p4d(p4d_t *p, p4d_t v)
{
	set_pxe(p, (__force u64)v, VMI_LEVEL_PML4);
}

static void vmi_alloc_pt(u32 level, pfn_t pfn)
{
	rom_alloc(level, pvops_pfn_nr(pfn) << PVOPS_PAGE_SHIFT);
}

static void vmi_release_pt(u32 level, pfn_t pfn)
{
	rom_release(level, pvops_pfn_nr(pfn) << PVOPS_PAGE_SHIFT);
}

static void vmi_lazy_enter(void)
{
	rom_lazy(VMI_LAZY_MMU);
}

static void vmi_lazy_leave(void)
{
	rom_lazy(VMI_LAZY_NONE);
}

/* Flush what is queued and stay lazy: leaving flushes (spec/VMI.md 6). */
static void vmi_lazy_flush(void)
{
	rom_lazy(VMI_LAZY_NONE);
	rom_lazy(VMI_LAZY_MMU);
}

static u64 cycles_to_ns(u64 c)
{
	return (u64)(((unsigned __int128)c * ns_mult) >> 32);
}

static u64 vmi_clock_ns(void)
{
	return cycles_to_ns(rom_counter(VMI_CYCLES_REAL) - cycle0);
}

/* The calling CPU's stolen time: VMI has no call that reads another CPU's. */
static u64 vmi_steal_ns(u32 cpu)
{
	(void)cpu;
	return cycles_to_ns(rom_counter(VMI_CYCLES_STOLEN));
}

static int vmi_timer_oneshot(u64 delta_ns, u32 vector)
{
	u64 delta;

	if (delta_ns > 100000000000ULL)	/* 100 s, as native */
		delta_ns = 100000000000ULL;
	delta = delta_ns * (cycle_hz / 1000) / 1000000;	/* < 2^64 below 180 GHz */
	if (rom_alarm(VMI_CYCLES_REAL, rom_counter(VMI_CYCLES_REAL) + (delta ? delta : 1), 0,
		      vector))
		return -PVOPS_EINVAL;
	return 0;
}

int pvops_vmi_wallclock(u64 *ns)
{
	if (!vmi_cur)
		return -PVOPS_ENODEV;
	if (!rom_wallclock)
		return -PVOPS_ENOSYS;
	*ns = rom_wallclock();
	return *ns ? 0 : -PVOPS_ENOSYS;
}

u64 vmi_cycle_hz(void)
{
	return cycle_hz;
}

static bool nop(unsigned int call)
{
	return vmi_relocs[call].type == VMI_RELOC_NOP;
}

int vmi_wrap_fill(struct pvops_ops *ops)
{
	u64_fn freq;

	if ((rom_flush = vmi_entry(VMI_CALL_flush_tlb))) {
		ops->mmu_flush_tlb_local = vmi_flush_local;
		ops->mmu_flush_tlb_all = vmi_flush_all;
	} else if (nop(VMI_CALL_flush_tlb)) {
		ops->mmu_flush_tlb_local = NULL;
		ops->mmu_flush_tlb_all = NULL;
	}
	if ((rom_set_pxe = vmi_entry(VMI_CALL_set_pxe))) {
		ops->mmu_set_pte = vmi_set_pte;
		ops->mmu_set_pmd = vmi_set_pmd;
		ops->mmu_set_pud = vmi_set_pud;
		ops->mmu_set_p4d = vmi_set_p4d;
	}
	if ((rom_alloc = vmi_entry(VMI_CALL_allocate_page)))
		ops->mmu_alloc_pt = vmi_alloc_pt;
	if ((rom_release = vmi_entry(VMI_CALL_release_page)))
		ops->mmu_release_pt = vmi_release_pt;
	if ((rom_lazy = vmi_entry(VMI_CALL_set_lazy_mode))) {
		ops->mmu_lazy_enter = vmi_lazy_enter;
		ops->mmu_lazy_leave = vmi_lazy_leave;
		ops->mmu_lazy_flush = vmi_lazy_flush;
	}
	freq = vmi_entry(VMI_CALL_get_cycle_frequency);
	rom_counter = vmi_entry(VMI_CALL_get_cycle_counter);
	cycle_hz = 0;
	if (freq && rom_counter) {
		cycle_hz = freq();
		if (!cycle_hz) {
			vmi_reject(vmi_cur->pa, "get_cycle_frequency() returned 0");
			return -PVOPS_EINVAL;
		}
		ns_mult = (1000000000ULL << 32) / cycle_hz;
		cycle0 = rom_counter(VMI_CYCLES_REAL);
		ops->time_clock_ns = vmi_clock_ns;
		ops->time_steal_ns = vmi_steal_ns;
		rom_alarm = vmi_entry(VMI_CALL_set_alarm);
		if (rom_alarm)
			ops->time_timer_oneshot = vmi_timer_oneshot;
	}
	rom_wallclock = vmi_entry(VMI_CALL_get_wallclock);
	return 0;
}
