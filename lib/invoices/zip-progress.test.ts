import { Writable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZipEntryCounter } from './zip-progress';
import { zipPdfs, type ZipPdfFile } from './zip-pdfs';

async function zipOf(files: ZipPdfFile[]): Promise<Buffer> {
  const chunks: Buffer[] = [];
  await zipPdfs(
    files,
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    }),
  );
  return Buffer.concat(chunks);
}

/** A fake PDF whose content also contains the local-header signature, as real compressed streams may. */
function pdf(index: number): ZipPdfFile {
  const body = Buffer.concat([Buffer.from(`%PDF-1.7 ${index} `), Buffer.from([0x50, 0x4b, 0x03, 0x04, 9, 9]), Buffer.alloc(200 + index * 37, index)]);
  return { fileName: `INV-2026-${String(index).padStart(6, '0')}.pdf`, bytes: body };
}

describe('ZipEntryCounter', () => {
  it('counts the PDFs of an archive however the bytes are split into chunks', async () => {
    const files = Array.from({ length: 12 }, (_, i) => pdf(i + 1));
    const zip = await zipOf(files);
    await fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 200 }), (sizes) => {
        const counter = new ZipEntryCounter();
        let at = 0;
        let index = 0;
        let previous = 0;
        while (at < zip.length) {
          const size = sizes[index % sizes.length];
          counter.push(zip.subarray(at, at + size));
          at += size;
          index += 1;
          expect(counter.complete(false)).toBeGreaterThanOrEqual(previous);
          previous = counter.complete(false);
        }
        expect(counter.bytes).toBe(zip.length);
        expect(counter.started).toBe(12);
        expect(counter.complete(true)).toBe(12);
      }),
    );
  });
});
