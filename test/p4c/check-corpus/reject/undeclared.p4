#include <core.p4>
header h_t { bit<8> f; }
enum E { A, B }
control C(inout h_t h, out unknown_t u) {
    apply {
        h.f = missing;
        h.g = 1;
        h.f = E.C == E.A ? 8w1 : 8w2;
        verify(true, error.NotDeclared);
        h.f.x = 1;
    }
}
