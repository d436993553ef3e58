// SPDX-License-Identifier: MIT
/*
 * Time under Hyper-V (TLFS "Timers"): the partition reference time in
 * 100 ns units, from the reference TSC page while it is valid and from
 * the TIME_REF_COUNT MSR otherwise; the TSC rate from the TSC_FREQUENCY
 * MSR (or measured against the reference time); one-shot timers on
 * synthetic timer 0 in SynIC message mode, its messages taken in the EOI.
 */
#include "hyperv.h"
#include "tsc_page.h"

#define HV_STIMER_SINT 2	/* not SINT0: some implementations never fire it */

static struct hv_reference_tsc_page *tsc_page;
static struct hv_message *sim_page;
static bool have_ref_count;
static u64 tsc_khz;
static u32 stimer_vector;

static u64 hv_ref_time(void)
{
	u64 ref;

	if (tsc_page && !hv_tsc_page_read(tsc_page, hv_rdtsc, &ref))
		return ref;
	return pvops_raw_rdmsr(HV_MSR_TIME_REF_COUNT);
}

static u64 hv_clock_ns(void)
{
	return hv_ref_time() * 100;
}

static u64 hv_tsc_khz(void)
{
	return tsc_khz;
}

/* The TSC against the reference time over 10 ms, when no MSR says its rate. */
static u64 measure_tsc_khz(void)
{
	u64 r0 = hv_ref_time(), t0 = hv_rdtsc(), r1, t1;

	do {
		r1 = hv_ref_time();
	} while (r1 - r0 < 100000);
	t1 = hv_rdtsc();
	return (t1 - t0) * 10000 / (r1 - r0);	/* ticks per 100 ns * 10^4 = kHz */
}

/*
 * The message of an expired synthetic timer must be taken for the next
 * one to be delivered: called on every EOI, before the EOI itself.
 */
bool hv_stimer_ack(void)
{
	volatile struct hv_message *m;

	if (!sim_page)
		return false;
	m = &sim_page[HV_STIMER_SINT];
	if (m->header.message_type == HV_MESSAGE_NONE)
		return false;
	m->header.message_type = HV_MESSAGE_NONE;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (m->header.message_flags & HV_MESSAGE_FLAG_PENDING)
		pvops_raw_wrmsr(HV_MSR_EOM, 0);
	HV_COUNT(STIMER_MESSAGES);
	return true;
}

static int hv_timer_oneshot(u64 delta_ns, u32 vector)
{
	u64 ticks = delta_ns / 100;

	if (vector != stimer_vector) {
		pvops_raw_wrmsr(HV_MSR_SINT0 + HV_STIMER_SINT, vector & 0xff);
		stimer_vector = vector;
	}
	/* Absolute expiry in reference time; writing COUNT re-arms (auto-enable). */
	pvops_raw_wrmsr(HV_MSR_STIMER0_COUNT, hv_ref_time() + (ticks ? ticks : 1));
	return 0;
}

/* time.clock_stable (1.3): the partition's reference time is one clock for every VP. */
static u32 hv_clock_stable(void)
{
	return 1;
}

static int stimer_init(struct pvops_ops *ops)
{
	const u32 need = HV_ACCESS_SYNIC_REGS | HV_ACCESS_SYNTHETIC_TIMER_REGS |
			 HV_ACCESS_TIME_REF_COUNT;

	if ((hv_features_eax & need) != need)
		return 0;	/* the native (local APIC) one-shot stays */
	sim_page = pvops_alloc_page();
	if (!sim_page)
		return 0;
	pvops_memset(sim_page, 0, PVOPS_PAGE_SIZE);
	if (pvops_raw_wrmsr_safe(HV_MSR_SIMP, pvops_env_pa(sim_page) | 1)) {
		pvops_log("hyperv: CPUID %#x EAX %#x grants the SynIC, but writing SIMP faulted: "
			  "the local APIC one-shot stays\n", hv_base + 3, hv_features_eax);
		return 0;
	}
	pvops_raw_wrmsr(HV_MSR_SCONTROL, 1);
	/* Masked until the first timer; the vector must be valid (0x10-0xff) even so. */
	pvops_raw_wrmsr(HV_MSR_SINT0 + HV_STIMER_SINT, HV_SINT_MASKED | 0xff);
	pvops_raw_wrmsr(HV_MSR_STIMER0_CONFIG, HV_STIMER_AUTO_ENABLE |
		 ((u64)HV_STIMER_SINT << HV_STIMER_SINTX_SHIFT));
	ops->time_timer_oneshot = hv_timer_oneshot;
	HV_USE(STIMER);
	return 0;
}

int hv_time_init(struct pvops_ops *ops)
{

	have_ref_count = hv_features_eax & HV_ACCESS_TIME_REF_COUNT;
	if (hv_features_eax & HV_ACCESS_PARTITION_REF_TSC) {
		u64 ref;

		tsc_page = pvops_alloc_page();
		if (tsc_page) {
			if (pvops_raw_wrmsr_safe(HV_MSR_REFERENCE_TSC,
						 pvops_env_pa(tsc_page) | HV_REFERENCE_TSC_ENABLE))
				pvops_log("hyperv: CPUID %#x EAX %#x grants the reference TSC page, "
					  "but writing its MSR faulted\n", hv_base + 3,
					  hv_features_eax);
			else if (!hv_tsc_page_read(tsc_page, hv_rdtsc, &ref))
				HV_USE(REF_TSC_PAGE);
			else if (have_ref_count)
				pvops_log("hyperv: the reference TSC page is not valid (sequence 0): "
					  "reference time from the TIME_REF_COUNT MSR\n");
		}
	}
	if (!HV_IN_USE(REF_TSC_PAGE)) {
		if (!have_ref_count) {
			pvops_log("hyperv: neither a valid reference TSC page nor TIME_REF_COUNT\n");
			return -PVOPS_ENODEV;
		}
		HV_USE(TIME_REF_COUNT);
	}
	if (hv_features_eax & HV_ACCESS_FREQUENCY_MSRS) {
		tsc_khz = pvops_raw_rdmsr(HV_MSR_TSC_FREQUENCY) / 1000;
		HV_USE(TSC_FREQ_MSR);
	}
	if (tsc_khz) {
		pvops_native_tsc_rate(tsc_khz, pvops_raw_rdmsr(HV_MSR_APIC_FREQUENCY) / 1000,
				      "Hyper-V TSC_FREQUENCY/APIC_FREQUENCY MSRs");
	} else {
		u64 t0 = hv_rdtsc();

		tsc_khz = measure_tsc_khz();
		pvops_tsc_rate_cost(hv_rdtsc() - t0);
		pvops_native_tsc_rate(tsc_khz, 0, "measured against Hyper-V reference time (10 ms)");
	}
	ops->time_clock_ns = hv_clock_ns;
	ops->time_tsc_khz = hv_tsc_khz;
	ops->time_clock_stable = hv_clock_stable;
	return stimer_init(ops);
}
