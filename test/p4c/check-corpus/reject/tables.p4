#include <core.p4>
header h_t { bit<8> f; bit<32> addr; }
struct s_t { bit<8> f; }
control C(inout h_t h, inout s_t s) {
    action a1() { }
    action a2(bit<8> v) { h.f = v; }
    @tableonly action only_table() { }
    action unlisted() { }
    table t1 {
        key = { h.f: exact; }
        actions = { a1; a2; }
        default_action = unlisted;
    }
    table t2 {
        key = { h.f: fuzzy; s: exact; }
        actions = { a1; only_table; @defaultonly a2; a1; }
        default_action = only_table;
        size = 16;
        size = 32;
    }
    table t3 {
        key = { h.f: exact; h.addr: lpm; }
        actions = { a1; @defaultonly a2; }
        const entries = {
            (1, 0x0a000000 &&& 0xff00ff00): a1();
            (2): a1();
            (3, 0x0a000000 &&& 0xff000000): a2(1);
            (4, 0x0b000000 &&& 0xff000000): a2(h.f);
        }
    }
    table t4 {
        key = { h.f: exact; }
    }
    action applies() { t1.apply(); }
    apply {
        switch (t1.apply().action_run) {
            a1: { }
            unlisted: { }
            a1: { }
        }
        bit<8> x = t3.apply().action_run;
        if (t3.apply()) { }
    }
}
control K(inout h_t h) {
    table complex_key {
        key = { h.f + 1: exact; h.addr[7:0]: exact; h.isValid(): exact; (bit<16>) h.f: exact @name("wide_f"); }
        actions = { NoAction; }
    }
    apply { complex_key.apply(); }
}
control Recursive(inout h_t h) {
    Recursive() again;
    apply { again.apply(h); }
}
