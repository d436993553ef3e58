// SPDX-License-Identifier: MIT
/*
 * The spinlock slow path under Hyper-V: lock.wait spins (the native
 * pause), and after as many waits in a row as the hypervisor recommends
 * (CPUID 0x40000004 EBX, "the number of attempts to retry a spinlock
 * failure before notifying the hypervisor"; 0xFFFFFFFF: never) tells it
 * with HvCallNotifyLongSpinWait (TLFS "Hypercall Reference":
 * HvCallNotifyLongSpinWait, call code 0x0008, fast; its one input is the
 * spin count), so that it can run another VP, such as a preempted lock
 * holder (Xen's viridian answers with a SCHEDOP_yield). Each lock.wait that finds the value still
 * there counts as one retry; a wait that finds it moved starts over.
 * There is no wake-up to send: lock.kick stays empty.
 */
#include "hyperv.h"

static void hv_lock_wait(const volatile u8 *ptr, u8 val)
{
	struct hv_percpu *pc = hv_this_cpu();
	u64 rv;

	if (*ptr != val) {
		pc->spins = 0;
		return;
	}
	__asm__ volatile("pause");
	if (++pc->spins < hv_spin_retries)
		return;
	rv = hv_do_hypercall(HVCALL_NOTIFY_LONG_SPIN_WAIT | HV_HYPERCALL_FAST, pc->spins, 0);
	pc->spins = 0;
	HV_COUNT(LONG_SPIN_NOTIFIES);
	if ((u16)rv != HV_STATUS_SUCCESS) {
		static bool said;

		if (!said)
			pvops_log("hyperv: HvCallNotifyLongSpinWait: %s; lock.wait keeps spinning\n",
				  pvops_hyperv_status_name((u16)rv));
		said = true;
	}
}

void hv_spin_fill(struct pvops_ops *ops)
{
	u32 n = hv_spin_retries;

	if (!HV_IN_USE(HYPERCALL_PAGE) || !n || n == 0xffffffffU)
		return;	/* never notify: the native pause */
	ops->lock_wait = hv_lock_wait;
}
