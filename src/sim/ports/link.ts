// In-memory point-to-point link between two switch ports in one process (for
// multi-router labs). Delivery is asynchronous (setImmediate) so a switch never
// re-enters itself through a link, and in order per direction.
//
// Loop protection: a forwarding loop between simulated switches would spin the
// event loop forever. Each delivery runs inside an AsyncLocalStorage context
// holding the number of link hops the causing frame has made; a frame sent
// while handling a frame inherits hops+1 (also across awaits in the engine),
// and is dropped beyond `maximumHops`, like an L2 TTL. A per-direction queue
// bound catches storms that fan out without deepening.

import { AsyncLocalStorage } from 'node:async_hooks';
import { fail, ok, type Result } from '../../packet/bytes.js';
import type { PortAttachment } from './attachment.js';

export interface LinkOptions {
  /** Causal chain length after which frames are dropped as looping (default 64). */
  maximumHops?: number;
  /** Frames queued in one direction before further sends drop (default 4096). */
  maximumQueue?: number;
}

const hopContext = new AsyncLocalStorage<number>();
let framesInFlight = 0;

export class LinkEndpoint implements PortAttachment {
  peer!: LinkEndpoint;
  private receiver?: (frame: Uint8Array) => void;
  private closed = false;
  private queued = 0;
  dropped = 0;
  /** Subset of `dropped`: frames dropped by the hop limit. */
  loopDrops = 0;

  constructor(
    readonly description: string,
    private readonly maximumHops: number,
    private readonly maximumQueue: number,
    private readonly state: { carrier: boolean },
  ) {}

  /** Link state shared by both ends; a cut cable drops in both directions (for failure tests). */
  get carrier(): boolean {
    return this.state.carrier;
  }

  setCarrier(up: boolean): void {
    this.state.carrier = up;
  }

  send(frame: Uint8Array): void {
    if (this.closed || this.peer.closed || !this.state.carrier) {
      this.dropped++;
      return;
    }
    const hops = (hopContext.getStore() ?? 0) + 1;
    if (hops > this.maximumHops) {
      this.dropped++;
      this.loopDrops++;
      return;
    }
    if (this.queued >= this.maximumQueue) {
      this.dropped++;
      return;
    }
    const copy = frame.slice();
    this.queued++;
    framesInFlight++;
    setImmediate(() => {
      this.queued--;
      framesInFlight--;
      this.peer.deliver(copy, hops);
    });
  }

  private deliver(frame: Uint8Array, hops: number): void {
    const receiver = this.receiver;
    // A frame in flight when the cable is cut is lost, as on a wire.
    if (this.closed || !receiver || !this.state.carrier) {
      this.dropped++;
      return;
    }
    hopContext.run(hops, () => receiver(frame));
  }

  onReceive(callback: (frame: Uint8Array) => void): void {
    this.receiver = callback;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

/** Two connected endpoints: what one sends, the other receives. */
export function createLink(name = 'link', options: LinkOptions = {}): [LinkEndpoint, LinkEndpoint] {
  const maximumHops = options.maximumHops ?? 64;
  const maximumQueue = options.maximumQueue ?? 4096;
  const state = { carrier: true };
  const first = new LinkEndpoint(`link:${name}#a`, maximumHops, maximumQueue, state);
  const second = new LinkEndpoint(`link:${name}#b`, maximumHops, maximumQueue, state);
  first.peer = second;
  second.peer = first;
  return [first, second];
}

/** Frames queued on any link in this process. */
export function linkFramesInFlight(): number {
  return framesInFlight;
}

/**
 * Resolve once no frame is queued on any link (the lab is quiet), or after
 * `maximumTurns` event-loop turns; returns whether it became quiet.
 */
export async function linksSettled(maximumTurns = 10_000): Promise<boolean> {
  for (let turn = 0; turn < maximumTurns; turn++) {
    if (framesInFlight === 0) return true;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return framesInFlight === 0;
}

/**
 * Named links for the CLI syntax `N=link:NAME`: the first port that names a
 * link gets one end, the second port the other end, a third is an error.
 */
export class LinkRegistry {
  private readonly links = new Map<string, { ends: [LinkEndpoint, LinkEndpoint]; taken: number }>();

  constructor(private readonly options: LinkOptions = {}) {}

  endpoint(name: string): Result<LinkEndpoint> {
    let entry = this.links.get(name);
    if (!entry) {
      entry = { ends: createLink(name, this.options), taken: 0 };
      this.links.set(name, entry);
    }
    if (entry.taken >= 2) return fail(`link "${name}" already connects two ports`);
    return ok(entry.ends[entry.taken++]);
  }

  /** Names of links with only one end in use (a lab wiring mistake worth reporting). */
  danglingLinks(): string[] {
    return [...this.links].filter(([, entry]) => entry.taken === 1).map(([name]) => name);
  }
}
