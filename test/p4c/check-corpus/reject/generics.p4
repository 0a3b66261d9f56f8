#include <core.p4>
struct pair_t<A, B> { A first; B second; }
header tagged_t<T> { bit<8> tag; T value; }
struct hs_t { tagged_t<bit<16>> h; pair_t<bit<8>, bool> p; }
control C(inout hs_t hs, inout pair_t<bit<8>, bool> q) {
    apply {
        hs.p = q;
        hs.p.first = hs.h.value[7:0];
        pair_t<bit<8>, bool> local = { first = 1, second = true };
        q = local;
        pair_t<bit<9>, bool> other = { 1, false };
        q = other;
        pair_t<bit<8>> wrong;
    }
}
