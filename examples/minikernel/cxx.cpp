// SPDX-License-Identifier: MIT
/*
 * A C++ translation unit of minikernel's: the public headers in C++ (extern
 * "C", no construct C++ rejects), beside this kernel's own names.
 */
#include <pvops/pvops.h>
#include <pvops/introspect.h>
#include "kernel.h"

namespace {

class IrqGuard {
public:
	IrqGuard() : flags_(pvops_irq_save_fl()) { pvops_irq_disable(); }
	~IrqGuard() { pvops_irq_restore_fl(flags_); }
	bool disabled() const { return !(pvops_irq_save_fl() & 0x200); }

private:
	pvops_u64 flags_;
};

void say(char *why, unsigned long len, const char *s)
{
	unsigned long i;

	for (i = 0; i + 1 < len && s[i]; i++)
		why[i] = s[i];
	why[i] = '\0';
}

} // namespace

extern "C" int cxx_check(char *why, unsigned long len)
{
	struct pvops_cpuid_regs r = {};
	pvops_u64 value = 0;
	bool inside;

	{
		IrqGuard g;

		inside = g.disabled();
	}
	if (!inside) {
		say(why, len, "interrupts on inside the C++ guard");
		return 0;
	}
	pvops_cpu_cpuid(1, 0, &r);
	if (!r.eax) {
		say(why, len, "cpuid leaf 1 empty from C++");
		return 0;
	}
	(void)pvops_counter_read("hypercalls", &value);	/* any backend: present or not */
	return 1;
}
