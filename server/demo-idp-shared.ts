import { createECDH } from 'node:crypto';
import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';
import { DEMO_IDP_SIGNING_ALG } from '@/lib/config';
import type { Db } from '@/lib/db/client';
import { demoIdpStore } from '@/lib/db/schema';

/*
 * What every instance's demo identity provider shares, so a sign-in may start at one instance and
 * finish at another (behind a load balancer, or the workers of a cluster): its signing key, derived
 * from AUTH_SECRET, and its state (interactions, sessions, grants, codes), kept in the database.
 */

/** The order of P-256's base point: a private key is a number in [1, n − 1]. */
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/**
 * The provider's JWKS: one ES256 key whose private scalar comes from `seed` (32 random or
 * HKDF-derived bytes, `demoSigningSeed` of the configuration), so the same seed gives the same key
 * on every instance, and the key changes with AUTH_SECRET.
 */
export function demoSigningJwks(seed: string): { keys: Record<string, string>[] } {
  const material = BigInt(`0x${Buffer.from(seed, 'base64url').toString('hex') || '0'}`);
  const scalar = (material % (P256_ORDER - 1n)) + 1n;
  const d = Buffer.from(scalar.toString(16).padStart(64, '0'), 'hex');
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  const point = ecdh.getPublicKey(); // 0x04 ‖ x ‖ y
  return {
    keys: [
      {
        kty: 'EC',
        crv: 'P-256',
        d: d.toString('base64url'),
        x: point.subarray(1, 33).toString('base64url'),
        y: point.subarray(33, 65).toString('base64url'),
        use: 'sig',
        alg: DEMO_IDP_SIGNING_ALG,
      },
    ],
  };
}

/** Expired rows are never found; they are deleted at most this often per process. */
const PURGE_EVERY_MS = 60_000;

/**
 * oidc-provider's storage on the portal's database (table `demo_idp_store`): one row per stored
 * model (`kind`: Session, Interaction, Grant, AuthorizationCode, AccessToken, …) and id, its payload
 * as oidc-provider gave it, and its expiry.
 */
export function demoIdpAdapter(db: Db, clock: () => Date = () => new Date()): AdapterFactory {
  let lastPurge = 0;
  const live = () => or(isNull(demoIdpStore.expiresAt), gt(demoIdpStore.expiresAt, clock()));
  const payloadWhere = async (where: ReturnType<typeof and>) => {
    const [row] = await db.select({ payload: demoIdpStore.payload }).from(demoIdpStore).where(and(where, live())).limit(1);
    return row ? (row.payload as AdapterPayload) : undefined;
  };

  return (kind: string): Adapter => ({
    async upsert(id, payload, expiresIn) {
      const now = clock();
      const values = {
        payload: payload as Record<string, unknown>,
        grantId: typeof payload.grantId === 'string' ? payload.grantId : null,
        uid: typeof payload.uid === 'string' ? payload.uid : null,
        expiresAt: typeof expiresIn === 'number' ? new Date(now.getTime() + expiresIn * 1000) : null,
      };
      await db
        .insert(demoIdpStore)
        .values({ kind, id, ...values })
        .onConflictDoUpdate({ target: [demoIdpStore.kind, demoIdpStore.id], set: values });
      if (now.getTime() - lastPurge >= PURGE_EVERY_MS) {
        lastPurge = now.getTime();
        await db.delete(demoIdpStore).where(lt(demoIdpStore.expiresAt, now));
      }
    },
    find: (id) => payloadWhere(and(eq(demoIdpStore.kind, kind), eq(demoIdpStore.id, id))),
    findByUid: (uid) => payloadWhere(and(eq(demoIdpStore.kind, kind), eq(demoIdpStore.uid, uid))),
    findByUserCode: (userCode) => payloadWhere(and(eq(demoIdpStore.kind, kind), sql`${demoIdpStore.payload}->>'userCode' = ${userCode}`)),
    async consume(id) {
      const consumed = Math.floor(clock().getTime() / 1000);
      await db
        .update(demoIdpStore)
        .set({ payload: sql`${demoIdpStore.payload} || jsonb_build_object('consumed', ${consumed}::bigint)` })
        .where(and(eq(demoIdpStore.kind, kind), eq(demoIdpStore.id, id)));
    },
    async destroy(id) {
      await db.delete(demoIdpStore).where(and(eq(demoIdpStore.kind, kind), eq(demoIdpStore.id, id)));
    },
    async revokeByGrantId(grantId) {
      await db.delete(demoIdpStore).where(and(eq(demoIdpStore.kind, kind), eq(demoIdpStore.grantId, grantId)));
    },
  });
}
