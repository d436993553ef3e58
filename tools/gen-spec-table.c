// SPDX-License-Identifier: MIT
/* Print the op table of spec/ABI.md, generated from spec/ops.def. */
#include <stdlib.h>
#include "../tests/host/spec_table.h"

int main(void)
{
	static char buf[1 << 16];

	spec_table(buf, sizeof(buf));
	fputs(buf, stdout);
	return 0;
}
