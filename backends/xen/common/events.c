// SPDX-License-Identifier: MIT
/*
 * Event channels (2-level ABI in shared_info): each bound port is tied to
 * a vector of the kernel's IDT, and the event callback enters that
 * vector's handler. The timer VIRQ and the IPIs arrive this way.
 *
 * Every port is bound to one vCPU, the one Xen notifies: a vCPU's upcall
 * takes only its own ports, though the pending and mask bitmaps are the
 * domain's. IPIs are a port per (target vCPU, vector), bound on first
 * use; lock.wait polls a masked kick port of its own vCPU.
 */
#include "xen.h"

#define NR_PORTS (sizeof(xen_ulong_t) * 8 * sizeof(xen_ulong_t) * 8)
#define BITS_PER_WORD (sizeof(xen_ulong_t) * 8)
#define NR_WORDS (NR_PORTS / BITS_PER_WORD)

static u8 port_vector[NR_PORTS];
/* Which vCPU each port notifies (Xen binds a port to vCPU 0 unless told). */
static xen_ulong_t cpu_ports[XEN_MAX_VCPUS][NR_WORDS];
static evtchn_port_t ipi_port[XEN_MAX_VCPUS][256];
static u8 ipi_bind_lock;

void xen_evtchn_bind_vector(evtchn_port_t port, u32 vector)
{
	if (port < NR_PORTS)
		port_vector[port] = (u8)vector;
}

void xen_evtchn_own(evtchn_port_t port, u32 cpu)
{
	u32 c;

	if (port >= NR_PORTS || cpu >= XEN_MAX_VCPUS)
		return;
	for (c = 0; c < XEN_MAX_VCPUS; c++)
		__atomic_fetch_and(&cpu_ports[c][port / BITS_PER_WORD],
				   ~(1UL << (port % BITS_PER_WORD)), __ATOMIC_SEQ_CST);
	__atomic_fetch_or(&cpu_ports[cpu][port / BITS_PER_WORD], 1UL << (port % BITS_PER_WORD),
			  __ATOMIC_SEQ_CST);
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
	struct xen_percpu *pc = xen_this();
	const xen_ulong_t *mine = cpu_ports[pc - xen_cpus];
	struct vcpu_info *vi = pc->vi;
	struct shared_info *sh = xen_shared;
	xen_ulong_t pending_words;

	if (!vi)
		return 0;
	vi->evtchn_upcall_pending = 0;
	pending_words = pc->pending_words |
			__atomic_exchange_n(&vi->evtchn_pending_sel, 0, __ATOMIC_SEQ_CST);
	pc->pending_words = pending_words;
	while (pending_words) {
		u32 w = (u32)__builtin_ctzl(pending_words);
		xen_ulong_t bits = sh->evtchn_pending[w] & ~sh->evtchn_mask[w] & mine[w];
		evtchn_port_t port;
		u32 b, vec;

		if (!bits) {
			pending_words &= ~(1UL << w);
			pc->pending_words = pending_words;
			continue;
		}
		b = (u32)__builtin_ctzl(bits);
		port = w * BITS_PER_WORD + b;
		__atomic_fetch_and(&sh->evtchn_pending[w], ~(1UL << b), __ATOMIC_SEQ_CST);
		if (!(bits & ~(1UL << b)))
			pending_words &= ~(1UL << w);
		pc->pending_words = pending_words;
		if (port == pc->timer_port && pc->timer_period_ns)
			xen_timer_tick(pc);
		vec = port_vector[port];
		if (!vec || !xen_vector_target(vec))
			continue;	/* not bound to a vector: dropped */
		if (pending_words)
			vi->evtchn_upcall_pending = 1;
		XEN_COUNT(EVENTS);
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

	if (!xen_this()->vi->evtchn_upcall_mask) {
		xen_safe_halt();
		return;
	}
	XEN_HC(sched_op, "SCHEDOP_poll", SCHEDOP_poll, &poll, 0, 0, 0);
}

/* An IPI channel per (target vCPU, vector), bound on first use; dest ~0 is this vCPU. */
void xen_send_ipi(u32 dest, u32 vector)
{
	struct evtchn_send send;
	evtchn_port_t *slot;

	vector &= 0xff;
	if (dest == 0xffffffffU)
		dest = (u32)(xen_this() - xen_cpus);
	if (dest >= XEN_MAX_VCPUS || !xen_cpus[dest].vi) {
		pvops_log("xen: apic.send_ipi(%u, %#x): no such vCPU\n", dest, vector);
		return;
	}
	slot = &ipi_port[dest][vector];
	if (!__atomic_load_n(slot, __ATOMIC_ACQUIRE)) {
		struct evtchn_bind_ipi bind = { .vcpu = dest };

		while (__atomic_exchange_n(&ipi_bind_lock, 1, __ATOMIC_ACQUIRE))
			__asm__ volatile("pause");
		if (!*slot && XEN_HC(event_channel_op, "EVTCHNOP_bind_ipi", EVTCHNOP_bind_ipi,
				     &bind, 0, 0, 0) >= 0) {
			xen_evtchn_own(bind.port, dest);
			xen_evtchn_bind_vector(bind.port, vector);
			xen_evtchn_unmask(bind.port);
			__atomic_store_n(slot, bind.port, __ATOMIC_RELEASE);
		}
		__atomic_store_n(&ipi_bind_lock, 0, __ATOMIC_RELEASE);
		if (!*slot)
			return;
	}
	send.port = *slot;
	XEN_HC(event_channel_op, "EVTCHNOP_send", EVTCHNOP_send, &send, 0, 0, 0);
}

/* The port lock.wait polls on vCPU cpu: bound to it and never unmasked. */
int xen_kick_port_init(u32 cpu)
{
	struct evtchn_bind_ipi bind = { .vcpu = cpu };

	if (XEN_HC(event_channel_op, "EVTCHNOP_bind_ipi kick", EVTCHNOP_bind_ipi, &bind, 0, 0,
		   0) < 0)
		return -PVOPS_EIO;
	__atomic_fetch_or(&xen_shared->evtchn_mask[bind.port / BITS_PER_WORD],
			  1UL << (bind.port % BITS_PER_WORD), __ATOMIC_SEQ_CST);
	xen_cpus[cpu].kick_port = bind.port;
	return 0;
}

/*
 * lock.wait: clear this vCPU's kick, then, while *ptr == val, poll the
 * kick port. SCHEDOP_poll returns when the port is pending (a kick, even
 * one sent before the poll) or, with events enabled, when an event is to
 * be delivered: exactly "until kicked or interrupted".
 */
void xen_lock_wait(const volatile u8 *ptr, u8 val)
{
	struct xen_percpu *pc = xen_this();
	evtchn_port_t port = pc->kick_port;
	struct sched_poll poll = { .nr_ports = 1, .timeout = 0 };

	__atomic_fetch_and(&xen_shared->evtchn_pending[port / BITS_PER_WORD],
			   ~(1UL << (port % BITS_PER_WORD)), __ATOMIC_SEQ_CST);
	if (*ptr != val)
		return;
	set_xen_guest_handle(poll.ports, &port);
	XEN_HC(sched_op, "SCHEDOP_poll kick", SCHEDOP_poll, &poll, 0, 0, 0);
}

void xen_lock_kick(u32 cpu)
{
	struct evtchn_send send;

	if (cpu >= XEN_MAX_VCPUS || !xen_cpus[cpu].kick_port)
		return;
	send.port = xen_cpus[cpu].kick_port;
	XEN_HC(event_channel_op, "EVTCHNOP_send kick", EVTCHNOP_send, &send, 0, 0, 0);
}

int xen_events_init(void)
{
	unsigned int i;

	/* Mask every port until the kernel binds it to a vector; vCPU 0 owns it. */
	for (i = 0; i < NR_WORDS; i++) {
		xen_shared->evtchn_mask[i] = ~(xen_ulong_t)0;
		cpu_ports[0][i] = ~(xen_ulong_t)0;
	}
	return 0;
}
