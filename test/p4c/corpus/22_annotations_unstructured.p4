// Unstructured annotations (spec §18.2.1): kept as tokens, also parsed as expressions when possible.
@name("ingress.route") @id(0x01000001) @hidden
const bit<8> annotated = 1;
@description("a, b and c") @brief("two", "strings")
const bit<8> two_strings = 2;
@tokens(not an expression list at all)
const bit<8> token_soup = 3;
@balanced((nested (parens)) [brackets] {braces})
const bit<8> balanced = 4;
@shift(a >> 2, b << 1, c > d)
const bit<8> shift_tokens = 5;
@keywords(table action bit<8> default)
const bit<8> keyword_tokens = 6;
@empty()
const bit<8> empty_parens = 7;
@numbers(8w5, -1, 0x10 + 2)
const bit<8> numbers = 8;
@punctuation(; : :: ? @ # ...)
const bit<8> punctuation = 9;
