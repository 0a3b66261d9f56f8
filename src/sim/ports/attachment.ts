// What a switch port is plugged into. The embedded switch sees only this
// interface; links, pcap files and UDP sockets implement it. Frames are whole
// Ethernet frames without FCS.

export interface PortAttachment {
  /** Short description for logs and the CLI, e.g. "udp:127.0.0.1:9001>127.0.0.1:9002". */
  readonly description: string;
  /**
   * Carry a frame away from the switch. Must not throw: a frame that cannot be
   * carried is dropped and counted by the attachment (`dropped`).
   * The attachment copies the frame if it keeps it beyond the call.
   */
  send(frame: Uint8Array): void;
  /**
   * Register the single receiver of frames arriving towards the switch. Frames
   * that arrive before a receiver is registered are dropped (and counted in
   * `dropped`); replay attachments (pcap) start replaying only then. PortSet
   * registers once the engine has called PortSet.onIngress.
   */
  onReceive(callback: (frame: Uint8Array) => void): void;
  /** Release sockets and flush files; idempotent. send() after close() drops. */
  close(): Promise<void>;
  /** Frames this attachment could not carry or deliver (after close, queue full, loop, socket error). */
  readonly dropped: number;
}

/** Per-port counters kept by PortSet, in the spirit of IF-MIB ifInUcastPkts/ifOutDiscards. */
export interface PortCounters {
  rxPackets: number;
  rxBytes: number;
  txPackets: number;
  txBytes: number;
  /** Frames the switch sent to a port with no attachment, or the pipeline dropped (recordDrop). */
  drops: number;
}

export function zeroCounters(): PortCounters {
  return { rxPackets: 0, rxBytes: 0, txPackets: 0, txBytes: 0, drops: 0 };
}
