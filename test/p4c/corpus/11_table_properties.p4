// Table keys, actions lists, default actions, size, implementation and custom properties (spec §14.2).
match_kind { exact, ternary, lpm, range, optional, selector }
extern action_profile { action_profile(bit<32> size); }
extern action_selector { action_selector(bit<8> algorithm, bit<32> size, bit<32> output_width); }
extern direct_counter { direct_counter(bit<8> kind); }
struct headers_t { bit<32> dst; bit<16> port; bit<8> proto; }

control Tables(inout headers_t hdr) {
    direct_counter(0) route_counter;
    action drop() { }
    action forward(bit<16> port) { hdr.port = port; }
    action NoAction() { }

    table route {
        key = {
            hdr.dst: lpm @name("destination");
            hdr.proto: ternary;
            hdr.port & 0xff: exact;
            hdr.port: range;
        }
        actions = {
            forward;
            @defaultonly drop;
            .NoAction;
        }
        const default_action = drop();
        size = 4096;
        counters = route_counter;
        support_timeout = true;
        @name("weird") my_custom_property = {1, 2, 3};
    }

    table ecmp {
        key = { hdr.dst: exact; hdr.proto: selector; }
        actions = { forward(1); drop; }
        default_action = forward(0);
        implementation = action_selector(1, 1024, 16);
    }

    table profiled {
        key = { }
        actions = { forward; }
        implementation = action_profile(128);
    }

    table keyless {
        actions = { drop; }
        default_action = drop;
    }

    apply {
        route.apply();
        ecmp.apply();
        profiled.apply();
        keyless.apply();
    }
}
