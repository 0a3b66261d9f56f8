extern E { E(); }
control C() {
    apply {
        E() e;
    }
}
