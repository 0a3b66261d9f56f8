// Port attached to pcap files: DIR/port-N-out.pcap records every frame the
// switch sends out of port N; DIR/port-N-in.pcap, if present, is replayed into
// the port once the switch registers its receiver. Replay ignores capture
// timestamps (as fast as the event loop allows, in file order) unless paced.

import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fail, ok, type Result } from '../../packet/bytes.js';
import { LinkType, pcapFileHeader, pcapRecord, readPcap, type PcapPacket } from '../../packet/pcap.js';
import type { PortAttachment } from './attachment.js';

export interface PcapAttachmentOptions {
  /** Honour the capture's inter-packet gaps during replay (default false). */
  paced?: boolean;
  /** Clock for output timestamps, in nanoseconds (default: wall clock). */
  clockNs?: () => bigint;
}

export function pcapOutputPath(directory: string, port: number): string {
  return join(directory, `port-${port}-out.pcap`);
}

export function pcapInputPath(directory: string, port: number): string {
  return join(directory, `port-${port}-in.pcap`);
}

export class PcapAttachment implements PortAttachment {
  readonly description: string;
  dropped = 0;
  private closed = false;
  private replayStarted = false;
  private resolveReplay!: (count: number) => void;
  /** Resolves with the number of frames replayed, once replay is over (0 without an input file). */
  readonly replayDone: Promise<number>;

  constructor(
    directory: string,
    port: number,
    private readonly output: WriteStream,
    private readonly input: PcapPacket[],
    private readonly options: PcapAttachmentOptions,
  ) {
    this.description = `pcap:${directory}#${port}`;
    this.replayDone = new Promise((resolve) => (this.resolveReplay = resolve));
    if (input.length === 0) this.resolveReplay(0);
  }

  send(frame: Uint8Array): void {
    if (this.closed) {
      this.dropped++;
      return;
    }
    const timestampNs = this.options.clockNs?.() ?? BigInt(Date.now()) * 1_000_000n;
    this.output.write(pcapRecord({ timestampNs, data: frame, originalLength: frame.length }));
  }

  onReceive(callback: (frame: Uint8Array) => void): void {
    if (this.replayStarted || this.input.length === 0) return;
    this.replayStarted = true;
    void this.replay(callback);
  }

  private async replay(callback: (frame: Uint8Array) => void): Promise<void> {
    let previous: bigint | undefined;
    let count = 0;
    for (const packet of this.input) {
      if (this.closed) break;
      const gapMs = this.options.paced && previous !== undefined ? Number((packet.timestampNs - previous) / 1_000_000n) : 0;
      await new Promise<void>((resolve) => (gapMs > 0 ? setTimeout(resolve, gapMs) : setImmediate(resolve)));
      previous = packet.timestampNs;
      if (this.closed) break;
      callback(packet.data);
      count++;
    }
    this.resolveReplay(count);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await new Promise<void>((resolve) => this.output.end(resolve));
  }
}

/**
 * Open the pcap attachment of `port` in `directory` (created if missing). A
 * malformed input file, or one that is not Ethernet, is an error value.
 */
export async function openPcapAttachment(
  directory: string,
  port: number,
  options: PcapAttachmentOptions = {},
): Promise<Result<PcapAttachment>> {
  let input: PcapPacket[] = [];
  let raw: Uint8Array | undefined;
  try {
    raw = await readFile(pcapInputPath(directory, port));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return fail(`pcap: cannot read ${pcapInputPath(directory, port)}: ${(error as Error).message}`);
  }
  if (raw) {
    const parsed = readPcap(raw);
    if (!parsed.ok) return fail(`${pcapInputPath(directory, port)}: ${parsed.error}`);
    if (parsed.value.linkType !== LinkType.ethernet) return fail(`${pcapInputPath(directory, port)}: link type ${parsed.value.linkType} is not Ethernet (1)`);
    // Our frames never carry an FCS: strip it if the capture has one.
    const fcs = parsed.value.fcsLength;
    input = fcs === 0 ? parsed.value.packets : parsed.value.packets.map((packet) => ({ ...packet, data: packet.data.subarray(0, Math.max(0, packet.data.length - fcs)) }));
  }
  try {
    await mkdir(directory, { recursive: true });
  } catch (error) {
    return fail(`pcap: cannot create ${directory}: ${(error as Error).message}`);
  }
  const output = createWriteStream(pcapOutputPath(directory, port));
  const opened = await new Promise<Error | undefined>((resolve) => {
    output.once('open', () => resolve(undefined));
    output.once('error', resolve);
  });
  if (opened) return fail(`pcap: cannot write ${pcapOutputPath(directory, port)}: ${opened.message}`);
  output.on('error', () => undefined); // later write errors surface as a short file, not a crash
  output.write(pcapFileHeader());
  return ok(new PcapAttachment(directory, port, output, input, options));
}
