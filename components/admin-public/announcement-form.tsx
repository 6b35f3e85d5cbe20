'use client';

import { useTranslations } from '@/components/shell/client-i18n';
import { useId, useState } from 'react';
import { publishAnnouncementAction } from '@/lib/announcements/actions';
import { Alert } from '@/components/ui/alert';
import { buttonClasses } from '@/components/ui/button';
import { useServerAction } from '@/components/ui/use-server-action';

const input = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-800';

type Field = 'titleEn' | 'titleZh' | 'bodyEn' | 'bodyZh';

/** Title and text in English and Chinese; publishing clears the form. */
export function AnnouncementForm() {
  const t = useTranslations('public');
  const id = useId();
  const action = useServerAction();
  const empty: Record<Field, string> = { titleEn: '', titleZh: '', bodyEn: '', bodyZh: '' };
  const [values, setValues] = useState(empty);
  const errors = action.feedback?.fieldErrors ?? {};
  const field = (name: Field, multiline: boolean) => {
    const props = {
      id: `${id}-${name}`,
      required: true,
      lang: name.endsWith('Zh') ? 'zh-CN' : 'en',
      value: values[name],
      className: input,
      'aria-invalid': errors[name] ? true : undefined,
      'aria-describedby': errors[name] ? `${id}-${name}-error` : undefined,
    };
    return (
      <div>
        <label htmlFor={props.id} className="block text-sm font-medium">
          {t(`admin.${name}`)}
        </label>
        {multiline ? (
          <textarea rows={5} {...props} onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))} />
        ) : (
          <input {...props} onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))} />
        )}
        {errors[name] ? (
          <p id={`${id}-${name}-error`} className="mt-1 text-sm font-medium text-red-800 dark:text-red-300">
            {errors[name]}
          </p>
        ) : null}
      </div>
    );
  };
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        action.run(() => publishAnnouncementAction(values), () => setValues(empty));
      }}
    >
      {action.feedback ? <Alert tone={action.feedback.tone}>{action.feedback.text}</Alert> : null}
      <div className="grid gap-4 md:grid-cols-2">
        {field('titleEn', false)}
        {field('titleZh', false)}
        {field('bodyEn', true)}
        {field('bodyZh', true)}
      </div>
      <button type="submit" disabled={action.pending} className={buttonClasses('primary')}>
        {action.pending ? t('admin.publishing') : t('admin.publish')}
      </button>
    </form>
  );
}
