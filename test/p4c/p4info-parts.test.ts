import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/p4c/diagnostics.js';
import type { IrHeaderType, IrType } from '../../src/p4c/ir.js';
import { annotationFields, annotationText, documentation, localName } from '../../src/p4c/p4info/annotations.js';
import { allocateFieldIds } from '../../src/p4c/p4info/fields.js';
import { TypeSpecConverter, valueBytes } from '../../src/p4c/p4info/typespec.js';
import { annotation, bit, header } from './p4info-builders.js';

describe('annotations in P4Info', () => {
  it('prints annotations the way p4c does', () => {
    expect(annotationText(annotation('defaultonly'))).toBe('@defaultonly');
    expect(annotationText(annotation('noWarn', ['unused'], 'unused'))).toBe('@noWarn("unused")');
    expect(annotationText({ ...annotation('format'), text: 'IPV4_ADDRESS' })).toBe('@format(IPV4_ADDRESS)');
    // Unparsed bodies: tokens separated by single spaces.
    expect(annotationText({ ...annotation('sai_action'), text: 'SAI_PACKET_ACTION_DROP , RED' })).toBe('@sai_action(SAI_PACKET_ACTION_DROP , RED)');
    expect(annotationText(annotation('tag', ['a', 3n], 'a , 3'))).toBe('@tag("a" , 3)');
  });

  it('keeps @name, @id, @brief and @description out of annotation strings', () => {
    const fields = annotationFields([annotation('name', ['x']), annotation('id', [3n]), annotation('brief', ['b']), annotation('keep')]);
    expect(fields).toEqual({ annotations: ['@keep'] });
    expect(documentation([annotation('description', ['long'])])).toEqual({ doc: { description: 'long' } });
    expect(documentation([annotation('keep')])).toEqual({});
  });

  it('puts @x[...] bodies into structured_annotations', () => {
    const kv = { ...annotation('limits'), pairs: { max: 5n, name: 'n', on: true } };
    const list = { ...annotation('ids', [1n, 'two']), text: '' };
    expect(annotationFields([kv, list])).toEqual({
      structured_annotations: [
        {
          name: 'limits',
          kv_pair_list: { kv_pairs: [{ key: 'max', value: { int64_value: '5' } }, { key: 'name', value: { string_value: 'n' } }, { key: 'on', value: { bool_value: true } }] },
          source_location: { file: 'test.p4', line: 1, column: 1 },
        },
        { name: 'ids', expression_list: { expressions: [{ int64_value: '1' }, { string_value: 'two' }] }, source_location: { file: 'test.p4', line: 1, column: 1 } },
      ],
    });
  });

  it('applies @name to parameter and field names', () => {
    expect(localName('port', [])).toBe('port');
    expect(localName('port', [annotation('name', ['egress'])])).toBe('egress');
    expect(localName('port', [annotation('name', ['.egress'])])).toBe('egress');
  });
});

describe('field ids', () => {
  it('numbers fields 1..n without @id', () => {
    expect(allocateFieldIds([{ annotations: [] }, { annotations: [] }, { annotations: [] }], new Diagnostics())).toEqual([1, 2, 3]);
  });

  it('reports duplicate and zero @id values', () => {
    const diagnostics = new Diagnostics();
    const ids = allocateFieldIds([{ annotations: [annotation('id', [2n])] }, { annotations: [annotation('id', [2n])] }, { annotations: [annotation('id', [0n])] }], diagnostics);
    expect(diagnostics.items.map((item) => item.message)).toEqual(['@id 2 is used multiple times', '0 is not a valid @id value']);
    // The rejected @id falls back to the counter, which has passed two positions.
    expect(ids).toEqual([2, 2, 3]);
  });
});

describe('P4 type specs', () => {
  const vlan = header('vlan_t', [['vid', 12], ['type', 16]]);
  const union: IrType = { kind: 'union', name: 'ip_u', fields: [{ name: 'vlan', type: vlan, annotations: [] }], annotations: [] };

  it('converts bit strings, bool, varbit, tuples and errors', () => {
    const converter = new TypeSpecConverter(['NoError', 'Oops']);
    expect(converter.convert(bit(8)).spec).toEqual({ bitstring: { bit: { bitwidth: 8 } } });
    expect(converter.convert({ kind: 'bit', width: 4, signed: true }).spec).toEqual({ bitstring: { int: { bitwidth: 4 } } });
    expect(converter.convert({ kind: 'varbit', maxWidth: 320 }).spec).toEqual({ bitstring: { varbit: { max_bitwidth: 320 } } });
    expect(converter.convert({ kind: 'tuple', elements: [bit(1), { kind: 'bool' }] }).spec).toEqual({
      tuple: { members: [{ bitstring: { bit: { bitwidth: 1 } } }, { bool: {} }] },
    });
    expect(converter.convert({ kind: 'error' }).spec).toEqual({ error: {} });
    expect(converter.info.error).toEqual({ members: ['NoError', 'Oops'] });
  });

  it('describes headers, unions and stacks once in type_info', () => {
    const converter = new TypeSpecConverter();
    expect(converter.convert({ kind: 'stack', element: vlan as IrHeaderType, size: 2 }).spec).toEqual({ header_stack: { header: { name: 'vlan_t' }, size: 2 } });
    expect(converter.convert(union).spec).toEqual({ header_union: { name: 'ip_u' } });
    expect(converter.convert({ kind: 'stack', element: union as never, size: 3 }).spec).toEqual({ header_union_stack: { header_union: { name: 'ip_u' }, size: 3 } });
    expect(converter.info).toEqual({
      headers: { vlan_t: { members: [{ name: 'vid', type_spec: { bit: { bitwidth: 12 } } }, { name: 'type', type_spec: { bit: { bitwidth: 16 } } }] } },
      header_unions: { ip_u: { members: [{ name: 'vlan', header: { name: 'vlan_t' } }] } },
    });
  });

  it('describes enums and serializable enums with big-endian member values', () => {
    const converter = new TypeSpecConverter();
    expect(converter.convert({ kind: 'enum', name: 'mode_t', members: ['A', 'B'], annotations: [] }).spec).toEqual({ enum: { name: 'mode_t' } });
    const serializable: IrType = { kind: 'enum', name: 'prio_t', members: ['LOW', 'HIGH'], underlying: { kind: 'bit', width: 12, signed: false }, values: [1, 0xabc], annotations: [] };
    expect(converter.convert(serializable).spec).toEqual({ serializable_enum: { name: 'prio_t' } });
    expect(converter.info.enums).toEqual({ mode_t: { members: [{ name: 'A' }, { name: 'B' }] } });
    expect(converter.info.serializable_enums?.prio_t).toEqual({
      underlying_type: { bitwidth: 12 },
      members: [{ name: 'LOW', value: Uint8Array.from([0x00, 0x01]) }, { name: 'HIGH', value: Uint8Array.from([0x0a, 0xbc]) }],
    });
  });

  it('says why a type has no P4Runtime form', () => {
    expect(new TypeSpecConverter().convert({ kind: 'string' })).toEqual({ unsupported: 'type string has no P4Runtime representation' });
  });

  it('encodes values in ceil(W/8) bytes, two complement for negatives', () => {
    expect(Array.from(valueBytes(5n, 9))).toEqual([0, 5]);
    expect(Array.from(valueBytes(-1n, 12))).toEqual([0x0f, 0xff]);
    expect(Array.from(valueBytes(0n, 1))).toEqual([0]);
  });
});
