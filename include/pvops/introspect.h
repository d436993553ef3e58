/* SPDX-License-Identifier: MIT */
/*
 * What the backend in use offers and counts, in one form for every
 * backend: a table of its features (in use or not, and why not) and a
 * table of its counters. Each backend's descriptor carries both
 * (spec/ABI.md §4); a kernel, a test or a report reads them here, by name,
 * without naming a backend.
 */
#ifndef PVOPS_INTROSPECT_H
#define PVOPS_INTROSPECT_H

#include <pvops/types.h>

__PVOPS_BEGIN_DECLS

struct pvops_feature {
	const char *name;	/* lower case, '-' between words: "pv-eoi", "kvmclock" */
	pvops_u8 in_use;		/* set by the backend's init */
	const char *why_not;	/* not in use: why (NULL: the host does not offer it) */
};

struct pvops_counter {
	const char *name;	/* lower case, '_' between words: "eoi_skipped" */
	pvops_u64 value;		/* since boot; bumped atomically (any CPU may) */
};

/* The backend in use's tables (their number; none before pvops_init()). */
pvops_u32 pvops_backend_features(const struct pvops_feature **features);
pvops_u32 pvops_backend_counters(const struct pvops_counter **counters);

/* Whether the backend in use has the feature called name in use (false: no such feature). */
pvops_bool pvops_feature_in_use(const char *name);

/*
 * The counter called name: 0 and its value in *value, or -PVOPS_ENODEV
 * (*value = 0) when the backend in use counts nothing by that name.
 */
int pvops_counter_read(const char *name, pvops_u64 *value);

/*
 * ABI 1.4: the TSC's rate, where it came from ("kvmclock (pvclock)",
 * "CPUID 0x15", "PIT calibration", ...), and what the source leaves open
 * (ppm; 0 for a rate the hypervisor or CPU states); the same for the
 * local APIC timer's bus, 0 and NULL when it is measured at apic.setup.
 * calibrate_cycles: what deciding the rate cost in pvops_init (TSC ticks).
 */
struct pvops_tsc_rate {
	pvops_u64 tsc_khz;
	const char *source;
	pvops_u32 ppm;
	pvops_u64 apic_bus_khz;
	const char *apic_source;
	pvops_u64 calibrate_cycles;
};
void pvops_get_tsc_rate(struct pvops_tsc_rate *rate);

__PVOPS_END_DECLS
#endif /* PVOPS_INTROSPECT_H */
