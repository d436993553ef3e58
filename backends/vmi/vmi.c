// SPDX-License-Identifier: MIT
/*
 * The VMI backend: the paravirtual implementation comes from a ROM the
 * hypervisor supplies (spec/VMI.md). It starts from the native ops and
 * lets the ROM take each call it offers: directly into the op's slot and
 * sites (CALL_REL, JUMP_REL, INLINE bytes, NOP) or through a wrapper.
 * Calls the ROM answers NONE keep the native code. A ROM with any defect
 * is refused in one line and the kernel runs native.
 *
 * Priority 2: above native, below a hypervisor that names itself in CPUID
 * (its own backend knows it better); pvops=vmi chooses the ROM anyway.
 */
#include "vmi.h"
#include <pvops/fmt.h>

static struct vmi_rom found;
static bool scanned, present;

static u16 off16(unsigned int off)
{
	return (u16)(vmi_rom_area[off] | vmi_rom_area[off + 1] << 8);
}

/*
 * Option ROMs exist only where a BIOS ran, and a BIOS fills its data area:
 * the base memory size at 0x413 (KiB, at most 640). Without it (a PVH
 * domain with no firmware, where each read of the empty option-ROM area is
 * an exit to the hypervisor: 96 of them, 20 ms of a nested boot here) the
 * area is not scanned.
 */
static bool bios_ran(const struct pvops_env *env)
{
	const volatile u16 *kib;

	if (!env || !env->phys_to_virt || env->entry == PVOPS_ENTRY_XEN_PV)
		return false;
	kib = env->phys_to_virt(0x413);
	if (kib && *kib && *kib <= 640)
		return true;
	/* Entered by a firmware's loader with no BIOS behind it: UEFI (spec/VMI.md 1). */
	if (env->entry == PVOPS_ENTRY_MULTIBOOT2 || env->entry == PVOPS_ENTRY_MULTIBOOT1)
		pvops_log("vmi: no BIOS data area (0x413 reads %u KiB): no option-ROM scan; "
			  "VMI 4.1 ROMs are BIOS-only\n", kib ? *kib : 0);
	return false;
}

static u32 vmi_detect(void)
{
	if (!scanned) {
		scanned = true;
		present = bios_ran(pvops_cur_env()) && !vmi_scan(&found);
	}
	return present ? PVOPS_PRIO_PROBED : PVOPS_PRIO_ABSENT;
}

static int vmi_init(struct pvops_ops *ops, const struct pvops_env *env)
{
	struct pvops_vmi_info info;
	int ret;

	(void)env;
	if (!vmi_detect())
		return -PVOPS_ENODEV;
	pvops_native_fill(ops);
	pvops_native_serial_init();
	pvops_native_time_init();
	ret = vmi_bind(&found, ops);
	if (ret)
		return ret;
	pvops_vmi_get_info(&info);
	pvops_log("vmi: ROM \"%s\" %u.%u at %#llx, %u bytes, license %s; %u calls asked, "
		  "cycle counter %llu Hz\n", info.name, info.major, info.minor, info.rom_pa,
		  info.rom_size, info.license, info.nr_calls, info.cycle_hz);
	return 0;
}

/* INLINE: the ROM's bytes at the sites of an op whose slot holds its entry. */
static unsigned int vmi_patch(unsigned int op, const void *fn, u8 *buf, unsigned int max)
{
	unsigned int call;

	for (call = 0; vmi_cur && call < vmi_cur->nr_calls; call++) {
		const struct vmi_reloc *r = &vmi_relocs[call];

		if (vmi_calls[call].op != (int)op || r->type != VMI_RELOC_INLINE ||
		    fn != vmi_entry(call))
			continue;
		if (r->len > max)
			return 0;	/* a call to the entry instead */
		pvops_memcpy(buf, vmi_rom_area + r->bytes_off, r->len);
		return r->len;
	}
	return pvops_native_patch(op, fn, buf, max);
}

int pvops_vmi_get_info(struct pvops_vmi_info *info)
{
	unsigned int call;

	if (!vmi_cur)
		return -PVOPS_ENODEV;
	pvops_memset(info, 0, sizeof(*info));
	info->rom_pa = vmi_cur->pa;
	info->rom_size = vmi_cur->size;
	info->major = vmi_cur->major;
	info->minor = vmi_cur->minor;
	info->nr_calls = vmi_cur->nr_calls;
	info->copy = vmi_rom_area;
	info->license = (const char *)vmi_rom_area + off16(VMI_ROM_OFF_LICENSE);
	info->name = off16(VMI_ROM_OFF_NAME) ? (const char *)vmi_rom_area +
		off16(VMI_ROM_OFF_NAME) : "";
	info->cycle_hz = vmi_cycle_hz();
	for (call = 0; call < vmi_cur->nr_calls; call++)
		info->relocs[vmi_relocs[call].type]++;
	return 0;
}

int pvops_vmi_reloc(unsigned int call, struct vmi_reloc *out)
{
	if (!vmi_cur)
		return -PVOPS_ENODEV;
	if (call >= vmi_cur->nr_calls)
		return -PVOPS_EINVAL;
	*out = vmi_relocs[call];
	return 0;
}

struct pvops_feature vmi_features[VMI_NR_FEATURES] = {
	[VMI_F_SET_AP_STATE] = { .name = "set-ap-state" },	/* smp.cpu_up through the ROM (4.1) */
};
struct pvops_counter vmi_counters[VMI_NR_COUNTERS] = {
	[VMI_C_AP_STARTS] = { .name = "ap_starts" },	/* CPUs started through set_ap_state */
};

static const struct pvops_backend vmi_backend = {
	.name = "vmi",
	.abi_major = PVOPS_ABI_MAJOR,
	.abi_minor = PVOPS_ABI_MINOR,
	.caps = PVOPS_CAP_LARGE_PAGES | PVOPS_CAP_WRITABLE_PT | PVOPS_CAP_PRIVILEGED,
	.detect = vmi_detect,
	.init = vmi_init,
	.patch = vmi_patch,
	.features = vmi_features,
	.nr_features = VMI_NR_FEATURES,
	.counters = vmi_counters,
	.nr_counters = VMI_NR_COUNTERS,
};
PVOPS_BACKEND(vmi_backend);
