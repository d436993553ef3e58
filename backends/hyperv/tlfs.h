/* SPDX-License-Identifier: MIT */
/*
 * The Hyper-V guest interface the hyperv backend uses, written from
 * Microsoft's Hypervisor Top-Level Functional Specification (TLFS, the
 * learn.microsoft.com "virtualization/hyper-v-on-windows/tlfs" pages, and
 * the TLFS 6.0b document). Each group names the TLFS page and section it
 * comes from. Hyper-V ships no headers a C program could include, so this
 * is the one place its numbers are written down.
 */
#ifndef PVOPS_HYPERV_TLFS_H
#define PVOPS_HYPERV_TLFS_H

#include <pvops/types.h>

/* ---- TLFS "Feature Discovery": "Hypervisor CPUID Leaves" -------------------- */
#define HV_CPUID_VENDOR		0x40000000	/* EAX max leaf; EBX:ECX:EDX "Microsoft Hv" */
#define HV_CPUID_INTERFACE	0x40000001	/* EAX interface signature */
#define HV_CPUID_VERSION	0x40000002
#define HV_CPUID_FEATURES	0x40000003
#define HV_CPUID_RECOMMENDATIONS 0x40000004
#define HV_CPUID_LIMITS		0x40000005
#define HV_VENDOR_SIGNATURE	"Microsoft Hv"
#define HV_INTERFACE_SIGNATURE	0x31237648	/* "Hv#1" */

/* "Partition Privilege Flags": leaf 0x40000003 EAX (access to synthetic MSRs). */
#define HV_ACCESS_VP_RUNTIME		(1U << 0)
#define HV_ACCESS_TIME_REF_COUNT	(1U << 1)
#define HV_ACCESS_SYNIC_REGS		(1U << 2)
#define HV_ACCESS_SYNTHETIC_TIMER_REGS	(1U << 3)
#define HV_ACCESS_INTR_CTRL_REGS	(1U << 4)	/* EOI/ICR/TPR and VP assist page */
#define HV_ACCESS_HYPERCALL_MSRS	(1U << 5)	/* GUEST_OS_ID and HYPERCALL */
#define HV_ACCESS_VP_INDEX		(1U << 6)
#define HV_ACCESS_RESET			(1U << 7)
#define HV_ACCESS_PARTITION_REF_TSC	(1U << 9)
#define HV_ACCESS_GUEST_IDLE		(1U << 10)
#define HV_ACCESS_FREQUENCY_MSRS	(1U << 11)

/* "Feature Discovery": leaf 0x40000003 EDX (miscellaneous features). */
#define HV_FEATURE_GUEST_IDLE_STATE	(1U << 5)
#define HV_FEATURE_FREQUENCY_MSRS	(1U << 8)
#define HV_FEATURE_GUEST_CRASH_MSRS	(1U << 10)

/* "Implementation Recommendations": leaf 0x40000004 (EBX: spin retries, ~0 = never). */
#define HV_HINT_LOCAL_FLUSH_HYPERCALL	(1U << 1)
#define HV_HINT_REMOTE_FLUSH_HYPERCALL	(1U << 2)
#define HV_HINT_APIC_MSRS		(1U << 3)
#define HV_HINT_CLUSTER_IPI		(1U << 10)
#define HV_HINT_EX_PROCESSOR_MASKS	(1U << 11)

/* ---- TLFS "Hypercall Interface": "Establishing the Hypercall Interface" ----- */
#define HV_MSR_GUEST_OS_ID	0x40000000
#define HV_MSR_HYPERCALL	0x40000001	/* bit 0 enable; bits 63:12 page GPA */
#define HV_HYPERCALL_ENABLE	(1ULL << 0)
/* "Reporting the Guest OS Identity", open-source format: bit 63, OS type in 62:56. */
#define HV_GUEST_ID_OPEN_SOURCE	(1ULL << 63)
#define HV_GUEST_ID_OS_TYPE_SHIFT 56
#define HV_GUEST_ID_VERSION_SHIFT 16

/* "Virtual Processor Index" (TLFS "Virtual Processors"). */
#define HV_MSR_VP_INDEX		0x40000002

/* ---- TLFS "Timers": "Reference Counter" and "Partition Reference Time Enlightenment" */
#define HV_MSR_TIME_REF_COUNT	0x40000020	/* 100 ns units, read-only */
#define HV_MSR_REFERENCE_TSC	0x40000021	/* bit 0 enable; bits 63:12 page GPA */
#define HV_REFERENCE_TSC_ENABLE	(1ULL << 0)
#define HV_MSR_TSC_FREQUENCY	0x40000022	/* Hz ("Feature Discovery": frequency MSRs) */
#define HV_MSR_APIC_FREQUENCY	0x40000023

/* "Reference TSC Page": time = ((tsc * scale) >> 64) + offset, in 100 ns units. */
struct hv_reference_tsc_page {
	u32 tsc_sequence;	/* 0: the page is not valid, use TIME_REF_COUNT */
	u32 reserved1;
	u64 tsc_scale;
	s64 tsc_offset;
	u64 reserved2[509];
};
_Static_assert(sizeof(struct hv_reference_tsc_page) == 4096, "one page");

/* ---- TLFS "Virtual Interrupt Controller": "Synthetic APIC registers" --------- */
#define HV_MSR_EOI		0x40000070	/* write-only */
#define HV_MSR_ICR		0x40000071	/* ICR2 in bits 63:32 */
#define HV_MSR_TPR		0x40000072
#define HV_MSR_VP_ASSIST_PAGE	0x40000073	/* bit 0 enable; bits 63:12 page GPA */
#define HV_VP_ASSIST_PAGE_ENABLE (1ULL << 0)
/* "EOI Assist": the first word of the VP assist page; bit 0 set = EOI may be skipped. */
#define HV_APIC_ASSIST_NO_EOI	(1U << 0)

/* ---- TLFS "Synthetic Interrupt Controller (SynIC)" ---------------------------- */
#define HV_MSR_SCONTROL		0x40000080	/* bit 0 enable */
#define HV_MSR_SIMP		0x40000083	/* message page: bit 0 enable; 63:12 GPA */
#define HV_MSR_EOM		0x40000084
#define HV_MSR_SINT0		0x40000090	/* SINTx = SINT0 + x */
#define HV_SINT_MASKED		(1ULL << 16)
#define HV_SINT_AUTO_EOI	(1ULL << 17)
#define HV_SYNIC_SINT_COUNT	16

/* "SynIC Message Buffer": 16 slots of 256 bytes in the message page. */
struct hv_message_header {
	u32 message_type;	/* HV_MESSAGE_NONE: the slot is free */
	u8 payload_size;
	u8 message_flags;	/* bit 0: another message is pending (write EOM) */
	u8 reserved[2];
	u64 origin;
};
struct hv_message {
	struct hv_message_header header;
	u64 payload[30];
};
_Static_assert(sizeof(struct hv_message) == 256, "message slot");
#define HV_MESSAGE_NONE			0x00000000
#define HV_MESSAGE_TIMER_EXPIRED	0x80000010
#define HV_MESSAGE_FLAG_PENDING		(1U << 0)

/* ---- TLFS "Timers": "Synthetic Timers" ------------------------------------------ */
#define HV_MSR_STIMER0_CONFIG	0x400000b0	/* timer n: CONFIG at +2n, COUNT at +2n+1 */
#define HV_MSR_STIMER0_COUNT	0x400000b1
#define HV_STIMER_ENABLE	(1ULL << 0)
#define HV_STIMER_PERIODIC	(1ULL << 1)
#define HV_STIMER_LAZY		(1ULL << 2)
#define HV_STIMER_AUTO_ENABLE	(1ULL << 3)
#define HV_STIMER_SINTX_SHIFT	16	/* bits 19:16, message mode */

/* ---- TLFS "Virtual Processors": "Guest Idle" ------------------------------------ */
#define HV_MSR_GUEST_IDLE	0x400000f0	/* reading it idles the VP until an interrupt */

/* ---- TLFS "Partition Crash Enlightenment" (feature "guest crash MSRs") ----------- */
#define HV_MSR_CRASH_P0		0x40000100	/* P0..P4 */
#define HV_MSR_CRASH_CTL	0x40000105
#define HV_CRASH_CTL_NOTIFY	(1ULL << 63)

/* ---- TLFS "Hypercall Interface": "Hypercall Inputs" and "Hypercall Outputs" ----- */
#define HV_HYPERCALL_FAST	(1ULL << 16)
#define HV_HYPERCALL_VARHEAD_SHIFT 17	/* variable header size, in 8-byte units */
#define HV_HYPERCALL_REP_COUNT_SHIFT 32
#define HV_HYPERCALL_REP_START_SHIFT 48
#define HV_HYPERCALL_REP_MASK	0xfffULL
#define HV_HYPERCALL_STATUS(rax)	((u16)(rax))
#define HV_HYPERCALL_REPS_DONE(rax)	(((rax) >> 32) & HV_HYPERCALL_REP_MASK)

/* "Hypercall Status Codes" (TLFS appendix "Hypercall Status Codes"). */
#define HV_STATUS_SUCCESS			0x0000
#define HV_STATUS_INVALID_HYPERCALL_CODE	0x0002
#define HV_STATUS_INVALID_HYPERCALL_INPUT	0x0003
#define HV_STATUS_INVALID_ALIGNMENT		0x0004
#define HV_STATUS_INVALID_PARAMETER		0x0005
#define HV_STATUS_ACCESS_DENIED			0x0006
#define HV_STATUS_INVALID_PARTITION_STATE	0x0007
#define HV_STATUS_OPERATION_DENIED		0x0008
#define HV_STATUS_INSUFFICIENT_MEMORY		0x000b
#define HV_STATUS_INVALID_VP_INDEX		0x000e
#define HV_STATUS_INVALID_VP_STATE		0x0015
#define HV_STATUS_TIME_OUT			0x0078

/* Call codes ("Hypercall Reference" pages: one per hypercall). */
#define HVCALL_FLUSH_VIRTUAL_ADDRESS_SPACE	0x0002
#define HVCALL_FLUSH_VIRTUAL_ADDRESS_LIST	0x0003
#define HVCALL_NOTIFY_LONG_SPIN_WAIT		0x0008
#define HVCALL_SEND_SYNTHETIC_CLUSTER_IPI	0x000b
#define HVCALL_FLUSH_VIRTUAL_ADDRESS_SPACE_EX	0x0013
#define HVCALL_FLUSH_VIRTUAL_ADDRESS_LIST_EX	0x0014
#define HVCALL_SEND_SYNTHETIC_CLUSTER_IPI_EX	0x0015

/* "HvCallFlushVirtualAddressSpace" / "HvCallFlushVirtualAddressList" input. */
#define HV_FLUSH_ALL_PROCESSORS			(1ULL << 0)
#define HV_FLUSH_ALL_VIRTUAL_ADDRESS_SPACES	(1ULL << 1)
#define HV_FLUSH_NON_GLOBAL_MAPPINGS_ONLY	(1ULL << 2)
struct hv_flush_input {
	u64 address_space;	/* a CR3 value */
	u64 flags;
	u64 processor_mask;	/* bit n: VP index n (VPs 0-63) */
	u64 gva_list[];		/* list form: page | additional pages in bits 11:0 */
};

/* "HV_VP_SET" (sparse 4K banks) for the Ex forms, beyond 64 VPs. */
#define HV_GENERIC_SET_SPARSE_4K	0
#define HV_GENERIC_SET_ALL		1
struct hv_vp_set {
	u64 format;
	u64 valid_bank_mask;
	u64 bank_contents[];
};
struct hv_flush_input_ex {
	u64 address_space;
	u64 flags;
	struct hv_vp_set vp_set;
};

/* "HvCallSendSyntheticClusterIpi" input (the fast form passes it in RDX, R8). */
struct hv_send_ipi_input {
	u32 vector;		/* 0x10-0xff */
	u8 target_vtl;
	u8 reserved[3];
	u64 cpu_mask;
};

#endif /* PVOPS_HYPERV_TLFS_H */
