// Function declarations, generic functions, return statements (spec §10).
bit<8> max(in bit<8> left, in bit<8> right) {
    return left > right ? left : right;
}

T choose<T>(in bool condition, in T left, in T right) {
    if (condition) {
        return left;
    }
    return right;
}

void swap(inout bit<8> a, inout bit<8> b) {
    bit<8> temporary = a;
    a = b;
    b = temporary;
}

bool is_zero(in bit<32> value) {
    return value == 0;
}

control UseFunctions(inout bit<8> x, inout bit<8> y) {
    apply {
        x = max(x, y);
        y = choose<bit<8>>(true, x, y);
        y = choose(false, x, y);
        swap(x, y);
    }
}
