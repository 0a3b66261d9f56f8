#include <core.p4>
header h_t { bit<8> f; }
bit<8> no_return(in bit<8> x) {
    if (x == 0) { return 1; }
}
bit<8> exits(in bit<8> x) {
    exit;
}
void directionless(bit<8> x) { }
bit<8> wrong_type(in bit<8> x) {
    return true;
}
void early() { return 1; }
action act(inout bit<8> v) { v = 1; return; }
parser P(packet_in b, out h_t h) {
    state start {
        act(h.f);
        transition accept;
    }
}
control C(inout h_t h) {
    action with_value() { return 2; }
    apply {
        h.f = early();
        act(h.f, 2);
        act();
        h.f = no_return(1) + wrong_type(2);
        act(v = h.f);
        act(w = h.f);
    }
}
control NoDirection(bit<8> value, packet_out fine) { apply { } }
