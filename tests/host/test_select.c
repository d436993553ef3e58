// SPDX-License-Identifier: MIT
/* Backend selection over fake descriptors. */
#include "tap.h"
#include "internal.h"

#include "logged.h"

static struct pvops_env fake_env;

const struct pvops_env *pvops_cur_env(void)
{
	return &fake_env;
}

static u32 prio_one(void) { return 1; }
static u32 prio_absent(void) { return 0; }
static u32 prio_base(void) { return 0x40000000; }
static u32 prio_moved(void) { return 0x40000100; }
static u32 prio_high(void) { return 0x40000000; }

#define BE(n, d, major) { .name = n, .abi_major = major, .detect = d }
static const struct pvops_backend native = BE("native", prio_one, PVOPS_ABI_MAJOR);
static const struct pvops_backend hyperv = BE("hyperv", prio_base, PVOPS_ABI_MAJOR);
static const struct pvops_backend kvm = BE("kvm", prio_moved, PVOPS_ABI_MAJOR);
static const struct pvops_backend xen = BE("xen", prio_absent, PVOPS_ABI_MAJOR);
static const struct pvops_backend future = BE("future", prio_moved, PVOPS_ABI_MAJOR + 1);
static const struct pvops_backend kvm2 = BE("kvm2", prio_moved, PVOPS_ABI_MAJOR);
/* A Xen PV guest: native cannot run, Xen can. */
static const struct pvops_backend native_absent = BE("native", prio_absent, PVOPS_ABI_MAJOR);
static const struct pvops_backend xen_pv = BE("xen", prio_high, PVOPS_ABI_MAJOR);
static const struct pvops_backend kvm_absent_be = BE("kvm", prio_absent, PVOPS_ABI_MAJOR);
/* A family: two flavours, one detected (a Xen HVM guest). */
static const struct pvops_backend fam_pv = BE("xen-pv", prio_absent, PVOPS_ABI_MAJOR);
static const struct pvops_backend fam_hvm = BE("xen-hvm", prio_base, PVOPS_ABI_MAJOR);

static const char *pick(const struct pvops_backend *const *l, unsigned int n, const char *cl)
{
	const struct pvops_backend *b;

	logged[0] = '\0';
	b = pvops_select_backend(l, n, cl);
	return b ? b->name : "(none)";
}

int main(void)
{
	const struct pvops_backend *all[] = { &native, &hyperv, &kvm, &xen, &future };
	const struct pvops_backend *only_native[] = { &native };
	const struct pvops_backend *tie[] = { &native, &kvm, &kvm2 };
	const struct pvops_backend *no_native[] = { &hyperv };
	const struct pvops_backend *pv[] = { &native_absent, &xen_pv };
	unsigned int n = sizeof(all) / sizeof(all[0]);

	OK(!strcmp(pick(only_native, 1, ""), "native"), "native alone is chosen");
	OK(!strcmp(pick(all, n, ""), "kvm"),
	   "highest priority wins: KVM at 0x40000100 over Hyper-V emulation at 0x40000000");
	OK(strstr(logged, "future implements ABI 2.0") != NULL,
	   "a backend of another major version is ignored, with a message");
	OK(!strcmp(pick(all, n, "pvops=hyperv"), "hyperv"), "pvops=NAME forces a present backend");
	OK(!strcmp(pick(all, n, "quiet pvops=native"), "native"), "pvops=native disables pv");
	OK(!strcmp(pick(all, n, "pvops=xen"), "native") &&
	   strstr(logged, "pvops=xen: xen not detected on this machine; using native"),
	   "forced but absent: message, native");
	OK(!strcmp(pick(all, n, "pvops=bogus"), "native") &&
	   strstr(logged, "pvops=bogus: no such backend (known: native hyperv kvm xen future); "
			  "using native"),
	   "unknown name: message naming the known ones, native");
	OK(!strcmp(pick(all, n, "pvops= quiet"), "kvm") &&
	   strstr(logged, "pvops=: empty; expected pvops=NAME with NAME one of: native hyperv "
			  "kvm xen future; choosing as without it: kvm"),
	   "pvops= with no value: said, with the names; the automatic choice");
	OK(!strcmp(pick(all, n, "pvops=kvm,xen"), "kvm") &&
	   strstr(logged, "pvops=kvm,xen: one backend name, not a list; expected") &&
	   !strstr(logged, "forced"),
	   "pvops=a,b: said (one name, not a list); the automatic choice, nothing forced");
	OK(!strcmp(pick(all, n, "pvops=hyperv,"), "kvm") && strstr(logged, "not a list"),
	   "a trailing comma is a list too: not forced");
	OK(!strcmp(pick(all, n, "pvops=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), "kvm") &&
	   strstr(logged, "too long for a backend name"),
	   "a name longer than any backend's: said, not truncated into a match");
	OK(!strcmp(pick(all, n, "pvops=future"), "native"), "forcing an ignored backend: native");
	OK(!strcmp(pick(all, n, "pvops=kvmx"), "native"), "a name's prefix does not match");
	OK(!strcmp(pick(tie, 3, ""), "kvm"), "a tie keeps the earlier backend");
	OK(!strcmp(pick(no_native, 1, ""), "(none)"), "no native backend: NULL (core stops)");
	OK(!strcmp(pick(pv, 2, "pvops=native"), "xen") &&
	   strstr(logged, "native not detected on this machine; using xen"),
	   "where native cannot run, a refused choice keeps the detected backend");
	OK(!strcmp(pick(pv, 2, "pvops=bogus"), "xen"), "... also for an unknown name");
	{
		const struct pvops_backend *fam[] = { &native, &fam_pv, &fam_hvm };

		OK(!strcmp(pick(fam, 3, "pvops=xen"), "xen-hvm") && strstr(logged, "forced"),
		   "pvops=FAMILY forces the flavour detected (xen: xen-hvm, xen-pv absent)");
		OK(!strcmp(pick(fam, 3, "pvops=xen-pv"), "native") &&
		   strstr(logged, "xen-pv not detected on this machine; using native"),
		   "pvops=FLAVOUR forces that flavour only");
		OK(!strcmp(pick(fam, 3, "pvops=xen-"), "native") && strstr(logged, "no such backend"),
		   "a family name with its dash is no name");
		OK(pvops_backend_name_matches("xen-hvm", "xen") &&
		   !pvops_backend_name_matches("xenon", "xen") &&
		   !pvops_backend_name_matches("xen", "xen-hvm"),
		   "family match: the part before a dash");
	}
	{
		/* A Xen PV entry in a kernel built without the Xen backend (BACKENDS). */
		const struct pvops_backend *no_xen[] = { &native_absent, &kvm_absent_be };

		fake_env.entry = PVOPS_ENTRY_XEN_PV;
		OK(!strcmp(pick(no_xen, 2, ""), "(none)") &&
		   strstr(logged, "no backend linked in can run this kernel (native cannot: entered "
				  "as a Xen PV guest, which needs the xen-pv backend); linked: native kvm"),
		   "nothing can run the kernel: NULL (core stops), with the one line that says why");
		fake_env.entry = 0;
	}
	OK(pvops_find_backend(all, n, "kvm") == &kvm && !pvops_find_backend(all, n, "kv"),
	   "find by exact name");
	return tap_done();
}
