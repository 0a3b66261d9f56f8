// Annotations on every construct that allows them.
match_kind { exact }
@a1 header h_t { @f1 bit<8> x; @f2 @f3("y") bit<8> y; }
@a2 struct s_t { @f4 bit<8> z; }
@a3 header_union u_t { @f5 h_t h; }
@a4 enum e_t { @m1 A, @m2 B }
@a5 typedef bit<8> t_t;
@a6 type bit<8> n_t;
@a7 extern E { @m3 E(); @m4 void f(@p1 in bit<8> x); @m5 abstract void g(); }
@a8 extern void ext(@p2 in bit<8> x);
@a9 parser P(@p3 inout bit<8> x);
@a10 control CT(@p4 inout bit<8> x);
@a11 package Pkg(@p5 CT c);
@a12 const bit<8> k = 1;
@a13 action top_action(@p6 bit<8> v) { }
@a14 bit<8> function(@p7 in bit<8> v) { return v; }

@a15 parser MyP(inout bit<8> x) {
    @a16 value_set<bit<8>>(4) vs;
    @a17 bit<8> local;
    @a18 state start {
        @s1 x = 1;
        @s2 { }
        transition accept;
    }
}

@a19 control MyC(inout h_t hdr) {
    @a20 action act() { }
    @a21 table t {
        @pk key = { hdr.x: exact @k1 @k2; }
        @pa actions = { @r1 act; @r2 @r3 NoAction; }
        @pd default_action = act();
        @pe const entries = { 1: act() @e1; }
        @ps size = 4;
    }
    @a22 bit<8> local = 0;
    apply {
        @s3 hdr.x = local;
        @s4 t.apply();
        @s5 bit<8> variable = 2;
        @s6 const bit<8> constant = 3;
    }
}

@a23 Pkg(MyC()) main;
