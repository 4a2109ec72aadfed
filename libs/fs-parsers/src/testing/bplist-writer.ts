/**
 * A small binary plist writer for tests: builds MBFile records and hostile plists the fixture
 * builder never writes. Values: boolean, integer (number / bigint), string, Buffer, Date, { uid },
 * arrays, plain objects. Every integer is written in 8 bytes and refs/offsets in 4: valid, if not
 * as compact as Apple's writer.
 */
export type WritableValue = boolean | number | bigint | string | Buffer | Date | { uid: number } | WritableValue[] | { [key: string]: WritableValue };

const CF_EPOCH_MS = Date.UTC(2001, 0, 1);

export function writeTestBplist(root: WritableValue): Buffer {
  const bodies: Buffer[] = [];
  const add = (value: WritableValue): number => {
    const index = bodies.length;
    bodies.push(Buffer.alloc(0));
    bodies[index] = encode(value);
    return index;
  };
  const encode = (value: WritableValue): Buffer => {
    if (typeof value === 'boolean') return Buffer.from([value ? 0x09 : 0x08]);
    if (typeof value === 'number' || typeof value === 'bigint') return int64(BigInt(value));
    if (typeof value === 'string') return Buffer.concat([head(0x5, value.length), Buffer.from(value, 'latin1')]);
    if (Buffer.isBuffer(value)) return Buffer.concat([head(0x4, value.length), value]);
    if (value instanceof Date) {
      const out = Buffer.alloc(9, 0x33);
      out.writeDoubleBE((value.getTime() - CF_EPOCH_MS) / 1000, 1);
      return out;
    }
    if (Array.isArray(value)) return withRefs(0xa, value.length, value.map(add));
    if ('uid' in value && typeof value['uid'] === 'number' && Object.keys(value).length === 1) {
      const out = Buffer.alloc(5, 0x83);
      out.writeUInt32BE(value['uid'], 1);
      return out;
    }
    const entries = Object.entries(value);
    const keys = entries.map(([key]) => add(key));
    return withRefs(0xd, entries.length, [...keys, ...entries.map(([, item]) => add(item))]);
  };
  add(root);
  const offsets: number[] = [];
  let at = 8;
  for (const body of bodies) {
    offsets.push(at);
    at += body.length;
  }
  const table = Buffer.alloc(offsets.length * 4);
  offsets.forEach((offset, i) => table.writeUInt32BE(offset, i * 4));
  const trailer = Buffer.alloc(32);
  trailer[6] = 4;
  trailer[7] = 4;
  trailer.writeBigUInt64BE(BigInt(bodies.length), 8);
  trailer.writeBigUInt64BE(BigInt(at), 24);
  return Buffer.concat([Buffer.from('bplist00', 'latin1'), ...bodies, table, trailer]);
}

function withRefs(type: number, count: number, refs: number[]): Buffer {
  const packed = Buffer.alloc(refs.length * 4);
  refs.forEach((ref, i) => packed.writeUInt32BE(ref, i * 4));
  return Buffer.concat([head(type, count), packed]);
}

function head(type: number, length: number): Buffer {
  return length < 15 ? Buffer.from([(type << 4) | length]) : Buffer.concat([Buffer.from([(type << 4) | 0xf]), int64(BigInt(length))]);
}

function int64(value: bigint): Buffer {
  const out = Buffer.alloc(9, 0x13);
  out.writeBigInt64BE(value, 1);
  return out;
}

/** An MBFile record (NSKeyedArchiver) as Manifest.db stores it. */
export function mbFileRecord(fields: { size: number | bigint; birth: number; modified: number; relativePath: string; encryptionKey?: Buffer; protectionClass?: number }): Buffer {
  const root: Record<string, WritableValue> = {
    Size: fields.size,
    Birth: fields.birth,
    LastModified: fields.modified,
    ProtectionClass: fields.protectionClass ?? 3,
    RelativePath: { uid: 2 },
    $class: { uid: 3 },
  };
  const objects: WritableValue[] = ['$null', root, fields.relativePath, { $classname: 'MBFile', $classes: ['MBFile', 'NSObject'] }];
  if (fields.encryptionKey) {
    root['EncryptionKey'] = { uid: 4 };
    objects.push({ 'NS.data': fields.encryptionKey });
  }
  return writeTestBplist({ $version: 100000, $archiver: 'NSKeyedArchiver', $top: { root: { uid: 1 } }, $objects: objects });
}
