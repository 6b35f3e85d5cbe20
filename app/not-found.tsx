import { PlainFrame } from '@/components/shell/plain-frame';
import { Refusal } from '@/components/shell/refusal';

/**
 * An unknown path: the plain frame, no viewer, navigation, banners or unread count, so a 404 never
 * touches the database and stays cheap to answer. (A portal page that calls notFound() gets
 * app/(portal)/not-found.tsx inside the signed-in shell instead.)
 */
export default function NotFound() {
  return (
    <PlainFrame>
      <Refusal kind="notFound" />
    </PlainFrame>
  );
}
