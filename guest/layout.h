/* SPDX-License-Identifier: MIT */
/* The reference guest's address-space layout (C, assembly, linker script). */
#ifndef GUEST_LAYOUT_H
#define GUEST_LAYOUT_H

/* Physical load address of the image; the kernel runs at VA = PA + KERNEL_VBASE. */
#define KERNEL_PHYS 0x200000
#define KERNEL_VBASE 0xffffffff80000000
/* All RAM is mapped here (PML4 slot 273), as in Linux. */
#define DIRECT_MAP_BASE 0xffff888000000000
#define BOOT_MAP_LIMIT (4ULL << 30)	/* head.S maps the first 4 GiB at DIRECT_MAP_BASE */
/* map_mmio() hands out addresses from here (PML4 slot 402). */
#define MMIO_BASE 0xffffc90000000000
/* Scratch addresses for the tests (PML4 slot 320). */
#define SCRATCH_BASE 0xffffa00000000000

/* Each CPU's stack block, aligned to its size; struct cpu sits at its bottom. */
#define CPU_STACK_SIZE 0x8000
/* Where smp.cpu_up may start CPUs (PVOPS_TRAMPOLINE_SIZE bytes, below 1 MiB). */
#define TRAMPOLINE_PA 0x90000

/* How the kernel was entered: guest_main's first argument. */
#define BOOT_PROTO_PVH 1
#define BOOT_PROTO_MB2 2
#define BOOT_PROTO_XEN_PV 3

#endif
