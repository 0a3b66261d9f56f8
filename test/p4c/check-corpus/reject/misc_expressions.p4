#include <core.p4>
header h_t { bit<8> f; }
struct s_t { bit<8> a; bit<8> b; }
control C(inout h_t h, inout s_t s, inout bit<8> x, inout tuple<bit<8>, bool> t) {
    action act() { }
    apply {
        x = act;
        x = h_t;
        x = C;
        s = { 1, 2, 3 };
        s = { a = 1 };
        s = { a = 1, b = 2, c = 3 };
        s = { a = 1, a = 2, b = 3 };
        x = t[2];
        x = x[0];
        bool v = s.isValid();
        x = s.minSizeInBits();
        x = h.f.size;
        x = (bool)x[0:0] ? 1 : 2;
        x = 5(1);
        x = (s.a)(1);
        static_assert(x == 1);
        t = { a = 1, b = true };
    }
}
