import { useFormatter, useLocale, useTranslations } from 'next-intl';
import type { MovementView } from '@/lib/charges/history-view';
import { FocusableTable } from './focusable-table';
import { MovementRow, MovementTableHead, type MovementI18n } from './movement-rows';

/** A complete table of movements (the overview's latest entries), rendered on the server. */
export function MovementTable({ entries, caption }: { entries: MovementView[]; caption: string }) {
  const t = useTranslations('charges');
  const format = useFormatter();
  const i18n: MovementI18n = { t, dateTime: (value, options) => format.dateTime(value, options), locale: useLocale() };
  return (
    <FocusableTable caption={caption}>
      <MovementTableHead i18n={i18n} />
      <tbody>
        {entries.map((entry) => (
          <MovementRow key={entry.id} entry={entry} i18n={i18n} />
        ))}
      </tbody>
    </FocusableTable>
  );
}
