// switch on action_run with action-name labels, fall-through, default; switch on expressions (spec §12.7).
match_kind { exact }
struct headers_t { bit<8> kind; bit<8> result; }
enum color_t { RED, GREEN, BLUE }

control Switches(inout headers_t hdr, in color_t color) {
    action a() { }
    action b() { }
    action c() { }
    table t {
        key = { hdr.kind: exact; }
        actions = { a; b; c; }
    }
    apply {
        switch (t.apply().action_run) {
            a: {
                hdr.result = 1;
            }
            b:
            c: {
                hdr.result = 2;
            }
            default: {
                hdr.result = 3;
            }
        }
        switch (hdr.kind) {
            0: { hdr.result = 0; }
            1:
            2: { hdr.result = 1; }
            4 + 1: { hdr.result = 5; }
            default: { }
        }
        switch (color) {
            color_t.RED: { hdr.result = 7; }
            color_t.GREEN:
            default:
        }
        switch (t.apply().action_run) {
            a: @atomic { hdr.result = 9; }
        }
    }
}
