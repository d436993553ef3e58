// SPDX-License-Identifier: MIT
/*
 * One introspection interface for every backend (<pvops/introspect.h>):
 * the feature and counter tables of the descriptor in use, read by name,
 * and the boot's "in use:" line printed from them.
 */
#include <pvops/pvops.h>
#include "internal.h"

static bool same(const char *a, const char *b)
{
	return !pvops_strncmp(a, b, pvops_strlen(b) + 1);
}

u32 pvops_backend_features(const struct pvops_feature **features)
{
	const struct pvops_backend *be = pvops_cur_backend();

	*features = be ? be->features : NULL;
	return be && be->features ? be->nr_features : 0;
}

u32 pvops_backend_counters(const struct pvops_counter **counters)
{
	const struct pvops_backend *be = pvops_cur_backend();

	*counters = be ? be->counters : NULL;
	return be && be->counters ? be->nr_counters : 0;
}

bool pvops_feature_in_use(const char *name)
{
	const struct pvops_feature *f;
	u32 i, n = pvops_backend_features(&f);

	for (i = 0; i < n; i++)
		if (same(f[i].name, name))
			return f[i].in_use;
	return false;
}

int pvops_counter_read(const char *name, u64 *value)
{
	const struct pvops_counter *c;
	u32 i, n = pvops_backend_counters(&c);

	for (i = 0; i < n; i++)
		if (same(c[i].name, name)) {
			*value = __atomic_load_n(&c[i].value, __ATOMIC_RELAXED);
			return 0;
		}
	*value = 0;
	return -PVOPS_ENODEV;
}

/* "NAME: in use: a b; not in use: c (why), d (not offered)" from be's table. */
void pvops_log_features(const struct pvops_backend *be)
{
	u32 i, used = 0;

	if (!be->nr_features)
		return;
	pvops_log("pvops: %s in use:", be->name);
	for (i = 0; i < be->nr_features; i++)
		if (be->features[i].in_use) {
			pvops_log(" %s", be->features[i].name);
			used++;
		}
	if (!used)
		pvops_log(" none");
	if (used < be->nr_features) {
		pvops_log("; not:");
		for (i = 0; i < be->nr_features; i++)
			if (!be->features[i].in_use)
				pvops_log(" %s (%s)", be->features[i].name,
					  be->features[i].why_not ? be->features[i].why_not
								 : "not offered");
	}
	pvops_log("\n");
}
