// P4_16 v1.2.5 loops (§12.15), generic functions, directionless function
// parameters and an instantiation inside an apply block.
extern Counter {
    Counter(bit<32> size);
    void count(in bit<32> index);
}

header h_t {
    bit<8> a;
}

T pick<T>(in bool c, in T x, in T y) {
    return c ? x : y;
}

bit<8> twice(bit<8> v) {
    return v + v;
}

control C(inout h_t[4] s, inout bit<8> x) {
    apply {
        Counter(32w16) hits;
        for (bit<8> i = 0, bit<8> j = 1; i < 4; i = i + 1, j = twice(j)) {
            if (i == 2) {
                continue;
            }
            x = x + pick(i > j, i, j);
        }
        bit<8> k = ...;
        for (k = 0; k < 8; k = k + 1) {
            if (x == 0) break;
        }
        for (; x < 10; x += 1) x |-|= 1;
        x >>= 1;
        x <<= 1;
        x %= 4;
        x *= 3;
        x &= x - 1;
        x |= 1;
        x ^= 1;
        x /= 2;
        x -= 1;
        x |+|= 1;
        for (@loop_var bit<8> v in 1 .. 3) {
            x = x + v;
            x[v +: 2] = 2w1;
            x = x + (bit<8>)x[v - 1 +: 4];
        }
        @unroll for (h_t e in s) {
            x = x + e.a;
        }
        for (bit<8> w in { 8w1, 8w2 }) hits.count((bit<32>)w);
    }
}
