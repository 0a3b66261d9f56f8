// Statements: assignment, method call, block, if/else, exit, return, empty, declarations (spec §12).
struct headers_t { bit<8> a; bit<8> b; bool valid; }

bit<8> clamp(in bit<8> value, in bit<8> limit) {
    if (value > limit) {
        return limit;
    }
    return value;
}

action mark(inout headers_t hdr) {
    hdr.valid = true;
    return;
}

control Statements(inout headers_t hdr) {
    apply {
        hdr.a = 1;
        hdr.b = clamp(hdr.a, 10);
        mark(hdr);
        {
            bit<8> nested = hdr.a;
            {
                nested = nested + 1;
            }
            hdr.b = nested;
        }
        if (hdr.valid) hdr.a = 2;
        if (hdr.valid) hdr.a = 3; else hdr.a = 4;
        if (hdr.a == 1) {
            hdr.b = 1;
        } else if (hdr.a == 2) {
            hdr.b = 2;
        } else {
            hdr.b = 3;
        }
        if (hdr.a == 0) if (hdr.b == 0) exit; else hdr.b = 0;
        const bit<8> k = 7;
        bit<8> uninitialized;
        uninitialized = k;
        ;
        if (!hdr.valid) {
            exit;
        }
        return;
    }
}
