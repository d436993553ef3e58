/* SPDX-License-Identifier: MIT */
/* The reference guest's internal interfaces. */
#ifndef GUEST_KERNEL_H
#define GUEST_KERNEL_H

#include <pvops/pvops.h>
#include "layout.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define READ_ONCE(x) (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))
#define barrier() __asm__ volatile("" ::: "memory")

/* printk.c */
void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void __attribute__((noreturn)) panic(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
/* Exit status for power.shutdown (QEMU isa-debug-exit: status * 2 + 1). */
#define EXIT_PASS 0
#define EXIT_FAIL 1
#define EXIT_PANIC 2

/* bootinfo.c: every boot protocol's information, normalised. */
#define MAX_MEMMAP 64
struct mem_region {
	u64 start, end;	/* [start, end) */
	u32 type;	/* MEM_RAM = usable RAM, as in E820 */
};
#define MEM_RAM 1
#define MEM_LOADER 0x1000	/* the loader's data: mapped like RAM, never allocated */
struct bootinfo {
	enum pvops_entry entry;
	const void *raw;	/* the protocol's own structure */
	char cmdline[512];
	const char *mmap_from;	/* multiboot2: which tag the memory map came from */
	u64 boot_end;		/* Xen PV: end of the bootstrap elements (else 0) */
	const void *module;	/* Xen PV: the boot module (initrd), if any */
	u64 module_len;
	u32 nr_regions;
	u32 regions_dropped;	/* beyond MAX_MEMMAP (said once the console works) */
	struct mem_region regions[MAX_MEMMAP];
};
extern struct bootinfo bootinfo;
int bootinfo_parse(u32 proto, u64 info_phys);
const char *entry_name(enum pvops_entry e);

/* cmdline.c */
struct guest_options {
	bool run_tests;		/* ktest=none turns them off */
	char ktest_filter[128];	/* ktest=suite,suite */
	bool ktest_set;		/* ktest= named suites (the filter is checked against them) */
	bool ktest_bad;		/* ktest= could not be taken (said on the console): no suite runs */
	bool report;		/* patch report (on by default) */
	bool crash;		/* crash=pf: fault on purpose after the tests */
	char launch[16];	/* launch=pvh|hvm|hyperv|refuse: run a domU (launch.c) */
	bool test_hypercalls;	/* ktest.hypercalls=1: also the KVM hypercall tests */
	bool bench;		/* bench=1: the pvbench suites only, long runs */
	bool percpu_off;	/* percpu=0: no per-CPU slot for pvops (main.c) */
};
extern struct guest_options options;
int options_parse(const char *cmdline);
bool cmdline_has(const char *cmdline, const char *word);

/* mm.c */
void *phys_to_virt(u64 pa);
u64 virt_to_phys(const void *va);
void *alloc_page(void);
void free_page(void *va);
void mm_init(void);
void *map_mmio(u64 pa, u64 len);
#define PROT_R 0x0
#define PROT_W 0x1
#define PROT_X 0x2
#define PROT_UC 0x4
int map_page(u64 va, u64 pa, u32 prot);
int unmap_page(u64 va);
/* The entry that maps va (pseudo-physical form), or 0. */
u64 lookup_pval(u64 va, u32 *level);
u64 mm_root(void);
/* The 4 KiB leaf entry that maps va, or NULL (for tests that write entries themselves). */
pte_t *pte_slot(u64 va);

/* traps.c */
struct trap_frame {
	u64 r15, r14, r13, r12, r11, r10, r9, r8;
	u64 rbp, rdi, rsi, rdx, rcx, rbx, rax;
	u64 vector, error;
	u64 rip, cs, rflags, rsp, ss;
};
typedef void (*irq_handler_t)(struct trap_frame *f);
void traps_init(void);
void traps_cpu_init(u32 index);	/* this CPU's GDT and TSS, the shared IDT */
void set_irq_handler(u32 vector, irq_handler_t h);
u64 *tss_rsp0_slot(void);
struct fault_record {
	u64 count;
	u64 vector, error, rip, cr2;
};
extern struct fault_record last_fault;
int probe_read_u64(const void *addr, u64 *val);
int probe_write_u64(void *addr, u64 val);

/* The TSC, ordered after earlier loads (unprivileged: no op needed). */
static inline u64 rdtsc(void)
{
	u32 lo, hi;

	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return ((u64)hi << 32) | lo;
}

/* sort.c: ascending, in place (insertion sort: for a handful of values). */
void sort_u64(u64 *v, u32 n);

/* timer.c */
#define TIMER_VECTOR 0x30
#define SPURIOUS_VECTOR 0xff
#define TEST_IPI_VECTOR 0x31
int timer_init(void);
bool timer_ready(void);
u64 timer_ticks(void);
u64 timer_last_tick_tsc(void);
void timer_start_periodic(u32 count);
void timer_stop(void);

/* smp.c: the CPUs, each on a CPU_STACK_SIZE block with its struct cpu at the bottom. */
#define CALL_VECTOR 0x32
#define FLUSH_VECTOR 0x33
struct cpu {
	u32 index;		/* 0: the boot CPU */
	u32 id;			/* as the cross-CPU ops name it (APIC id) */
	u32 online;
	u32 cpuid_apic_id;	/* what CPUID leaf 1 said on this CPU */
	int up_error;		/* why it did not come up */
	/* smp_call() mailbox */
	void (*call_fn)(void *arg);
	void *call_arg;
	u32 call_req, call_done;
	/* TLB shootdown requests */
	u64 flush_va;
	u32 flush_req, flush_done;
	u64 scratch[8];		/* for the tests */
};
#define MAX_CPUS 8
struct cpu *this_cpu(void);
/*
 * Each CPU's %gs area (percpu.c): the slot pvops keeps its per-CPU pointer
 * in (env.percpu_seg/percpu_offset, ABI 1.4); zero until pvops writes it.
 */
struct percpu_area {
	u64 pvops;
} __attribute__((aligned(64)));
extern struct percpu_area percpu_areas[MAX_CPUS];
/* Load CPU index's %gs base (the boot CPU's before pvops_init). */
void percpu_load(u32 index);
struct cpu *cpu_at(u32 index);
struct cpu *cpu_by_id(u32 id);
int smp_init(struct pvops_env *env);
void smp_boot_id_early(bool xen_pv);
/* bench/ops.c: with bench=1, the hot ops timed before smp_init. */
void bench_before_smp(void);
u32 smp_cpus_present(void);
u32 smp_cpus_online(void);
/* The first online CPU other than this one (NULL: none); all of them. */
struct cpu *smp_other_cpu(void);
void smp_others(struct pvops_cpu_set *set);
/* This CPU's APIC id as CPUID leaf 1 (through the cpuid op) reports it. */
u32 cpuid_apic_id(void);
u32 smp_this_cpu_id(void);
/* Run fn(arg) on the CPU at index (not this one); wait for the last call to end. */
int smp_call_async(u32 index, void (*fn)(void *), void *arg);
int smp_call_wait(u32 index);
int smp_call(u32 index, void (*fn)(void *), void *arg);
void smp_shootdown(const struct pvops_cpu_set *set, u64 va);
void smp_flush_tlb_others(u64 va);
void smp_stop_others(void);

/* spinlock.c: with the paravirtual wait/kick slow path. */
struct spinlock {
	u8 locked;
	u32 holder;		/* the last holder's id, for vcpu_is_preempted */
	u64 waiters;		/* by CPU index */
	u64 slow_waits, kicks, yields;	/* statistics (racy, for reports) */
};
void spin_lock(struct spinlock *l);
void spin_unlock(struct spinlock *l);

/* launch.c: as Xen PV dom0, boot the boot module as an HVM/PVH domU. */
int launch_domu(const char *mode, const char *cmdline);

/* preinit.c: what ops said before pvops_init() (suite preinit). */
struct preinit {
	u64 flags_at_entry, flags_disabled, flags_restored;
	u32 vendor[3];
	bool done;
};
extern struct preinit preinit;
void preinit_probe(void);

/* ktest.c */
int ktest_run_all(const char *filter, u32 *passed, u32 *failed, u32 *skipped);

/* linker symbols */
extern char _boot_start[], _boot_end[];
extern char _text_start[], _text_end[], _rodata_start[], _rodata_end[];
extern char _syms_start[], _syms_end[];
/* The text symbol at or below addr, NULL outside the text (ksyms.c). */
const char *ksym_lookup(u64 addr, u64 *off);
extern char _data_start[], _data_end[], _kernel_end[];

static inline u64 kernel_va_to_pa(const void *va)
{
	return (u64)(uptr)va - KERNEL_VBASE;
}

#endif
