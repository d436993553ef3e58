; NASM: ';' starts a comment here (this one says cli, in and out: not code)
[bits 32]
start:
    mov eax, cr4
    or eax, 1 << 5
    mov cr4, eax
    lgdt [gdt64.pointer]
[bits 64]
long_mode:
    cli
    hlt
    iretq
