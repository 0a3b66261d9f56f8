// Top-level references with a leading dot (spec §6.6: `.x` names the top-level x).
const bit<8> limit = 10;
typedef bit<8> byte_t;
action top_level_action() { }
control Globals(inout bit<8> x) {
    const bit<8> limit = 20;
    action top_level_action() { }
    table t {
        actions = { .top_level_action; top_level_action; }
        default_action = .top_level_action();
    }
    apply {
        x = .limit + limit;
        .byte_t y = (.byte_t)x;
        .top_level_action();
        t.apply();
    }
}
