import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/client';
import { queryRows } from '@/lib/db/sql-rows';
import { rolesConcernedBy } from './audience';
import type { NoticeKind } from './create-notice';

export interface BroadcastNotice {
  /** The accounts to tell, or every customer account. */
  accounts: string[] | 'all';
  kind: NoticeKind;
  params: Record<string, string | number | null>;
  /** Each account's dedupe key is `${dedupePrefix}${accountId}`: the same event twice tells no one twice. */
  dedupePrefix: string;
  now: Date;
}

/**
 * createNotice for many accounts at once, set-based (one statement however many accounts): a notice
 * per account that has none for this event yet, and its outbox rows by the same rule as
 * enqueueNoticeDeliveries (the verified contact email and phone, and the verified email of each
 * member the kind concerns, each address once, nothing to a bounced one; in the member's language,
 * else the account's first user's). Call it inside the transaction of the event. Returns how many notices
 * were new.
 */
export async function broadcastNotice(db: Db, notice: BroadcastNotice): Promise<number> {
  const targets =
    notice.accounts === 'all'
      ? sql`select id as account_id from customer_accounts`
      : sql`select distinct value as account_id from json_array_elements_text(${JSON.stringify(notice.accounts)}::json)`;
  const [row] = await queryRows<{ created: string }>(
    db,
    sql`with inserted as (
          insert into notices (account_id, kind, params, dedupe_key, created_at)
          select t.account_id, ${notice.kind}, ${JSON.stringify(notice.params)}::jsonb, ${notice.dedupePrefix} || t.account_id, ${notice.now}
          from (${targets}) t
          on conflict (dedupe_key) do nothing
          returning id, account_id
        ),
        deliveries as (
          insert into notice_deliveries (notice_id, account_id, channel, destination, locale, next_attempt_at, created_at)
          select i.id, i.account_id, r.channel, r.destination,
                 case when coalesce(r.locale, (select u.locale from users u where u.account_id = i.account_id order by u.created_at asc limit 1)) = 'zh-CN'
                      then 'zh-CN' else 'en' end,
                 ${notice.now}, ${notice.now}
          from inserted i
          left join account_contacts c on c.account_id = i.account_id
          cross join lateral (
            -- Each address once: the account's contact first, then the members the kind concerns.
            select distinct on (lower(x.destination)) x.channel, x.destination, x.locale
            from (
              select 'email' as channel, c.email as destination, null::text as locale, 0 as rank
              where c.email is not null and c.email_verified_at is not null
              union all
              select 'sms', c.phone, null, 0
              where c.phone is not null and c.phone_verified_at is not null
                and not (c.bounced_channel is not distinct from 'phone' and c.bounced_destination is not distinct from c.phone)
              union all
              select 'email', u.email, u.locale, 1
              from account_members m join users u on u.id = m.user_id
              where m.account_id = i.account_id and u.email_verified
                and m.role in (select json_array_elements_text(${JSON.stringify(rolesConcernedBy(notice.kind))}::json))
            ) x
            where not (x.channel = 'email' and c.bounced_channel is not distinct from 'email' and lower(c.bounced_destination) is not distinct from lower(x.destination))
            order by lower(x.destination), x.rank
          ) r
          returning 1
        )
        select (select count(*) from inserted)::text as created, (select count(*) from deliveries)::text as delivered`,
  );
  return Number(row?.created ?? 0);
}
