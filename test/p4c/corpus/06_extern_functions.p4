// Extern functions, generic and with default parameters (spec §7.2.10.1).
extern void verify(in bool check, in error toSignal);
extern void mark_to_drop<M>(inout M metadata);
extern bit<32> hash_to_range<D, T>(in D data, in T max);
extern void log_message(in string message, in bit<8> level = 3);
@pure extern bit<16> ones_complement(in bit<16> value);
extern void digest<T>(in bit<32> receiver, in T data);
extern tuple<bit<8>, bit<8>> split(in bit<16> value);
