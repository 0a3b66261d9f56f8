const bit<8> table = 1;
struct s_t { bit<8> in; bit<8> out; }
control C(inout bit<8> x) {
    action if() { }
    apply { bit<8> switch = 1; }
}
const bit<8> after = 2;
