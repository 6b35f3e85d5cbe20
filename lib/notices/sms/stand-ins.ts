import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buffer } from 'node:stream/consumers';

/*
 * Test stand-ins for the two SMS gateways: local HTTP servers that check each request's signature
 * exactly as the provider documents it, with keys the test generates, and answer as the provider
 * does (success, per-number failure codes, signature errors). What a stand-in answers for a number
 * is chosen by the test through `answerFor`.
 */

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();
const sameHex = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

async function listen(server: Server): Promise<string> {
  // The SDKs keep connections alive between calls; a server that drops an idle one first makes the
  // next call fail with ECONNRESET (seen under load). Real gateways keep them longer than the SDKs do.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/** RFC 3986 percent-encoding, as Alibaba's V3 signature specifies for the canonical query string. */
const percentEncode = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Query pairs percent-decoded without the form-encoding rule that turns `+` into a space. */
export function rawQueryPairs(search: string): [string, string][] {
  return search
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const at = pair.indexOf('=');
      const [k, v] = at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
      return [decodeURIComponent(k), decodeURIComponent(v)];
    });
}

/**
 * Alibaba Cloud's V3 request signature (ACS3-HMAC-SHA256): the canonical request is the method, the
 * URI, the sorted percent-encoded query, the signed headers (`host`, `content-type` if present and
 * every `x-acs-*` header: lower-case name, trimmed value), their names, and the hex SHA-256 of the
 * body (also sent as x-acs-content-sha256). Signature = hex HMAC-SHA256(secret, "ACS3-HMAC-SHA256\n" +
 * hex SHA-256(canonical request)). Returns why it fails, or null when it holds.
 */
export function checkAlibabaV3Signature(request: IncomingMessage, body: Buffer, keys: { id: string; secret: string }): string | null {
  const match = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(request.headers.authorization ?? '');
  if (!match) return 'IncompleteSignature';
  const [, credential, signedList, signature] = match;
  if (credential !== keys.id) return 'InvalidAccessKeyId.NotFound';
  const signed = signedList.split(';');
  const required = Object.keys(request.headers).filter((h) => h.startsWith('x-acs-') || h === 'host' || h === 'content-type');
  if (required.some((h) => !signed.includes(h)) || [...signed].sort().join(';') !== signedList) return 'IncompleteSignature';
  const payloadHash = sha256Hex(body);
  if (request.headers['x-acs-content-sha256'] !== payloadHash) return 'SignatureDoesNotMatch';
  const url = new URL(request.url ?? '/', 'http://stand-in');
  // Decoded as RFC 3986 (a literal `+` stays a plus), then encoded the canonical way.
  const query = rawQueryPairs(url.search)
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const headers = signed.map((h) => `${h}:${String(request.headers[h] ?? '').trim()}\n`).join('');
  const canonical = [request.method, url.pathname, query, headers, signedList, payloadHash].join('\n');
  const expected = hmac(keys.secret, `ACS3-HMAC-SHA256\n${sha256Hex(canonical)}`).toString('hex');
  return sameHex(expected, signature) ? null : 'SignatureDoesNotMatch';
}

/**
 * Tencent Cloud's TC3-HMAC-SHA256: canonical request = method, URI, query, the signed headers
 * (`content-type;host`: lower-case name, trimmed value), their names, hex SHA-256 of the body;
 * string to sign = algorithm, X-TC-Timestamp, `<UTC date>/<service>/tc3_request`, hex SHA-256 of the
 * canonical request; key = HMAC chain of "TC3"+SecretKey over the date, the service and "tc3_request".
 * The client reaches this server with the provider's own Host (`sms.tencentcloudapi.com`), which is
 * what the signature covers.
 */
export function checkTc3Signature(request: IncomingMessage, body: Buffer, keys: { id: string; secret: string }, service: string): string | null {
  const match = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(request.headers.authorization ?? '');
  if (!match) return 'AuthFailure.SignatureFailure';
  const [, id, date, scopeService, signedList, signature] = match;
  if (id !== keys.id) return 'AuthFailure.SecretIdNotFound';
  const timestamp = String(request.headers['x-tc-timestamp'] ?? '');
  if (!/^\d+$/.test(timestamp) || new Date(Number(timestamp) * 1000).toISOString().slice(0, 10) !== date || scopeService !== service) return 'AuthFailure.SignatureFailure';
  const signed = signedList.split(';');
  if (!signed.includes('content-type') || !signed.includes('host')) return 'AuthFailure.SignatureFailure';
  const headerValue = (h: string) => String(request.headers[h] ?? '').trim();
  const url = new URL(request.url ?? '/', 'http://stand-in');
  const headers = signed.map((h) => `${h}:${headerValue(h)}\n`).join('');
  const canonical = [request.method, url.pathname, url.search.slice(1), headers, signedList, sha256Hex(body)].join('\n');
  const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${date}/${service}/tc3_request\n${sha256Hex(canonical)}`;
  const key = hmac(hmac(hmac(`TC3${keys.secret}`, date), service), 'tc3_request');
  return sameHex(hmac(key, stringToSign).toString('hex'), signature) ? null : 'AuthFailure.SignatureFailure';
}

export interface SentSms {
  phone: string;
  signName: string;
  templateId: string;
  /** Alibaba: the TemplateParam object; Tencent: the TemplateParamSet array. */
  params: Record<string, string> | string[];
  reference: string | null;
  messageId: string;
}

/** A per-number answer: `ok`, or a provider error code for that number. */
export type StandInAnswer = 'ok' | string;

export async function startAlibabaStandIn() {
  const keys = { id: `LTAI${randomBytes(8).toString('hex')}`, secret: randomBytes(24).toString('base64url') };
  const sent: SentSms[] = [];
  const refused: string[] = [];
  const state = { answerFor: (_phone: string): StandInAnswer => 'ok' };
  const server = createServer(async (request, response) => {
    const body = await buffer(request);
    const json = (status: number, value: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
      response.end(JSON.stringify(value));
    };
    const requestId = randomBytes(8).toString('hex').toUpperCase();
    const problem = checkAlibabaV3Signature(request, body, keys);
    if (problem) {
      refused.push(problem);
      return json(problem === 'InvalidAccessKeyId.NotFound' ? 404 : 400, { RequestId: requestId, Code: problem, Message: 'The request signature does not conform to Aliyun standards.' });
    }
    if (request.headers['x-acs-action'] !== 'SendSms' || request.headers['x-acs-version'] !== '2017-05-25') return json(404, { RequestId: requestId, Code: 'InvalidAction.NotFound', Message: 'unknown action' });
    const q = new Map(rawQueryPairs(new URL(request.url ?? '/', 'http://stand-in').search));
    const phone = q.get('PhoneNumbers') ?? '';
    const answer = state.answerFor(phone);
    if (answer !== 'ok') return json(200, { RequestId: requestId, Code: answer, Message: `stand-in says ${answer}` });
    const messageId = `${Date.now()}${sent.length}^0`;
    sent.push({
      phone,
      signName: q.get('SignName') ?? '',
      templateId: q.get('TemplateCode') ?? '',
      params: JSON.parse(q.get('TemplateParam') ?? '{}') as Record<string, string>,
      reference: q.get('OutId') ?? null,
      messageId,
    });
    return json(200, { RequestId: requestId, Code: 'OK', Message: 'OK', BizId: messageId });
  });
  const url = await listen(server);
  return { url, keys, sent, refused, state, close: () => close(server) };
}

export async function startTencentStandIn() {
  const keys = { id: `AKID${randomBytes(12).toString('hex')}`, secret: randomBytes(24).toString('base64url') };
  const sent: SentSms[] = [];
  const refused: string[] = [];
  const state = { answerFor: (_phone: string): StandInAnswer => 'ok' };
  const server = createServer(async (request, response) => {
    const body = await buffer(request);
    const requestId = randomBytes(16).toString('hex');
    const json = (value: unknown) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ Response: { ...(value as object), RequestId: requestId } }));
    };
    const problem = checkTc3Signature(request, body, keys, 'sms');
    if (problem) {
      refused.push(problem);
      return json({ Error: { Code: problem, Message: 'The provided credentials could not be validated.' } });
    }
    if (request.headers.host !== 'sms.tencentcloudapi.com') return json({ Error: { Code: 'InvalidParameter', Message: `unexpected host ${request.headers.host}` } });
    if (request.headers['x-tc-action'] !== 'SendSms' || request.headers['x-tc-version'] !== '2021-01-11') return json({ Error: { Code: 'InvalidAction', Message: 'unknown action' } });
    const input = JSON.parse(body.toString('utf8')) as { PhoneNumberSet: string[]; SmsSdkAppId: string; SignName: string; TemplateId: string; TemplateParamSet?: string[]; SessionContext?: string };
    const statuses = input.PhoneNumberSet.map((phone) => {
      const answer = state.answerFor(phone);
      if (answer !== 'ok') return { SerialNo: '', PhoneNumber: phone, Fee: 0, SessionContext: input.SessionContext ?? '', Code: answer, Message: `stand-in says ${answer}`, IsoCode: 'CN' };
      const messageId = `2433:${Date.now()}${sent.length}`;
      sent.push({ phone, signName: input.SignName, templateId: input.TemplateId, params: input.TemplateParamSet ?? [], reference: input.SessionContext ?? null, messageId });
      return { SerialNo: messageId, PhoneNumber: phone, Fee: 1, SessionContext: input.SessionContext ?? '', Code: 'Ok', Message: 'send success', IsoCode: 'CN' };
    });
    return json({ SendStatusSet: statuses });
  });
  const url = await listen(server);
  return { url, keys, sent, refused, state, close: () => close(server) };
}
