import { once } from 'node:events';
import { PassThrough, Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import archiver from 'archiver';
import { webStreamOf } from '@/lib/http/web-stream';

/**
 * Bulk download of invoice PDFs as one ZIP (DESIGN.md "Invoices"), streamed: each PDF is added
 * when the previous one has gone into the archive, so memory holds one PDF at a time and a slow
 * reader slows the producer.
 */

export interface ZipPdfFile {
  /** Name inside the archive, e.g. "2026-000123.pdf"; no folders. */
  fileName: string;
  bytes: Uint8Array;
  /** Shown as the file's date in the archive; defaults to options.modifiedAt. */
  modifiedAt?: Date;
}

/** A file whose text is produced while the archive streams (a CSV or JSON-lines export of any length). */
export interface ZipTextFile {
  fileName: string;
  /** UTF-8 text, chunk by chunk; read only when the file's turn comes. */
  text: AsyncIterable<string>;
  modifiedAt?: Date;
}

export type ZipFile = ZipPdfFile | ZipTextFile;

export interface ZipProgress {
  /** Files added to the archive so far. */
  files: number;
  /** Bytes of archive produced so far. */
  bytes: number;
  done: boolean;
}

export interface ZipPdfsOptions {
  onProgress?: (progress: ZipProgress) => void;
  /**
   * zlib level 0–9; 0 stores the files. PDFs are already compressed inside, so the default
   * stores them: deflating saves a few percent at several times the time (bench/invoices.ts).
   */
  compressionLevel?: number;
  /** Date for files without their own; fixed by default so the same files give the same bytes. */
  modifiedAt?: Date;
}

/** 1980-01-01, the earliest date a ZIP entry can carry. */
const DEFAULT_MODIFIED_AT = new Date(1980, 0, 1);

function checkFileName(fileName: string, seen: Set<string>): void {
  if (fileName === '' || /[\\/\u0000-\u001f]/.test(fileName) || fileName === '.' || fileName === '..') {
    throw new RangeError(`not a plain file name for the archive: ${JSON.stringify(fileName)}`);
  }
  if (seen.has(fileName)) throw new RangeError(`two files named ${fileName} in one archive`);
  seen.add(fileName);
}

export async function zipPdfs(
  files: AsyncIterable<ZipFile> | Iterable<ZipFile>,
  output: Writable,
  options: ZipPdfsOptions = {},
): Promise<ZipProgress> {
  const level = options.compressionLevel ?? 0;
  const archive = archiver('zip', level === 0 ? { store: true } : { zlib: { level } });
  const written = pipeline(archive, output);
  const progress: ZipProgress = { files: 0, bytes: 0, done: false };
  const seen = new Set<string>();
  try {
    for await (const file of files) {
      checkFileName(file.fileName, seen);
      // Resolves once the entry is in the archive; rejects on the archive's 'error'.
      const added = once(archive, 'entry');
      const source = 'bytes' in file ? Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength) : Readable.from(file.text);
      archive.append(source, {
        name: file.fileName,
        date: file.modifiedAt ?? options.modifiedAt ?? DEFAULT_MODIFIED_AT,
      });
      await added;
      progress.files += 1;
      progress.bytes = archive.pointer();
      options.onProgress?.({ ...progress });
    }
    await archive.finalize();
  } catch (error) {
    archive.destroy(error instanceof Error ? error : new Error(String(error)));
    // The pipeline rejects with the same error; it is rethrown below.
    await written.catch(() => {});
    throw error;
  }
  await written;
  progress.bytes = archive.pointer();
  progress.done = true;
  options.onProgress?.({ ...progress });
  return progress;
}

/**
 * For a route handler: `new Response(zipPdfsWebStream(files), { headers: … })`. A failure while
 * zipping errors the stream, so the download breaks instead of ending as a short, valid-looking ZIP.
 */
export function zipPdfsWebStream(
  files: AsyncIterable<ZipFile> | Iterable<ZipFile>,
  options: ZipPdfsOptions = {},
): ReadableStream<Uint8Array> {
  const output = new PassThrough();
  zipPdfs(files, output, options).catch((error: unknown) => {
    output.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return webStreamOf(output);
}
