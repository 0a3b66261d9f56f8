import { describe, expect, it } from 'vitest';
import { toHex } from '../../../src/packet/bytes.js';
import { comparePacket, parseExpectPattern, parseStf, parseStfMatchValue, parseStfNumber } from '../../../src/sim/stf/index.js';

describe('STF literals', () => {
  it('decimal, hex and binary, with * digits giving a mask', () => {
    expect(parseStfNumber('42')).toEqual({ ok: true, value: { text: '42', value: 42n, writtenBits: 0 } });
    expect(parseStfNumber('0x0800')).toEqual({ ok: true, value: { text: '0x0800', value: 0x800n, writtenBits: 16 } });
    expect(parseStfNumber('0x****0101')).toEqual({ ok: true, value: { text: '0x****0101', value: 0x0101n, mask: 0xffffn, writtenBits: 32 } });
    expect(parseStfNumber('0b1*0')).toEqual({ ok: true, value: { text: '0b1*0', value: 0b100n, mask: 0b101n, writtenBits: 3 } });
    for (const bad of ['0x', '0xg1', '0b102', '12a', '', '-1']) expect(parseStfNumber(bad).ok, bad).toBe(false);
  });

  it('prefix, mask and range forms', () => {
    const prefix = parseStfMatchValue('0x0a000000/8');
    expect(prefix.ok && prefix.value).toMatchObject({ kind: 'prefix', prefixLength: 8, number: { value: 0x0a000000n } });
    const mask = parseStfMatchValue('0x0800&&&0xff00');
    expect(mask.ok && mask.value).toMatchObject({ kind: 'mask', number: { value: 0x800n }, mask: { value: 0xff00n } });
    const range = parseStfMatchValue('10->20');
    expect(range.ok && range.value).toMatchObject({ kind: 'range', low: { value: 10n }, high: { value: 20n } });
    expect(parseStfMatchValue('20->10').ok).toBe(false);
    expect(parseStfMatchValue('1/x').ok).toBe(false);
  });

  it('expect patterns with wildcards and the exact-length $', () => {
    expect(parseExpectPattern('00 ** 1a $')).toEqual({ ok: true, value: { nibbles: '00**1A', exact: true } });
    expect(parseExpectPattern('00$11').ok).toBe(false);
  });
});

describe('STF parser', () => {
  it('parses the statement forms of p4c STF files', () => {
    const file = parseStf(`
ADD test2 100 data.f2:0x04040404 c4_6(val4:0x4040, val5:0x5050, port:2)
add tab1 dstAddr:0xa1a2a3a4a5a6 act(port:2) = A
add test1 0 data.$valid$:0b1 data.f1:0x****0101 setb1(val:0x7f, port:2)
add t hdr.stack[1].f : 5 a ( x : 1 )
setdefault ethertype_match l2_packet()
expect 1 *1010101 03030303 0101 0202 $
packet 0 01010101 03030303 9999
expect 5
no_packet
wait   # comment
check_counter cntDum(10) packets == 2
check_counter cntDum($A)
check_counter c(0x1) bytes <= 0x40
remove all
remove tab1 dstAddr:0xa1a2a3a4a5a6
mc_mgrp_create 1
mc_node_create 0 1 2 3
mc_node_associate 1 0
mirroring_add 5 3
mirroring_add_mc 6 1
register_write r 0 5
`);
    expect(file.errors).toEqual([]);
    const [add2, addHandle, addValid, addSpaces, setdefault, expectData, packet, expectAny, noPacket, wait, check, checkHandle, checkBytes, removeAll, removeOne, group, node, associate, mirror, mirrorGroup, direct] = file.statements;
    expect(add2).toMatchObject({ kind: 'add', line: 2, table: 'test2', priority: 100, action: { name: 'c4_6', args: [{ name: 'val4' }, { name: 'val5' }, { name: 'port', value: { value: 2n } }] } });
    expect(add2.kind === 'add' && add2.keys[0]).toMatchObject({ field: 'data.f2', match: { kind: 'number', number: { value: 0x04040404n } } });
    expect(addHandle).toMatchObject({ kind: 'add', table: 'tab1', priority: undefined, handle: 'A', action: { name: 'act' } });
    expect(addValid).toMatchObject({ kind: 'add', priority: 0, keys: [{ field: 'data.$valid$' }, { field: 'data.f1', match: { number: { mask: 0xffffn } } }] });
    expect(addSpaces).toMatchObject({ kind: 'add', keys: [{ field: 'hdr.stack[1].f', match: { number: { value: 5n } } }], action: { name: 'a', args: [{ name: 'x' }] } });
    expect(setdefault).toMatchObject({ kind: 'setdefault', table: 'ethertype_match', action: { name: 'l2_packet', args: [] } });
    expect(expectData).toMatchObject({ kind: 'expect', port: 1, pattern: { nibbles: '*101010103030303010102 02'.replace(' ', ''), exact: true } });
    expect(packet.kind === 'packet' && toHex(packet.data)).toBe('01010101030303039999');
    expect(expectAny).toEqual({ kind: 'expect', port: 5, line: 9 });
    expect([noPacket.kind, wait.kind]).toEqual(['no_packet', 'wait']);
    expect(check).toMatchObject({ kind: 'check_counter', counter: 'cntDum', index: { kind: 'index', index: 10n }, countType: 'packets', comparison: '==', expected: 2n });
    expect(checkHandle).toMatchObject({ index: { kind: 'handle', handle: 'A' }, countType: undefined, comparison: '==', expected: 0n });
    expect(checkBytes).toMatchObject({ index: { index: 1n }, countType: 'bytes', comparison: '<=', expected: 0x40n });
    expect(removeAll).toMatchObject({ kind: 'remove', all: true });
    expect(removeOne).toMatchObject({ kind: 'remove', all: false, table: 'tab1', keys: [{ field: 'dstAddr' }] });
    expect(group).toMatchObject({ kind: 'mc_mgrp_create', group: 1 });
    expect(node).toMatchObject({ kind: 'mc_node_create', replicationId: 0, ports: [1, 2, 3] });
    expect(associate).toMatchObject({ kind: 'mc_node_associate', group: 1, node: 0 });
    expect(mirror).toMatchObject({ kind: 'mirroring_add', session: 5, port: 3 });
    expect(mirrorGroup).toMatchObject({ kind: 'mirroring_add_mc', session: 6, group: 1 });
    expect(direct).toMatchObject({ kind: 'direct', command: 'register_write', args: ['r', '0', '5'] });
  });

  it('reads packet data as bmv2stf HexToByte: a lone last digit is a byte, no data an empty packet', () => {
    const file = parseStf('packet 0 00 20 0\npacket 3\npacket 1 abc');
    expect(file.errors).toEqual([]);
    expect(file.statements.map((statement) => (statement.kind === 'packet' ? [...statement.data] : []))).toEqual([[0x00, 0x20, 0x00], [], [0xab, 0x0c]]);
  });

  it('reports errors with line numbers and keeps going', () => {
    const file = parseStf('packet x 00\nadd t k:1\nexpect 1 0g\nadd t k act()\nsetdefault t\ncheck_counter c\nmc_node_associate 1\nwait now\npacket 1 00zz\nexpect 2 00');
    expect(file.errors.map((error) => error.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(file.statements).toHaveLength(1);
  });
});

describe('packet comparison (bmv2stf comparePacket)', () => {
  const bytes = Uint8Array.from([0xab, 0xcd, 0xef]);
  const check = (text: string) => {
    const pattern = parseExpectPattern(text);
    if (!pattern.ok) throw new Error(pattern.error);
    return comparePacket(pattern.value, bytes);
  };
  it('prefix match unless $, nibble wildcards, case-insensitive', () => {
    expect(check('abcdef').ok).toBe(true);
    expect(check('ABcd').ok).toBe(true);
    expect(check('a*c*ef').ok).toBe(true);
    expect(check('abcdef$').ok).toBe(true);
    expect(check('abcd$')).toMatchObject({ ok: false, reason: 'too-long' });
    expect(check('abcdef00')).toMatchObject({ ok: false, reason: 'too-short' });
    expect(check('abce')).toMatchObject({ ok: false, reason: 'different', position: 3 });
    expect(check('').ok).toBe(true);
  });
});
