import { Refusal } from '@/components/shell/refusal';

/** notFound() in a signed-in page (e.g. another customer's invoice): inside the portal layout's shell. */
export default function PortalNotFound() {
  return <Refusal kind="notFound" />;
}
