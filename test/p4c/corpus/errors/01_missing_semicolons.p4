// Each declaration misses its `;`; recovery must report every one.
const bit<8> a = 1
const bit<8> b = 2;
header h_t {
    bit<8> x
    bit<8> y;
}
typedef bit<8> byte_t
struct s_t { bit<8> z; }
