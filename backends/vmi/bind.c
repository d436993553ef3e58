// SPDX-License-Identifier: MIT
/*
 * Binding to a ROM that passed the header checks: copy it into executable
 * kernel memory, hand it its data area, call vmi_init(), then ask
 * get_reloc() about every call both sides know and check each answer
 * (type, entry and bytes inside the ROM, a type the call can take) before
 * any slot is filled (answers.c): one bad answer refuses the whole ROM
 * (spec/VMI.md section 4). Calls with a pvops op of their own fill its slot directly;
 * the others go to the wrappers (wrap.c).
 */
#include "vmi.h"
#include <pvops/fmt.h>

struct vmi_reloc vmi_relocs[VMI_NR_CALLS];
const struct vmi_rom *vmi_cur;
static u8 rom_data[VMI_ROM_MAX_DATA] __attribute__((aligned(4096)));

static const char *const type_names[] = { "NONE", "CALL_REL", "JUMP_REL", "NOP", "INLINE" };

const void *vmi_entry(unsigned int call)
{
	const struct vmi_reloc *r = &vmi_relocs[call];

	if (!vmi_cur || call >= vmi_cur->nr_calls || r->type == VMI_RELOC_NONE ||
	    r->type == VMI_RELOC_NOP)
		return NULL;
	return vmi_rom_area + r->entry_off;
}

/* Fill the slot of a call that has a pvops op of its own. */
static void bind_op(unsigned int call, struct pvops_ops *ops)
{
	const void **slot = (const void **)ops + vmi_calls[call].op;
	const struct vmi_reloc *r = &vmi_relocs[call];

	if (r->type == VMI_RELOC_NONE)
		return;		/* the native code stays */
	/* The CALLEE and JUMP slot wrappers are one pointer too. */
	*slot = r->type == VMI_RELOC_NOP ? NULL : vmi_entry(call);
}

/* How the ROM took each call, a line per relocation type (wrapped at 96 columns). */
static void summary(const struct vmi_rom *rom)
{
	unsigned int type, call;

	for (type = 0; type <= VMI_RELOC_MAX; type++) {
		char line[100];
		u64 n = 0;

		for (call = 0; call < rom->nr_calls; call++) {
			const char *name = vmi_calls[call].name;

			if (vmi_relocs[call].type != type)
				continue;
			if (n && n + 1 + pvops_strlen(name) > 90) {
				pvops_log("%s\n", line);
				n = 0;
			}
			if (!n)
				n = (u64)pvops_snprintf(line, sizeof(line), "vmi: %-8s",
							 type_names[type]);
			n += (u64)pvops_snprintf(line + n, sizeof(line) - n, " %s", name);
		}
		if (n)
			pvops_log("%s\n", line);
	}
}

int vmi_bind(const struct vmi_rom *rom, struct pvops_ops *ops)
{
	const struct pvops_env *env = pvops_cur_env();
	struct vmi_init_args args = {
		.size = sizeof(args), .major = VMI_ABI_MAJOR, .minor = VMI_ABI_MINOR,
		.rom_pa = rom->pa,
	};
	vmi_get_reloc_fn get_reloc;
	vmi_init_fn init;
	unsigned int call;
	u64 data_va;
	int ret;

	pvops_memcpy(vmi_rom_area, rom->image, rom->size);
	pvops_memset(rom_data, 0, sizeof(rom_data));
	data_va = rom->data_size ? (u64)(uptr)rom_data : 0;
	pvops_memcpy(vmi_rom_area + VMI_ROM_OFF_DATA_VA, &data_va, sizeof(data_va));
	init = (vmi_init_fn)(uptr)(vmi_rom_area + VMI_ROM_OFF_INIT);
	get_reloc = (vmi_get_reloc_fn)(uptr)(vmi_rom_area + VMI_ROM_OFF_GET_RELOC);
	(void)env;

	ret = init(&args);
	if (ret) {
		vmi_reject(rom->pa, "vmi_init() failed: %d", ret);
		return -PVOPS_EIO;
	}
	for (call = 0; call < rom->nr_calls; call++) {
		struct vmi_reloc *r = &vmi_relocs[call];

		pvops_memset(r, 0, sizeof(*r));
		ret = get_reloc(call, r);
		if (ret) {
			vmi_reject(rom->pa, "get_reloc(%u) failed: %d", call, ret);
			return -PVOPS_EIO;
		}
		if (!vmi_reloc_ok(rom, call, r))
			return -PVOPS_EINVAL;
	}
	vmi_cur = rom;
	for (call = 0; call < rom->nr_calls; call++)
		if (vmi_calls[call].op >= 0)
			bind_op(call, ops);
	ret = vmi_wrap_fill(ops);
	if (ret) {
		vmi_cur = NULL;
		return ret;
	}
	vmi_smp_fill(ops);
	summary(rom);
	return 0;
}
