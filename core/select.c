// SPDX-License-Identifier: MIT
/*
 * Backend selection: run every detect, pick the highest priority, honour
 * pvops=NAME (a backend, or a family: pvops=xen is xen-pv or xen-hvm,
 * whichever is detected). Pure logic over a list of descriptors
 * (host-tested).
 */
#include "internal.h"

const struct pvops_backend *pvops_find_backend(const struct pvops_backend *const *list,
					       unsigned int n, const char *name)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (!pvops_strncmp(list[i]->name, name, pvops_strlen(name) + 1))
			return list[i];
	return NULL;
}

bool pvops_backend_name_matches(const char *name, const char *want)
{
	u32 n = (u32)pvops_strlen(want);

	return !pvops_strncmp(name, want, n) && (name[n] == '\0' || name[n] == '-');
}

static bool detect_forced;

void pvops_detect_forcing(bool forced)
{
	detect_forced = forced;
}

bool pvops_detect_forced(void)
{
	return detect_forced;
}

const struct pvops_backend *pvops_select_backend(const struct pvops_backend *const *list,
						 unsigned int n, const char *cmdline)
{
	const struct pvops_backend *best = NULL, *native, *forced = NULL, *fallback;
	u32 best_prio = 0, forced_prio = 0, want_len = 0;
	const char *want = NULL, *bad = NULL;
	char name[32];
	bool have_want;
	unsigned int i;

	have_want = pvops_cmdline_find(cmdline, "pvops", &want, &want_len);
	if (have_want) {
		u32 k = want_len < sizeof(name) - 1 ? want_len : (u32)sizeof(name) - 1;

		pvops_memcpy(name, want, k);
		name[k] = '\0';
		/* Malformed: said, and the choice is the automatic one, as without pvops=. */
		if (!want_len)
			bad = "empty";
		else if (want_len >= sizeof(name))
			bad = "too long for a backend name";
		for (i = 0; i < k && !bad; i++)
			if (name[i] == ',')
				bad = "one backend name, not a list";
		if (bad)
			have_want = false;
	}
	for (i = 0; i < n; i++) {
		const struct pvops_backend *be = list[i];
		u32 prio;

		if (be->abi_major != PVOPS_ABI_MAJOR) {
			pvops_log("pvops: backend %s implements ABI %u.%u, this library is %u.%u: ignored\n",
				  be->name, be->abi_major, be->abi_minor,
				  PVOPS_ABI_MAJOR, PVOPS_ABI_MINOR);
			continue;
		}
		pvops_step("detect", be->name);
		pvops_detect_forcing(have_want && pvops_backend_name_matches(be->name, name));
		prio = be->detect ? be->detect() : 0;
		pvops_detect_forcing(false);
		pvops_log("pvops: detect %-8s %s (priority %#x)\n", be->name,
			  prio ? "present" : "absent ", prio);
		/* Ties keep the earlier backend. */
		if (prio > best_prio) {
			best = be;
			best_prio = prio;
		}
		/* pvops=NAME: that backend, or the one of family NAME (NAME-*) detected. */
		if (have_want && pvops_backend_name_matches(be->name, name) &&
		    (!forced || prio > forced_prio)) {
			forced = be;
			forced_prio = prio;
		}
	}
	native = pvops_find_backend(list, n, "native");
	if (!native)
		return NULL;
	/* Nothing can run this kernel: native refuses (a Xen PV entry) and no other is here. */
	if (!best && native->detect && !native->detect()) {
		pvops_log("pvops: no backend linked in can run this kernel (native cannot: %s); "
			  "linked:", pvops_cur_env() && pvops_cur_env()->entry == PVOPS_ENTRY_XEN_PV
			  ? "entered as a Xen PV guest, which needs the xen-pv backend"
			  : "its detect says absent");
		for (i = 0; i < n; i++)
			pvops_log(" %s", list[i]->name);
		pvops_log("\n");
		return NULL;
	}
	if (bad) {
		pvops_log("pvops: pvops=%s: %s; expected pvops=NAME with NAME one of:", name, bad);
		for (i = 0; i < n; i++)
			pvops_log(" %s", list[i]->name);
		pvops_log("; choosing as without it: %s\n", (best ? best : native)->name);
	}
	if (!have_want)
		return best ? best : native;
	/*
	 * A refused choice falls back to native, unless native cannot run
	 * here (its detect says absent, as in a Xen PV guest): then to the
	 * best backend detected.
	 */
	fallback = native;
	if (best && best != native && !(native->detect && native->detect()))
		fallback = best;
	if (!forced) {
		pvops_log("pvops: pvops=%s: no such backend (known:", name);
		for (i = 0; i < n; i++)
			pvops_log(" %s", list[i]->name);
		pvops_log("); using %s\n", fallback->name);
		return fallback;
	}
	if (!forced_prio) {
		pvops_log("pvops: pvops=%s: %s not detected on this machine; using %s\n",
			  name, name, fallback->name);
		return fallback;
	}
	pvops_log("pvops: pvops=%s: forced\n", name);
	return forced;
}
