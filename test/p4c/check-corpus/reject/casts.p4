#include <core.p4>
enum bit<8> Proto { TCP = 6 }
enum bit<8> Other { X = 1 }
struct s_t { bit<8> f; }
control C(inout bit<8> a, inout int<16> b, inout bool c, inout s_t s) {
    apply {
        b = (int<16>) a;
        a = (bit<8>) c;
        c = (bool) a;
        a = (bit<8>) (bit<16>) Proto.TCP;
        a = (bit<8>) (int<16>) Proto.TCP;
        a = (bit<8>) s;
        c = (bool) 2;
        Proto p = (Proto) 16w6;
        Other o = (Other) p;
    }
}
