/* SPDX-License-Identifier: MIT */
/*
 * VMware's guest interface as far as this backend uses it. No packaged
 * header defines it (open-vm-tools' backdoor_def.h and Linux's
 * arch/x86/kernel/cpu/vmware.c are the references): the backdoor is an
 * `in` from port 0x5658 ("VX") with EAX = 0x564D5868 ("VMXh") and ECX =
 * the command; the hypervisor answers in the registers.
 */
#ifndef PVOPS_VMWARE_BACKDOOR_H
#define PVOPS_VMWARE_BACKDOOR_H

#include <pvops/backend.h>
#include <pvops/vmware.h>

#define VMW_SIGNATURE "VMwareVMware"
#define VMW_MAGIC 0x564D5868U	/* "VMXh" */
#define VMW_PORT 0x5658		/* "VX" */

#define VMW_CMD_GETVERSION 10	/* EAX version, EBX the magic */
#define VMW_CMD_GETHZ 45	/* EBX:EAX TSC Hz (EBX ~0: not offered), ECX APIC bus Hz */
#define VMW_CMD_STEALCLOCK 91	/* ESI:EDI the area's physical address (0:1 disables) */

/* STEALCLOCK's answer in EAX. */
#define VMW_STEALCLOCK_NOT_AVAILABLE 0xffffffffU
#define VMW_STEALCLOCK_DISABLED 0
#define VMW_STEALCLOCK_ENABLED 1

/* The per-vCPU steal clock: nanoseconds not run while runnable. 64 bytes. */
struct vmw_steal_time {
	u64 clock;
	u64 reserved[7];
};

/* The backdoor itself: regs in and out. */
static inline void vmw_backdoor(struct pvops_vmware_regs *r)
{
	__asm__ volatile("inl (%%dx), %%eax"
			 : "+a"(r->eax), "+b"(r->ebx), "+c"(r->ecx), "+d"(r->edx), "+S"(r->esi),
			   "+D"(r->edi)
			 :
			 : "memory");
}

#endif
