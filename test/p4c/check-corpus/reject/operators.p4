#include <core.p4>
header h_t { bit<8> f; }
control C(inout h_t h, inout bit<8> a, inout int<8> s, inout bool c) {
    apply {
        a = a << s;
        a = (bit<8>) (1 << a);
        bit<16> w = a ++ 1;
        a = c ? 1 : 2;
        a = true ? 8w1 : 16w2;
        a = a[8:0];
        a = a[2:5];
        s = s / 2;
        c = h == a;
        c = !a;
        a = ~c;
        c = a && c;
        a = a |+| c;
        a = a / 0;
        a = -c;
    }
}
