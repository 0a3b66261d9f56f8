// Empty declarations, empty bodies, comments in odd places, trailing commas where allowed.
;
/* block comment */ const bit<8> x = /* inline */ 1; // trailing
;;
struct empty_t { }
control Empty(inout bit<8> v)() {
    apply { }
}
parser EmptyParser(inout bit<8> v) {
    state start { transition reject; }
}
enum trailing_e { A, B, }
control Nested(inout bit<8> v) {
    apply {
        { { { v = 1; } } }
        if (v == 1) { } else { }
    }
}
