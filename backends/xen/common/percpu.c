// SPDX-License-Identifier: MIT
/*
 * Per-vCPU state, both backends (struct xen_percpu in xen.h). A vCPU's
 * entry is filled by the backend's cpu_init on the vCPU itself (the boot
 * vCPU's by init): under PV its vcpu_info is the n-th in shared_info,
 * under HVM/PVH the one it registered.
 */
#include "xen.h"

/* In .data: vCPU 0's entry is set before the kernel clears its .bss (pv/early.c). */
struct xen_percpu xen_cpus[XEN_MAX_VCPUS] __attribute__((section(".data.pvops_xen_early")));
u8 xen_smp_started;
