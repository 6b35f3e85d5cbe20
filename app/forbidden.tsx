import { PlainFrame } from '@/components/shell/plain-frame';
import { Refusal } from '@/components/shell/refusal';

/**
 * forbidden() outside the signed-in pages. Next.js renders this file with every route, called or
 * not, so it stays a plain frame that reads nothing; the signed-in pages have their own
 * (app/(portal)/forbidden.tsx) inside the shell their layout already drew.
 */
export default function Forbidden() {
  return (
    <PlainFrame>
      <Refusal kind="forbidden" />
    </PlainFrame>
  );
}
