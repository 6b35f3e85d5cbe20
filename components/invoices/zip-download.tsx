'use client';

import { useFormatter, useTranslations } from '@/components/shell/client-i18n';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { sizeText, useZipDownload } from '@/components/ui/use-zip-download';

/**
 * Downloads the ZIP of the filtered PDFs while showing progress: the server says beforehand how
 * many PDFs and bytes are coming; the page counts bytes and completed PDFs as they arrive, then
 * hands the archive to the browser as a file.
 */
export function ZipDownload({ query, files, bytes }: { query: string; files: number; bytes: number }) {
  const t = useTranslations('finance.downloads');
  const format = useFormatter();
  const { state, download: start } = useZipDownload({ filesHeader: 'x-invoice-count', bytesHeader: 'x-invoice-bytes', expectedFiles: files, expectedBytes: bytes, fallbackName: 'invoices.zip' });
  const download = () => start(`/api/finance/invoices/zip${query ? `?${query}` : ''}`);

  return (
    <div className="space-y-2">
      <Button variant="secondary" disabled={files === 0 || state.phase === 'running'} onClick={() => void download()}>
        {t('zip', { count: files })}
      </Button>
      {state.phase === 'running' ? (
        <div className="space-y-1">
          <progress className="w-full max-w-sm" max={Math.max(state.expectedBytes ?? 0, 1)} value={Math.min(state.bytes, state.expectedBytes ?? 0)} aria-label={t('zipProgressLabel')} />
          <p role="status" className="text-sm">
            {t('zipProgress', { received: sizeText(state.bytes, format), total: sizeText(state.expectedBytes ?? 0, format), files: state.files, count: state.expectedFiles })}
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
