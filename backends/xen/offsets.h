/* SPDX-License-Identifier: MIT */
/*
 * Offsets into Xen structures for the backend's assembly. xen.c checks
 * each against Xen's own headers at build time.
 */
#ifndef PVOPS_XEN_OFFSETS_H
#define PVOPS_XEN_OFFSETS_H

/* struct vcpu_info, which starts shared_info (vcpu 0) */
#define XEN_VI_UPCALL_PENDING 0
#define XEN_VI_UPCALL_MASK 1
#define XEN_VI_CR2 16

#define XEN_HC_XEN_VERSION 17	/* __HYPERVISOR_xen_version */
#define XEN_HC_IRET 23		/* __HYPERVISOR_iret */

#endif
