// Syntax errors in v1.2.5 for statements (spec §12.15); each one is reported
// and the parser resynchronizes at the next statement.
control C(inout bit<8> x) {
    apply {
        for (bit<8> i = 0; i < 4) { x = x + i; }
        for (i in 0 .. 3) { x = x + 1; }
        for (bit<8> i = 0; i < 4; i = i + 1 { x = x + 1; }
        break
        x = 1;
    }
}
