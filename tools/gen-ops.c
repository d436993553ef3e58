// SPDX-License-Identifier: MIT
/*
 * gen-ops: the headers generated from spec/ops.def at build time.
 *
 *	gen-ops calls OUT	<pvops/calls-gen.h>: one readable static inline
 *				wrapper per op, pvops_<group>_<name>(), each a
 *				real definition a grep or a tags tool finds
 *	gen-ops ids OUT		<pvops/ids.h>: PVOPS_ID_<group>_<name> for
 *				assembly (PVOPS_ASM_JUMP), where the C enum
 *				cannot be used
 *
 * A host program reading the op list through the same X-macro as the
 * library: the list stays the one source, the output is plain C.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct op {
	int id, since, nargs;
	const char *group, *name, *conv, *patch, *kind, *ret, *proto, *args, *native;
};

static const struct op ops[] = {
#define PVOPS_OPDEF(id, since, group, name, conv, patch, kind, ret, nargs, proto, args, native) \
	{ id, since, nargs, #group, #name, #conv, #patch, #kind, #ret, #proto, #args, #native },
#include "../spec/ops.def"
#undef PVOPS_OPDEF
};
#define NR_OPS (sizeof(ops) / sizeof(ops[0]))

/* "(a, b)" without its parentheses. */
static void unparen(char *dst, size_t max, const char *s)
{
	size_t n = strlen(s);

	if (n >= 2 && s[0] == '(' && s[n - 1] == ')') {
		s++;
		n -= 2;
	}
	if (n >= max)
		n = max - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

/* The native column in words: "bytes 0f 20 c0", "native_cpuid()", "empty". */
static const char *native_doc(const struct op *o, char *buf, size_t max)
{
	const char *s = o->native, *p;
	size_t n = 0;

	if (!strncmp(s, "PVOPS_FN(", 9)) {
		snprintf(buf, max, "%.*s()", (int)(strlen(s) - 10), s + 9);
		return buf;
	}
	if (strncmp(s, "PVOPS_BYTES(", 12))
		return "empty";
	n = (size_t)snprintf(buf, max, "bytes");
	for (p = s + 12; *p && n + 4 < max; p++) {
		if (p[0] == '0' && p[1] == 'x') {
			buf[n++] = ' ';
			buf[n++] = p[2];
			buf[n++] = p[3];
			p += 3;
		}
	}
	buf[n] = '\0';
	return buf;
}

static const char *conv_doc(const struct op *o)
{
	if (!strcmp(o->conv, "CALLEE"))
		return "callee-save convention (only rax changes)";
	if (!strcmp(o->conv, "JUMP"))
		return "jumped to from assembly";
	return "SysV convention (caller-saved registers clobbered)";
}

static int gen_calls(FILE *f)
{
	size_t i;

	fprintf(f, "/* SPDX-License-Identifier: MIT */\n"
		   "/*\n"
		   " * Generated from spec/ops.def by tools/gen-ops.c: do not edit.\n"
		   " * One call wrapper per op (the JUMP ops have none: <pvops/asm.h>). Each\n"
		   " * body is one patchable site, \"call *pvops_ops+8*id(%%rip)\", built by\n"
		   " * the site macros of <pvops/calls.h>.\n"
		   " */\n"
		   "#ifndef PVOPS_CALLS_GEN_H\n#define PVOPS_CALLS_GEN_H\n");
	for (i = 0; i < NR_OPS; i++) {
		const struct op *o = &ops[i];
		char args[256], nat[128];
		int callee = !strcmp(o->conv, "CALLEE");

		if (!strcmp(o->conv, "JUMP"))
			continue;
		unparen(args, sizeof(args), o->args);
		fprintf(f, "\n/*\n * %s.%s: op %d, since ABI 1.%d, %s.\n * Native: %s; %s.\n */\n",
			o->group, o->name, o->id, o->since, conv_doc(o),
			native_doc(o, nat, sizeof(nat)),
			!strcmp(o->patch, "INLINE") ? "a backend may patch its bytes inline" :
						      "the site becomes a direct call");
		fprintf(f, "static inline __attribute__((always_inline)) %s pvops_%s_%s%s\n{\n",
			o->ret, o->group, o->name, o->proto);
		if (!strcmp(o->kind, "R"))
			fprintf(f, "\treturn (__pvops_force %s)", o->ret);
		else
			fprintf(f, "\t(void)");
		fprintf(f, "__PVOPS_%sCALL%d(PVOPS_OP_%s_%s%s%s);\n}\n", callee ? "C" : "N", o->nargs,
			o->group, o->name, o->nargs ? ", " : "", args);
	}
	fprintf(f, "\n#endif /* PVOPS_CALLS_GEN_H */\n");
	return 0;
}

static int gen_ids(FILE *f)
{
	size_t i;

	fprintf(f, "/* SPDX-License-Identifier: MIT */\n"
		   "/* Generated from spec/ops.def by tools/gen-ops.c: do not edit. */\n"
		   "/* Op ids for assembly; C has enum pvops_op_id (<pvops/ops.h>). */\n"
		   "#ifndef PVOPS_IDS_H\n#define PVOPS_IDS_H\n\n");
	for (i = 0; i < NR_OPS; i++)
		fprintf(f, "#define PVOPS_ID_%s_%s %d\n", ops[i].group, ops[i].name, ops[i].id);
	fprintf(f, "#define PVOPS_ID_NR %zu\n\n#endif /* PVOPS_IDS_H */\n", NR_OPS);
	return 0;
}

int main(int argc, char **argv)
{
	FILE *f;
	char tmp[4096];
	int rc;

	if (argc != 3 || (strcmp(argv[1], "calls") && strcmp(argv[1], "ids"))) {
		fprintf(stderr, "usage: gen-ops calls|ids OUT\n");
		return 2;
	}
	/* Written whole, then renamed: a failed run leaves no half header behind. */
	snprintf(tmp, sizeof(tmp), "%s.tmp", argv[2]);
	f = fopen(tmp, "w");
	if (!f) {
		perror(tmp);
		return 1;
	}
	rc = !strcmp(argv[1], "calls") ? gen_calls(f) : gen_ids(f);
	if (fclose(f) || rc || rename(tmp, argv[2])) {
		perror(argv[2]);
		return 1;
	}
	return 0;
}
