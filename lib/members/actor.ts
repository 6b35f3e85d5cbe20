import type { Viewer } from '@/lib/auth/viewer';
import type { MemberActor } from './membership';

/** The member acting, for the activity log (who, from where). */
export function memberActor(viewer: Pick<Viewer, 'userId' | 'name'>, request: { ip: string | null; userAgent: string | null }): MemberActor {
  return { userId: viewer.userId, name: viewer.name, ip: request.ip, userAgent: request.userAgent };
}
