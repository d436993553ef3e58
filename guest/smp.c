// SPDX-License-Identifier: MIT
/*
 * The guest's CPUs: enumerated and started through the smp ops, each on a
 * CPU_STACK_SIZE block whose lowest bytes hold its struct cpu (so this_cpu()
 * is a mask of %rsp, under every backend: no privileged register holds
 * it). A started CPU loads its GDT, TSS and the shared IDT, sets up its
 * APIC, says it is online and then runs what smp_call() hands it, halting
 * in between. The kernel's TLB shootdown (for mmu.flush_tlb_multi) lives
 * here too.
 */
#include "kernel.h"

#define CALL_TIMEOUT_NS 10000000000ULL
#define UP_TIMEOUT_NS 5000000000ULL

/* The boot CPU's block is boot_stack (arch/head.S); the others are here. */
extern u8 boot_stack[];
static u8 ap_stacks[MAX_CPUS - 1][CPU_STACK_SIZE] __attribute__((aligned(CPU_STACK_SIZE)));
static struct cpu *cpus[MAX_CPUS];
static u32 nr_present, nr_online;
static struct pvops_cpu_set online_set;

struct cpu *this_cpu(void)
{
	u64 sp;

	__asm__ volatile("mov %%rsp, %0" : "=r"(sp));
	return (struct cpu *)(uptr)(sp & ~(u64)(CPU_STACK_SIZE - 1));
}

struct cpu *cpu_at(u32 index)
{
	return index < MAX_CPUS ? cpus[index] : NULL;
}

struct cpu *cpu_by_id(u32 id)
{
	u32 i;

	for (i = 0; i < MAX_CPUS; i++)
		if (cpus[i] && cpus[i]->id == id)
			return cpus[i];
	return NULL;
}

u32 smp_cpus_present(void)
{
	return nr_present ? nr_present : 1;
}

u32 smp_cpus_online(void)
{
	return nr_online ? nr_online : 1;
}

struct cpu *smp_other_cpu(void)
{
	u32 i;

	for (i = 0; i < MAX_CPUS; i++)
		if (cpus[i] && cpus[i] != this_cpu() && READ_ONCE(cpus[i]->online))
			return cpus[i];
	return NULL;
}

void smp_others(struct pvops_cpu_set *set)
{
	*set = online_set;
	pvops_cpu_set_del(set, this_cpu()->id);
}

/* env->cpu_id: the kernel's per-CPU data, for the backends' per-CPU state. */
u32 smp_this_cpu_id(void)
{
	return this_cpu()->id;
}

u32 cpuid_apic_id(void)
{
	struct pvops_cpuid_regs r;

	pvops_cpu_cpuid(1, 0, &r);
	return r.ebx >> 24;
}

static void call_irq(struct trap_frame *f)
{
	(void)f;
	pvops_apic_eoi();
}

static void flush_irq(struct trap_frame *f)
{
	struct cpu *c = this_cpu();
	u64 va = READ_ONCE(c->flush_va);

	(void)f;
	if (va == PVOPS_FLUSH_ALL)
		pvops_mmu_flush_tlb_local();
	else
		pvops_mmu_flush_tlb_one(va);
	__atomic_store_n(&c->flush_done, READ_ONCE(c->flush_req), __ATOMIC_RELEASE);
	pvops_apic_eoi();
}

/*
 * The kernel's shootdown, which mmu.flush_tlb_multi calls for the CPUs the
 * backend left to it: one IPI each, then wait until each has flushed.
 */
void smp_shootdown(const struct pvops_cpu_set *set, u64 va)
{
	struct pvops_cpu_set sent;
	u64 t0 = pvops_time_clock_ns();
	u32 id;

	pvops_cpu_set_clear(&sent);
	pvops_for_each_cpu(id, set) {
		struct cpu *c = cpu_by_id(id);

		if (!c || !READ_ONCE(c->online) || c == this_cpu())
			continue;
		WRITE_ONCE(c->flush_va, va);
		__atomic_add_fetch(&c->flush_req, 1, __ATOMIC_SEQ_CST);
		pvops_cpu_set_add(&sent, id);
	}
	if (pvops_cpu_set_empty(&sent))
		return;
	pvops_apic_send_ipi_mask(&sent, FLUSH_VECTOR);
	pvops_for_each_cpu(id, &sent) {
		struct cpu *c = cpu_by_id(id);

		while (__atomic_load_n(&c->flush_done, __ATOMIC_ACQUIRE) !=
		       READ_ONCE(c->flush_req)) {
			if (pvops_time_clock_ns() - t0 > CALL_TIMEOUT_NS)
				panic("smp: CPU %u did not answer a TLB shootdown in 10 s", id);
			__asm__ volatile("pause");
		}
	}
}

/* Flush va (or PVOPS_FLUSH_ALL) on every other online CPU. */
void smp_flush_tlb_others(u64 va)
{
	struct pvops_cpu_set others;

	if (nr_online < 2)
		return;
	smp_others(&others);
	pvops_mmu_flush_tlb_multi(&others, va, smp_shootdown);
}

int smp_call_async(u32 index, void (*fn)(void *), void *arg)
{
	struct cpu *c = cpu_at(index);

	if (!c || !READ_ONCE(c->online) || c == this_cpu())
		return -PVOPS_EINVAL;
	if (READ_ONCE(c->call_req) != __atomic_load_n(&c->call_done, __ATOMIC_ACQUIRE))
		return -PVOPS_EBUSY;
	c->call_fn = fn;
	c->call_arg = arg;
	__atomic_add_fetch(&c->call_req, 1, __ATOMIC_SEQ_CST);
	pvops_apic_send_ipi(c->id, CALL_VECTOR);
	return 0;
}

int smp_call_wait(u32 index)
{
	struct cpu *c = cpu_at(index);
	u64 t0 = pvops_time_clock_ns();

	if (!c)
		return -PVOPS_EINVAL;
	while (__atomic_load_n(&c->call_done, __ATOMIC_ACQUIRE) != READ_ONCE(c->call_req)) {
		if (pvops_time_clock_ns() - t0 > CALL_TIMEOUT_NS) {
			printk("smp: CPU %u still runs a call after 10 s\n", c->id);
			return -PVOPS_ETIMEDOUT;
		}
		__asm__ volatile("pause");
	}
	return 0;
}

int smp_call(u32 index, void (*fn)(void *), void *arg)
{
	int rc = smp_call_async(index, fn, arg);

	return rc ? rc : smp_call_wait(index);
}

static void ap_stop(void *arg)
{
	(void)arg;
	pvops_irq_disable();
	__atomic_store_n(&this_cpu()->online, 0, __ATOMIC_RELEASE);
	for (;;)
		pvops_irq_halt();	/* with interrupts off: this CPU is done */
}

/* Before shutdown: the other CPUs stop, interrupts off (a hypervisor sees them down). */
void smp_stop_others(void)
{
	u64 t0 = pvops_time_clock_ns();
	u32 i;

	for (i = 0; i < MAX_CPUS; i++)
		if (cpus[i] && cpus[i] != this_cpu() && READ_ONCE(cpus[i]->online))
			smp_call_async(i, ap_stop, NULL);
	for (i = 0; i < MAX_CPUS; i++)
		while (cpus[i] && cpus[i] != this_cpu() && READ_ONCE(cpus[i]->online) &&
		       pvops_time_clock_ns() - t0 < 1000000000ULL)
			__asm__ volatile("pause");
}

/* A started CPU, on its own stack, with the backend's per-CPU state ready. */
static void ap_main(void *arg)
{
	struct cpu *c = arg;

	traps_cpu_init(c->index);
	if (timer_ready() && pvops_apic_setup(SPURIOUS_VECTOR))
		printk("smp: CPU %u: apic.setup failed\n", c->id);
	c->cpuid_apic_id = cpuid_apic_id();
	__atomic_store_n(&c->online, 1, __ATOMIC_RELEASE);
	for (;;) {
		pvops_irq_disable();
		if (READ_ONCE(c->call_req) == READ_ONCE(c->call_done)) {
			pvops_irq_safe_halt();	/* sti; hlt: a call's IPI ends it */
			continue;
		}
		pvops_irq_enable();
		c->call_fn(c->call_arg);
		__atomic_store_n(&c->call_done, READ_ONCE(c->call_req), __ATOMIC_RELEASE);
	}
}

/*
 * The boot CPU's id before pvops_init, so that env.cpu_id is right from
 * the start (pvops binds it at init): vCPU 0 under Xen PV, else the initial
 * APIC id; smp_init sets the same from smp.enum_cpus.
 */
void smp_boot_id_early(bool xen_pv)
{
	((struct cpu *)(void *)boot_stack)->id = xen_pv ? 0 : cpuid_apic_id();
}

static struct cpu *cpu_init_block(u8 *block, u32 index, u32 id)
{
	struct cpu *c = (struct cpu *)(void *)block;

	pvops_memset(c, 0, sizeof(*c));
	c->index = index;
	c->id = id;
	cpus[index] = c;
	return c;
}

int smp_init(struct pvops_env *env)
{
	struct pvops_cpu_set present;
	struct cpu *boot;
	u32 self = 0, id, index = 1;
	int n;

	n = pvops_smp_enum_cpus(&present, &self);
	if (n < 1) {
		printk("smp: smp.enum_cpus failed (%d): one CPU\n", n);
		pvops_cpu_set_clear(&present);
		pvops_cpu_set_add(&present, self);
		n = 1;
	}
	boot = cpu_init_block(boot_stack, 0, self);
	boot->online = 1;
	boot->cpuid_apic_id = cpuid_apic_id();
	pvops_cpu_set_clear(&online_set);
	pvops_cpu_set_add(&online_set, self);
	nr_present = (u32)n;
	nr_online = 1;
	(void)env;	/* env.cpu_id was given before pvops_init (main.c) */
	set_irq_handler(CALL_VECTOR, call_irq);
	set_irq_handler(FLUSH_VECTOR, flush_irq);

	pvops_for_each_cpu(id, &present) {
		struct pvops_ap_boot b;
		struct cpu *c;
		u64 t0;
		int rc;

		if (id == self)
			continue;
		if (index == MAX_CPUS) {
			printk("smp: more than %u CPUs; CPU %u and beyond stay down\n", MAX_CPUS,
			       id);
			break;
		}
		c = cpu_init_block(ap_stacks[index - 1], index, id);
		b.entry = ap_main;
		b.arg = c;
		b.stack_top = (u64)(uptr)(ap_stacks[index - 1] + CPU_STACK_SIZE);
		b.percpu_base = (u64)(uptr)&percpu_areas[index];	/* pvops loads it */
		rc = pvops_smp_cpu_up(id, &b);
		if (rc) {
			printk("smp: CPU %u: smp.cpu_up failed (%d)\n", id, rc);
			c->up_error = rc;
			index++;
			continue;
		}
		t0 = pvops_time_clock_ns();
		while (!__atomic_load_n(&c->online, __ATOMIC_ACQUIRE) &&
		       pvops_time_clock_ns() - t0 < UP_TIMEOUT_NS)
			__asm__ volatile("pause");
		if (!READ_ONCE(c->online)) {
			printk("smp: CPU %u started but did not come online in 5 s\n", id);
			c->up_error = -PVOPS_ETIMEDOUT;
			index++;
			continue;
		}
		pvops_cpu_set_add(&online_set, id);
		nr_online++;
		index++;
	}
	printk("pvguest: smp: %u of %u CPUs up:", nr_online, nr_present);
	for (index = 0; index < MAX_CPUS; index++)
		if (cpus[index] && cpus[index]->online)
			printk(" %u", cpus[index]->id);
	printk("\n");
	return nr_online == nr_present ? 0 : -PVOPS_EIO;
}
