control C(inout bit<8> x) {
    table t {
        key = {
            x: exact;
