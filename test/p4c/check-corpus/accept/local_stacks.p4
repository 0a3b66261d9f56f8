/* Header stacks as local variables, stack elements read through next/last in a parser,
 * sized-literal indices and sizes, a header union stack, and a parser/control pair in
 * a package of our own. */
#include <core.p4>

header item_t { bit<8> value; }
header other_t { bit<16> value; }
header_union either_t { item_t item; other_t other; }

parser Items() {
    state start {
        item_t[8w4] items;
        items[8w3].setValid();
        item_t copy = items[3];
        copy = items.last;
        items[2] = copy;
        copy = items.next;
        bit<32> index = items.lastIndex;
        transition accept;
    }
}

control Stacks() {
    apply {
        item_t[4] items;
        either_t[2] choices;
        items[3].setValid();
        items.push_front(2);
        items.pop_front(1);
        choices[0].item.setValid();
        if (choices[0].isValid() && !choices[1].other.isValid()) {
            choices[1].other = { 16w7 };
        }
        bit<32> size = items.size;
    }
}

parser ItemsParser();
control StacksControl();
package Top(ItemsParser p, StacksControl c);
Top(Items(), Stacks()) main;
