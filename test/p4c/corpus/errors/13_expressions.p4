const bit<8> a = 1 + ;
const bit<8> b = (1 + 2;
const bit<8> c = {1, 2;
const bit<8> d = f(1, ;
const bit<8> e = x[1:;
const bit<8> f = p ? 1;
const bit<8> g = x.;
const bit<8> ok = 1;
