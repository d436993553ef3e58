// SPDX-License-Identifier: MIT
/*
 * pvops_log(): core's and backends' messages. Kept in a buffer (the kernel
 * can print it any time) and written to the console op once it exists.
 */
#include <pvops/pvops.h>
#include "internal.h"

static char log_buf[4096];
static u64 log_len;
static u64 log_flushed;
/*
 * While pvops_init detects and the backend inits, lines are only kept:
 * written as they come, a console that is a port (a write an exit under a
 * hypervisor) or a hypercall made the log most of the boot's cost. Init
 * writes them out in one go (and a kernel's fault handler can print
 * pvops_log_buffer()).
 */
static bool held;

void pvops_log_hold(bool hold)
{
	held = hold;
}

static void console_out(const char *s, u64 n)
{
	if (pvops_ops.console_write && n)
		pvops_console_write(s, n);
}

void pvops_log_flush_to_console(void)
{
	if (!pvops_ops.console_write || held)
		return;
	console_out(log_buf + log_flushed, log_len - log_flushed);
	log_flushed = log_len;
}

void pvops_log(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = pvops_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((u64)n >= sizeof(line))
		n = sizeof(line) - 1;
	if (log_len + (u64)n < sizeof(log_buf)) {
		pvops_memcpy(log_buf + log_len, line, (u64)n);
		log_len += (u64)n;
		log_buf[log_len] = '\0';
		pvops_log_flush_to_console();
	} else {
		/* The buffer is full: the console still gets the message. */
		held = false;
		pvops_log_flush_to_console();
		console_out(line, (u64)n);
	}
}

const char *pvops_log_buffer(void)
{
	return log_buf;
}
