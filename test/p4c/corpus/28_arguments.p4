// Named arguments, don't-care arguments, default parameter values (spec §6.8, §8.20).
extern void configure(in bit<8> port, in bit<8> queue = 0, in bool enabled = true);
extern void read_value(out bit<8> value, out bit<8> other);

control Arguments(inout bit<8> x) {
    action set(bit<8> value = 7) { x = value; }
    apply {
        configure(1, 2, false);
        configure(port = 1, queue = 2, enabled = false);
        configure(enabled = true, port = x);
        configure(1);
        read_value(x, _);
        read_value(value = _, other = x);
        set();
        set(value = 3);
    }
}
