// SPDX-License-Identifier: MIT
/*
 * The one TSC-rate decision for the native clock (spec/ABI.md 3.12), most
 * direct first, each said with its source:
 *   1. what the backend knows from its hypervisor (pvops_native_time_init_rates);
 *   2. CPUID 0x15 when it states the crystal (ECX): crystal x EBX / EAX;
 *   3. the timing leaf 0x40000010 (EAX TSC kHz, EBX APIC bus kHz), only
 *      under a signature that defines it (VMware's; KVM's, where QEMU
 *      offers it with an invariant TSC): another hypervisor's leaf
 *      0x40000010 means something else;
 *   4. the PIT (calibrate.c: 1-50 ms, precision stated);
 *   5. CPUID 0x16's base MHz (approximate) where there is no PIT;
 *   6. 1 GHz, said.
 * The APIC bus rate likewise from 1 or 3, else the native APIC timer
 * measures it at apic.setup.
 */
#include "native.h"

struct timing_sig {
	char sig[13];
	const char *source;
};

/* The signatures under which leaf base+0x10 is the timing leaf. */
static const struct timing_sig timing_sigs[] = {
	{ "VMwareVMware", "CPUID 0x40000010 (VMware timing leaf)" },
	{ "KVMKVMKVM\0\0\0", "CPUID 0x40000010 (timing leaf under KVM)" },
};

static u64 from_cpuid_15(void)
{
	struct pvops_cpuid_regs r;

	native_cpuid(0, 0, &r);
	if (r.eax < 0x15)
		return 0;
	native_cpuid(0x15, 0, &r);
	if (!r.eax || !r.ebx || !r.ecx)
		return 0;	/* no crystal stated: Linux guesses it by model; we do not */
	return (u64)r.ecx * r.ebx / r.eax / 1000;
}

static u64 from_cpuid_16(void)
{
	struct pvops_cpuid_regs r;

	native_cpuid(0, 0, &r);
	if (r.eax < 0x16)
		return 0;
	native_cpuid(0x16, 0, &r);
	return (u64)(r.eax & 0xffff) * 1000;
}

/* The timing leaf under a signature that defines it: TSC kHz, *bus_khz, *source. */
u64 pvops_timing_leaf(u64 *bus_khz, const char **source)
{
	struct pvops_cpuid_regs r;
	unsigned int i;
	u32 base;

	for (i = 0; i < sizeof(timing_sigs) / sizeof(timing_sigs[0]); i++) {
		/* The leaf is optional: a max leaf below it is no contradiction, nothing to say. */
		base = pvops_cpuid_find_hypervisor(timing_sigs[i].sig, 0);
		if (!base)
			continue;
		native_cpuid(base, 0, &r);
		if (r.eax < base + 0x10)
			continue;
		native_cpuid(base + 0x10, 0, &r);
		if (!r.eax)
			continue;	/* the leaf is there but says nothing */
		*bus_khz = r.ebx;
		*source = timing_sigs[i].source;
		return r.eax;
	}
	return 0;
}

u64 pvops_native_tsc_rate(u64 known_khz, u64 known_bus_khz, const char *known_source)
{
	const char *source = NULL, *bus_source = NULL;
	u64 khz = 0, bus = 0, leaf_bus = 0, ppm = 0, cycles = 0;

	if (known_khz) {
		khz = known_khz;
		source = known_source;
	}
	if (known_bus_khz) {
		bus = known_bus_khz;
		bus_source = known_source;
	}
	if (!khz && (khz = from_cpuid_15()))
		source = "CPUID 0x15 (crystal x ratio)";
	if (!khz || !bus) {
		const char *leaf_source = NULL;
		u64 leaf_khz = pvops_timing_leaf(&leaf_bus, &leaf_source);

		if (!khz && leaf_khz) {
			khz = leaf_khz;
			source = leaf_source;
		}
		if (!bus && leaf_bus) {
			bus = leaf_bus;
			bus_source = leaf_source;
		}
	}
	if (!khz) {
		khz = native_calibrate_pit(&ppm, &cycles) / 1000;
		pvops_tsc_rate_cost(cycles);
		if (khz)
			source = "PIT calibration";
	}
	if (!khz && (khz = from_cpuid_16()))
		source = "CPUID 0x16 base frequency (no PIT; approximate)";
	if (!khz) {
		khz = 1000000;
		source = "nothing (no PIT, no CPUID leaf): 1 GHz assumed";
	}
	pvops_tsc_rate_set(khz, source, (u32)ppm);
	if (bus)
		pvops_apic_rate_set(bus, bus_source);
	return khz;
}
