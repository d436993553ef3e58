// SPDX-License-Identifier: MIT
/*
 * The local APIC under Hyper-V (TLFS "Virtual Interrupt Controller"): EOI
 * through the synthetic EOI MSR, skipped when the hypervisor set the
 * APIC-assist bit in the VP assist page ("EOI Assist"); IPIs with
 * HvCallSendSyntheticClusterIpi (fast form), else the synthetic ICR MSR;
 * halt through the GUEST_IDLE MSR where offered. The timer and the
 * APIC's setup stay native.
 */
#include "hyperv.h"

static void hv_eoi(void)
{
	volatile u32 *vp_assist = hv_this_cpu()->vp_assist;	/* the APIC-assist word */

	hv_stimer_ack();
	if (vp_assist && (__atomic_exchange_n(vp_assist, 0, __ATOMIC_SEQ_CST) &
			  HV_APIC_ASSIST_NO_EOI)) {
		HV_COUNT(EOI_SKIPPED);
		return;
	}
	pvops_raw_wrmsr(HV_MSR_EOI, 0);
	HV_COUNT(EOI_WRITTEN);
}

/* The native EOI, with the synthetic-timer message taken first. */
static void hv_eoi_native(void)
{
	hv_stimer_ack();
	pvops_native_apic_eoi();
}

static void hv_send_ipi_msr(u32 dest, u32 vector)
{
	u64 icr = vector & 0xff;

	if (dest == 0xffffffffU)
		icr |= 1U << 18;	/* self */
	else
		icr |= (u64)dest << 32;
	pvops_raw_wrmsr(HV_MSR_ICR, icr);
}

static void hv_send_ipi_icr(u32 dest, u32 vector)
{
	if (hv_features_eax & HV_ACCESS_INTR_CTRL_REGS)
		hv_send_ipi_msr(dest, vector);
	else
		pvops_native_apic_send_ipi(dest, vector);
}

/*
 * A fixed IPI to every CPU of *dest whose VP index is below 64 with one
 * HvCallSendSyntheticClusterIpi (fast form: vector and VP mask in
 * registers, TLFS §10.5.2) instead of one ICR write per target; the
 * others, or all on a refusal, through the ICR.
 */
static void hv_send_ipi_mask(const struct pvops_cpu_set *dest, u32 vector)
{
	struct pvops_cpu_set rest;
	u64 mask = hv_vp_mask(dest, &rest), r;
	u32 c;

	if (mask) {
		r = hv_do_hypercall(HVCALL_SEND_SYNTHETIC_CLUSTER_IPI | HV_HYPERCALL_FAST,
				    vector & 0xff, mask);
		HV_COUNT(IPI_HYPERCALLS);
		if (HV_HYPERCALL_STATUS(r) != HV_STATUS_SUCCESS) {
			pvops_log("hyperv: HvCallSendSyntheticClusterIpi: %s; using the ICR\n",
				  pvops_hyperv_status_name(HV_HYPERCALL_STATUS(r)));
			rest = *dest;
		}
	}
	pvops_for_each_cpu(c, &rest)
		hv_send_ipi_icr(c, vector);
}

/* apic.send_ipi: this CPU (0xffffffff) or one other, as a set of one. */
static void hv_send_ipi(u32 dest, u32 vector)
{
	struct pvops_cpu_set one;

	if (dest == 0xffffffffU)
		dest = hv_this_cpu()->id;
	if (dest > PVOPS_MAX_CPU_ID) {
		hv_send_ipi_icr(dest, vector);
		return;
	}
	pvops_cpu_set_clear(&one);
	pvops_cpu_set_add(&one, dest);
	hv_send_ipi_mask(&one, vector);
}

/*
 * Wait for an interrupt in the hypervisor (interrupts stay as they are).
 * With interrupts off it is the native hlt: a CPU stopping for good, which
 * a hypervisor may count as the vCPU going down (Xen does).
 */
static void hv_guest_idle(void)
{
	u64 flags;

	__asm__ volatile("pushf; pop %0" : "=r"(flags));
	if (!(flags & 0x200)) {
		__asm__ volatile("hlt" ::: "memory");	/* the native irq.halt */
		return;
	}
	(void)pvops_raw_rdmsr(HV_MSR_GUEST_IDLE);
}

static void hv_safe_halt(void)
{
	__asm__ volatile("sti" ::: "memory");
	(void)pvops_raw_rdmsr(HV_MSR_GUEST_IDLE);
}

void hv_apic_fill(struct pvops_ops *ops)
{
	ops->apic_eoi = hv_eoi_native;
	if (hv_features_eax & HV_ACCESS_INTR_CTRL_REGS) {
		if (hv_this_cpu()->vp_assist)
			HV_USE(APIC_ASSIST);
		ops->apic_eoi = hv_eoi;
		HV_USE(APIC_MSRS);
	}
	if HV_IN_USE(HYPERCALL_PAGE) {
		ops->apic_send_ipi = hv_send_ipi;
		ops->apic_send_ipi_mask = hv_send_ipi_mask;
		HV_USE(CLUSTER_IPI);
	} else if (hv_features_eax & HV_ACCESS_INTR_CTRL_REGS) {
		ops->apic_send_ipi = hv_send_ipi_msr;
	}
	if ((hv_features_eax & HV_ACCESS_GUEST_IDLE) &&
	    (hv_features_edx & HV_FEATURE_GUEST_IDLE_STATE)) {
		ops->irq_halt = hv_guest_idle;
		ops->irq_safe_halt = hv_safe_halt;
		HV_USE(GUEST_IDLE);
	}
}
