// SPDX-License-Identifier: MIT
/*
 * Native local APIC: x2APIC through MSRs when the CPU has it, otherwise
 * xAPIC through its MMIO page, mapped by the kernel (env->map_mmio).
 * The timer divides by 16; its rate is the bus rate the hypervisor states
 * (spec/ABI.md 3.12), else measured against the TSC over 10 ms (at the rate
 * the time.tsc_khz op gives).
 *
 * The APIC ops are defined before apic.setup too (ABI 1.3, spec/ABI.md
 * §3.4): they reach the APIC in the mode it is in (x2APIC when the firmware
 * or the kernel enabled it, else the xAPIC page, mapped on first use); with
 * no way to reach it yet (an xAPIC before pvops_init() gives map_mmio) an
 * access is dropped and said once, never a write through a NULL mapping.
 */
#include "native.h"
#include "insn.h"
#include <pvops/calls.h>

#define MSR_APIC_BASE 0x1b
#define APIC_BASE_ENABLE (1ULL << 11)
#define APIC_BASE_X2APIC (1ULL << 10)

#define APIC_ID 0x20
#define APIC_TPR 0x80
#define APIC_EOI 0xb0
#define APIC_SVR 0xf0
#define APIC_ICR 0x300
#define APIC_ICR2 0x310
#define APIC_LVTT 0x320
#define APIC_TMICT 0x380
#define APIC_TMCCT 0x390
#define APIC_TDCR 0x3e0

#define LVT_MASKED (1U << 16)
#define LVT_PERIODIC (1U << 17)
#define LVT_TSC_DEADLINE (2U << 17)
#define MSR_TSC_DEADLINE 0x6e0
#define ICR_SELF (1U << 18)
#define ICR_PENDING (1U << 12)

static volatile u32 *mmio;
static bool x2apic;
static bool ready;
static u64 timer_hz;
static bool bus_stated;	/* timer_hz from a stated bus rate, not measured */

/* Before apic.setup: the mode the APIC is in; false when it cannot be reached yet. */
static bool reachable(void)
{
	u64 base;

	if (ready || x2apic || mmio)
		return true;
	base = raw_rdmsr(MSR_APIC_BASE);
	if (base & APIC_BASE_X2APIC) {
		x2apic = true;
		return true;
	}
	if (pvops_cur_env() && pvops_cur_env()->map_mmio)
		mmio = pvops_cur_env()->map_mmio(base & 0xffffff000ULL, 4096);
	if (!mmio) {
		static bool said;

		if (!said)
			pvops_log("native: an APIC op before apic.setup with the xAPIC page not "
				  "mapped (no env->map_mmio yet): dropped\n");
		said = true;
		return false;
	}
	return true;
}

static void apic_write(u32 reg, u32 val)
{
	if (!reachable())
		return;
	if (x2apic)
		raw_wrmsr(0x800 + (reg >> 4), val);
	else
		mmio[reg / 4] = val;
}

static u32 apic_read(u32 reg)
{
	if (!reachable())
		return 0;
	if (x2apic)
		return (u32)raw_rdmsr(0x800 + (reg >> 4));
	return mmio[reg / 4];
}

static void measure_timer(void)
{
	/* The TSC rate of the backend in use: a backend may know it better. */
	u64 t0, tsc_per_ms = pvops_time_tsc_khz();
	u64 bus_khz = pvops_apic_rate();
	u32 left;

	/* A bus rate the hypervisor states (tsc_rate.c): the timer divides it by 16. */
	if (bus_khz) {
		timer_hz = bus_khz * 1000 / 16;
		bus_stated = true;
		return;
	}

	apic_write(APIC_TDCR, 0x3);	/* divide by 16 */
	apic_write(APIC_LVTT, LVT_MASKED);
	apic_write(APIC_TMICT, 0xffffffff);
	t0 = raw_rdtsc();
	while (raw_rdtsc() - t0 < tsc_per_ms * 10)
		raw_pause();
	left = apic_read(APIC_TMCCT);
	apic_write(APIC_TMICT, 0);
	timer_hz = (u64)(0xffffffffU - left) * 100;
}

int native_apic_setup(u32 spurious_vector)
{
	struct pvops_cpuid_regs r;
	u64 base;

	native_cpuid(1, 0, &r);
	if (!(r.edx & (1U << 9))) {
		pvops_log("native: no local APIC\n");
		return -PVOPS_ENODEV;
	}
	base = raw_rdmsr(MSR_APIC_BASE);
	if (r.ecx & (1U << 21)) {
		x2apic = true;
		raw_wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE | APIC_BASE_X2APIC);
	} else {
		const struct pvops_env *env = pvops_cur_env();

		if (!env || !env->map_mmio)
			return -PVOPS_ENODEV;
		/* Every CPU's APIC is at the same address: map it once. */
		if (!mmio)
			mmio = env->map_mmio(base & 0xffffff000ULL, 4096);
		if (!mmio)
			return -PVOPS_ENODEV;
		raw_wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
	}
	apic_write(APIC_TPR, 0);
	apic_write(APIC_SVR, 0x100 | (spurious_vector & 0xff));
	if (ready)
		return 0;	/* another CPU: the timer's rate is known */
	ready = true;
	measure_timer();
	pvops_log("native: %s, timer %llu Hz%s\n", x2apic ? "x2APIC" : "xAPIC", timer_hz,
		  bus_stated ? " (the stated bus rate / 16)" : " (measured, 10 ms)");
	return 0;
}

/* apic.read, apic.write (1.3): any register, in the mode the APIC is in. */
u32 native_apic_read(u32 reg)
{
	return apic_read(reg & 0xff0);
}

void native_apic_write(u32 reg, u32 val)
{
	apic_write(reg & 0xff0, val);
}

u64 native_apic_timer_hz(void)
{
	return ready ? timer_hz : 0;
}

void pvops_native_apic_eoi(void)
{
	apic_write(APIC_EOI, 0);
}

void pvops_native_apic_send_ipi(u32 dest, u32 vector)
{
	u32 low = vector & 0xff;

	if (dest == 0xffffffffU)
		low |= ICR_SELF;
	if (!reachable())
		return;
	if (x2apic) {
		raw_wrmsr(0x830, ((u64)(dest == 0xffffffffU ? 0 : dest) << 32) | low);
		return;
	}
	apic_write(APIC_ICR2, dest == 0xffffffffU ? 0 : dest << 24);
	apic_write(APIC_ICR, low);
	while (apic_read(APIC_ICR) & ICR_PENDING)
		raw_pause();
}

bool native_apic_ready(void)
{
	return ready;
}

/* A raw ICR command (INIT, STARTUP) to APIC id dest, delivered before returning. */
void native_apic_icr(u32 dest, u32 low)
{
	if (!reachable())
		return;
	if (x2apic) {
		raw_wrmsr(0x830, ((u64)dest << 32) | low);
		return;
	}
	apic_write(APIC_ICR2, dest << 24);
	apic_write(APIC_ICR, low);
	while (apic_read(APIC_ICR) & ICR_PENDING)
		raw_pause();
}

/*
 * apic.timer_deadline (1.3): the LVT timer in TSC-deadline mode (CPUID.1
 * ECX bit 24), then IA32_TSC_DEADLINE; an MFENCE between the two, since an
 * xAPIC write and the WRMSR are not ordered (SDM vol. 3A §11.5.4.1).
 */
int native_apic_timer_deadline(u64 tsc, u32 vector)
{
	static int has = -1;

	if (has < 0) {
		struct pvops_cpuid_regs r;

		native_cpuid(1, 0, &r);
		has = (r.ecx >> 24) & 1;
	}
	if (!has)
		return -PVOPS_ENOTSUP;
	if (!ready)
		return -PVOPS_ENODEV;
	if (!tsc) {
		raw_wrmsr(MSR_TSC_DEADLINE, 0);
		return 0;
	}
	apic_write(APIC_LVTT, (vector & 0xff) | LVT_TSC_DEADLINE);
	__asm__ volatile("mfence" : : : "memory");
	raw_wrmsr(MSR_TSC_DEADLINE, tsc);
	return 0;
}

void native_apic_timer_set(u32 vector, u32 count, u32 mode)
{
	if (mode == PVOPS_TIMER_STOP) {
		apic_write(APIC_LVTT, LVT_MASKED);
		apic_write(APIC_TMICT, 0);
		return;
	}
	apic_write(APIC_TDCR, 0x3);
	apic_write(APIC_LVTT, (vector & 0xff) | (mode == PVOPS_TIMER_PERIODIC ? LVT_PERIODIC : 0));
	apic_write(APIC_TMICT, count);
}
