// SPDX-License-Identifier: MIT
/*
 * kvmclock (msr.rst, MSR_KVM_SYSTEM_TIME_NEW; the old MSR 0x12 with only
 * KVM_FEATURE_CLOCKSOURCE): the host keeps a pvclock structure per vCPU
 * up to date; time.clock_ns scales the TSC through it, time.tsc_khz
 * derives from its multiplier. When the host vouches for a stable TSC
 * (KVM_FEATURE_CLOCKSOURCE_STABLE_BIT and PVCLOCK_TSC_STABLE_BIT) the
 * reading is returned as is; otherwise it is raised to the last value
 * returned on any CPU, so that the clock never goes backwards. The wall
 * clock is MSR_KVM_WALL_CLOCK_NEW's structure plus system time.
 */
#include "kvm.h"

static u32 msr_system_time, msr_wall_clock, clock_bit;
static bool stable_offered;
static u64 last_ns;
static struct pvclock_wall_clock wall __attribute__((aligned(4)));

static u64 kvm_rdtsc(void)
{
	u32 lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

void kvm_clock_cpu_init(struct kvm_percpu *pc)
{
	if (kvm_has(KVM_FEATURE_CLOCKSOURCE2)) {
		clock_bit = KVM_FEATURE_CLOCKSOURCE2;
		msr_system_time = MSR_KVM_SYSTEM_TIME_NEW;
		msr_wall_clock = MSR_KVM_WALL_CLOCK_NEW;
	} else if (kvm_has(KVM_FEATURE_CLOCKSOURCE)) {
		clock_bit = KVM_FEATURE_CLOCKSOURCE;
		msr_system_time = MSR_KVM_SYSTEM_TIME;
		msr_wall_clock = MSR_KVM_WALL_CLOCK;
	} else {
		return;
	}
	if (!kvm_msr_register(KVM_F_CLOCK, clock_bit, msr_system_time,
			      pvops_env_pa(&pc->clock) | KVM_MSR_ENABLED) && !KVM_IN_USE(CLOCK))
		msr_system_time = 0;	/* the boot CPU: the native clock (kvm_clock_fill) */
}

static u64 kvm_clock_ns(void)
{
	u64 ns, last;
	u8 flags = 0;

	while (pvclock_read(&kvm_this_cpu()->clock, kvm_rdtsc, &ns, &flags))
		;	/* a host that never settles: nothing better to return */
	if (stable_offered && (flags & PVCLOCK_TSC_STABLE_BIT))
		return ns;
	last = __atomic_load_n(&last_ns, __ATOMIC_RELAXED);
	do {
		if (ns < last) {
			KVM_COUNT(CLOCK_CLAMPS);
			return last;
		}
	} while (!__atomic_compare_exchange_n(&last_ns, &last, ns, false, __ATOMIC_SEQ_CST,
					      __ATOMIC_RELAXED));
	return ns;
}

static u64 tsc_khz;

u64 kvm_clock_tsc_khz(void)
{
	return tsc_khz;
}

int pvops_kvm_wallclock(u64 *sec, u32 *nsec)
{
	volatile struct pvclock_wall_clock *w = &wall;
	u32 v, s, n, tries = 0;
	u64 ns;

	if (!KVM_IN_USE(WALLCLOCK))
		return -PVOPS_ENODEV;
	do {
		v = w->version;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		s = w->sec;
		n = w->nsec;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while (((v & 1) || v != w->version) && ++tries < 1000000);
	ns = (u64)n + kvm_clock_ns();
	*sec = s + ns / 1000000000ULL;
	*nsec = (u32)(ns % 1000000000ULL);
	return 0;
}

/* time.clock_stable (1.3): kvmclock with the host's stable bit honoured (no clamping). */
static u32 kvm_clock_stable(void)
{
	return KVM_IN_USE(CLOCK_STABLE);
}

int kvm_clock_fill(struct pvops_ops *ops, struct kvm_percpu *pc)
{
	u64 ns;
	u8 flags = 0;

	if (!msr_system_time) {
		pvops_log("kvm: kvmclock not offered: native TSC clock\n");
		pvops_native_time_init();
		return 0;
	}
	if (pvclock_read(&pc->clock, kvm_rdtsc, &ns, &flags) || !pc->clock.tsc_to_system_mul) {
		pvops_log("kvm: kvmclock MSR %#x written, but the host never filled the structure "
			  "(version %u, multiplier %u): native TSC clock\n", msr_system_time,
			  pc->clock.version, pc->clock.tsc_to_system_mul);
		pvops_raw_wrmsr(msr_system_time, 0);
		pvops_native_time_init();
		return 0;
	}
	stable_offered = kvm_has(KVM_FEATURE_CLOCKSOURCE_STABLE_BIT);
	tsc_khz = pvops_native_tsc_rate(pvclock_tsc_khz(pc->clock.tsc_to_system_mul,
						       pc->clock.tsc_shift), 0,
					"kvmclock (pvclock mul/shift)");
	KVM_USE(CLOCK);
	if (stable_offered && (flags & PVCLOCK_TSC_STABLE_BIT))
		KVM_USE(CLOCK_STABLE);
	ops->time_clock_ns = kvm_clock_ns;
	ops->time_tsc_khz = kvm_clock_tsc_khz;
	ops->time_clock_stable = kvm_clock_stable;
	if (!pvops_raw_wrmsr_safe(msr_wall_clock, pvops_env_pa(&wall)))
		KVM_USE(WALLCLOCK);
	else
		pvops_log("kvm: writing the wall-clock MSR %#x faulted: no wall clock\n",
			  msr_wall_clock);
	return 0;
}
