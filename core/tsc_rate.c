// SPDX-License-Identifier: MIT
/*
 * The TSC rate the backend decided on, with its source (ABI 1.4): set once
 * by the backend's init (pvops_tsc_rate_set, or the native clock's
 * decision), said in one line by core after init, and answered by
 * pvops_get_tsc_rate() for the kernel, the time suite and the bench.
 */
#include <pvops/pvops.h>
#include "internal.h"

static struct pvops_tsc_rate rate;

void pvops_tsc_rate_set(u64 tsc_khz, const char *source, u32 ppm)
{
	rate.tsc_khz = tsc_khz;
	rate.source = source;
	rate.ppm = ppm;
}

void pvops_apic_rate_set(u64 bus_khz, const char *source)
{
	rate.apic_bus_khz = bus_khz;
	rate.apic_source = source;
}

u64 pvops_apic_rate(void)
{
	return rate.apic_bus_khz;
}

void pvops_tsc_rate_cost(u64 cycles)
{
	rate.calibrate_cycles += cycles;
}

void pvops_get_tsc_rate(struct pvops_tsc_rate *r)
{
	*r = rate;
}

/* After init: the line, and the backend's own tsc_khz where it did not name a source. */
void pvops_tsc_rate_say(void)
{
	if (!rate.source && pvops_ops.time_tsc_khz) {
		rate.tsc_khz = pvops_time_tsc_khz();
		rate.source = "the backend (source not named)";
	}
	if (!rate.source)
		return;
	if (rate.ppm)
		pvops_log("pvops: TSC %llu kHz from %s (+/-%u ppm)\n", rate.tsc_khz, rate.source,
			  rate.ppm);
	else
		pvops_log("pvops: TSC %llu kHz from %s\n", rate.tsc_khz, rate.source);
	if (rate.apic_source)
		pvops_log("pvops: APIC bus %llu kHz from %s\n", rate.apic_bus_khz, rate.apic_source);
}
