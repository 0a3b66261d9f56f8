const bit<8> a = 0xZZ;
const bit<8> b = 8w;
const bit<8> c = 12abc;
const bit<8> d = 1 $ 2;
const string s = "no end
const bit<8> e = 5;
/* never closed
const bit<8> f = 6;
