// SPDX-License-Identifier: MIT
/*
 * What the VMware backend promises, checked against QEMU's vmport (the
 * backdoor; QEMU cannot show the "VMwareVMware" signature, so these
 * environments force pvops=vmware): the backdoor answers as VMware's does;
 * the TSC rate is the hypervisor's (the timing leaf, else GETHZ: nothing
 * calibrated) where it offers one, and GETHZ agrees with what the backend
 * uses; io_delay sites are NOPs; STEALCLOCK is used exactly when offered.
 */
#include "../ktest/ktest.h"
#include <pvops/vmware.h>

#define VMW_MAGIC 0x564D5868U
#define VMW_CMD_GETVERSION 10
#define VMW_CMD_GETHZ 45

static struct pvops_vmware_info info(void)
{
	struct pvops_vmware_info i = { 0 };

	pvops_vmware_get_info(&i);
	return i;
}

static void backdoor_answers_as_vmware(struct ktest *t)
{
	struct pvops_vmware_regs r = { .ebx = ~0U };
	u64 before = ktest_counter("backdoor_calls");

	KT_EXPECT_EQ(t, pvops_vmware_backdoor(VMW_CMD_GETVERSION, &r), 0);
	KT_EXPECT_EQ(t, r.ebx, VMW_MAGIC);
	KT_EXPECT_EQ(t, r.eax, info().version);
	KT_EXPECT(t, info().version != 0);
	KT_EXPECT_EQ(t, ktest_counter("backdoor_calls"), before + 1);
}

/* Found by the signature, or (no signature) only because pvops=vmware forced the probe. */
static void found_by_signature_or_forced(struct ktest *t)
{
	struct pvops_vmware_info i = info();

	if (i.cpuid_base) {
		KT_EXPECT(t, i.cpuid_base >= 0x40000000);
		return;
	}
	KT_EXPECT(t, cmdline_has(bootinfo.cmdline, "pvops=vmware"));
}

/* The rate came from the hypervisor wherever it offers one, and is the one GETHZ states. */
static void tsc_rate_is_the_hypervisors(struct ktest *t)
{
	struct pvops_vmware_regs r = { .ebx = ~0U };
	struct pvops_vmware_info i = info();
	bool leaf = pvops_feature_in_use("timing-leaf"), gethz = pvops_feature_in_use("gethz");
	u64 hz;

	pvops_vmware_backdoor(VMW_CMD_GETHZ, &r);
	hz = r.eax | (u64)r.ebx << 32;
	if (!leaf && !gethz) {
		KT_EXPECT_EQ(t, r.ebx, ~0U);	/* offered neither: the decision was native's */
		ktest_skip(t, "the hypervisor offers no rate (no timing leaf; GETHZ refuses, as "
			      "QEMU's does under TCG): the native decision's rate is used");
		return;
	}
	KT_EXPECT_EQ(t, pvops_time_tsc_khz(), i.tsc_khz);
	if (gethz) {
		KT_EXPECT(t, r.ebx != ~0U);
		KT_EXPECT_EQ(t, i.tsc_khz, hz / 1000);
		KT_EXPECT_EQ(t, i.apic_bus_khz, r.ecx / 1000);
		KT_EXPECT(t, !pvops_strncmp(i.rate_source, "VMware backdoor GETHZ", 21));
	} else {
		KT_EXPECT(t, !pvops_strncmp(i.rate_source, "CPUID 0x40000010", 16));
		/* Where GETHZ answers too, the two must agree (0.1%). */
		if (r.ebx != ~0U)
			KT_EXPECT(t, hz / 1000 > i.tsc_khz - i.tsc_khz / 1000 &&
				     hz / 1000 < i.tsc_khz + i.tsc_khz / 1000);
	}
	KT_EXPECT(t, i.apic_bus_khz > 0);
}

static void io_delay_sites_are_nops(struct ktest *t)
{
	struct pvops_op_stats st;

	pvops_get_op_stats(PVOPS_OP_cpu_io_delay, &st);
	KT_EXPECT(t, pvops_feature_in_use("nop-io-delay"));
	KT_EXPECT_EQ(t, st.inlined + st.called, 0);
	KT_EXPECT(t, st.nopped > 0);
}

static void steal_clock_exactly_when_offered(struct ktest *t)
{
	struct pvops_vmware_info i = info();
	u64 a, b;

	if (i.steal_answer != 0 && i.steal_answer != 1) {
		KT_EXPECT(t, !pvops_feature_in_use("steal-clock"));
		KT_EXPECT(t, !i.steal_clock);
		KT_EXPECT_EQ(t, pvops_time_steal_ns(0), 0);
		ktest_skip(t, "STEALCLOCK not offered (QEMU's vmport does not implement it): "
			      "steal time stays 0");
		return;
	}
	KT_EXPECT(t, pvops_feature_in_use("steal-clock"));
	a = pvops_time_steal_ns(0);
	b = pvops_time_steal_ns(0);
	KT_EXPECT(t, b >= a);
}

static const struct ktest_case vmware_cases[] = {
	KTEST_CASE(backdoor_answers_as_vmware),
	KTEST_CASE(found_by_signature_or_forced),
	KTEST_CASE(tsc_rate_is_the_hypervisors),
	KTEST_CASE(io_delay_sites_are_nops),
	KTEST_CASE(steal_clock_exactly_when_offered),
	{}
};
KTEST_SUITE_BACKEND(vmware, vmware_cases, "vmware");
