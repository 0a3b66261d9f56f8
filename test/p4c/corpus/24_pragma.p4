// @pragma: the rest of the line is the body (becomes the annotation `@name(tokens)`).
@pragma my_pragma some tokens here
const bit<8> with_pragma = 1;
@pragma dont_merge_tables
const bit<8> pragma_without_body = 2;
control C(inout bit<8> x) {
    @pragma stage 1
    action a() { x = 1; }
    @pragma name "renamed" @name("ignored")
    action b() { x = 2; }
    apply { a(); b(); }
}
