#include <core.p4>
header h_t { bit<8> f; }
struct s_t { h_t h; int unsized; packet_in pkt; }
enum bit<8> Bad { A = true }
match_kind { exact }
type h_t NewHeader;
const NoAction wrong = 1;
parser P(packet_in b, out h_t h) {
    table not_here { actions = { NoAction; } }
    state start { transition accept; }
    state start { transition accept; }
    state dangling { }
}
control C(inout h_t h, inout h_t h) {
    value_set<bit<8>>(4) not_in_control;
    packet_in made_here;
    P() sub;
    action dup() { }
    action dup() { }
    action late(bit<8> data, inout bit<8> x) { x = data; }
    apply { }
}
extern NoCtor { void m(); }
control D() {
    NoCtor() thing;
    apply { }
}
control Named(inout h_t h) {
    @name(".shared") action one() { }
    @name(".shared") action two() { }
    @name(".t") table first { actions = { one; } }
    @name(".t") table second { actions = { two; } }
    apply { first.apply(); second.apply(); }
}

control NamedType(inout h_t h);
