// SPDX-License-Identifier: MIT
/*
 * What pvops_init() is doing now (ABI 1.3, pvops_init_step): set as it goes
 * (each backend's detect, the chosen backend's init, each site patched),
 * cleared when it returns, so that a kernel's early exception handler can
 * say which step faulted. Formatted only when asked.
 */
#include <pvops/pvops.h>
#include <pvops/fmt.h>
#include "internal.h"

static const char *step_what, *step_backend;
static const struct pvops_site *step_site;
static u32 step_index, step_count;

void pvops_step(const char *what, const char *backend)
{
	step_what = what;
	step_backend = backend;
	step_site = NULL;
}

void pvops_step_site(const struct pvops_site *site, u32 index, u32 count)
{
	step_what = "patch";
	step_site = site;
	step_index = index;
	step_count = count;
}

const char *pvops_init_step(void)
{
	static char buf[128];

	if (!step_what)
		return NULL;
	if (step_site)
		pvops_snprintf(buf, sizeof(buf), "patch site %u of %u (%s.%s at %#llx)", step_index + 1,
			       step_count,
			       step_site->op < PVOPS_NR_OPS ? pvops_op_info[step_site->op].group : "?",
			       step_site->op < PVOPS_NR_OPS ? pvops_op_info[step_site->op].name : "?",
			       (u64)step_site->addr);
	else
		pvops_snprintf(buf, sizeof(buf), "%s%s%s", step_what, step_backend ? " " : "",
			       step_backend ? step_backend : "");
	return buf;
}
