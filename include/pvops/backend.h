/* SPDX-License-Identifier: MIT */
/*
 * The backend interface: everything a backend may use, and nothing more.
 *
 * A backend is one descriptor in section .pvops_backends. Linking one more
 * object that contains PVOPS_BACKEND(desc) adds a backend; core needs no
 * edit. See spec/ABI.md, "Backend descriptor".
 */
#ifndef PVOPS_BACKEND_H
#define PVOPS_BACKEND_H

#include <pvops/ops.h>
#include <pvops/asm.h>
#include <pvops/env.h>
#include <pvops/extable.h>
#include <pvops/introspect.h>

__PVOPS_BEGIN_DECLS

/*
 * Detect priorities (ABI 1.4 defines all of them; spec/ABI.md 3.12). The
 * highest wins; ties keep the backend linked first. A hypervisor found by
 * its CPUID signature returns that leaf's base (0x40000000 and up): it
 * outranks any found otherwise. PVOPS_PRIO_PROBED: found by a probe that
 * is not a CPUID signature (a VMI ROM in the option-ROM area; VMware's
 * backdoor, probed only when forced). Native is PVOPS_PRIO_NATIVE.
 */
#define PVOPS_PRIO_ABSENT 0U
#define PVOPS_PRIO_NATIVE 1U
#define PVOPS_PRIO_PROBED 2U

struct pvops_backend {
	const char *name;	/* matched by pvops=NAME */
	pvops_u16 abi_major;		/* must equal PVOPS_ABI_MAJOR */
	pvops_u16 abi_minor;		/* ops with newer ABI minors are not used */
	pvops_u32 caps;		/* PVOPS_CAP_* */
	/*
	 * Return 0 when the hypervisor is absent, else a priority
	 * (PVOPS_PRIO_*, below): the CPUID leaf base where its signature was
	 * found, so that a hypervisor impersonating another one at 0x40000000
	 * and offering its own interface at 0x40000100 wins. Native returns 1.
	 * pvops_detect_forced() says whether pvops= names this backend.
	 */
	pvops_u32 (*detect)(void);
	/*
	 * Fill the table. Slots are pre-filled with NULL; a void op left NULL
	 * becomes NOPs at its sites, a value-returning op left NULL refuses
	 * the backend. Returns 0 or a negative PVOPS_E* code.
	 */
	int (*init)(struct pvops_ops *ops, const struct pvops_env *env);
	/*
	 * Offer inline bytes for op (whose slot holds fn): copy at most max
	 * bytes to buf and return their number, or return 0 to let core emit
	 * a direct call. Only ops marked INLINE in spec/ops.def are asked.
	 * May be NULL.
	 */
	unsigned int (*patch)(unsigned int op, const void *fn, pvops_u8 *buf, unsigned int max);
	/*
	 * ABI 1.2: set up this backend's per-CPU state on a CPU smp.cpu_up
	 * started (cpu: its id), on that CPU, before the kernel's entry runs.
	 * The boot CPU's is set up by init. May be NULL.
	 */
	int (*cpu_init)(pvops_u32 cpu);
	/*
	 * What the backend offers and counts (<pvops/introspect.h>): init sets
	 * each feature's in_use (and why_not); any CPU bumps the counters with
	 * pvops_count(). Core logs the features after init and answers
	 * pvops_feature_in_use() and pvops_counter_read() from these. May be
	 * empty.
	 */
	struct pvops_feature *features;
	pvops_u32 nr_features;
	struct pvops_counter *counters;
	pvops_u32 nr_counters;
};

/* The number of entries of a backend's table, for the descriptor. */
#define PVOPS_TABLE_SIZE(t) ((pvops_u32)(sizeof(t) / sizeof((t)[0])))

/* Bump a counter by n, from any CPU. */
static inline void pvops_count_add(struct pvops_counter *c, pvops_u64 n)
{
	__atomic_fetch_add(&c->value, n, __ATOMIC_RELAXED);
}

static inline void pvops_count(struct pvops_counter *c)
{
	pvops_count_add(c, 1);
}

/* A feature in use, or not and why (why_not NULL: the host does not offer it). */
static inline void pvops_feature_set(struct pvops_feature *f, pvops_bool in_use, const char *why_not)
{
	f->in_use = in_use;
	f->why_not = in_use ? 0 : why_not;
}

#define PVOPS_BACKEND(desc)						\
	static const struct pvops_backend *const __pvops_backend_##desc	\
	__attribute__((used, section(".pvops_backends"))) = &(desc)

/*
 * Wrap a C function so that it honours the callee-save convention: the
 * thunk <fn>_callee saves rcx, rdx, rsi, rdi and r8-r11 around the call.
 * Use it for a CALLEE op implemented in C:
 *	PVOPS_CALLEE_THUNK(xen_save_fl);
 *	ops->irq_save_fl = PVOPS_CALLEE(xen_save_fl_callee);
 */
#define PVOPS_CALLEE_THUNK(fn)						\
	extern const char fn##_callee[];				\
	__asm__(".pushsection .text\n\t"				\
		".globl " #fn "_callee\n\t"				\
		".type " #fn "_callee, @function\n"			\
		#fn "_callee:\n\t"					\
		PVOPS_ENDBR_STR						\
		"push %rcx\n\tpush %rdx\n\tpush %rsi\n\tpush %rdi\n\t"	\
		"push %r8\n\tpush %r9\n\tpush %r10\n\tpush %r11\n\t"	\
		"call " #fn "\n\t"					\
		"pop %r11\n\tpop %r10\n\tpop %r9\n\tpop %r8\n\t"	\
		"pop %rdi\n\tpop %rsi\n\tpop %rdx\n\tpop %rcx\n\t"	\
		"ret\n\t"						\
		".size " #fn "_callee, .-" #fn "_callee\n\t"		\
		".popsection")

/*
 * The native implementation, for a backend to start from or fall back to:
 * fill every slot with its native function (devices are not touched:
 * the native clock, APIC and serial port are only usable after the native
 * backend's own init), and the patch hook that inlines a native slot's
 * bytes from spec/ops.def (returns 0 for any other function).
 */
int pvops_native_fill(struct pvops_ops *ops);
/*
 * ABI 1.4: from init, add what this boot has beyond the descriptor's caps
 * (Xen PV in a domU: PVOPS_CAP_NO_LEGACY_IO); pvops_backend_caps() answers
 * with them.
 */
void pvops_backend_caps_add(pvops_u32 caps);
/*
 * The library's own, called by pvops_init_early for every backend: the
 * native smp.enum_cpus notes where the loader said the ACPI RSDP is (the
 * PVH start info, a multiboot2 ACPI tag) while env->entry_info is still the
 * loader's, for the MADT it reads later.
 */
void pvops_native_acpi_note_boot(const struct pvops_env *env);
/*
 * Make the native devices a backend falls back to usable: the 16550
 * console, and the TSC clock at the rate the library decides
 * (spec/ABI.md section 3.12: CPUID 0x15, the timing leaf 0x40000010 under
 * a signature that defines it, else a PIT calibration of 1-50 ms).
 */
void pvops_native_serial_init(void);
void pvops_native_time_init(void);
/*
 * ABI 1.4: the same clock at rates the backend knows from its hypervisor
 * (kHz; 0 = not known, decided as above), named by source for the boot
 * log. apic_bus_khz spares the native APIC timer its 10 ms measurement.
 */
void pvops_native_time_init_rates(pvops_u64 tsc_khz, pvops_u64 apic_bus_khz, const char *source);
/*
 * ABI 1.4: the TSC-rate decision alone, for a backend with a clock of its
 * own (pvclock, Hyper-V's reference time): it gives the rate it knows and
 * its source, the library fills in the APIC bus rate where a hypervisor
 * leaf states it, records both (core logs "pvops: TSC N kHz from SOURCE";
 * pvops_get_tsc_rate() answers) and returns the TSC kHz.
 */
pvops_u64 pvops_native_tsc_rate(pvops_u64 tsc_khz, pvops_u64 apic_bus_khz, const char *source);
/*
 * ABI 1.4: the hypervisor timing leaf (base+0x10: EAX TSC kHz, EBX APIC bus
 * kHz) under a signature that defines it (VMware's, KVM's): TSC kHz, 0
 * when there is none; *bus_khz and *source with it.
 */
pvops_u64 pvops_timing_leaf(pvops_u64 *bus_khz, const char **source);
/* The record itself (core/tsc_rate.c), which the decision writes: ppm is what it leaves open. */
void pvops_tsc_rate_set(pvops_u64 tsc_khz, const char *source, pvops_u32 ppm);
void pvops_apic_rate_set(pvops_u64 bus_khz, const char *source);
/* The APIC bus rate set so (kHz), 0 when none was: the native timer measures it. */
pvops_u64 pvops_apic_rate(void);
/* What measuring a rate cost (TSC ticks), added up for pvops_get_tsc_rate(). */
void pvops_tsc_rate_cost(pvops_u64 cycles);
/*
 * ABI 1.4: true in detect when the command line's pvops= names this
 * backend. A backend whose hypervisor is found by a probe that is not
 * safe on every machine (VMware's backdoor port) probes only when forced.
 */
pvops_bool pvops_detect_forced(void);
/* The debug console at port 0xE9 (Xen HVM/PVH, Bochs, QEMU's isa-debugcon): a console.write. */
void pvops_debugcon_write(const char *buf, pvops_u64 len);
/*
 * Native functions a backend falls back to, called directly (the native
 * APIC and power-off, usable after pvops_native_fill like every native op).
 */
void pvops_native_apic_eoi(void);
void pvops_native_apic_send_ipi(pvops_u32 dest, pvops_u32 vector);
void pvops_native_shutdown(pvops_u32 status);
unsigned int pvops_native_patch(unsigned int op, const void *fn, pvops_u8 *buf, unsigned int max);
/*
 * ABI 1.2, for a backend whose CPUs start as on bare metal, through the
 * native local APIC and the kernel's trampoline (env->trampoline_pa):
 * INIT to apic_id, then prepare(started, ctx) (a nonzero result is
 * returned, and no STARTUP is sent), then STARTUP with the trampoline's
 * vector, once more if the CPU has not answered in 200 us, and a wait of
 * up to 2 s for *started, which the new CPU's pvops_ap_run sets. One CPU
 * starts at a time: -PVOPS_EBUSY; no trampoline below 1 MiB or no native
 * APIC: -PVOPS_ENODEV (said on the console); no answer: -PVOPS_ETIMEDOUT.
 */
int pvops_native_start_cpu(pvops_u32 apic_id, int (*prepare)(volatile pvops_u32 *started, void *ctx),
			   void *ctx);
/* The GDT a CPU so started may run on: null, 64-bit code at 0x08, data at 0x10. */
const struct pvops_desc_ptr *pvops_native_ap_gdt(void);

/* Core services for backends. */
/*
 * On a CPU that smp.cpu_up started, on boot->stack_top: the backend's
 * cpu_init, then the kernel's entry. Never returns; *started is set to 1
 * once the CPU no longer needs what the starter gave it (its trampoline).
 */
void pvops_ap_run(const struct pvops_ap_boot *boot, pvops_u32 cpu, volatile pvops_u32 *started)
	__attribute__((noreturn));
/* This CPU's id: the kernel's env->cpu_id, or the boot CPU's before any other runs. */
pvops_u32 pvops_this_cpu(void);

/*
 * ABI 1.4: the backend's per-CPU pointer, in the slot the kernel gives
 * (env->percpu_seg/percpu_offset). Set it on each CPU in init/cpu_init,
 * before anything on that CPU reads it; pvops_percpu_get() is one
 * segment-relative load, or NULL where the kernel gives no slot (then the
 * backend finds its state by pvops_this_cpu()). Assembly hot paths use
 * PVOPS_PERCPU_LOAD (<pvops/asm.h>), which init patches to the same load.
 */
void pvops_percpu_set(void *p);
extern pvops_u8 pvops_percpu_seg_in_use;	/* PVOPS_PERCPU_GS/FS once init took the offer */
extern pvops_u64 pvops_percpu_off;
static inline void *pvops_percpu_get(void)
{
	void *p;

	if (pvops_percpu_seg_in_use == 1)
		__asm__ volatile("movq %%gs:(%1), %0" : "=r"(p) : "r"(pvops_percpu_off));
	else if (pvops_percpu_seg_in_use == 2)
		__asm__ volatile("movq %%fs:(%1), %0" : "=r"(p) : "r"(pvops_percpu_off));
	else
		p = 0;
	return p;
}
const struct pvops_env *pvops_cur_env(void);
/*
 * A zeroed page that stays mapped: the kernel's env->alloc_page, or before
 * pvops_init_late() one of the library's PVOPS_EARLY_POOL_PAGES; NULL when
 * neither has one.
 */
void *pvops_alloc_page(void);
/* The physical address of kernel memory at va (the kernel's env->virt_to_phys). */
pvops_u64 pvops_env_pa(const void *va);
/*
 * ABI 1.4: the kernel's env->virt_to_phys and env->phys_to_virt as the
 * library calls them at run time: a direct jump to the function env held at
 * pvops_init_early, and again at pvops_init_late (core/envstub.S).
 */
pvops_u64 pvops_env_virt_to_phys(const void *va);
void *pvops_env_phys_to_virt(pvops_u64 pa);
pvops_bool pvops_cmdline_flag(const char *key, const char **val, pvops_u32 *len);
void pvops_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Hypervisor CPUID leaves: the base at which sig (12 bytes) is found. */
pvops_u32 pvops_cpuid_find_hypervisor(const char sig[12], pvops_u32 min_leaves);
void pvops_raw_cpuid(pvops_u32 leaf, pvops_u32 subleaf, struct pvops_cpuid_regs *r);
/* This CPU's initial APIC id (CPUID leaf 1, EBX bits 31:24). */
pvops_u32 pvops_raw_apic_id(void);

/* A hypervisor's own MSRs, read and written by its backend (no fault handling). */
static inline pvops_u64 pvops_raw_rdmsr(pvops_u32 msr)
{
	pvops_u32 lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((pvops_u64)hi << 32) | lo;
}

static inline void pvops_raw_wrmsr(pvops_u32 msr, pvops_u64 val)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((pvops_u32)(val & 0xffffffffU)), "d"((pvops_u32)(val >> 32))
			 : "memory");
}

/*
 * A hypervisor's MSR the CPUID leaves promise, written at registration:
 * 0, or -PVOPS_EIO when the write faulted and the kernel's #GP handler
 * called pvops_fixup_exception() (spec/ABI.md, init order step 1). A
 * backend then says so in one line and leaves that feature off.
 */
int pvops_raw_wrmsr_safe(pvops_u32 msr, pvops_u64 val);

__PVOPS_END_DECLS
#endif /* PVOPS_BACKEND_H */
