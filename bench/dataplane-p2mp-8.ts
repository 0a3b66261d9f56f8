// Branch LSR of an RFC 4875 P2MP LSP with 8 branches: one labelled packet in,
// one multicast group, 8 replicas each swapped to its own out label and MACs
// in egress. Setup: test/stf/p2mp_branch.stf's ports, MACs and label entry,
// with the group widened to 8 replicas on ports 3-10. Prints one JSON line
// with input packets/s (pps) and output packets/s (output_pps).

import { benchmark } from './_dataplane.js';

await benchmark('p2mp-8');
