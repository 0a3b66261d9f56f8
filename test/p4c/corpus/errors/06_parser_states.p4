parser P(inout bit<8> x) {
    state start {
        transition select(x) {
            1 : ;
            2 next;
            : accept;
        }
    }
    state next {
        transition ;
    }
    state {
    }
    bogus here;
}
