#include <core.p4>
header h_t { bit<8> f; }
const bit<8> A = 1;
const bit<8> B = A / 0;
const int WIDTH = 8;
const bit<(WIDTH)> C_OK = 1;
const bool CHECK = static_assert(WIDTH == 9, "width must be 9");
const bit<8> D = 8w300;
const bit<8> E = 256;
struct s_t { h_t[0] empty; bit<70000> huge; }
control C(inout h_t[4] stack, inout bit<8> x) {
    const bit<8> fromVar = x;
    apply {
        stack[4].f = 1;
        bit<(x)> bad;
        static_assert(A == 1);
        static_assert(A == 2, "A must be 2");
    }
}
