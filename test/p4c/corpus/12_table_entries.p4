// const entries and entries with priorities and per-entry const (spec v1.2.4 §14.2.1.4).
match_kind { exact, ternary, lpm, range }
struct headers_t { bit<8> kind; bit<16> port; bit<32> address; }

control Entries(inout headers_t hdr) {
    action set(bit<16> port) { hdr.port = port; }
    action drop() { }

    table fixed {
        key = { hdr.kind: exact; hdr.port: ternary; }
        actions = { set; drop; }
        const entries = {
            (1, 0x0001 &&& 0x00ff): set(1);
            (2, _): set(2);
            (3, default): drop();
            (0x4, 16w5): set(port = 5);
        }
    }

    table prioritized {
        key = { hdr.address: ternary; hdr.port: range; }
        actions = { set; drop; }
        entries = {
            const priority = 10: (0x0a000000 &&& 0xff000000, 1 .. 1023): set(3);
            priority = 20: (_, 1024 .. 65535): drop();
            const (0, _): drop @name("catch_all");
            @comment("leading annotation") (1, 2): set(4);
        }
    }

    table single_key {
        key = { hdr.kind: exact; }
        actions = { set; }
        const entries = {
            0: set(0);
            1: set(1);
            _: set(2);
        }
    }

    apply {
        fixed.apply();
        prioritized.apply();
        single_key.apply();
    }
}
