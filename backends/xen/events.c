// SPDX-License-Identifier: MIT
/*
 * Event channels (2-level ABI in shared_info): each bound port is tied to
 * a vector of the kernel's IDT, and the event callback enters that
 * vector's handler. The timer VIRQ and the IPIs arrive this way.
 */
#include "xen.h"

#define NR_PORTS (sizeof(xen_ulong_t) * 8 * sizeof(xen_ulong_t) * 8)
#define BITS_PER_WORD (sizeof(xen_ulong_t) * 8)

static u8 port_vector[NR_PORTS];
static evtchn_port_t ipi_port[256];
static xen_ulong_t pending_words;	/* selector bits taken from Xen, not yet drained */
u64 xen_events_delivered;

void xen_evtchn_bind_vector(evtchn_port_t port, u32 vector)
{
	if (port < NR_PORTS)
		port_vector[port] = (u8)vector;
}

void xen_evtchn_unmask(evtchn_port_t port)
{
	struct evtchn_unmask u = { .port = port };

	XEN_HC(event_channel_op, "EVTCHNOP_unmask", EVTCHNOP_unmask, &u, 0, 0, 0);
}

/*
 * Called from the event callback with events masked: take one pending,
 * unmasked port, acknowledge it, and return the handler of its vector (0
 * when nothing is left). When more are pending, upcall_pending is set
 * again so that Xen calls back once the handler's iret unmasks events.
 */
u64 xen_upcall_pick(void);
u64 xen_upcall_pick(void)
{
	struct vcpu_info *vi = xen_vcpu;
	struct shared_info *sh = xen_shared;

	vi->evtchn_upcall_pending = 0;
	pending_words |= __atomic_exchange_n(&vi->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
	while (pending_words) {
		u32 w = (u32)__builtin_ctzl(pending_words);
		xen_ulong_t bits = sh->evtchn_pending[w] & ~sh->evtchn_mask[w];
		evtchn_port_t port;
		u32 b, vec;

		if (!bits) {
			pending_words &= ~(1UL << w);
			continue;
		}
		b = (u32)__builtin_ctzl(bits);
		port = w * BITS_PER_WORD + b;
		__atomic_fetch_and(&sh->evtchn_pending[w], ~(1UL << b), __ATOMIC_SEQ_CST);
		if (!(bits & ~(1UL << b)))
			pending_words &= ~(1UL << w);
		vec = port_vector[port];
		if (!vec || !xen_vector_target(vec))
			continue;	/* not bound to a vector: dropped */
		if (pending_words)
			vi->evtchn_upcall_pending = 1;
		xen_events_delivered++;
		return xen_vector_target(vec);
	}
	return 0;
}

/* sti; hlt: block until an event, which re-enables event delivery atomically. */
void xen_safe_halt(void)
{
	XEN_HC(sched_op, "SCHEDOP_block", SCHEDOP_block, 0, 0, 0, 0);
}

/*
 * hlt: wait for an event without enabling delivery. Polling no port with
 * no timeout returns when any event is pending for this vCPU.
 */
void xen_halt(void)
{
	struct sched_poll poll = { .nr_ports = 0, .timeout = 0 };

	if (!xen_vcpu->evtchn_upcall_mask) {
		xen_safe_halt();
		return;
	}
	XEN_HC(sched_op, "SCHEDOP_poll", SCHEDOP_poll, &poll, 0, 0, 0);
}

/* An IPI channel per vector, bound on first use (one vCPU: to itself). */
void xen_send_ipi(u32 dest, u32 vector)
{
	struct evtchn_send send;

	(void)dest;
	vector &= 0xff;
	if (!ipi_port[vector]) {
		struct evtchn_bind_ipi bind = { .vcpu = 0 };

		if (XEN_HC(event_channel_op, "EVTCHNOP_bind_ipi", EVTCHNOP_bind_ipi, &bind, 0, 0,
			   0) < 0)
			return;
		ipi_port[vector] = bind.port;
		xen_evtchn_bind_vector(bind.port, vector);
		xen_evtchn_unmask(bind.port);
	}
	send.port = ipi_port[vector];
	XEN_HC(event_channel_op, "EVTCHNOP_send", EVTCHNOP_send, &send, 0, 0, 0);
}

int xen_events_init(void)
{
	unsigned int i;

	/* Mask every port until the kernel binds it to a vector. */
	for (i = 0; i < NR_PORTS / BITS_PER_WORD; i++)
		xen_shared->evtchn_mask[i] = ~(xen_ulong_t)0;
	return 0;
}
