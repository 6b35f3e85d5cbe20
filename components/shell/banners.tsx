import { ImpersonationBanner } from '@/components/support/impersonation-banner';
import { TermsBanner } from '@/components/terms/terms-banner';
import { ContactAccuracyBanner } from '@/components/contact/accuracy-banner';
import { StandingBanner } from '@/components/account/standing-banner';
import { OutageBanner } from '@/components/status/outage-banner';
import type { ShellData } from '@/lib/shell/load-shell';

/** Banners shown on every page (impersonation, terms amendments, contact accuracy…), from the shell's data (`loadShell`). */
export async function Banners({ shell }: { shell: ShellData }) {
  const { viewer } = shell;
  return (
    <div className="space-y-2 empty:hidden">
      <ImpersonationBanner impersonation={shell.impersonation} />
      <TermsBanner banner={shell.terms} continuedUseDue={shell.continuedUseDue} />
      <ContactAccuracyBanner prompt={shell.accuracy} impersonating={Boolean(viewer.impersonation)} />
      <OutageBanner outages={shell.outages} timeZone={shell.timeZone} />
      <StandingBanner standing={shell.standing} />
    </div>
  );
}
