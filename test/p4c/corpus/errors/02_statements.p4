control C(inout bit<8> x) {
    apply {
        x = ;
        x + 1;
        if x == 1 { x = 2; }
        x = 3;
        return x x;
        switch (x) { 1 { } }
        exit
    }
}
const bit<8> after = 1;
