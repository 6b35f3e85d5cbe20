import type { Db } from '@/lib/db/client';
import { listIdentities, type LinkedIdentity } from './identities';
import { configuredProviders } from './options';
import type { Viewer } from './viewer';

/** Everything the linked-identities page shows, for the signed-in user. */
export interface IdentitiesPageView {
  identities: LinkedIdentity[];
  /** The providers configured, in order; `demo`: the demo identity provider (named by the page in the reader's language). */
  providers: { id: string; name: string; demo: boolean }[];
  /** More than one identity is linked: each may be unlinked (never the last). */
  canUnlink: boolean;
  /** Another provider may be linked (not while support views as the customer). */
  canLink: boolean;
}

export async function loadIdentitiesPage(db: Db, viewer: Pick<Viewer, 'userId' | 'impersonation'>): Promise<IdentitiesPageView> {
  const identities = await listIdentities(db, viewer.userId);
  return {
    identities,
    providers: configuredProviders().map((p) => ({ id: p.id, name: p.name, demo: p.id === 'demo' })),
    canUnlink: identities.length > 1,
    canLink: !viewer.impersonation,
  };
}
