const bit<> a = 1;
const varbit b = 2;
const bit<8 c = 3;
struct s_t { tuple<bit<8>,> t; }
const bit<x> d = 4;
