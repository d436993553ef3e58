// SPDX-License-Identifier: MIT
/*
 * The generic cross-CPU ops (ABI 1.1), written only in terms of other ops
 * and of what the kernel passes in, so that they are correct under every
 * backend: an IPI to a set is one apic.send_ipi per member, a flush on
 * other CPUs is the kernel's own shootdown. The lock ops' native forms are
 * instructions (spec/ops.def); lock.kick has nothing to do natively.
 */
#include "native.h"
#include <pvops/calls.h>

void native_send_ipi_mask(const struct pvops_cpu_set *dest, u32 vector)
{
	u32 c;

	pvops_for_each_cpu(c, dest)
		pvops_apic_send_ipi(c, vector);
}

void native_flush_tlb_multi(const struct pvops_cpu_set *cpus, u64 va,
			    pvops_shootdown_fn shootdown)
{
	if (!pvops_cpu_set_empty(cpus))
		shootdown(cpus, va);
}
