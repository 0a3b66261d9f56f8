// Rules p4c enforces that the spec text leaves implicit (each mirrors a
// program of p4c's testdata/p4_16_errors, rewritten for this project).
#include <core.p4>

control twice_named(inout bit<8> x)(bit<8> x) {
    apply { }
}

control c(inout bit<8> x, inout bit<8> y) {
    action set(inout bit<8> target, bit<8> value) {
        target = value;
    }
    action relay(bit<8> value) {
        // Fine: an action may pass any value as another action's data.
        set(y, value + 1);
    }
    table t {
        key = { x : exact; }
        actions = { set(x); relay; }
        // The bound argument differs from the actions list's x.
        default_action = set(y, 1);
    }
    apply {
        // Action data may be a run-time value in a direct call (p4c accepts it).
        set(x, y);
        t.apply();
    }
}

control proto(inout bit<8> x, inout bit<8> y);
package top(proto p);
top(c()) main;

extern Box<T> {
    // A constructor has no return type; overloads differ in their parameter count.
    void Box();
    void put(in T value);
    void put(in bit<8> other);
    T get();
}

extern void emit_one<T>(in T value);

extern Defaults {
    Defaults(tuple<bit<8>> seed = 0);
}

void inout_default(inout bit<8> value = 1) { }

header_union Pair<T> {
    tuple<T, T> both;
}

struct Wrapper<T> { T item; }
const Wrapper<_> unknown_item = { item = 8w1 };

package twice_p(proto first, proto first);

control uses_int_type_argument(inout bit<8> x) {
    apply {
        emit_one<int>(1);
    }
}
