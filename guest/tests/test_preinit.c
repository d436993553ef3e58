// SPDX-License-Identifier: MIT
/*
 * ABI 1.3, safe before init: what the ops said when the guest called them
 * before pvops_init() (preinit.c) against what they say now. Reaching this
 * suite at all means none of them faulted (a Xen PV kernel's cli would).
 */
#include "../ktest/ktest.h"

#define X86_EFLAGS_IF 0x200

static void irq_ops_before_init(struct ktest *t)
{
	KT_ASSERT(t, preinit.done);
	KT_EXPECT_MSG(t, !(preinit.flags_at_entry & X86_EFLAGS_IF),
		      "interrupts (events) on at entry: flags %#llx", preinit.flags_at_entry);
	KT_EXPECT_MSG(t, !(preinit.flags_disabled & X86_EFLAGS_IF),
		      "irq.disable before init left interrupts on: flags %#llx",
		      preinit.flags_disabled);
	KT_EXPECT_EQ(t, preinit.flags_restored & X86_EFLAGS_IF,
		     preinit.flags_at_entry & X86_EFLAGS_IF);
}

static void cpuid_before_init(struct ktest *t)
{
	struct pvops_cpuid_regs r;

	KT_ASSERT(t, preinit.done);
	pvops_cpu_cpuid(0, 0, &r);
	printk("    # cpuid_before_init: vendor %.4s%.4s%.4s before init\n",
	       (const char *)&preinit.vendor[0], (const char *)&preinit.vendor[1],
	       (const char *)&preinit.vendor[2]);
	KT_EXPECT_EQ(t, preinit.vendor[0], r.ebx);
	KT_EXPECT_EQ(t, preinit.vendor[1], r.edx);
	KT_EXPECT_EQ(t, preinit.vendor[2], r.ecx);
}

static bool logged(const char *what)
{
	const char *p = pvops_log_buffer();
	u64 n = pvops_strlen(what);

	for (; p && *p; p++)
		if (!pvops_strncmp(p, what, n))
			return true;
	return false;
}

/*
 * apic.eoi before pvops_init() and apic.setup (ABI 1.3, §3.4) is defined:
 * the guest called it in preinit_probe before setting done, so reaching
 * here means it did not fault (natively, an xAPIC not yet mappable drops
 * it and says so; it used to write through a NULL mapping).
 */
static void apic_eoi_before_init(struct ktest *t)
{
	KT_ASSERT(t, preinit.done);
	printk("    # apic_eoi_before_init: %s\n",
	       logged("APIC op before apic.setup") ? "dropped and said (no xAPIC mapping yet)"
						  : "reached the APIC, or the backend's EOI");
}

static const struct ktest_case preinit_cases[] = {
	KTEST_CASE(irq_ops_before_init),
	KTEST_CASE(cpuid_before_init),
	KTEST_CASE(apic_eoi_before_init),
	{},
};
KTEST_SUITE(preinit, preinit_cases);
