import { ImpersonationBanner } from '@/components/support/impersonation-banner';
import { TermsBanner } from '@/components/terms/terms-banner';
import { ContactAccuracyBanner } from '@/components/contact/accuracy-banner';
import { StandingBanner } from '@/components/account/standing-banner';
import type { Viewer } from '@/lib/auth/viewer';
import { OutageBanner } from '@/components/status/outage-banner';
import { loadOutageBanner } from '@/lib/shell/outage-banner-data';

/** Banners shown on every page (impersonation, terms amendments, contact accuracy…). */
export async function Banners({ viewer }: { viewer: Viewer }) {
  const outage = await loadOutageBanner(viewer);
  return (
    <div className="space-y-2 empty:hidden">
      <ImpersonationBanner viewer={viewer} />
      <TermsBanner viewer={viewer} />
      <ContactAccuracyBanner viewer={viewer} />
      <OutageBanner {...outage} />
      <StandingBanner viewer={viewer} />
    </div>
  );
}
