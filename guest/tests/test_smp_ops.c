// SPDX-License-Identifier: MIT
/*
 * The cross-CPU ops of ABI 1.1, under whatever backend is in use, as far
 * as one CPU can check them: an IPI to a set holding only this CPU
 * arrives once; mmu.flush_tlb_multi hands the kernel's shootdown exactly
 * the CPUs still to flush (none for an empty set); this CPU is never
 * "preempted"; lock.wait returns at once when the value has moved. Across
 * CPUs, the suite smp (test_smp.c).
 */
#include "../ktest/ktest.h"


static void send_ipi_mask_to_self_once(struct ktest *t)
{
	struct pvops_cpu_set set;

	pvops_cpu_set_clear(&set);
	pvops_cpu_set_add(&set, cpuid_apic_id());
	ktest_ipi_arm();
	pvops_apic_send_ipi_mask(&set, TEST_IPI_VECTOR);
	KT_EXPECT_EQ(t, ktest_ipi_count(), 0);	/* held while interrupts are off */
	KT_EXPECT_EQ(t, ktest_ipi_wait(KTEST_DEADLINE_NS), 1);
}

static u32 shootdowns;
static struct pvops_cpu_set shot;
static u64 shot_va;

static void record_shootdown(const struct pvops_cpu_set *cpus, u64 va)
{
	shootdowns++;
	shot = *cpus;
	shot_va = va;
}

static void flush_tlb_multi_hands_over_the_rest(struct ktest *t)
{
	struct pvops_cpu_set set;

	pvops_cpu_set_clear(&set);
	shootdowns = 0;
	pvops_mmu_flush_tlb_multi(&set, SCRATCH_BASE, record_shootdown);
	KT_EXPECT_EQ(t, shootdowns, 0);
	/* APIC id 200: no such CPU here, so nobody can flush it but the kernel. */
	pvops_cpu_set_add(&set, 200);
	pvops_mmu_flush_tlb_multi(&set, SCRATCH_BASE, record_shootdown);
	KT_EXPECT_EQ(t, shootdowns, 1);
	KT_EXPECT(t, pvops_cpu_set_has(&shot, 200));
	pvops_cpu_set_del(&shot, 200);
	KT_EXPECT(t, pvops_cpu_set_empty(&shot));
	KT_EXPECT_EQ(t, shot_va, SCRATCH_BASE);
	pvops_mmu_flush_tlb_multi(&set, PVOPS_FLUSH_ALL, record_shootdown);
	KT_EXPECT_EQ(t, shootdowns, 2);
	KT_EXPECT_EQ(t, shot_va, PVOPS_FLUSH_ALL);
}

static void this_cpu_is_not_preempted(struct ktest *t)
{
	KT_EXPECT_EQ(t, pvops_lock_vcpu_is_preempted(cpuid_apic_id()), 0);
}

static void lock_wait_returns_when_value_moved(struct ktest *t)
{
	static volatile u8 byte = 1;
	u64 flags;

	pvops_irq_disable();
	flags = pvops_irq_save_fl();
	pvops_lock_wait(&byte, 0);	/* interrupts off, nobody to kick: must not sleep */
	KT_EXPECT_EQ(t, pvops_irq_save_fl() & 0x200, flags & 0x200);
}

static void cpu_set_helpers(struct ktest *t)
{
	struct pvops_cpu_set s;
	u32 c, n = 0, sum = 0;

	pvops_cpu_set_clear(&s);
	KT_EXPECT(t, pvops_cpu_set_empty(&s));
	pvops_cpu_set_add(&s, 0);
	pvops_cpu_set_add(&s, 63);
	pvops_cpu_set_add(&s, 64);
	pvops_cpu_set_add(&s, 255);
	pvops_cpu_set_add(&s, 256);	/* out of range: ignored */
	pvops_for_each_cpu(c, &s)
		n++, sum += c;
	KT_EXPECT_EQ(t, n, 4);
	KT_EXPECT_EQ(t, sum, 0 + 63 + 64 + 255);
	KT_EXPECT(t, !pvops_cpu_set_has(&s, 256) && pvops_cpu_set_has(&s, 255));
}

/*
 * ABI 1.3: smp.cpu_start_raw refuses what it cannot start (this CPU, a
 * start that is not a page below 1 MiB) before sending anything, and Xen
 * PV refuses it outright; pvops_cpu_init_ap refuses an id beyond the
 * table. (A kernel's own trampoline is started in examples/minikernel.)
 */
/* What the other CPU's %gs slot holds, read on that CPU. */
static void read_slot(void *arg)
{
	u64 v;

	__asm__ volatile("movq %%gs:0, %0" : "=r"(v));
	*(u64 *)arg = v;
}

/*
 * ABI 1.4: a backend with per-CPU state keeps it in the kernel's per-CPU
 * slot (the guest's %gs:0, percpu.c) on every CPU: set, read through %gs on
 * that CPU itself, and different on each; backends without per-CPU state
 * leave it 0. percpu=0 offers no slot: it stays 0 everywhere.
 */
static void percpu_slot_is_the_backends(struct ktest *t)
{
	static const char *const keep[] = { "xen-pv", "xen-hvm", "kvm", "hyperv" };
	u64 here = 0, there = 0;
	bool keeps = false;
	struct cpu *o;
	u32 i;

	for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
		keeps |= !pvops_strncmp(pvops_backend_name(), keep[i], pvops_strlen(keep[i]) + 1);
	if (options.percpu_off) {	/* no %gs base was loaded: the areas, not %gs */
		for (i = 0; i < MAX_CPUS; i++)
			KT_EXPECT_EQ(t, percpu_areas[i].pvops, 0);
		ktest_skip(t, "percpu=0: the kernel gives pvops no slot (its areas stay 0)");
		return;
	}
	read_slot(&here);
	KT_EXPECT_EQ(t, here, percpu_areas[this_cpu()->index].pvops);
	if (!keeps) {
		KT_EXPECT_EQ(t, here, 0);
		ktest_skip(t, "this backend keeps no per-CPU state: the slot stays 0");
		return;
	}
	KT_EXPECT(t, here != 0);
	o = smp_other_cpu();
	if (!o) {
		ktest_skip(t, KTEST_NEEDS_SECOND_CPU);
		return;
	}
	KT_ASSERT(t, !smp_call(o->index, read_slot, &there));
	KT_EXPECT(t, there != 0);
	KT_EXPECT(t, there != here);
	KT_EXPECT_EQ(t, there, percpu_areas[o->index].pvops);
}

static void cpu_start_raw_refuses(struct ktest *t)
{
	u32 me = cpuid_apic_id();

	if (pvops_backend_is("xen-pv")) {
		KT_EXPECT_EQ(t, pvops_smp_cpu_start_raw(1, 0x90000), -PVOPS_ENOTSUP);
		return;
	}
	KT_EXPECT_EQ(t, pvops_smp_cpu_start_raw(me, 0x90000), -PVOPS_EINVAL);
	KT_EXPECT_EQ(t, pvops_smp_cpu_start_raw(me + 1, 0x90010), -PVOPS_EINVAL);
	KT_EXPECT_EQ(t, pvops_smp_cpu_start_raw(me + 1, 0x100000), -PVOPS_EINVAL);
	KT_EXPECT_EQ(t, pvops_smp_cpu_start_raw(me + 1, 0), -PVOPS_EINVAL);
	KT_EXPECT_EQ(t, pvops_cpu_init_ap(PVOPS_MAX_CPU_ID + 1), -PVOPS_EINVAL);
}

static const struct ktest_case smp_ops_cases[] = {
	KTEST_CASE(cpu_set_helpers),
	KTEST_CASE(send_ipi_mask_to_self_once),
	KTEST_CASE(flush_tlb_multi_hands_over_the_rest),
	KTEST_CASE(this_cpu_is_not_preempted),
	KTEST_CASE(lock_wait_returns_when_value_moved),
	KTEST_CASE(cpu_start_raw_refuses),
	KTEST_CASE(percpu_slot_is_the_backends),
	{},
};
KTEST_SUITE(smp_ops, smp_ops_cases);
