'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ZipEntryCounter } from '@/lib/invoices/zip-progress';

type State =
  | { phase: 'idle' }
  | { phase: 'running'; bytes: number; expectedBytes: number; files: number; expectedFiles: number }
  | { phase: 'done'; bytes: number; files: number }
  | { phase: 'failed'; message: string };

function sizeText(bytes: number, format: ReturnType<typeof useFormatter>): string {
  if (bytes < 1024 * 1024) return `${format.number(bytes / 1024, { maximumFractionDigits: 0 })} KB`;
  return `${format.number(bytes / (1024 * 1024), { maximumFractionDigits: 1 })} MB`;
}

/**
 * Downloads the ZIP of the filtered PDFs while showing progress: the server says beforehand how
 * many PDFs and bytes are coming; the page counts bytes and completed PDFs as they arrive, then
 * hands the archive to the browser as a file.
 */
export function ZipDownload({ query, files, bytes }: { query: string; files: number; bytes: number }) {
  const t = useTranslations('finance.downloads');
  const format = useFormatter();
  const [state, setState] = useState<State>({ phase: 'idle' });

  async function download() {
    setState({ phase: 'running', bytes: 0, expectedBytes: bytes, files: 0, expectedFiles: files });
    try {
      const response = await fetch(`/api/finance/invoices/zip${query ? `?${query}` : ''}`, { cache: 'no-store' });
      if (!response.ok || !response.body) throw new Error(`${response.status} ${response.statusText}`);
      const expectedFiles = Number(response.headers.get('x-invoice-count') ?? files);
      const expectedBytes = Number(response.headers.get('x-invoice-bytes') ?? bytes);
      const counter = new ZipEntryCounter();
      const chunks: Uint8Array<ArrayBuffer>[] = [];
      const reader = response.body.getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        chunks.push(value);
        counter.push(value);
        setState({ phase: 'running', bytes: counter.bytes, expectedBytes, files: counter.complete(false), expectedFiles });
      }
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'invoices.zip';
      const url = URL.createObjectURL(new Blob(chunks, { type: 'application/zip' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState({ phase: 'done', bytes: counter.bytes, files: counter.complete(true) });
    } catch (error) {
      setState({ phase: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  }

  return (
    <div className="space-y-2">
      <Button variant="secondary" disabled={files === 0 || state.phase === 'running'} onClick={() => void download()}>
        {t('zip', { count: files })}
      </Button>
      {state.phase === 'running' ? (
        <div className="space-y-1">
          <progress className="w-full max-w-sm" max={Math.max(state.expectedBytes, 1)} value={Math.min(state.bytes, state.expectedBytes)} aria-label={t('zipProgressLabel')} />
          <p role="status" className="text-sm">
            {t('zipProgress', { received: sizeText(state.bytes, format), total: sizeText(state.expectedBytes, format), files: state.files, count: state.expectedFiles })}
          </p>
        </div>
      ) : null}
      {state.phase === 'done' ? (
        <p role="status" className="text-sm">
          {t('zipDone', { files: state.files, size: sizeText(state.bytes, format) })}
        </p>
      ) : null}
      {state.phase === 'failed' ? <Alert tone="error">{t('zipFailed', { message: state.message })}</Alert> : null}
    </div>
  );
}
