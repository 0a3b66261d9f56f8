#include <core.p4>
header h_t { bit<8> f; }
const bit<8> K = 3;
extern void set_out(out bit<8> value);
control C(in h_t h, inout bit<8> x) {
    action a(bit<8> data) {
        data = 1;
        x = data;
    }
    apply {
        h.f = 1;
        K = 2;
        set_out(x + 1);
        set_out(K);
        h.setValid();
        a(2);
    }
}
