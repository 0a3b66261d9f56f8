#include <core.p4>
header inner_t { bit<8> f; }
struct s_t { bit<8> a; }
header bad_t {
    inner_t nested;
    int unbounded;
    bit<8> ok;
    varbit<16> first;
    varbit<16> second;
    s_t structured;
}
header_union u_t { inner_t a; bit<8> b; }
struct with_stack_t { bit<8>[4] not_headers; inner_t[2] fine; }
struct dup_t { bit<8> x; bit<16> x; }
control C(inout inner_t h, inout u_t u) {
    apply {
        u.a.setValid();
        u.setValid();
        h.push_front(1);
        h.isValid(1);
        bit<32> m = h.minSizeInBits();
    }
}
