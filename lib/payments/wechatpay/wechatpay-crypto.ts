import { createCipheriv, createDecipheriv, createSign, createVerify, randomBytes } from 'node:crypto';

/*
 * WeChat Pay API v3's signatures and resource encryption, with node:crypto. The v3 scheme is
 * small and fully specified (SHA256-RSA2048 over a newline-joined message; AEAD_AES_256_GCM with
 * the APIv3 key), and the npm clients (`wechatpay-axios-plugin`, `wechatpay-node-v3`) are thinly
 * maintained and bring their own HTTP stack; so the portal does these few lines itself, and the
 * tests' stand-in uses the same functions from the other side.
 */

export const WECHATPAY_AUTH_SCHEMA = 'WECHATPAY2-SHA256-RSA2048';

/** Request signature message: method, path with query, timestamp, nonce, body, each followed by a newline. */
export function requestMessage(method: string, pathWithQuery: string, timestamp: string, nonce: string, body: string): string {
  return `${method}\n${pathWithQuery}\n${timestamp}\n${nonce}\n${body}\n`;
}

/** Response and notification signature message: timestamp, nonce, body, each followed by a newline. */
export function responseMessage(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`;
}

export function rsaSign(message: string, privateKeyPem: string): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(privateKeyPem, 'base64');
}

export function rsaVerify(message: string, signature: string, publicKeyPem: string): boolean {
  try {
    return createVerify('RSA-SHA256').update(message, 'utf8').verify(publicKeyPem, signature, 'base64');
  } catch {
    return false;
  }
}

export function nonceString(): string {
  return randomBytes(16).toString('hex');
}

/** The `Authorization` header of a merchant request. */
export function authorizationHeader(input: { mchId: string; serialNo: string; privateKey: string; method: string; pathWithQuery: string; body: string; timestamp?: string; nonce?: string }): string {
  const timestamp = input.timestamp ?? String(Math.floor(Date.now() / 1000));
  const nonce = input.nonce ?? nonceString();
  const signature = rsaSign(requestMessage(input.method, input.pathWithQuery, timestamp, nonce, input.body), input.privateKey);
  return `${WECHATPAY_AUTH_SCHEMA} mchid="${input.mchId}",nonce_str="${nonce}",signature="${signature}",timestamp="${timestamp}",serial_no="${input.serialNo}"`;
}

/** The parts of an `Authorization` header (null when it is not the v3 schema). */
export function parseAuthorization(header: string | null): Record<string, string> | null {
  if (!header?.startsWith(`${WECHATPAY_AUTH_SCHEMA} `)) return null;
  const parts: Record<string, string> = {};
  for (const match of header.slice(WECHATPAY_AUTH_SCHEMA.length + 1).matchAll(/(\w+)="([^"]*)"/g)) parts[match[1]] = match[2];
  return parts;
}

export interface EncryptedResource {
  algorithm: string;
  ciphertext: string;
  associated_data?: string;
  nonce: string;
  original_type?: string;
}

/** AEAD_AES_256_GCM with the APIv3 key: base64(ciphertext ‖ 16-byte tag). Throws when the tag does not check. */
export function decryptResource(resource: EncryptedResource, apiV3Key: string): string {
  if (resource.algorithm !== 'AEAD_AES_256_GCM') throw new Error(`unsupported algorithm ${resource.algorithm}`);
  const data = Buffer.from(resource.ciphertext, 'base64');
  if (data.length < 17) throw new Error('ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(resource.nonce, 'utf8'));
  decipher.setAuthTag(data.subarray(data.length - 16));
  decipher.setAAD(Buffer.from(resource.associated_data ?? '', 'utf8'));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
}

export function encryptResource(plaintext: string, apiV3Key: string, associatedData: string, originalType: string): EncryptedResource {
  const nonce = randomBytes(6).toString('hex');
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(apiV3Key, 'utf8'), Buffer.from(nonce, 'utf8'));
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]).toString('base64');
  return { algorithm: 'AEAD_AES_256_GCM', ciphertext, associated_data: associatedData, nonce, original_type: originalType };
}

/** Headers WeChat Pay signs its responses and notifications with. */
export function signedHeaders(body: string, privateKey: string, serial: string, at = new Date()): Record<string, string> {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const nonce = nonceString();
  return {
    'wechatpay-timestamp': timestamp,
    'wechatpay-nonce': nonce,
    'wechatpay-serial': serial,
    'wechatpay-signature': rsaSign(responseMessage(timestamp, nonce, body), privateKey),
    'wechatpay-signature-type': WECHATPAY_AUTH_SCHEMA,
  };
}

export type SignedBodyCheck = { ok: true } | { ok: false; reason: 'missing_header' | 'malformed_header' | 'bad_signature' | 'stale_timestamp' };

/** Checks WeChat Pay's signature over a response or notification body: key id, freshness (5 minutes), RSA-SHA256. */
export function verifySignedBody(headers: Headers, body: string, platform: { publicKey: string; keyId: string }, now: Date): SignedBodyCheck {
  const timestamp = headers.get('wechatpay-timestamp');
  const nonce = headers.get('wechatpay-nonce');
  const signature = headers.get('wechatpay-signature');
  const serial = headers.get('wechatpay-serial');
  if (!timestamp || !nonce || !signature || !serial) return { ok: false, reason: 'missing_header' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed_header' };
  // A key we do not hold: never trust it (the platform key is configuration, not something the message brings).
  if (serial !== platform.keyId) return { ok: false, reason: 'bad_signature' };
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > 300) return { ok: false, reason: 'stale_timestamp' };
  return rsaVerify(responseMessage(timestamp, nonce, body), signature, platform.publicKey) ? { ok: true } : { ok: false, reason: 'bad_signature' };
}
