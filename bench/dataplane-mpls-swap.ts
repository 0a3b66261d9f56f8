// Transit LSR: label 100 swapped to 200 with a TTL decrement over a two-label
// stack (test/stf/mpls_lsr.stf, first packet). Prints one JSON line.

import { benchmark } from './_dataplane.js';

await benchmark('mpls-swap');
