#include <core.p4>
header h_t { bit<8> f; bit<8> g; }
struct hs_t { h_t h; h_t[2] stack; }
parser NoStart(packet_in b, out hs_t hs) {
    state begin { transition accept; }
}
parser P(packet_in b, out hs_t hs) {
    state start {
        b.extract(hs.h);
        transition select(hs.h.f, hs.h.g) {
            (1, 2, 3): accept;
            4: accept;
            (5, 6): nowhere;
            default: reject;
        }
    }
    state accept { transition reject; }
    state other {
        transition select(1) {
            1: accept;
        }
    }
    state third {
        switch (hs.h.f) { default: { } }
        transition select(hs.h.f) {
            hs.h.g: accept;
            default: reject;
        }
    }
}
control C(inout hs_t hs) {
    apply {
        hs.stack.next.f = 1;
    }
}
