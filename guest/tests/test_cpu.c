// SPDX-License-Identifier: MIT
/* cpu ops: control registers, MSRs, cpuid, descriptor tables, stack switch. */
#include "../ktest/ktest.h"
#include <pvops/backend.h>

#define CR0_PE (1ULL << 0)
#define CR0_TS (1ULL << 3)
#define CR0_WP (1ULL << 16)
#define CR0_AM (1ULL << 18)
#define CR0_PG (1ULL << 31)
#define CR4_TSD (1ULL << 2)
#define CR4_PAE (1ULL << 5)
#define CR4_OSXSAVE (1ULL << 18)
#define MSR_EFER 0xc0000080
#define MSR_KERNEL_GS_BASE 0xc0000102
#define EFER_LME (1ULL << 8)
#define EFER_LMA (1ULL << 10)

static void cr4_bit_roundtrip(struct ktest *t)
{
	u64 cr4 = pvops_cpu_read_cr4();

	KT_EXPECT(t, cr4 & CR4_PAE);
	pvops_cpu_write_cr4(cr4 | CR4_TSD);
	KT_EXPECT(t, pvops_cpu_read_cr4() & CR4_TSD);
	pvops_cpu_write_cr4(cr4 & ~CR4_TSD);
	KT_EXPECT(t, !(pvops_cpu_read_cr4() & CR4_TSD));
	pvops_cpu_write_cr4(cr4);
	KT_EXPECT_EQ(t, pvops_cpu_read_cr4(), cr4);
}

/* Skip (with the reason) what a deprivileged kernel cannot do. */
static bool needs_privileged(struct ktest *t)
{
	if (pvops_backend_caps() & PVOPS_CAP_PRIVILEGED)
		return true;
	ktest_skip(t, "the kernel is deprivileged under this backend (it owns no CR0, GDT, IDT or APIC)");
	return false;
}

static void cr0_bit_roundtrip(struct ktest *t)
{
	u64 cr0 = pvops_cpu_read_cr0();

	if (!needs_privileged(t))
		return;

	KT_EXPECT_EQ(t, cr0 & (CR0_PE | CR0_PG | CR0_WP), CR0_PE | CR0_PG | CR0_WP);
	pvops_cpu_write_cr0(cr0 ^ CR0_AM);
	KT_EXPECT_EQ(t, pvops_cpu_read_cr0(), cr0 ^ CR0_AM);
	pvops_cpu_write_cr0(cr0);
	KT_EXPECT_EQ(t, pvops_cpu_read_cr0(), cr0);
}

/* ABI 1.3: cpu.clts and cpu.stts flip CR0.TS (under Xen PV through fpu_taskswitch). */
static void clts_stts_flip_ts(struct ktest *t)
{
	u64 cr0;

	pvops_cpu_stts();
	pvops_cpu_clts();	/* any backend: both return, TS clear again */
	if (!needs_privileged(t))
		return;
	cr0 = pvops_cpu_read_cr0();
	pvops_cpu_stts();
	KT_EXPECT_MSG(t, pvops_cpu_read_cr0() & CR0_TS, "cr0 %#llx after stts",
		      pvops_cpu_read_cr0());
	pvops_cpu_clts();
	KT_EXPECT_MSG(t, !(pvops_cpu_read_cr0() & CR0_TS), "cr0 %#llx after clts",
		      pvops_cpu_read_cr0());
	pvops_cpu_write_cr0(cr0);
}

/*
 * Hosts where turning CR4.OSXSAVE on and using xgetbv is known to work: no
 * hypervisor, QEMU's TCG, Xen (and its Hyper-V face). This lab's KVM
 * (kvm_pvm, a software KVM) never returns from xgetbv once OSXSAVE is on,
 * and under a hidden signature the host is unknown: not tried there.
 */
static const char *xsave_host_unknown(void)
{
	static const char *const good[] = { "TCGTCGTCGTCG", "XenVMMXenVMM", "Microsoft Hv" };
	struct pvops_cpuid_regs r;
	char sig[13];
	u32 i;

	pvops_cpu_cpuid(1, 0, &r);
	if (!(r.ecx & (1U << 31)))
		return NULL;
	pvops_cpu_cpuid(0x40000000, 0, &r);
	pvops_memcpy(sig, &r.ebx, 4);
	pvops_memcpy(sig + 4, &r.ecx, 4);
	pvops_memcpy(sig + 8, &r.edx, 4);
	sig[12] = '\0';
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (!pvops_strncmp(sig, good[i], 12))
			return NULL;
	return "turning CR4.OSXSAVE on is not tried under this hypervisor (this lab's KVM, "
	       "kvm_pvm, never returns from xgetbv then; a hidden signature could be it)";
}

/*
 * ABI 1.3: cpu.xgetbv and cpu.xsetbv on XCR0. A privileged kernel turns
 * CR4.OSXSAVE on for the case and writes XCR0's own value back; a
 * deprivileged one only reads it where its host enabled XSAVE.
 */
static void xcr0_roundtrip(struct ktest *t)
{
	struct pvops_cpuid_regs r;
	u64 cr4 = 0, xcr0;
	bool priv = pvops_backend_caps() & PVOPS_CAP_PRIVILEGED;

	pvops_cpu_cpuid(1, 0, &r);
	if (!(r.ecx & (1U << 26))) {
		ktest_skip(t, "no XSAVE on this CPU (CPUID.1:ECX.XSAVE clear)");
		return;
	}
	if (!priv && !(r.ecx & (1U << 27))) {
		ktest_skip(t, "XSAVE not enabled by the host and the kernel is deprivileged");
		return;
	}
	if (priv && !(r.ecx & (1U << 27)) && xsave_host_unknown()) {
		ktest_skip(t, xsave_host_unknown());
		return;
	}
	if (priv) {
		cr4 = pvops_cpu_read_cr4();
		pvops_cpu_write_cr4(cr4 | CR4_OSXSAVE);
	}
	xcr0 = pvops_cpu_xgetbv(0);
	KT_EXPECT_MSG(t, xcr0 & 1, "XCR0 %#llx without x87, which it must always have", xcr0);
	if (priv) {
		pvops_cpu_xsetbv(0, xcr0);
		KT_EXPECT_EQ(t, pvops_cpu_xgetbv(0), xcr0);
		pvops_cpu_write_cr4(cr4);
	}
}

static void cpuid_basic_leaves(struct ktest *t)
{
	struct pvops_cpuid_regs r0, r1, r8;
	char vendor[13];
	int i;

	pvops_cpu_cpuid(0, 0, &r0);
	KT_EXPECT(t, r0.eax >= 1);
	pvops_memcpy(vendor, &r0.ebx, 4);
	pvops_memcpy(vendor + 4, &r0.edx, 4);
	pvops_memcpy(vendor + 8, &r0.ecx, 4);
	vendor[12] = '\0';
	for (i = 0; i < 12; i++)
		KT_EXPECT_MSG(t, vendor[i] >= 0x20 && vendor[i] < 0x7f, "vendor %s", vendor);
	pvops_cpu_cpuid(1, 0, &r1);
	KT_EXPECT(t, r1.edx & (1U << 5));	/* MSR */
	pvops_cpu_cpuid(0x80000001, 0, &r8);
	KT_EXPECT(t, r8.edx & (1U << 29));	/* long mode: we are in it */
}

static void msr_roundtrip(struct ktest *t)
{
	u64 old = pvops_cpu_read_msr(MSR_KERNEL_GS_BASE);
	u64 v = 0xffff8000deadb000ULL;

	pvops_cpu_write_msr(MSR_KERNEL_GS_BASE, v);
	KT_EXPECT_EQ(t, pvops_cpu_read_msr(MSR_KERNEL_GS_BASE), v);
	pvops_cpu_write_msr(MSR_KERNEL_GS_BASE, old);
	KT_EXPECT_EQ(t, pvops_cpu_read_msr(MSR_KERNEL_GS_BASE), old);
	KT_EXPECT_EQ(t, pvops_cpu_read_msr(MSR_EFER) & (EFER_LME | EFER_LMA),
		     EFER_LME | EFER_LMA);
}

#define MSR_NONE 0x4b564dff	/* in the KVM range, never defined */

static void msr_safe_reads_existing(struct ktest *t)
{
	u64 faults = last_fault.count, v = 0x1234;

	KT_EXPECT_EQ(t, pvops_cpu_read_msr_safe(MSR_EFER, &v), 0);
	KT_EXPECT(t, v & EFER_LMA);
	v = pvops_cpu_read_msr(MSR_KERNEL_GS_BASE);
	KT_EXPECT_EQ(t, pvops_cpu_write_msr_safe(MSR_KERNEL_GS_BASE, v), 0);
	KT_EXPECT_EQ(t, last_fault.count, faults);
}

static void msr_safe_reports_fault(struct ktest *t)
{
	u64 faults = last_fault.count, v = 0x1234;
	int ret;

	ret = pvops_cpu_read_msr_safe(MSR_NONE, &v);
	if (ret == 0 && last_fault.count == faults) {
		/* QEMU TCG reads unknown MSRs as 0 instead of raising #GP. */
		ktest_skip(t, "this CPU reads a non-existent MSR without #GP (as QEMU TCG does)");
		return;
	}
	KT_EXPECT(t, ret < 0);
	KT_EXPECT_EQ(t, v, 0);
	KT_EXPECT_EQ(t, last_fault.count, faults + 1);
	KT_EXPECT_EQ(t, last_fault.vector, 13);

	ret = pvops_cpu_write_msr_safe(MSR_NONE, 1);
	KT_EXPECT(t, ret < 0);
	KT_EXPECT_EQ(t, last_fault.count, faults + 2);
	KT_EXPECT_EQ(t, last_fault.vector, 13);
}

static void wbinvd_keeps_memory(struct ktest *t)
{
	static volatile u64 buf[64];
	u32 i;

	for (i = 0; i < 64; i++)
		buf[i] = 0x5a5a0000ULL + i;
	pvops_cpu_wbinvd();
	for (i = 0; i < 64; i++)
		KT_EXPECT_EQ(t, buf[i], 0x5a5a0000ULL + i);
}

static void descriptor_tables_loaded(struct ktest *t)
{
	struct pvops_desc_ptr gdtr, idtr, saved;
	u16 tr;

	if (!needs_privileged(t))
		return;
	__asm__ volatile("sgdt %0" : "=m"(gdtr));
	__asm__ volatile("sidt %0" : "=m"(idtr));
	__asm__ volatile("str %0" : "=r"(tr));
	KT_EXPECT(t, gdtr.base >= KERNEL_VBASE);
	KT_EXPECT_EQ(t, gdtr.limit, 5 * 8 - 1);
	KT_EXPECT(t, idtr.base >= KERNEL_VBASE);
	KT_EXPECT_EQ(t, idtr.limit, 256 * 16 - 1);
	KT_EXPECT_EQ(t, tr, 0x18);

	/* Reload the IDT through the op and read it back. */
	saved = idtr;
	pvops_cpu_load_idt(&saved);
	__asm__ volatile("sidt %0" : "=m"(idtr));
	KT_EXPECT_EQ(t, idtr.base, saved.base);
	KT_EXPECT_EQ(t, idtr.limit, saved.limit);
}

static void load_sp0_updates_tss(struct ktest *t)
{
	u64 *slot = tss_rsp0_slot(), old = *slot;

	pvops_cpu_load_sp0(slot, 0xffffffff80123450ULL);
	KT_EXPECT_EQ(t, *slot, 0xffffffff80123450ULL);
	pvops_cpu_load_sp0(slot, old);
	KT_EXPECT_EQ(t, *slot, old);
}

/* The hypervisor-leaf scan that backends detect with. */
static void hypervisor_leaf_scan(struct ktest *t)
{
	struct pvops_cpuid_regs r;
	char sig[12];

	KT_EXPECT_EQ(t, pvops_cpuid_find_hypervisor("NoSuchHvSig!", 0), 0);
	pvops_cpu_cpuid(1, 0, &r);
	if (!(r.ecx & (1U << 31))) {
		ktest_skip(t, "no hypervisor CPUID leaves here (CPUID.1:ECX.hypervisor clear)");
		return;
	}
	pvops_cpu_cpuid(0x40000000, 0, &r);
	if (r.eax < 0x40000000 || r.eax > 0x4000ffff) {
		/* e.g. KVM with kvm=off: the bit is set, the leaves are not. */
		KT_EXPECT_EQ(t, pvops_cpuid_find_hypervisor("KVMKVMKVM\0\0\0", 0), 0);
		ktest_skip(t, "hypervisor bit set but no valid leaf 0x40000000 (signature hidden)");
		return;
	}
	pvops_memcpy(sig, &r.ebx, 4);
	pvops_memcpy(sig + 4, &r.ecx, 4);
	pvops_memcpy(sig + 8, &r.edx, 4);
	KT_EXPECT_EQ(t, pvops_cpuid_find_hypervisor(sig, 0), 0x40000000);
	/* Asking for more leaves than the hypervisor has finds nothing. */
	KT_EXPECT_EQ(t, pvops_cpuid_find_hypervisor(sig, r.eax - 0x40000000 + 1), 0);
}

static const struct ktest_case cpu_cases[] = {
	KTEST_CASE(cr4_bit_roundtrip),
	KTEST_CASE(cr0_bit_roundtrip),
	KTEST_CASE(clts_stts_flip_ts),
	KTEST_CASE(xcr0_roundtrip),
	KTEST_CASE(cpuid_basic_leaves),
	KTEST_CASE(msr_roundtrip),
	KTEST_CASE(msr_safe_reads_existing),
	KTEST_CASE(msr_safe_reports_fault),
	KTEST_CASE(wbinvd_keeps_memory),
	KTEST_CASE(descriptor_tables_loaded),
	KTEST_CASE(load_sp0_updates_tss),
	KTEST_CASE(hypervisor_leaf_scan),
	{},
};
KTEST_SUITE(cpu, cpu_cases);
