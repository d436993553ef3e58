// SPDX-License-Identifier: MIT
/* Console output through the console op. */
#include "kernel.h"

static void vprintk(const char *fmt, va_list ap)
{
	char buf[512];
	int n = pvops_vsnprintf(buf, sizeof(buf), fmt, ap);

	if (n < 0)
		return;
	if ((u64)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	pvops_console_write(buf, (u64)n);
}

void printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
}

void panic(const char *fmt, ...)
{
	va_list ap;

	pvops_irq_disable();
	printk("\nPANIC: ");
	va_start(ap, fmt);
	vprintk(fmt, ap);
	va_end(ap);
	printk("\n");
	pvops_power_shutdown(EXIT_PANIC);
	for (;;)
		pvops_irq_halt();
}
