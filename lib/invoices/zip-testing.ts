/* A ZIP reader for tests: enough of the format to check what an archive lists and holds. */
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  utf8Name: boolean;
  method: number;
  crc: number;
  content: Buffer;
}

/**
 * Reads an archive the way an unzip tool starts: the end-of-central-directory record, then each
 * central directory entry, then the entry's local header and data. Enough of the ZIP format
 * (APPNOTE 4.3) to prove the archive lists and holds what was put in.
 */
export function readZip(zip: Buffer): ZipEntry[] {
  let end = -1;
  for (let at = zip.length - 22; at >= 0; at -= 1) {
    if (zip.readUInt32LE(at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) throw new Error('no end of central directory record');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`no central directory entry at ${at}`);
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const crc = zip.readUInt32LE(at + 16);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localOffset = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (zip.readUInt32LE(localOffset) !== 0x04034b50) throw new Error(`no local header for ${name}`);
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const data = zip.subarray(dataStart, dataStart + compressedSize);
    entries.push({
      name,
      utf8Name: (flags & 0x0800) !== 0,
      method,
      crc,
      content: method === 0 ? Buffer.from(data) : inflateRawSync(data),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
