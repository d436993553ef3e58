// SPDX-License-Identifier: MIT
/*
 * A test-and-set spinlock with the paravirtual slow path of ABI 1.1: spin
 * a while (lending the CPU to a preempted holder with lock.yield_to when
 * lock.vcpu_is_preempted says so), then announce this CPU as a waiter and
 * sleep in lock.wait until the holder's unlock kicks it (lock.kick).
 * Natively lock.wait is a pause and lock.kick nothing: plain spinning.
 */
#include "kernel.h"

#define SPIN_LIMIT 256

static bool try_lock(struct spinlock *l)
{
	return !READ_ONCE(l->locked) && !__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE);
}

void spin_lock(struct spinlock *l)
{
	u32 me = this_cpu()->id, i;
	u64 bit = 1ULL << (this_cpu()->index & 63);

	for (;;) {
		for (i = 0; i < SPIN_LIMIT; i++) {
			if (try_lock(l))
				goto locked;
			__asm__ volatile("pause");
			if (i % 64 == 63) {
				u32 holder = READ_ONCE(l->holder);

				if (holder != me && pvops_lock_vcpu_is_preempted(holder)) {
					l->yields++;
					pvops_lock_yield_to(holder);
				}
			}
		}
		/* Slow path: be a waiter, then check once more before sleeping. */
		__atomic_fetch_or(&l->waiters, bit, __ATOMIC_SEQ_CST);
		if (!__atomic_exchange_n(&l->locked, 1, __ATOMIC_SEQ_CST)) {
			__atomic_fetch_and(&l->waiters, ~bit, __ATOMIC_RELAXED);
			goto locked;
		}
		l->slow_waits++;
		pvops_lock_wait(&l->locked, 1);
		__atomic_fetch_and(&l->waiters, ~bit, __ATOMIC_SEQ_CST);
	}
locked:
	WRITE_ONCE(l->holder, me);
}

void spin_unlock(struct spinlock *l)
{
	u64 w;

	__atomic_store_n(&l->locked, 0, __ATOMIC_SEQ_CST);
	w = __atomic_load_n(&l->waiters, __ATOMIC_SEQ_CST);
	while (w) {
		struct cpu *c = cpu_at((u32)__builtin_ctzll(w));

		w &= w - 1;
		if (c) {
			l->kicks++;
			pvops_lock_kick(c->id);
		}
	}
}
