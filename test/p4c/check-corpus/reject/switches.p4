#include <core.p4>
enum E { A, B }
control C(inout bit<8> x, inout bool flag, inout E e) {
    apply {
        switch (x) {
            1: { x = 2; }
            1: { x = 3; }
            default: { }
            2: { }
        }
        switch (flag) {
            default: { }
        }
        switch (e) {
            E.A: { }
            3: { }
        }
        if (x == 1) { exit; } else { x = 1; }
    }
}
