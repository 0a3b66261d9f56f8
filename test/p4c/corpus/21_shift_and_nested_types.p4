// `>>` inside nested type argument lists versus the shift operator (the r_angle trick).
struct pair_t<T> { T first; T second; }
extern Box<T> { Box(); T get(); }
typedef pair_t<pair_t<bit<8>>> deep_t;
typedef tuple<tuple<bit<8>>> tuple_deep_t;

control Shifts(in bit<8> a, in bit<8> b) {
    Box<pair_t<bit<8>>>() box;
    Box<tuple<bit<8>, pair_t<bit<4>>>>() other_box;
    apply {
        bit<8> right = a >> 2;
        bit<8> left = a << 2;
        bit<8> both = a >> b << 1;
        bit<8> grouped = (a >> 1) >> 1;
        bool greater = a > b;
        bool greater_equal = a >= b;
        deep_t value = box.get() == box.get() ? {{1, 2}, {3, 4}} : {{0, 0}, {0, 0}};
        pair_t<bit<8>> simple = {1, 2};
        bit<8> parenthesized_width = (bit<(4 + 4)>)a;
    }
}
