// Misplaced and ill-typed loops (spec v1.2.5 §12.15), instances among
// statements, default values in a control type, run-time division.
#include <core.p4>

header h_t { bit<8> a; }

extern E { E(); }

control C(inout h_t h, inout bit<8> x) {
    action a() {
        break;
        E() inAction;
    }
    apply {
        E() inApply;
        x = x / x;
        x = x % 3;
        x = x / 4 + x % 8;
        x = x / -1;
        continue;
        for (bool b in 1 .. 3) { }
        for (bit<8> i in x) { }
        for (bit<8> i = 0; i; i = i + 1) { }
        for (bit<8> i = 0; i < 3; i = i + 1) { }
        x = i;
        for (bit<8> j in 0 .. 2) { j = j + 1; }
        x = j;
        for (bit<8> k in 0 .. 2) { x[k +: 2] = 2w1; }
        x = (bit<8>)x[0 +: 9];
    }
}

void generic<T, T>(in T value) { }

T add<T>(in T a, in T b) {
    return a + b;
}

parser P(inout bit<8> x) {
    state start {
        for (bit<8> i = 0; i < 2; i = i + 1) { x = x + 1; }
        transition accept;
    }
}

control with_default(inout bit<8> x, in bit<8> y = 1);

extern void with_defaults(out bit<8> result = 0, @optional in bit<8> hint = 1);

struct pair_t { bit<8> first; bit<8> second; }

bit<8> first_of(in pair_t pair) {
    return pair.first;
}

control uses_defaults(inout pair_t p) {
    apply {
        if (p == { first = 1, ... }) {
            p.second = first_of({ second = 2, ... });
        }
        bit<8> scalar = { ... };
    }
}
