/* softmesh: the P4_16 core library, declared from the language specification
 * (P4_16 v1.2.x, appendix "P4 core library"). Every architecture file
 * includes it. The names, type
 * parameters, parameter names and directions are the ones the specification
 * fixes, because programs call these by name (including named arguments). */

#ifndef _CORE_P4_
#define _CORE_P4_

/* Spec "The error type": the error constants every target knows; programs may add more
 * with their own `error { ... }` declarations. */
error {
    NoError,               /* nothing went wrong */
    PacketTooShort,        /* extract ran past the end of the packet */
    NoMatch,               /* a select expression had no matching case */
    StackOutOfBounds,      /* header stack index out of range */
    HeaderTooShort,        /* a varbit field got more bits than its maximum */
    ParserTimeout,         /* the parser ran for too long */
    ParserInvalidArgument  /* a parser operation got an unsupported argument */
}

/* Spec "Data extraction": the packet being parsed. */
extern packet_in {
    /* Fixed-size header: copies its bits and moves the cursor past them. */
    void extract<T>(out T hdr);
    /* Header with one varbit field, whose size is given in bits. */
    void extract<T>(out T variableSizeHeader,
                    in bit<32> variableFieldSizeInBits);
    /* The next bits, without moving the cursor. */
    T lookahead<T>();
    /* Moves the cursor without copying. */
    void advance(in bit<32> sizeInBits);
    /* Packet length in bytes (not every target can tell). */
    bit<32> length();
}

/* Spec "Data insertion into packets": the packet a deparser builds. */
extern packet_out {
    /* Appends a header (only if valid), a stack, a union or a struct of them. */
    void emit<T>(in T hdr);
}

/* Spec "The verify statement" (parsers only): when check is false, the parser stops in
 * reject with the given error. */
extern void verify(in bool check, in error toSignal);

/* The action every table may fall back to (spec "Actions"). */
@noWarn("unused")
action NoAction() {}

/* Spec "The match kind type": the match kinds all architectures understand. */
match_kind {
    exact,    /* the bits must be equal */
    ternary,  /* equal under a mask */
    lpm       /* longest prefix wins */
}

/* Compile-time assertion: fails compilation when check is false. */
extern bool static_assert(bool check, string message);
extern bool static_assert(bool check);

#endif  /* _CORE_P4_ */
