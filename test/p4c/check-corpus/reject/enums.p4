#include <core.p4>
enum bit<4> Small { A = 1, B = 16, C }
enum Plain { X = 1, Y }
enum Dup { P, P }
enum bool NotBits { T = true }
error { NoError }
control C(inout bit<4> v, inout Small s) {
    apply {
        v = Small.A;
        s = 4w1;
        s = Small.D;
        Plain p = Plain.X;
        bit<8> wide = (bit<8>) p;
    }
}
