# SPDX-License-Identifier: MIT
"""What an inline-assembly statement does, and the pvops call that does it instead.

tools/port/asm.cocci hands every C statement Coccinelle parses to classify();
a statement that is a GCC asm (asm/__asm__/__asm, volatile or not, with or
without operands) is split into its instructions and operands and matched
against the privileged idioms below. The answer is a Finding: a rewrite (the
replacement statement), a note (rdtsc: is it a clock?) or a leftover (a
privileged instruction no rule covers, such as iretq or a CR2 write).

Operands are read from Coccinelle's token form, e.g.
    asm volatile ( "mov %0,%%cr3" : : "r" ( val ) ) ;
"""
import re

PRIVILEGED = re.compile(
    r"^(cli|sti|hlt|iret[qlw]?|sysret[ql]?|sysexit|popf[qlw]?|rdmsr|wrmsr|in[bwl]?|out[bwl]?|"
    r"ins[bwld]?|outs[bwld]?|lgdt[qlw]?|lidt[qlw]?|ltr[qlw]?|lldt[qlw]?|invlpg|invpcid|wbinvd|"
    r"invd|clts|lmsw|swapgs|xsetbv|monitor|mwait|wrfsbase|wrgsbase)$")
CR_RE = re.compile(r"%%?[cd]r([0-9])")


class Finding:
    """kind: 'rewrite', 'note' or 'left'; what: a short name; replacement: C or None."""

    def __init__(self, kind, what, replacement=None, why=""):
        self.kind, self.what, self.replacement, self.why = kind, what, replacement, why


class Operand:
    def __init__(self, constraint, expr):
        self.constraint, self.expr = constraint, expr

    def reg(self):
        """The register a constraint names (a, b, c, d, S, D, A), else ''."""
        c = self.constraint.lstrip("=+&")
        for r in "abcdSDA":
            if r in c:
                return r
        return ""


def _split_top(s, sep):
    """Split s at sep outside strings and parentheses."""
    out, depth, cur, q = [], 0, "", False
    i = 0
    while i < len(s):
        ch = s[i]
        if q:
            cur += ch
            if ch == "\\" and i + 1 < len(s):
                cur += s[i + 1]
                i += 1
            elif ch == '"':
                q = False
        elif ch == '"':
            q, cur = True, cur + ch
        elif ch in "([{":
            depth, cur = depth + 1, cur + ch
        elif ch in ")]}":
            depth, cur = depth - 1, cur + ch
        elif ch == sep and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
        i += 1
    out.append(cur)
    return out


def _strings(s):
    """The concatenated value of the string literals in s."""
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', s)
    return "".join(p.encode().decode("unicode_escape") for p in parts)


def _expr(s):
    """Coccinelle's spaced tokens back into plain C: ( x ) -> x."""
    s = s.strip()
    s = re.sub(r"\s*([()\[\]])\s*", r"\1", s)
    s = re.sub(r"\s*(->|\.)\s*", r"\1", s)
    s = re.sub(r"([*&!~])\s+(?=[\w(])", r"\1", s)
    while s.startswith("(") and s.endswith(")") and _balanced(s[1:-1]):
        s = s[1:-1].strip()
    return s


def _balanced(s):
    d = 0
    for ch in s:
        d += ch == "("
        d -= ch == ")"
        if d < 0:
            return False
    return d == 0


def _operands(s):
    ops = []
    for item in _split_top(s, ","):
        item = item.strip()
        if not item:
            continue
        m = re.match(r'^(\[\s*\w+\s*\]\s*)?"([^"]*)"\s*\((.*)\)$', item, re.S)
        if m:
            ops.append(Operand(m.group(2), _expr(m.group(3))))
    return ops


def parse(stmt):
    """(instructions, outputs, inputs) of an asm statement, or None."""
    m = re.match(r"^\s*(asm|__asm__|__asm)\b\s*((?:volatile|__volatile__|__volatile|goto|inline)\s*)*"
                 r"\((.*)\)\s*;?\s*$", stmt, re.S)
    if not m:
        return None
    parts = _split_top(m.group(3), ":")
    text = _strings(parts[0])
    outs = _operands(parts[1]) if len(parts) > 1 else []
    ins = _operands(parts[2]) if len(parts) > 2 else []
    insns = []
    for line in re.split(r"[;\n]", text):
        line = re.sub(r"\s+", " ", line.strip().lower())
        if line and not line.endswith(":"):
            insns.append(line)
    return insns, outs, ins


def _mnemonic(insn):
    words = insn.split(" ", 1)
    if words[0] in ("lock", "rep", "repe", "repz", "repne", "repnz") and len(words) > 1:
        w2 = words[1].split(" ", 1)
        return w2[0], (w2[1] if len(w2) > 1 else "")
    return words[0], (words[1] if len(words) > 1 else "")


def _operand_ref(tok, outs, ins):
    """The Operand that %N / %wN / %[name] / (%N) refers to, or None."""
    m = re.search(r"%[a-z]?(\d+)", tok)
    if not m:
        return None
    n = int(m.group(1))
    allops = outs + ins
    return allops[n] if n < len(allops) else None


def _by_reg(ops, r):
    for o in ops:
        if o.reg() == r:
            return o
    return None


def _tied(ins, outs, idx):
    """An input tied to output idx ("0", "1", ...)."""
    for o in ins:
        if o.constraint.strip() == str(idx):
            return o
    return None


def _in_reg(r, outs, ins):
    """The value that goes into register r: an input on r, a "+r" output, or a tied input."""
    o = _by_reg(ins, r)
    if o:
        return o.expr
    for i, out in enumerate(outs):
        if out.reg() == r:
            if "+" in out.constraint:
                return out.expr
            t = _tied(ins, outs, i)
            if t:
                return t.expr
    return None


WIDTH = {"b": (1, "b"), "w": (2, "w"), "l": (4, "l")}
CR_GROUP = {0: "cpu", 2: "mmu", 3: "mmu", 4: "cpu"}


def _port_io(op, data, port):
    """in/out of the width the suffix says, or, unsuffixed, of sizeof(data) (the assembler's
    choice from the register the operand's type gives)."""
    m = re.match(r"^(in|out)([bwl])?$", op)
    kind, suffix = m.group(1), m.group(2)
    call = {"in": "pvops_io_in%s(%s)", "out": "pvops_io_out%s(%s, %s)"}[kind]
    args = lambda w: (w, port) if kind == "in" else (w, port, data)
    if suffix:
        e = call % args(suffix)
    else:
        e = "sizeof(%s) == 1 ? %s : sizeof(%s) == 2 ? %s : %s" % (
            data, call % args("b"), data, call % args("w"), call % args("l"))
    return ("%s = %s;" % (data, e)) if kind == "in" else e + ";"


def _port(outs, ins):
    """The port: in %dx, or an immediate ("N")."""
    port = _in_reg("d", outs, ins)
    if port is None:
        port = next(o.expr for o in ins if "N" in o.constraint or "i" in o.constraint)
    return port


def _mem_arg(tok, outs, ins):
    """The address an operand gives: (%N) with a register, or %N with "m"."""
    o = _operand_ref(tok, outs, ins)
    if not o:
        return None
    if "(" in tok or not re.search(r"[mgoV]", o.constraint.lstrip("=+&")):
        return o.expr	# (%N): the operand is the address
    e = o.expr
    if e.startswith("*"):
        return e[1:].strip()
    return "&%s" % e


def _desc(what, expr):
    return "%s((const struct pvops_desc_ptr *)(%s));" % (what, expr)


def classify(stmt):
    p = parse(stmt)
    if p is None:
        return None
    insns, outs, ins = p
    if not insns:
        return None
    ops = [_mnemonic(i) for i in insns]
    names = [o[0] for o in ops]
    if names and names[0] == "cld":	# the string ops' usual prefix
        ops, names = ops[1:], names[1:]
    if not names:
        return None
    seq = " ; ".join(names)
    try:
        r = _rules(ops, names, seq, outs, ins)
    except (IndexError, AttributeError, TypeError):
        r = None
    if r:
        return r
    left = [n for n, a in ops if PRIVILEGED.match(n) or CR_RE.search(a)]
    if left:
        return Finding("left", " ".join(left), None, "no rule covers: " + "; ".join(insns))
    if any(n in ("rdtsc", "rdtscp") for n in names):
        return Finding("note", "rdtsc", None,
                       "rdtsc: where it serves as a clock, pvops_time_clock_ns() (ns) is the "
                       "paravirtual one; TSC ticks stay as they are (rate: pvops_time_tsc_khz())")
    if "pushf" in seq or "pushfq" in seq:
        return Finding("left", "pushf", None, "pushf in a form no rule covers: " + "; ".join(insns))
    return None


def _rules(ops, names, seq, outs, ins):
    R = lambda what, c: Finding("rewrite", what, c)
    if seq == "cli":
        return R("cli", "pvops_irq_disable();")
    if seq == "sti":
        return R("sti", "pvops_irq_enable();")
    if seq == "sti ; hlt":
        return R("sti; hlt", "pvops_irq_safe_halt();")
    if seq == "hlt":
        return R("hlt", "pvops_irq_halt();")
    if seq == "clts":
        return R("clts", "pvops_cpu_clts();")
    if seq == "wbinvd":
        return R("wbinvd", "pvops_cpu_wbinvd();")
    if re.match(r"^pushf[qlw]? ; pop[qlw]?( ; cli)?$", seq):
        o = _operand_ref(ops[1][1], outs, ins)
        c = "%s = pvops_irq_save_fl();" % o.expr
        if seq.endswith("cli"):
            return R("pushf; pop; cli", "{ %s pvops_irq_disable(); }" % c)
        return R("pushf; pop", c)
    if re.match(r"^push[qlw]? ; popf[qlw]?$", seq):
        o = _operand_ref(ops[0][1], outs, ins)
        return R("push; popf", "pvops_irq_restore_fl(%s);" % o.expr)
    if len(names) == 1 and names[0].startswith("mov") and CR_RE.search(ops[0][1]):
        args = [a.strip() for a in _split_top(ops[0][1], ",")]
        src, dst = args[0], args[1]
        m_src, m_dst = CR_RE.search(src), CR_RE.search(dst)
        if m_src:
            n = int(m_src.group(1))
            o = _operand_ref(dst, outs, ins)
            if n in CR_GROUP and o:
                return R("mov %%cr%d" % n, "%s = pvops_%s_read_cr%d();" % (o.expr, CR_GROUP[n], n))
        if m_dst:
            n = int(m_dst.group(1))
            o = _operand_ref(src, outs, ins)
            if n in (0, 3, 4) and o:
                return R("mov to %%cr%d" % n,
                         "pvops_%s_write_cr%d(%s);" % (CR_GROUP[n], n, o.expr))
        return None
    pre = re.match(r"^mov[lq]? ; (rdmsr|wrmsr)$", seq)
    if pre:	# the MSR number moved into %ecx inside the asm
        a = [x.strip() for x in _split_top(ops[0][1], ",")]
        if len(a) == 2 and re.match(r"^%%?[er]?cx$", a[1]):
            o = _operand_ref(a[0], outs, ins)
            if o:
                ins = ins + [Operand("c", o.expr)]
                return _rules(ops[1:], names[1:], pre.group(1), outs, ins)
        return None
    if seq == "rdmsr":
        msr = _in_reg("c", outs, ins)
        both = _by_reg(outs, "A")
        if both:
            return R("rdmsr", "%s = pvops_cpu_read_msr(%s);" % (both.expr, msr))
        lo, hi = _by_reg(outs, "a"), _by_reg(outs, "d")
        body = "pvops_u64 __pvops_msr = pvops_cpu_read_msr(%s);" % msr
        if lo:
            body += " %s = (__typeof__(%s))__pvops_msr;" % (lo.expr, lo.expr)
        if hi:
            body += " %s = (__typeof__(%s))(__pvops_msr >> 32);" % (hi.expr, hi.expr)
        return R("rdmsr", "{ %s }" % body)
    if seq == "wrmsr":
        msr = _in_reg("c", outs, ins)
        both = _by_reg(ins, "A")
        if both:
            return R("wrmsr", "pvops_cpu_write_msr(%s, %s);" % (msr, both.expr))
        lo, hi = _in_reg("a", outs, ins), _in_reg("d", outs, ins)
        return R("wrmsr", "pvops_cpu_write_msr(%s, ((pvops_u64)(%s) << 32) | (pvops_u32)(%s));"
                 % (msr, hi, lo))
    if seq == "invlpg":
        a = _mem_arg(ops[0][1], outs, ins)
        return R("invlpg", "pvops_mmu_flush_tlb_one((pvops_u64)(%s));" % a)
    if re.match(r"^l[gi]dt[qlw]?$", seq):
        a = _mem_arg(ops[0][1], outs, ins)
        fn = "pvops_cpu_load_gdt" if names[0].startswith("lgdt") else "pvops_cpu_load_idt"
        return R(names[0][:4], _desc(fn, a))
    if re.match(r"^ltr[w]?$", seq):
        o = _operand_ref(ops[0][1], outs, ins)
        return R("ltr", "pvops_cpu_load_tr(%s);" % o.expr)
    if re.match(r"^in[bwl]?$", seq):
        return R(names[0], _port_io(names[0], _by_reg(outs, "a").expr, _port(outs, ins)))
    if re.match(r"^out[bwl]?$", seq):
        return R(names[0], _port_io(names[0], _in_reg("a", outs, ins), _port(outs, ins)))
    m = re.match(r"^(ins|outs)([bwl])$", seq)
    if m:
        width = WIDTH[m.group(2)][0]
        port = _in_reg("d", outs, ins)
        cnt = _in_reg("c", outs, ins) or _by_reg(outs, "c").expr
        buf = _in_reg("D" if m.group(1) == "ins" else "S", outs, ins)
        if buf is None:
            buf = _by_reg(outs, "D" if m.group(1) == "ins" else "S").expr
        return R("rep " + seq, "pvops_io_%s(%s, %s, %s, %d);" % (m.group(1), port, buf, cnt, width))
    if seq == "cpuid":
        leaf = _in_reg("a", outs, ins)
        sub = _in_reg("c", outs, ins) or "0"
        body = "struct pvops_cpuid_regs __pvops_r; pvops_cpu_cpuid(%s, %s, &__pvops_r);" % (leaf, sub)
        for r in "abcd":
            o = _by_reg(outs, r)
            if o:
                body += " %s = __pvops_r.e%sx;" % (o.expr, r)
        return R("cpuid", "{ %s }" % body)
    if seq == "xsetbv":
        idx, lo, hi = _in_reg("c", outs, ins), _in_reg("a", outs, ins), _in_reg("d", outs, ins)
        return R("xsetbv", "pvops_cpu_xsetbv(%s, ((pvops_u64)(%s) << 32) | (pvops_u32)(%s));"
                 % (idx, hi, lo))
    if seq == "xgetbv":
        idx = _in_reg("c", outs, ins)
        lo, hi = _by_reg(outs, "a"), _by_reg(outs, "d")
        body = "pvops_u64 __pvops_x = pvops_cpu_xgetbv(%s);" % idx
        body += " %s = (__typeof__(%s))__pvops_x;" % (lo.expr, lo.expr)
        body += " %s = (__typeof__(%s))(__pvops_x >> 32);" % (hi.expr, hi.expr)
        return R("xgetbv", "{ %s }" % body)
    if seq == "monitor":
        return R("monitor", "(void)pvops_cpu_monitor((const volatile void *)(%s), %s, %s);"
                 % (_in_reg("a", outs, ins), _in_reg("c", outs, ins), _in_reg("d", outs, ins)))
    if seq == "mwait":
        return R("mwait", "pvops_cpu_mwait(%s, %s);" % (_in_reg("a", outs, ins), _in_reg("c", outs, ins)))
    return None


if __name__ == "__main__":
    import sys
    for line in sys.stdin:
        f = classify(line)
        print(line.strip(), "=>", f and (f.kind, f.what, f.replacement, f.why))
