#include <core.p4>
header h_t { bit<8> f; }
parser P(packet_in b, out h_t h) {
    state start {
        transition select(h.f) {
            (1, 2): accept;
            default: reject;
        }
    }
}
parser Q(packet_in b, out h_t h) {
    bool flag = true;
    state start {
        transition select(flag) {
            true &&& false: accept;
            0 .. 1: reject;
            default: accept;
        }
    }
}
control C(inout h_t h) {
    table t {
        key = { h.f: exact; }
        actions = { NoAction; }
        support_timeout = 3;
        implementation = h;
        counters = NoAction;
    }
    apply {
        t.apply();
        return;
    }
}
control D(inout h_t h) {
    table keyless {
        actions = { NoAction; }
        entries = { (1): NoAction(); }
    }
    apply { keyless.apply(); }
}
