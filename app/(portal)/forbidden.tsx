import { Refusal } from '@/components/shell/refusal';

/** forbidden() in a signed-in page (a customer opening /finance): inside the portal layout's shell. */
export default function PortalForbidden() {
  return <Refusal kind="forbidden" />;
}
