// SPDX-License-Identifier: MIT
/*
 * The ops table. It sits alone in .data.pvops_ro, which the kernel's
 * linker script places where it is write-protected after pvops_init()
 * (PVOPS_RO_AFTER_INIT in <pvops/pvops.lds.h>).
 */
#include <pvops/ops.h>

struct pvops_ops pvops_ops __attribute__((section(".data.pvops_ro"), aligned(4096)));
