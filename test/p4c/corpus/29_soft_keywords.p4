// Keywords the grammar accepts as names: apply, key, actions, state, entries, type, priority (nonTypeName).
match_kind { exact }
struct soft_t {
    bit<8> key;
    bit<8> actions;
    bit<8> state;
    bit<8> entries;
    bit<8> type;
    bit<8> priority;
    bit<8> apply;
}

extern void type(in bit<8> priority);

control Soft(inout soft_t hdr) {
    bit<8> state = 1;
    bit<8> key;
    action priority(bit<8> entries) {
        hdr.entries = entries;
    }
    table t {
        key = { hdr.key: exact; hdr.type: exact; }
        actions = { priority; }
        type = 3;
        priority = 4;
        apply = 5;
        state = 6;
    }
    apply {
        hdr.key = hdr.actions + state;
        hdr.type = hdr.priority;
        hdr.apply = hdr.state;
        key = hdr.entries;
        state = key;
        type(hdr.priority);
        priority(key);
        t.apply();
    }
}
