// Client side of the StreamChannel (P4Runtime 1.4 §16): sends arbitration,
// PacketOut and DigestListAck; delivers PacketIn, DigestList, idle-timeout
// notifications, StreamErrors and arbitration advisories to handlers, and lets
// callers await the next message that matches a predicate.

import type * as grpc from '@grpc/grpc-js';
import type { StreamRequestMessage, StreamResponseMessage } from '../server/messages.js';

export type StreamHandler = (message: StreamResponseMessage) => void;

export type StreamWait =
  | { ok: true; value: StreamResponseMessage }
  | { ok: false; code: number; message: string };

interface Waiter {
  predicate: (message: StreamResponseMessage) => boolean;
  resolve: (result: StreamWait) => void;
  timer: NodeJS.Timeout;
}

/** How many unclaimed messages are kept for later `next()` calls. */
const backlogLimit = 10_000;

export class StreamSession {
  private handlers = new Set<StreamHandler>();
  private waiters: Waiter[] = [];
  private backlog: StreamResponseMessage[] = [];
  /** Set once the server ended the stream (status code; 0 = OK). */
  ended: { code: number; message: string } | undefined;

  constructor(private readonly call: grpc.ClientDuplexStream<StreamRequestMessage, StreamResponseMessage>) {
    call.on('data', (message: StreamResponseMessage) => this.deliver(message));
    call.on('error', (error: grpc.ServiceError) => this.finish(error.code ?? 2, error.details ?? error.message));
    call.on('end', () => this.finish(0, 'stream ended'));
  }

  private deliver(message: StreamResponseMessage): void {
    for (const handler of this.handlers) handler(message);
    const index = this.waiters.findIndex((waiter) => waiter.predicate(message));
    if (index >= 0) {
      const [waiter] = this.waiters.splice(index, 1);
      clearTimeout(waiter.timer);
      waiter.resolve({ ok: true, value: message });
      return;
    }
    this.backlog.push(message);
    if (this.backlog.length > backlogLimit) this.backlog.shift();
  }

  private finish(code: number, message: string): void {
    if (this.ended) return;
    this.ended = { code, message };
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.resolve({ ok: false, code, message });
    }
  }

  /** Calls `handler` for every message from now on; returns an unsubscribe function. */
  on(handler: StreamHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  /** The first message (already received or future) matching `predicate`; a timeout gives DEADLINE_EXCEEDED. */
  next(predicate: (message: StreamResponseMessage) => boolean = () => true, timeoutMs = 5000): Promise<StreamWait> {
    const index = this.backlog.findIndex(predicate);
    if (index >= 0) return Promise.resolve({ ok: true, value: this.backlog.splice(index, 1)[0] });
    if (this.ended) return Promise.resolve({ ok: false, ...this.ended });
    return new Promise((resolve) => {
      const waiter: Waiter = {
        predicate,
        resolve,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((item) => item !== waiter);
          resolve({ ok: false, code: 4, message: 'timed out waiting for a stream message' });
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** Drops unclaimed messages matching `predicate` (all by default), e.g. stale advisories. */
  discard(predicate: (message: StreamResponseMessage) => boolean = () => true): void {
    this.backlog = this.backlog.filter((message) => !predicate(message));
  }

  send(message: StreamRequestMessage): void {
    if (!this.ended) this.call.write(message);
  }

  close(): void {
    if (!this.ended) this.call.end();
    this.call.cancel();
  }
}
