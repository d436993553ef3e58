/* SPDX-License-Identifier: MIT */
/* The VMI backend's internals (backends/vmi/ only). */
#ifndef BACKENDS_VMI_H
#define BACKENDS_VMI_H

#include <pvops/backend.h>
#include <pvops/vmi.h>

/* The static facts of one call (spec/vmi-calls.def). */
struct vmi_call_info {
	const char *name;
	u8 minor;
	u8 returns;	/* kind R */
	u8 conv;	/* PVOPS_CONV_* */
	s16 op;		/* the pvops op it fills, or -1 (wrapped) */
};
extern const struct vmi_call_info vmi_calls[VMI_NR_CALLS];

/* A ROM that passed the header checks (scan.c). */
struct vmi_rom {
	u64 pa;
	const u8 *image;	/* the original, through the kernel's mapping */
	u32 size;
	u32 data_size;
	u16 hdr_len;
	u16 nr_calls;		/* asked: calls of min(ROM minor, guest minor) */
	u8 major, minor;
};

/* Scan the option-ROM area; 0 and *rom filled for the first good VMI ROM. */
int vmi_scan(struct vmi_rom *rom);
/* Copy, init and ask every call (bind.c); 0, or a defect already reported. */
int vmi_bind(const struct vmi_rom *rom, struct pvops_ops *ops);
/* Fill the slots of the calls the guest wraps (wrap.c). */
int vmi_wrap_fill(struct pvops_ops *ops);

u64 vmi_cycle_hz(void);
/* smp.cpu_up through set_ap_state, when the ROM offers it (smp.c). */
void vmi_smp_fill(struct pvops_ops *ops);

/* What the backend uses and counts: the descriptor's tables (vmi.c, <pvops/introspect.h>). */
enum { VMI_F_SET_AP_STATE, VMI_NR_FEATURES };
enum { VMI_C_AP_STARTS, VMI_NR_COUNTERS };
extern struct pvops_feature vmi_features[VMI_NR_FEATURES];
extern struct pvops_counter vmi_counters[VMI_NR_COUNTERS];

/* The copy and each call's validated relocation (bind.c). */
extern u8 vmi_rom_area[VMI_ROM_MAX_SIZE];
extern struct vmi_reloc vmi_relocs[VMI_NR_CALLS];
/* answers.c: the rules for one get_reloc() answer; false (said) refuses the ROM. */
bool vmi_reloc_ok(const struct vmi_rom *rom, unsigned int call, const struct vmi_reloc *r);
extern const struct vmi_rom *vmi_cur;
/* The entry of call in the copy, or NULL when it is NONE or NOP. */
const void *vmi_entry(unsigned int call);

/* One line naming the ROM and its defect: "vmi: ROM at 0x... rejected: ...". */
void vmi_reject(u64 pa, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
