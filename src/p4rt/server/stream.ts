// StreamChannel requests (P4Runtime 1.4 §16): arbitration updates, PacketOut
// and DigestListAck. Arbitration errors terminate the stream (§16.6: "client
// arbitration errors are never reported using the StreamError message");
// everything else is answered with a StreamError and the stream stays open.

import { parseUnsigned } from '../bytestring.js';
import type { ClientId } from './arbitration.js';
import { bytesOf, int32, isSet, long64, type PacketMessage, type StreamErrorMessage, type StreamRequestMessage } from './messages.js';
import type { P4RuntimeService, StreamSink } from './service.js';
import { electionIdOf } from './service.js';
import { Code, type P4Status } from './status.js';

function streamError(status: P4Status, details: Partial<StreamErrorMessage>): StreamErrorMessage {
  return { canonical_code: status.code, message: status.message, ...details };
}

/** §16.1: exactly one metadata per packet_out field, each within its bitwidth. */
function packetOutMetadata(service: P4RuntimeService, packet: PacketMessage): Map<number, bigint> | P4Status {
  const header = service.pipeline?.index.controllerPackets.get('packet_out');
  const values = new Map<number, bigint>();
  for (const item of packet.metadata ?? []) {
    const id = int32(item.metadata_id);
    const field = header?.byId.get(id);
    if (!field) return { code: Code.INVALID_ARGUMENT, message: `unknown packet_out metadata id ${id}` };
    if (values.has(id)) return { code: Code.INVALID_ARGUMENT, message: `packet_out metadata ${field.name} given twice` };
    const value = parseUnsigned(bytesOf(item.value), field.bitwidth);
    if (!value.ok) return { code: Code.INVALID_ARGUMENT, message: `packet_out metadata ${field.name}: ${value.error === 'empty' ? 'empty' : 'too wide'}` };
    values.set(id, value.value);
  }
  for (const field of header?.metadata ?? []) {
    if (!values.has(field.id)) return { code: Code.INVALID_ARGUMENT, message: `packet_out metadata ${field.name} is missing` };
  }
  return values;
}

export function handleStreamRequest(service: P4RuntimeService, clientId: ClientId, sink: StreamSink, message: StreamRequestMessage): void {
  if (isSet(message.arbitration)) {
    const update = message.arbitration;
    const role = update.role?.name ?? '';
    const outcome = service.arbitration.update(clientId, {
      deviceId: long64(update.device_id),
      role,
      electionId: electionIdOf(update.election_id),
      roleConfig: update.role?.config ?? undefined,
    });
    if (!outcome.ok) {
      sink.terminate(outcome.status);
      service.closeStream(clientId);
      return;
    }
    service.notify(outcome.notifications);
    return;
  }
  if (isSet(message.packet)) {
    const packet = message.packet;
    const reject = (status: P4Status) => sink.send({ error: streamError(status, { packet_out: { packet_out: packet } }) });
    // Only the primary may inject packets (§5: "only the primary controller can participate in packet I/O").
    if (!service.arbitration.isPrimaryClient(clientId)) return reject({ code: Code.PERMISSION_DENIED, message: 'only the primary may send PacketOut' });
    // §16.1: "Any PacketOut message received … from a client which is not allowed to send such messages based on its current role definition must be dropped".
    const session = service.arbitration.sessionOf(clientId);
    const scope = session && service.arbitration.scopeOf(session.deviceId, session.role);
    if (scope !== undefined && !scope.packetIo) return reject({ code: Code.PERMISSION_DENIED, message: `role "${session?.role}" does no packet I/O` });
    if (!service.pipeline) return reject({ code: Code.FAILED_PRECONDITION, message: 'no forwarding pipeline config set' });
    const metadata = packetOutMetadata(service, packet);
    if (!(metadata instanceof Map)) return reject(metadata);
    const sent = service.target.transmitPacket(bytesOf(packet.payload), metadata);
    if (sent.code !== Code.OK) reject(sent);
    return;
  }
  if (isSet(message.digest_ack)) {
    const ack = message.digest_ack;
    const reject = (status: P4Status) => sink.send({ error: streamError(status, { digest_list_ack: { digest_list_ack: ack } }) });
    if (!service.arbitration.isPrimaryClient(clientId)) return reject({ code: Code.PERMISSION_DENIED, message: 'only the primary may acknowledge digests' });
    const digestId = int32(ack.digest_id);
    // §16.6: "if the digest_id field in DigestListAck does not match any Digest entry in P4Info … INVALID_ARGUMENT".
    if (!service.pipeline?.index.digests.has(digestId)) return reject({ code: Code.INVALID_ARGUMENT, message: `unknown digest id ${digestId}` });
    service.digests.acknowledge(digestId, long64(ack.list_id));
    return;
  }
  if (isSet(message.other)) {
    sink.send({ error: streamError({ code: Code.UNIMPLEMENTED, message: 'no architecture-specific stream messages' }, { other: { other: message.other } }) });
    return;
  }
  sink.send({ error: streamError({ code: Code.INVALID_ARGUMENT, message: 'empty StreamMessageRequest' }, {}) });
}
