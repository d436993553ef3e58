// SPDX-License-Identifier: MIT
/*
 * The console under Xen PV. The hardware domain writes with console_io
 * (Xen prints it on its own console); any other domain writes into its
 * console ring and notifies the backend through the event channel in
 * start_info.
 */
#include "pv.h"

static struct xencons_interface *ring;
static evtchn_port_t ring_port;

static void ring_write(const char *buf, u64 len)
{
	struct evtchn_send send = { .port = ring_port };

	while (len) {
		XENCONS_RING_IDX prod = ring->out_prod, cons;
		u64 n = 0;

		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		cons = ring->out_cons;
		while (len && prod - cons < sizeof(ring->out)) {
			ring->out[MASK_XENCONS_IDX(prod, ring->out)] = buf[n++];
			prod++;
			len--;
		}
		__atomic_thread_fence(__ATOMIC_RELEASE);
		ring->out_prod = prod;
		xen_hypercall_raw(__HYPERVISOR_event_channel_op, EVTCHNOP_send, (u64)(uptr)&send,
				  0, 0, 0);
		buf += n;
		if (len)	/* ring full: let the backend run */
			xen_hypercall_raw(__HYPERVISOR_sched_op, SCHEDOP_yield, 0, 0, 0, 0);
	}
}

void xen_console_write(const char *buf, u64 len)
{
	if (ring) {
		ring_write(buf, len);
		return;
	}
	/* Not counted or reported: a failing console cannot report itself. */
	xen_hypercall_raw(__HYPERVISOR_console_io, CONSOLEIO_write, len, (u64)(uptr)buf, 0, 0);
}

int xen_console_init(void)
{
	const struct start_info *si = xen_start_info;

	if (xen_initdomain)
		return 0;
	/* The ring page is one of Xen's bootstrap elements, mapped by Xen. */
	ring = pvops_cur_env()->phys_to_virt(
		(u64)machine_to_phys_mapping[si->console.domU.mfn] << PVOPS_PAGE_SHIFT);
	ring_port = si->console.domU.evtchn;
	return 0;
}
