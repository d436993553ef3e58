// SPDX-License-Identifier: MIT
/*
 * Read an ELF image for the launcher: its loadable segments and its PVH
 * entry. Every offset and size is checked against the file before use.
 */
#include "elf_image.h"
#include <elf.h>
#include <xen/elfnote.h>

static bool in_file(u64 off, u64 len, u64 size)
{
	return off <= size && len <= size - off;
}

/* The PHYS32_ENTRY note in [off, off + len), if any. */
static int scan_notes(const struct elf_image *img, u64 off, u64 len, u64 *entry,
		      const char **why)
{
	u64 end = off + len;

	while (off + sizeof(Elf64_Nhdr) <= end) {
		Elf64_Nhdr nh;	/* copied: a segment may start at any offset of the file */
		const Elf64_Nhdr *n = &nh;
		u64 name, desc, d;

		__builtin_memcpy(&nh, img->data + off, sizeof(nh));
		name = (n->n_namesz + 3) & ~3ULL;
		desc = (n->n_descsz + 3) & ~3ULL;
		d = off + sizeof(*n) + name;

		if (name > end - off - sizeof(*n) || desc > end - d) {
			*why = "a note runs past its segment";
			return -1;
		}
		if (n->n_namesz == 4 && !__builtin_memcmp(img->data + off + sizeof(*n), "Xen", 4) &&
		    n->n_type == XEN_ELFNOTE_PHYS32_ENTRY) {
			u32 e32;

			if (n->n_descsz == 4) {
				__builtin_memcpy(&e32, img->data + d, 4);
				*entry = e32;
			} else if (n->n_descsz == 8) {
				__builtin_memcpy(entry, img->data + d, 8);
			}
		}
		off = d + desc;
	}
	return 0;
}

int elf_parse(const void *data, u64 size, struct elf_image *img, const char **why)
{
	Elf64_Ehdr ehv;
	const Elf64_Ehdr *eh = &ehv;
	u32 i;

	__builtin_memset(img, 0, sizeof(*img));
	img->data = data;
	img->size = size;
	if (!data || size < sizeof(*eh)) {
		*why = "not an ELF file";
		return -1;
	}
	__builtin_memcpy(&ehv, data, sizeof(ehv));	/* headers copied: any alignment */
	if (__builtin_memcmp(eh->e_ident, ELFMAG, SELFMAG)) {
		*why = "not an ELF file";
		return -1;
	}
	if (eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh->e_machine != EM_X86_64 || eh->e_type != ET_EXEC) {
		*why = "not a 64-bit x86-64 executable";
		return -1;
	}
	if (eh->e_phentsize != sizeof(Elf64_Phdr) || !eh->e_phnum ||
	    !in_file(eh->e_phoff, (u64)eh->e_phnum * sizeof(Elf64_Phdr), size)) {
		*why = "program headers outside the file";
		return -1;
	}
	for (i = 0; i < eh->e_phnum; i++) {
		Elf64_Phdr phv;
		const Elf64_Phdr *ph = &phv;

		__builtin_memcpy(&phv, (const u8 *)data + eh->e_phoff + (u64)i * sizeof(phv), sizeof(phv));

		if (ph->p_type != PT_LOAD && ph->p_type != PT_NOTE)
			continue;
		if (!in_file(ph->p_offset, ph->p_filesz, size) || ph->p_filesz > ph->p_memsz) {
			*why = "a segment lies outside the file";
			return -1;
		}
		if (ph->p_type == PT_NOTE) {
			if (scan_notes(img, ph->p_offset, ph->p_filesz, &img->phys_entry, why))
				return -1;
			continue;
		}
		if (!ph->p_memsz)
			continue;
		if (img->nr_load == ELF_MAX_LOAD) {
			*why = "too many loadable segments";
			return -1;
		}
		if (ph->p_paddr + ph->p_memsz < ph->p_paddr) {
			*why = "a segment wraps around the address space";
			return -1;
		}
		img->load[img->nr_load++] = (struct elf_load){
			.paddr = ph->p_paddr, .offset = ph->p_offset,
			.filesz = ph->p_filesz, .memsz = ph->p_memsz,
		};
		if (ph->p_paddr + ph->p_memsz > img->phys_end)
			img->phys_end = ph->p_paddr + ph->p_memsz;
	}
	if (!img->nr_load) {
		*why = "no loadable segment";
		return -1;
	}
	if (!img->phys_entry) {
		*why = "no PVH entry note (XEN_ELFNOTE_PHYS32_ENTRY)";
		return -1;
	}
	return 0;
}
