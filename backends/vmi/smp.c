// SPDX-License-Identifier: MIT
/*
 * smp.cpu_up through the ROM's set_ap_state (VMI 4.1, spec/VMI.md section
 * 6.7): the native start-up sequence, with the ROM told between INIT and
 * STARTUP where the new CPU is to begin: 64-bit mode at vmi_ap_entry, on
 * the kernel's stack and page tables, the caller's CR0, CR4 and EFER, and
 * the native landing GDT. The kernel's trampoline is the ROM's scratch. A ROM that answers set_ap_state NONE (4.0, or a ROM that does
 * not offer it) leaves cpu_up native; one that refuses a state fails the
 * call with its error named, and the CPU stays waiting after INIT.
 */
#include "vmi.h"
#include <pvops/calls.h>

typedef int (*set_ap_state_fn)(u32 apic_id, const struct vmi_ap_state *state);

static set_ap_state_fn rom_set_ap_state;

/* rdi = boot, rsi = cpu, rdx = started, rsp = the stack (16-byte aligned). */
extern const char vmi_ap_entry[];
__asm__(".pushsection .text\n\t"
	".globl vmi_ap_entry\n"
	"vmi_ap_entry:\n\t"
	PVOPS_ENDBR_STR
	"xorl %ebp, %ebp\n\t"
	"call pvops_ap_run\n\t"
	"ud2\n\t"
	".popsection");

struct start {
	u32 cpu;
	const struct pvops_ap_boot *boot;
	u64 scratch_pa;
	void *scratch_va;
};

static int tell_rom(volatile u32 *started, void *p)
{
	const struct start *s = p;
	const struct pvops_desc_ptr *gdt = pvops_native_ap_gdt();
	struct vmi_ap_state st = {
		.size = sizeof(st),
		.rip = (u64)(uptr)vmi_ap_entry,
		.rsp = s->boot->stack_top & ~15ULL,
		.rdi = (u64)(uptr)s->boot,
		.rsi = s->cpu,
		.rdx = (u64)(uptr)started,
		.cr0 = pvops_cpu_read_cr0(),
		.cr3 = pvops_mmu_read_cr3(),
		.cr4 = pvops_cpu_read_cr4(),
		.efer = pvops_cpu_read_msr(0xc0000080),
		.gdt_base = gdt->base,
		.gdt_limit = gdt->limit,
		.cs = 0x08,
		.ds = 0x10,
		.scratch_pa = s->scratch_pa,
		.scratch_va = (u64)(uptr)s->scratch_va,
	};
	int rc = rom_set_ap_state(s->cpu, &st);

	if (rc) {
		pvops_log("vmi: cpu_up(%u): the ROM's set_ap_state() refused the state: %d\n",
			  s->cpu, rc);
		return -PVOPS_EIO;
	}
	return 0;
}

static int vmi_cpu_up(u32 cpu, const struct pvops_ap_boot *boot)
{
	const struct pvops_env *env = pvops_cur_env();
	struct start s = { .cpu = cpu, .boot = boot };
	int rc;

	if (!boot || !boot->entry || !boot->stack_top || cpu > PVOPS_MAX_CPU_ID)
		return -PVOPS_EINVAL;
	/* Checked by pvops_native_start_cpu before tell_rom runs. */
	s.scratch_pa = env ? env->trampoline_pa : 0;
	s.scratch_va = env && s.scratch_pa ? env->phys_to_virt(s.scratch_pa) : NULL;
	rc = pvops_native_start_cpu(cpu, tell_rom, &s);
	if (!rc)
		pvops_count(&vmi_counters[VMI_C_AP_STARTS]);
	return rc;
}

_Static_assert(PVOPS_TRAMPOLINE_SIZE >= VMI_AP_SCRATCH_SIZE, "the trampoline is the scratch");

void vmi_smp_fill(struct pvops_ops *ops)
{
	rom_set_ap_state = vmi_entry(VMI_CALL_set_ap_state);
	if (rom_set_ap_state)
		ops->smp_cpu_up = vmi_cpu_up;
	pvops_feature_set(&vmi_features[VMI_F_SET_AP_STATE], rom_set_ap_state != NULL,
			  "the ROM answers set_ap_state NONE (VMI 4.0): native start-up");
}
