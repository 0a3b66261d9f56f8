// Capture attachments: ports driven by a test or by the STF runner instead of
// a wire. `PortHarness` is the data-plane half of an StfTarget for a switch
// built on PortSet: packetIn injects into a port, collectOutputs drains what
// the switch sent out of any harnessed port, in emission order.

import type { PortAttachment } from './attachment.js';
import { linksSettled } from './link.js';
import type { PortSet } from './port-set.js';

export class CaptureAttachment implements PortAttachment {
  readonly description: string;
  dropped = 0;
  private receiver?: (frame: Uint8Array) => void;
  private closed = false;

  constructor(
    readonly port: number,
    /** Called for every frame the switch sends out of this port. */
    private readonly sink: (port: number, frame: Uint8Array) => void,
  ) {
    this.description = `capture#${port}`;
  }

  send(frame: Uint8Array): void {
    if (this.closed) {
      this.dropped++;
      return;
    }
    this.sink(this.port, frame.slice());
  }

  onReceive(callback: (frame: Uint8Array) => void): void {
    this.receiver = callback;
  }

  /** Deliver a frame to the switch as if it arrived on the wire; false if nobody listens. */
  inject(frame: Uint8Array): boolean {
    if (this.closed || !this.receiver) {
      this.dropped++;
      return false;
    }
    this.receiver(frame.slice());
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

export interface PortHarnessOptions {
  /**
   * Resolves once the switch has finished with everything injected so far.
   * Default: in-memory links are quiet and one more event-loop turn has passed
   * (enough for an engine that processes in its ingress handler or in a task).
   */
  settle?: () => Promise<void>;
}

export class PortHarness {
  private readonly captures = new Map<number, CaptureAttachment>();
  private outputs: { port: number; data: Uint8Array }[] = [];

  constructor(
    private readonly ports: PortSet,
    private readonly options: PortHarnessOptions = {},
  ) {
    // Output on a port the test never mentioned must still be seen (and fail the test).
    ports.onUnattachedTransmit((port, frame) => this.outputs.push({ port, data: frame }));
  }

  /** The capture attachment of `port`, attached on first use; undefined if the port has another attachment. */
  capture(port: number): CaptureAttachment | undefined {
    let capture = this.captures.get(port);
    if (capture) return capture;
    capture = new CaptureAttachment(port, (egressPort, frame) => this.outputs.push({ port: egressPort, data: frame }));
    if (!this.ports.attach(port, capture).ok) return undefined;
    this.captures.set(port, capture);
    return capture;
  }

  async packetIn(port: number, data: Uint8Array): Promise<void> {
    this.capture(port)?.inject(data);
    await this.settle();
  }

  collectOutputs(): { port: number; data: Uint8Array }[] {
    return this.outputs.splice(0);
  }

  async wait(): Promise<void> {
    await this.settle();
  }

  private async settle(): Promise<void> {
    if (this.options.settle) return this.options.settle();
    await linksSettled();
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
