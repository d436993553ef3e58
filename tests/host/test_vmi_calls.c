// SPDX-License-Identifier: MIT
/*
 * spec/vmi-calls.def against its own rules, against the pvops ops it
 * fills, and against the call table in spec/VMI.md.
 */
#include <stddef.h>
#include "tap.h"
#include <pvops/ops.h>
#include <pvops/vmi-rom.h>
#include "slurp.h"

struct call {
	unsigned int nr, minor;
	const char *name, *kind, *conv, *op;
	int op_id;
};

#define PVOPS_OP_NONE (-1)
static const struct call calls[] = {
#define VMI_CALL(nr, name, minor, kind, conv, op) \
	{ nr, minor, #name, #kind, #conv, #op, PVOPS_OP_##op },
#include <pvops/vmi-calls.def>
#undef VMI_CALL
};
#define NR (sizeof(calls) / sizeof(calls[0]))

static const char *conv_name(unsigned int conv)
{
	return conv == PVOPS_CONV_CALLEE ? "CALLEE" : conv == PVOPS_CONV_JUMP ? "JUMP" : "NORMAL";
}

int main(void)
{
	char *doc = slurp(SPEC_DIR "/VMI.md");
	unsigned int i, j, bad_nr = 0, dup = 0, bad_kind = 0, bad_conv = 0, bad_doc = 0;

	unsigned int per_minor[VMI_ABI_MINOR + 1] = { 0 }, bad_minor = 0;

	OK(NR == VMI_NR_CALLS, "%zu calls, VMI_NR_CALLS = %d", NR, VMI_NR_CALLS);
	/* Minors only grow with the number: 4.0's calls, then 4.1's, never mixed. */
	for (i = 0; i < NR; i++) {
		if (calls[i].minor > VMI_ABI_MINOR || (i && calls[i].minor < calls[i - 1].minor))
			bad_minor++;
		else
			per_minor[calls[i].minor]++;
	}
	OK(!bad_minor, "each call's minor is at most VMI_ABI_MINOR and never below its predecessor's");
	OK(per_minor[0] == VMI_NR_CALLS_4_0, "4.0 defines %u calls, VMI_NR_CALLS_4_0 = %d",
	   per_minor[0], VMI_NR_CALLS_4_0);
	OK(per_minor[0] + per_minor[1] == VMI_NR_CALLS_4_1, "4.1 defines %u calls, "
	   "VMI_NR_CALLS_4_1 = %d", per_minor[0] + per_minor[1], VMI_NR_CALLS_4_1);
	for (i = 0; i < NR; i++) {
		if (calls[i].nr != i) {
			printf("# call %s has number %u at position %u\n", calls[i].name,
			       calls[i].nr, i);
			bad_nr++;
		}
		for (j = 0; j < i; j++)
			if (!strcmp(calls[i].name, calls[j].name))
				dup++;
	}
	OK(!bad_nr, "numbers are dense and in order (never renumbered: append only)");
	OK(!dup, "names are unique");
	/* A call that fills a pvops op has exactly its result kind and convention. */
	for (i = 0; i < NR; i++) {
		const struct pvops_op_info *o;

		if (calls[i].op_id < 0)
			continue;
		o = &pvops_op_info[calls[i].op_id];
		if ((calls[i].kind[0] == 'R') != (o->kind == PVOPS_KIND_R)) {
			printf("# call %s is %s, op %s.%s is %s\n", calls[i].name, calls[i].kind,
			       o->group, o->name, o->kind == PVOPS_KIND_R ? "R" : "V");
			bad_kind++;
		}
		if (strcmp(calls[i].conv, conv_name(o->conv))) {
			printf("# call %s is %s, op %s.%s is %s\n", calls[i].name, calls[i].conv,
			       o->group, o->name, conv_name(o->conv));
			bad_conv++;
		}
	}
	OK(!bad_kind, "each call with an op returns what the op returns");
	OK(!bad_conv, "each call with an op has the op's calling convention");
	/* spec/VMI.md lists every call: "| nr | `name` | minor | kind | conv | op |". */
	OK(doc != NULL, "spec/VMI.md readable");
	for (i = 0; doc && i < NR; i++) {
		char row[160];

		snprintf(row, sizeof(row), "| %u | `%s` | 4.%u | %s | %s | %s |", calls[i].nr,
			 calls[i].name, calls[i].minor, calls[i].kind, calls[i].conv,
			 calls[i].op_id < 0 ? "—" : calls[i].op);
		if (!strstr(doc, row)) {
			printf("# spec/VMI.md has no row %s\n", row);
			bad_doc++;
		}
	}
	OK(doc && !bad_doc, "spec/VMI.md's call table lists every call as spec/vmi-calls.def does");
	OK(VMI_HDR_LEN_4_0 == VMI_ROM_OFF_GET_RELOC + 8, "the 4.0 header ends after get_reloc");
	OK(sizeof(struct vmi_reloc) == 16 && sizeof(struct vmi_init_args) == 16,
	   "struct vmi_reloc and vmi_init_args are 16 bytes");
	/* struct vmi_ap_state as spec/VMI.md section 6.7 lays it out. */
	OK(sizeof(struct vmi_ap_state) == 112 && offsetof(struct vmi_ap_state, rip) == 8 &&
	   offsetof(struct vmi_ap_state, cr0) == 48 && offsetof(struct vmi_ap_state, gdt_base) == 80 &&
	   offsetof(struct vmi_ap_state, gdt_limit) == 88 && offsetof(struct vmi_ap_state, ds) == 92 &&
	   offsetof(struct vmi_ap_state, scratch_pa) == 96, "struct vmi_ap_state is 112 bytes, "
	   "laid out as section 6.7 says");
	free(doc);
	return tap_done();
}
