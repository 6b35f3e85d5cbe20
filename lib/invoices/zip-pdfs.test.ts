import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { zipPdfs, zipPdfsWebStream, type ZipPdfFile, type ZipProgress } from './zip-pdfs';
import { readZip } from './zip-testing';

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function fakePdf(number: string, size = 5_000): Uint8Array {
  const bytes = Buffer.alloc(size, number);
  bytes.write(`%PDF-1.7 invoice ${number}\n`);
  return new Uint8Array(bytes);
}

function files(count: number): ZipPdfFile[] {
  return Array.from({ length: count }, (_, index) => {
    const number = `2026-${String(index + 1).padStart(6, '0')}`;
    return { fileName: `${number}.pdf`, bytes: fakePdf(number, 3_000 + index * 100) };
  });
}

function memorySink(): { sink: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  return {
    sink: new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    }),
    bytes: () => Buffer.concat(chunks),
  };
}

async function* oneByOne(list: ZipPdfFile[], pulled: { count: number }): AsyncGenerator<ZipPdfFile> {
  for (const file of list) {
    await new Promise((resolve) => setImmediate(resolve));
    pulled.count += 1;
    yield file;
  }
}

describe('zipPdfs', () => {
  it('writes every PDF under its name, intact, with a matching CRC, and reports progress per file', async () => {
    const input = files(5);
    const { sink, bytes } = memorySink();
    const progress: ZipProgress[] = [];
    const pulled = { count: 0 };
    const result = await zipPdfs(oneByOne(input, pulled), sink, {
      onProgress: (p) => {
        progress.push(p);
        // Streaming: the source is never read more than one file ahead of the archive.
        expect(pulled.count - p.files).toBeLessThanOrEqual(1);
      },
    });

    const entries = readZip(bytes());
    expect(entries.map((e) => e.name)).toEqual(input.map((f) => f.fileName));
    entries.forEach((entry, index) => {
      expect(entry.method).toBe(0); // stored: PDFs are compressed inside already
      expect(entry.content.equals(Buffer.from(input[index].bytes))).toBe(true);
      expect(entry.crc).toBe(crc32(input[index].bytes));
    });
    expect(progress.map((p) => p.files)).toEqual([1, 2, 3, 4, 5, 5]);
    expect(progress.map((p) => p.done)).toEqual([false, false, false, false, false, true]);
    expect(result).toEqual({ files: 5, bytes: bytes().length, done: true });
  });

  it('deflates when asked to', async () => {
    const input = files(2);
    const { sink, bytes } = memorySink();
    await zipPdfs(input, sink, { compressionLevel: 6 });
    const entries = readZip(bytes());
    expect(entries.map((e) => e.method)).toEqual([8, 8]);
    expect(entries[1].content.equals(Buffer.from(input[1].bytes))).toBe(true);
  });

  it('marks Chinese file names as UTF-8', async () => {
    const { sink, bytes } = memorySink();
    await zipPdfs([{ fileName: '发票-2026-000123.pdf', bytes: fakePdf('x') }], sink);
    expect(readZip(bytes())[0]).toMatchObject({ name: '发票-2026-000123.pdf', utf8Name: true });
  });

  it('gives the same bytes for the same files', async () => {
    const first = memorySink();
    const second = memorySink();
    await zipPdfs(files(3), first.sink);
    await zipPdfs(files(3), second.sink);
    expect(second.bytes().equals(first.bytes())).toBe(true);
  });

  it.each([
    ['a duplicate name', [{ fileName: 'a.pdf' }, { fileName: 'a.pdf' }], /two files named a\.pdf/],
    ['a folder in the name', [{ fileName: '../a.pdf' }], /not a plain file name/],
    ['an empty name', [{ fileName: '' }], /not a plain file name/],
  ])('refuses %s and fails the output', async (_label, names, message) => {
    const { sink } = memorySink();
    const input = names.map((n) => ({ fileName: n.fileName, bytes: fakePdf('x') }));
    await expect(zipPdfs(input, sink)).rejects.toThrow(message);
    expect(sink.destroyed).toBe(true);
  });

  it('passes a failure of the file source on and does not finish the archive', async () => {
    async function* failing(): AsyncGenerator<ZipPdfFile> {
      yield files(1)[0];
      throw new Error('render failed');
    }
    const { sink } = memorySink();
    await expect(zipPdfs(failing(), sink)).rejects.toThrow('render failed');
    await expect(new Response(zipPdfsWebStream(failing())).arrayBuffer()).rejects.toThrow('render failed');
  });

  it('streams as a web stream that reads as the same archive', async () => {
    const input = files(4);
    const zip = Buffer.from(await new Response(zipPdfsWebStream(oneByOne(input, { count: 0 }))).arrayBuffer());
    expect(readZip(zip).map((e) => e.name)).toEqual(input.map((f) => f.fileName));
    const { sink, bytes } = memorySink();
    await zipPdfs(input, sink);
    expect(zip.equals(bytes())).toBe(true);
  });
});
