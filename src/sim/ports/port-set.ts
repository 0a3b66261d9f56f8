// Numbered switch ports and their attachments. The switch engine registers one
// ingress handler and calls transmit() for each egress frame; PortSet keeps the
// per-port counters and routes frames to and from the attachments.

import { fail, ok, type Result } from '../../packet/bytes.js';
import { zeroCounters, type PortAttachment, type PortCounters } from './attachment.js';

export type IngressHandler = (port: number, frame: Uint8Array) => void;

/** v1model egress_spec is 9 bits; ports above are not addressable by the program. */
export const maximumPortNumber = 511;

export class PortSet {
  private readonly attachments = new Map<number, PortAttachment>();
  private readonly portCounters = new Map<number, PortCounters>();
  private ingress?: IngressHandler;
  private fallback?: (port: number, frame: Uint8Array) => void;
  /** Attachments whose receiver is registered (each exactly once). */
  private readonly listening = new WeakSet<PortAttachment>();

  /**
   * The switch engine's packet input; frames from every port arrive here.
   * Attachments are asked for frames only from this moment, so a pcap replay
   * attached earlier waits for the engine instead of dropping its first frames.
   */
  onIngress(handler: IngressHandler): void {
    this.ingress = handler;
    for (const [port, attachment] of this.attachments) this.listen(port, attachment);
  }

  /**
   * Receiver of frames sent to ports without an attachment (counted as tx), so
   * that a test harness sees output on ports nobody declared. Without it they drop.
   */
  onUnattachedTransmit(handler: ((port: number, frame: Uint8Array) => void) | undefined): void {
    this.fallback = handler;
  }

  attach(port: number, attachment: PortAttachment): Result<void> {
    if (!Number.isInteger(port) || port < 0 || port > maximumPortNumber) {
      return fail(`port ${port} is out of range 0..${maximumPortNumber}`);
    }
    if (this.attachments.has(port)) return fail(`port ${port} already has an attachment (${this.attachments.get(port)!.description})`);
    this.attachments.set(port, attachment);
    if (this.ingress) this.listen(port, attachment);
    return ok(undefined);
  }

  private listen(port: number, attachment: PortAttachment): void {
    if (this.listening.has(attachment)) return;
    this.listening.add(attachment);
    const counters = this.countersFor(port);
    attachment.onReceive((frame) => {
      // A detached attachment may still have frames in flight: they are not ours any more.
      if (this.attachments.get(port) !== attachment || !this.ingress) return;
      counters.rxPackets++;
      counters.rxBytes += frame.length;
      this.ingress(port, frame);
    });
  }

  async detach(port: number): Promise<void> {
    const attachment = this.attachments.get(port);
    if (!attachment) return;
    this.attachments.delete(port);
    await attachment.close();
  }

  /** Send a frame out of a port; false (and a drop counted) if nothing is attached and there is no fallback. */
  transmit(port: number, frame: Uint8Array): boolean {
    const counters = this.countersFor(port);
    const attachment = this.attachments.get(port);
    if (!attachment && this.fallback) {
      counters.txPackets++;
      counters.txBytes += frame.length;
      this.fallback(port, frame.slice());
      return true;
    }
    if (!attachment) {
      counters.drops++;
      return false;
    }
    counters.txPackets++;
    counters.txBytes += frame.length;
    attachment.send(frame);
    return true;
  }

  /** Count a frame the pipeline dropped on this port (e.g. mark_to_drop). */
  recordDrop(port: number): void {
    this.countersFor(port).drops++;
  }

  counters(port: number): PortCounters {
    return { ...this.countersFor(port) };
  }

  attachment(port: number): PortAttachment | undefined {
    return this.attachments.get(port);
  }

  /** Ports with an attachment, ascending. */
  ports(): number[] {
    return [...this.attachments.keys()].sort((left, right) => left - right);
  }

  async closeAll(): Promise<void> {
    const all = [...this.attachments.values()];
    this.attachments.clear();
    await Promise.all(all.map((attachment) => attachment.close()));
  }

  private countersFor(port: number): PortCounters {
    let counters = this.portCounters.get(port);
    if (!counters) {
      counters = zeroCounters();
      this.portCounters.set(port, counters);
    }
    return counters;
  }
}

/** What the embedded switch's processPacket returns for one input frame. */
export type PacketProcessor = (port: number, frame: Uint8Array) => readonly { port: number; bytes: Uint8Array }[];

/**
 * Drive a synchronous packet processor (Switch.processPacket) from the ports:
 * every received frame is processed and each output transmitted. Outputs to
 * ports without an attachment are counted as drops by PortSet.
 */
export function connectProcessor(ports: PortSet, process: PacketProcessor): void {
  ports.onIngress((port, frame) => {
    for (const output of process(port, frame)) ports.transmit(output.port, output.bytes);
  });
}
