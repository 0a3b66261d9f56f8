control C(inout bit<8> x) {
    apply {
        if (x == 1) {
            x = (x + 1;
        }
    }
}
}
const bit<8> after = 1;
