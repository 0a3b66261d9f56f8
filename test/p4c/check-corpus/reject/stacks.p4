#include <core.p4>
header h_t { bit<8> f; }
struct hs_t { h_t[4] stack; }
control C(inout hs_t hs, inout bit<8> n, inout int<8> s) {
    action bound_data(bit<8> v) { n = v; }
    table t {
        key = { n: exact; }
        actions = { bound_data(5); }
    }
    apply {
        hs.stack.push_front(n);
        hs.stack.pop_front(-1);
        hs.stack[s].f = 1;
        hs.stack[n] = 1;
        n = hs.stack.size;
        hs.stack.last.f = 2;
        n = hs.stack[1];
        t.apply();
    }
}
