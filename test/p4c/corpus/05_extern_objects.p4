// Extern objects: generics, constructors, overloads, generic methods, abstract methods (spec §7.2.10).
extern packet_in {
    void extract<T>(out T hdr);
    void extract<T>(out T variable_size_header, in bit<32> variable_field_size_in_bits);
    T lookahead<T>();
    void advance(in bit<32> size_in_bits);
    bit<32> length();
}

extern packet_out {
    void emit<T>(in T hdr);
}

enum counter_type_t { packets, bytes, packets_and_bytes }

extern counter<I> {
    counter(bit<32> size, counter_type_t type);
    void count(in I index);
}

extern register<T, I> {
    register(bit<32> size);
    @noSideEffects void read(out T result, in I index);
    void write(in I index, in T value);
}

extern Checksum<W> {
    Checksum();
    void clear();
    void update<T>(in T data);
    W get();
}

extern Hasher<O> {
    Hasher(O seed);
    abstract O hash<T>(in T data);
    abstract void reset();
    O run(in bit<8> x);
}

@pure extern Random<T> {
    Random(T min, T max);
    T read();
}
