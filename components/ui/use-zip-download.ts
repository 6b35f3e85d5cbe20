'use client';

import { useState } from 'react';
import { ZipEntryCounter } from '@/lib/invoices/zip-progress';

export type ZipDownloadState =
  | { phase: 'idle' }
  | { phase: 'running'; bytes: number; expectedBytes: number | null; files: number; expectedFiles: number }
  | { phase: 'done'; bytes: number; files: number }
  | { phase: 'failed'; message: string };

interface ZipDownloadOptions {
  /** Which entry names count as files (see ZipEntryCounter). */
  entryName?: RegExp;
  /** Response headers that announce the number of files and bytes coming, when the server knows. */
  filesHeader: string;
  bytesHeader?: string;
  /** Shown until the headers arrive. */
  expectedFiles: number;
  expectedBytes?: number | null;
  fallbackName: string;
}

/**
 * Downloads a streamed ZIP while counting what has arrived: bytes, and files completed (from the
 * archive's own entry headers), then hands the archive to the browser as a file.
 */
export function useZipDownload(options: ZipDownloadOptions) {
  const [state, setState] = useState<ZipDownloadState>({ phase: 'idle' });

  async function download(url: string) {
    setState({ phase: 'running', bytes: 0, expectedBytes: options.expectedBytes ?? null, files: 0, expectedFiles: options.expectedFiles });
    try {
      const response = await fetch(url, { cache: 'no-store' });
      if (!response.ok || !response.body) throw new Error(`${response.status} ${response.statusText}`);
      const expectedFiles = Number(response.headers.get(options.filesHeader) ?? options.expectedFiles);
      const announcedBytes = options.bytesHeader ? response.headers.get(options.bytesHeader) : null;
      const expectedBytes = announcedBytes !== null ? Number(announcedBytes) : (options.expectedBytes ?? null);
      const counter = new ZipEntryCounter(options.entryName);
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      const reader = response.body.getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        chunks.push(value);
        counter.push(value);
        setState({ phase: 'running', bytes: counter.bytes, expectedBytes, files: counter.complete(false), expectedFiles });
      }
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? options.fallbackName;
      const objectUrl = URL.createObjectURL(new Blob(chunks, { type: 'application/zip' }));
      const link = document.createElement('a');
      link.href = objectUrl;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
      setState({ phase: 'done', bytes: counter.bytes, files: counter.complete(true) });
    } catch (error) {
      setState({ phase: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }

  return { state, download };
}

/** "340 KB", "1.2 MB". */
export function sizeText(bytes: number, format: { number: (value: number, options: { maximumFractionDigits: number }) => string }): string {
  if (bytes < 1024 * 1024) return `${format.number(bytes / 1024, { maximumFractionDigits: 0 })} KB`;
  return `${format.number(bytes / (1024 * 1024), { maximumFractionDigits: 1 })} MB`;
}
