'use client';

import { useFormatter, useTranslations } from '@/components/shell/client-i18n';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { sizeText, useZipDownload } from '@/components/ui/use-zip-download';
import { RECORD_ENTRY, RECORD_FILES } from '@/lib/records/record-files';

/** "Download my records": the account's records as one ZIP, with files and bytes counted as they arrive. */
export function RecordsDownload() {
  const t = useTranslations('activity.records');
  const format = useFormatter();
  const { state, download } = useZipDownload({ entryName: RECORD_ENTRY, filesHeader: 'x-records-files', expectedFiles: RECORD_FILES.length, fallbackName: 'records.zip' });
  return (
    <div className="space-y-2">
      <Button variant="secondary" disabled={state.phase === 'running'} onClick={() => void download('/api/records/zip')}>
        {t('button')}
      </Button>
      {state.phase === 'running' ? (
        <div className="space-y-1">
          <progress className="w-full max-w-sm" max={Math.max(state.expectedFiles, 1)} value={state.files} aria-label={t('progressLabel')} />
          <p role="status" className="text-sm">
            {t('progress', { received: sizeText(state.bytes, format), files: state.files, count: state.expectedFiles })}
          </p>
        </div>
      ) : null}
      {state.phase === 'done' ? (
        <p role="status" className="text-sm" data-testid="records-done">
          {t('done', { files: state.files, size: sizeText(state.bytes, format) })}
        </p>
      ) : null}
      {state.phase === 'failed' ? <Alert tone="error">{t('failed', { message: state.message })}</Alert> : null}
    </div>
  );
}
