// SPDX-License-Identifier: MIT
/*
 * spec/ops.def against spec/ABI.md and against its own rules.
 */
#include "tap.h"
#include "spec_table.h"
#include "slurp.h"

int main(void)
{
	static char want[1 << 16];
	char *doc = slurp(SPEC_DIR "/ABI.md"), *b, *e;
	unsigned int op, bad;

	spec_table(want, sizeof(want));
	OK(doc != NULL, "spec/ABI.md readable");
	{
		char title[64];

		snprintf(title, sizeof(title), "# The pvops ABI, version %u.%u\n",
			 PVOPS_ABI_MAJOR, PVOPS_ABI_MINOR);
		OK(doc && !strncmp(doc, title, strlen(title)),
		   "spec/ABI.md's title names the version of <pvops/ops.h>");
	}
	{
		char *hdr = slurp("include/pvops/pvops.h");
		char line[64];

		snprintf(line, sizeof(line), " * This is ABI %u.%u", PVOPS_ABI_MAJOR, PVOPS_ABI_MINOR);
		OK(hdr && strstr(hdr, line), "<pvops/pvops.h> states the ABI version of <pvops/ops.h>");
		free(hdr);
	}
	b = doc ? strstr(doc, "<!-- ops-table:begin -->\n") : NULL;
	e = doc ? strstr(doc, "<!-- ops-table:end -->") : NULL;
	OK(b && e && e > b, "ABI.md has the generated op table markers");
	if (b && e && e > b) {
		b += strlen("<!-- ops-table:begin -->\n");
		*e = '\0';
		OK(!strcmp(b, want), "ABI.md op table matches spec/ops.def (run: make spec)");
		if (strcmp(b, want)) {
			char *line = strtok(want, "\n");

			for (; line; line = strtok(NULL, "\n"))
				if (!strstr(b, line))
					printf("# missing or different in ABI.md: %s\n", line);
		}
	}
	/* Every op documented in prose: a heading "#### group.name". */
	bad = 0;
	for (op = 0; doc && op < PVOPS_NR_OPS; op++) {
		char h[96];

		snprintf(h, sizeof(h), "`%s.%s`", pvops_op_info[op].group, pvops_op_info[op].name);
		if (!strstr(e + 1, h) && !strstr(doc, h)) {
			printf("# no prose for %s\n", h);
			bad++;
		}
	}
	OK(bad == 0, "every op has prose in ABI.md (%u missing)", bad);

	bad = 0;
	for (op = 0; op < PVOPS_NR_OPS; op++) {
		const struct pvops_op_info *o = &pvops_op_info[op];

		if (o->patch == PVOPS_PATCH_INLINE && !o->native_len)
			bad++, printf("# %s: inline op without native bytes\n", o->name);
		if (o->native_len > 6)
			bad++, printf("# %s: native bytes do not fit a 6-byte site\n", o->name);
		if (o->conv == PVOPS_CONV_CALLEE && o->nargs > 1)
			bad++, printf("# %s: callee-save ops take at most one argument\n", o->name);
		if (o->nargs > 4)
			bad++, printf("# %s: more than 4 arguments\n", o->name);
	}
	OK(bad == 0, "op list obeys its rules");
	/* Ids are never renumbered: 1.0 is 0-61, 1.1 added six cross-CPU ops, 1.2 two smp ops. */
	OK(PVOPS_NR_OPS == 84, "ABI v1.4 has its 84 ops, as 1.3 (%d)", PVOPS_NR_OPS);
	OK(pvops_op_minor(61) == 0 && pvops_op_minor(62) == 1 && pvops_op_minor(67) == 1 &&
	   pvops_op_minor(68) == 2 && pvops_op_minor(69) == 2, "each op's ABI minor");
	OK(pvops_op_minor(PVOPS_OP_irq_iret) == 0 &&
	   pvops_op_minor(PVOPS_OP_apic_send_ipi_mask) == 1 &&
	   pvops_op_minor(PVOPS_OP_lock_yield_to) == 1 && PVOPS_OP_apic_send_ipi_mask == 62,
	   "ops 0-61 are ABI 1.0, 62-67 ABI 1.1");
	free(doc);
	{
		/* The init order: README's section is the same text as ABI.md §5's. */
		char *a = slurp(SPEC_DIR "/ABI.md"), *r = slurp(SPEC_DIR "/../README.md");
		char *ab = a ? strstr(a, "<!-- init-order:begin -->") : NULL;
		char *ae = a ? strstr(a, "<!-- init-order:end -->") : NULL;
		char *rb = r ? strstr(r, "<!-- init-order:begin -->") : NULL;
		char *re = r ? strstr(r, "<!-- init-order:end -->") : NULL;

		OK(ab && ae && rb && re && ae > ab && re > rb && ae - ab == re - rb &&
		   !memcmp(ab, rb, (size_t)(ae - ab)),
		   "README's init order is spec/ABI.md section 5's table, word for word");
		free(a);
		free(r);
	}
	return tap_done();
}
