#include <core.p4>
control C(inout bit<8> a, inout bit<16> b, inout bit<1> flag, inout int<8> s) {
    apply {
        a = a + b;
        a = b;
        if (flag) { a = 1; }
        a = s;
        s = a;
        b = (bit<16>) a + 1;
    }
}
