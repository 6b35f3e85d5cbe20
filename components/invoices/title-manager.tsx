'use client';

import { useTranslations } from '@/components/shell/client-i18n';
import { useState } from 'react';
import { deleteInvoiceTitleAction, makeDefaultInvoiceTitle } from '@/lib/invoices/actions';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { useServerAction } from '@/components/ui/use-server-action';
import { TitleForm, type TitleView } from './title-form';

/** The account's invoice titles: list, add, edit, make default, delete (with a confirmation step). */
export function TitleManager({ titles, disabled }: { titles: TitleView[]; disabled: boolean }) {
  const t = useTranslations('invoices.titles');
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const { pending, feedback, run } = useServerAction();
  const inactive = disabled || pending;
  const message = saved ? { tone: 'success' as const, text: saved } : feedback;
  const act: typeof run = (action, onSuccess) => {
    setSaved(null);
    run(action, onSuccess);
  };

  return (
    <Card aria-labelledby="invoice-titles-heading">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="invoice-titles-heading" className="text-lg font-semibold">
          {t('heading')}
        </h2>
        {editing === null ? (
          <Button
            variant="secondary"
            disabled={disabled}
            onClick={() => {
              setSaved(null);
              setEditing('new');
            }}
          >
            {t('add')}
          </Button>
        ) : null}
      </div>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t('intro')}</p>
      {titles.length === 0 ? <p className="mt-3 text-sm">{t('empty')}</p> : null}
      <ul className="mt-3 divide-y divide-slate-200 dark:divide-slate-800" aria-label={t('heading')}>
        {titles.map((title) => (
          <li key={title.id} className="py-3">
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div className="text-sm">
                <p className="font-medium">
                  {title.name}{' '}
                  {title.isDefault ? <span className="ml-1 rounded bg-brand-600 px-1.5 py-0.5 text-xs font-medium text-white">{t('default')}</span> : null}
                </p>
                <p className="text-slate-600 dark:text-slate-400">
                  {t(title.type)}
                  {title.taxpayerId ? ` · ${t('taxpayerId')} ${title.taxpayerId}` : ''}
                </p>
                {title.taxpayerIdCheckFailed ? <p className="text-amber-800 dark:text-amber-300">{t('checkFlag')}</p> : null}
                {title.type === 'organization' ? (
                  <p className="text-slate-600 dark:text-slate-400">{title.specialReady ? t('specialReady') : t('specialMissing')}</p>
                ) : null}
              </div>
              <div className="flex flex-wrap gap-2">
                <Button variant="ghost" disabled={inactive} aria-label={t('editLabel', { name: title.name })} onClick={() => { setSaved(null); setEditing(title.id); }}>
                  {t('edit')}
                </Button>
                {!title.isDefault ? (
                  <Button variant="ghost" disabled={inactive} aria-label={t('makeDefaultLabel', { name: title.name })} onClick={() => act(() => makeDefaultInvoiceTitle({ id: title.id }))}>
                    {t('makeDefault')}
                  </Button>
                ) : null}
                {confirmDelete === title.id ? (
                  <>
                    <Button variant="danger" disabled={inactive} onClick={() => act(() => deleteInvoiceTitleAction({ id: title.id }), () => setConfirmDelete(null))}>
                      {t('confirmDelete', { name: title.name })}
                    </Button>
                    <Button variant="secondary" disabled={pending} onClick={() => setConfirmDelete(null)}>
                      {t('cancel')}
                    </Button>
                  </>
                ) : (
                  <Button variant="ghost" disabled={inactive} aria-label={t('deleteLabel', { name: title.name })} onClick={() => setConfirmDelete(title.id)}>
                    {t('delete')}
                  </Button>
                )}
              </div>
            </div>
            {editing === title.id ? (
              <TitleForm
                title={title}
                disabled={disabled}
                onDone={(text) => {
                  setEditing(null);
                  setSaved(text ?? null);
                }}
              />
            ) : null}
          </li>
        ))}
      </ul>
      {editing === 'new' ? (
        <TitleForm
          title={null}
          disabled={disabled}
          onDone={(text) => {
            setEditing(null);
            setSaved(text ?? null);
          }}
        />
      ) : null}
      {message ? (
        <Alert tone={message.tone} className="mt-3">
          {message.text}
        </Alert>
      ) : null}
    </Card>
  );
}
