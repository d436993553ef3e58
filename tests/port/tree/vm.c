/* Page tables: the kernel's own entry type, raw uint64_t, a walk, compound stores. */
#include "cpu.h"

typedef u64 pml4e_t;
typedef unsigned long long uint64_t;
typedef struct { u64 v; } frame_t;

#define PG_PRESENT 0x1
#define PG_WRITE 0x2
#define PG_USER 0x4
#define ADDR(e) ((e) & ~0xfffULL)

extern void *alloc_page(void);
extern u64 virt_to_phys(void *);
extern uint64_t *pte_walk(pml4e_t *root, u64 va, int create);
extern void memset(void *, int, unsigned long);

int map(pml4e_t *root, u64 va, u64 pa)
{
	uint64_t *e = pte_walk(root, va, 1);
	uint64_t *table;

	if (!e)
		return -1;
	if (*e & PG_PRESENT)
		return -2;
	*e = pa | PG_PRESENT | PG_WRITE;
	table = alloc_page();
	memset(table, 0, 4096);
	root[511] = virt_to_phys(table) | 3;
	return 0;
}

void protect(pml4e_t *root, u64 va)
{
	uint64_t *e = pte_walk(root, va, 0);

	*e &= ~(uint64_t)PG_WRITE;
	*e |= PG_USER;
	root[0] ^= PG_USER;
}

u64 lookup(pml4e_t *root, int i)
{
	if (!(root[i] & PG_PRESENT))
		return 0;
	return ADDR(root[i]);
}

void from_cr3(void)
{
	uint64_t *top = (uint64_t *)(read_cr3() + 0xffff800000000000ULL);

	top[256] = 0;
}

void not_entries(uint64_t *counters, frame_t *f)
{
	counters[0] = 5;
	counters[1] |= 2;
	f->v = 7;
}

void new_root(pml4e_t *root)
{
	memset(root, 0, 4096);
}
