// SPDX-License-Identifier: MIT
/*
 * Power under Xen, both backends: sched_op shutdown, whose reason carries
 * the kernel's result: reboot for success in dom0 (Xen then restarts the
 * machine at once), poweroff in a domU, and crash for failure (Xen names
 * it on its console).
 */
#include "xen.h"

static void shutdown_reason(unsigned int reason)
{
	struct sched_shutdown s = { .reason = reason };

	XEN_HC(sched_op, "SCHEDOP_shutdown", SCHEDOP_shutdown, &s, 0, 0, 0);
}

void xen_shutdown(u32 status)
{
	/* dom0's poweroff would only halt the machine: reboot ends the run. */
	if (status)
		shutdown_reason(SHUTDOWN_crash);
	else
		shutdown_reason(xen_initdomain ? SHUTDOWN_reboot : SHUTDOWN_poweroff);
}

void xen_reboot(void)
{
	shutdown_reason(SHUTDOWN_reboot);
}
