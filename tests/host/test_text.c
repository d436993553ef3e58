// SPDX-License-Identifier: MIT
/* Command-line lookup and the formatter. */
#include "tap.h"
#include "internal.h"

static int find(const char *cl, const char *key, char *val)
{
	const char *v;
	u32 len;

	if (!pvops_cmdline_find(cl, key, &v, &len))
		return 0;
	memcpy(val, v, len);
	val[len] = '\0';
	return 1;
}

int main(void)
{
	char v[64], buf[64];

	OK(find("pvops=xen foo", "pvops", v) && !strcmp(v, "xen"), "key=value first");
	OK(find("a=1  pvops=native", "pvops", v) && !strcmp(v, "native"), "key=value last");
	OK(find("pvops", "pvops", v) && !strcmp(v, ""), "bare key");
	OK(!find("pvopsx=1 xpvops=2", "pvops", v), "prefix and suffix do not match");
	OK(!find("", "pvops", v) && !find(NULL, "pvops", v), "empty and NULL command lines");
	OK(find("pvops= x", "pvops", v) && !strcmp(v, ""), "empty value");

	pvops_snprintf(buf, sizeof(buf), "%d %u %x %#llx %s|%5s|%-4s|", -42, 7u, 255u,
		       0xabcULL, "s", "r", "l");
	OK(!strcmp(buf, "-42 7 ff 0xabc s|    r|l   |"), "formats: %s", buf);
	pvops_snprintf(buf, sizeof(buf), "%08x %.*s %lld %c%%", 0x1234u, 3, "abcdef",
		       (long long)-9000000000LL, 'z');
	OK(!strcmp(buf, "00001234 abc -9000000000 z%"), "formats: %s", buf);
	OK(pvops_snprintf(buf, 4, "%s", "truncated") == 9 && !strcmp(buf, "tru"),
	   "truncates and returns the full length");
	return tap_done();
}
