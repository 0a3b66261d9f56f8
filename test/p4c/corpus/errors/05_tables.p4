control C(inout bit<8> x) {
    action a() { }
    table t {
        key = { x exact; x: ; }
        actions = { a }
        const entries = { 1 a(); (1, 2: a(); }
        size 1024;
        default_action = ;
    }
    apply { t.apply(); }
}
