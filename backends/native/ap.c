// SPDX-License-Identifier: MIT
/*
 * smp.cpu_up on native and hardware-virtualized machines: the MP
 * start-up sequence (Intel SDM vol. 3A §9.4.4), INIT, then up to two
 * STARTUP IPIs whose vector is the trampoline's page below 1 MiB. The
 * trampoline (ap_trampoline.S) is copied to the page the kernel gave
 * (env->trampoline_pa) with the caller's CR0, CR4, EFER and CR3; one CPU
 * starts at a time, and cpu_up returns once it runs on its own stack. The
 * sequence itself is pvops_native_start_cpu(), for other backends whose
 * CPUs start this way with another first step (VMI's set_ap_state).
 */
#include "native.h"
#include "ap.h"
#include <pvops/calls.h>
#include <pvops/fmt.h>

#define ICR_INIT (5U << 8)
#define ICR_STARTUP (6U << 8)
#define ICR_LEVEL_ASSERT (1U << 14)
#define ICR_LEVEL_TRIGGER (1U << 15)

#define PTE_P 0x1ULL
#define PTE_W 0x2ULL
#define PTE_PS 0x80ULL

extern const u8 native_ap_tramp_start[], native_ap_tramp_end[];
extern const u32 native_ap_tramp_pm32_off, native_ap_tramp_lm64_off;
extern const char native_ap_land64[];
extern const struct pvops_desc_ptr native_ap_gdt_desc;

static volatile u32 started;
static bool busy;

static void put(u8 *t, u32 off, u64 val, u32 len)
{
	pvops_memcpy(t + off, &val, len);
}

static u64 read_cr(int n)
{
	u64 v = 0;

	if (n == 0)
		__asm__ volatile("mov %%cr0, %0" : "=r"(v));
	else if (n == 3)
		__asm__ volatile("mov %%cr3, %0" : "=r"(v));
	else if (n == 4)
		__asm__ volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}

/* Wait up to ns for the new CPU to say it started. */
static bool wait_started(u64 ns)
{
	u64 t0 = pvops_time_clock_ns();

	while (!__atomic_load_n(&started, __ATOMIC_ACQUIRE)) {
		if (pvops_time_clock_ns() - t0 >= ns)
			return false;
		__asm__ volatile("pause");
	}
	return true;
}

static void delay_ns(u64 ns)
{
	u64 t0 = pvops_time_clock_ns();

	while (pvops_time_clock_ns() - t0 < ns)
		__asm__ volatile("pause");
}

static int setup_trampoline(const struct pvops_env *env, u8 *t, u32 cpu,
			    const struct pvops_ap_boot *boot, volatile u32 *started_flag)
{
	u64 base = env->trampoline_pa, cr3 = read_cr(3);
	u64 len = (u64)(native_ap_tramp_end - native_ap_tramp_start);
	const u64 *kpml4 = env->phys_to_virt(cr3 & PVOPS_PVAL_FRAME_MASK);
	u64 *pml4 = (u64 *)(void *)(t + TD_PML4);
	u8 *gdt = t + TD_GDT;

	if (len > TD_GDT_DESC)
		return -PVOPS_EINVAL;
	pvops_memset(t, 0, PVOPS_TRAMPOLINE_SIZE);
	pvops_memcpy(t, native_ap_tramp_start, len);
	put(gdt, 0x08, AP_GDT_CODE64, 8);
	put(gdt, 0x10, AP_GDT_DATA, 8);
	put(gdt, 0x18, AP_GDT_CODE32, 8);
	put(t, TD_GDT_DESC, 0x20 - 1, 2);
	put(t, TD_GDT_DESC + 2, base + TD_GDT, 4);
	put(t, TD_PM32_PTR, base + native_ap_tramp_pm32_off, 4);
	put(t, TD_PM32_PTR + 4, 0x18, 2);
	put(t, TD_LM64_PTR, base + native_ap_tramp_lm64_off, 4);
	put(t, TD_LM64_PTR + 4, 0x08, 2);
	put(t, TD_LAND64, (u64)(uptr)native_ap_land64, 8);
	put(t, TD_CR3, cr3, 8);
	put(t, TD_CR4, read_cr(4), 8);
	put(t, TD_EFER, native_read_msr(0xc0000080), 8);
	put(t, TD_CR0, read_cr(0), 8);
	put(t, TD_STACK, boot->stack_top & ~15ULL, 8);
	put(t, TD_BOOT, (u64)(uptr)boot, 8);
	put(t, TD_CPU, cpu, 8);
	put(t, TD_STARTED, (u64)(uptr)started_flag, 8);
	/* Identity for the first 2 MiB (the trampoline), the kernel's upper half. */
	pml4[0] = (base + TD_PDPT) | PTE_P | PTE_W;
	put(t, TD_PDPT, (base + TD_PD) | PTE_P | PTE_W, 8);
	put(t, TD_PD, PTE_P | PTE_W | PTE_PS, 8);
	pvops_memcpy(pml4 + 256, kpml4 + 256, 256 * sizeof(u64));
	return 0;
}

struct tramp_ctx {
	const struct pvops_env *env;
	u32 cpu;
	const struct pvops_ap_boot *boot;
};

static int prepare_trampoline(volatile u32 *flag, void *p)
{
	struct tramp_ctx *c = p;

	return setup_trampoline(c->env, c->env->phys_to_virt(c->env->trampoline_pa), c->cpu,
				c->boot, flag);
}

/* INIT, 10 ms, STARTUP; a second STARTUP when the CPU has not said it started (or always, raw). */
static int init_sipi_sipi(u32 apic_id, u32 vector, int (*prepare)(volatile u32 *started, void *ctx),
			  void *ctx, bool wait)
{
	int rc = 0;

	started = 0;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	native_apic_icr(apic_id, ICR_INIT | ICR_LEVEL_ASSERT | ICR_LEVEL_TRIGGER);
	if (prepare)
		rc = prepare(&started, ctx);
	if (rc)
		return rc;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	delay_ns(10000000);
	native_apic_icr(apic_id, ICR_STARTUP | vector);
	if (!wait) {
		/* A CPU already running ignores the second STARTUP (SDM vol. 3A §9.4.4.1). */
		delay_ns(200000);
		native_apic_icr(apic_id, ICR_STARTUP | vector);
		return 0;
	}
	if (!wait_started(200000)) {
		native_apic_icr(apic_id, ICR_STARTUP | vector);
		/* Generous: a vCPU thread on a loaded host may wait seconds to run. */
		if (!wait_started(10000000000ULL)) {
			pvops_log("native: start CPU %u: no answer to INIT-SIPI-SIPI in 10 s\n",
				  apic_id);
			rc = -PVOPS_ETIMEDOUT;
		}
	}
	return rc;
}

/* One start at a time, from a CPU whose APIC is set up: the IPIs to vector's page. */
static int start_one(u32 apic_id, u32 vector, int (*prepare)(volatile u32 *started, void *ctx),
		     void *ctx, bool wait)
{
	int rc;

	if (!native_apic_ready()) {
		pvops_log("native: start CPU %u: the local APIC is not set up (apic.setup)\n",
			  apic_id);
		return -PVOPS_ENODEV;
	}
	if (__atomic_exchange_n(&busy, true, __ATOMIC_ACQUIRE))
		return -PVOPS_EBUSY;
	rc = init_sipi_sipi(apic_id, vector, prepare, ctx, wait);
	__atomic_store_n(&busy, false, __ATOMIC_RELEASE);
	return rc;
}

int pvops_native_start_cpu(u32 apic_id, int (*prepare)(volatile u32 *started, void *ctx),
			   void *ctx)
{
	const struct pvops_env *env = pvops_cur_env();
	u64 base = env ? env->trampoline_pa : 0;

	if (!base || (base & 0xfff) || base + PVOPS_TRAMPOLINE_SIZE > 0x100000) {
		pvops_log("native: start CPU %u: the kernel gave no trampoline below 1 MiB "
			  "(env->trampoline_pa %#llx)\n", apic_id, base);
		return -PVOPS_ENODEV;
	}
	return start_one(apic_id, (u32)(base >> 12), prepare, ctx, true);
}

/*
 * smp.cpu_start_raw (1.3): the same IPIs to the kernel's own real-mode code
 * at start_pa; the kernel's CPU, once in long mode, calls pvops_cpu_init_ap.
 */
int native_cpu_start_raw(u32 cpu, u64 start_pa)
{
	if (!start_pa || (start_pa & 0xfff) || start_pa >= 0x100000 || cpu > PVOPS_MAX_CPU_ID ||
	    cpu == pvops_raw_apic_id()) {
		pvops_log("native: smp.cpu_start_raw(%u, %#llx): needs another CPU's APIC id and "
			  "a page-aligned start below 1 MiB\n", cpu, start_pa);
		return -PVOPS_EINVAL;
	}
	return start_one(cpu, (u32)(start_pa >> 12), NULL, NULL, false);
}

const struct pvops_desc_ptr *pvops_native_ap_gdt(void)
{
	return &native_ap_gdt_desc;
}

int native_cpu_up(u32 cpu, const struct pvops_ap_boot *boot)
{
	struct tramp_ctx c = { .env = pvops_cur_env(), .cpu = cpu, .boot = boot };

	if (!boot || !boot->entry || !boot->stack_top || cpu > PVOPS_MAX_CPU_ID)
		return -PVOPS_EINVAL;
	return pvops_native_start_cpu(cpu, prepare_trampoline, &c);
}
