import fc from 'fast-check';
import type { DiscoveredRoute, RoutePart } from './routes';

/*
 * Generated requests: a discovered route with generated path segments, query string and body.
 * Values mix the shapes the portal expects (dates, uuids, account ids, decimals, cursors) with
 * what breaks parsers (calendar-invalid dates, out-of-range numbers, malformed percent-encoding,
 * control characters, path tricks, oversized bodies).
 */

export interface FuzzRequest {
  route: string;
  method: string;
  /** Path and query exactly as sent (already encoded, possibly malformed on purpose). */
  target: string;
  contentType: string | null;
  body: string | null;
  /** Bytes of filler appended to exceed the body limits. */
  padding: number;
}

const tricky = [
  '',
  '.',
  '..',
  '%',
  '%25',
  '%E0%A4%A',
  '%ED%A0%80',
  '%C0%AF',
  '%00',
  '%2F',
  '%5C',
  '%2e%2e',
  '\\evil.example',
  '//evil.example',
  'null',
  'undefined',
  'true',
  '0',
  '-1',
  '1e999',
  'NaN',
  'Infinity',
  '9223372036854775807',
  '9223372036854775808',
  '9999999999999999999',
  '-9223372036854775809',
  '0x10',
  '2026-02-30',
  '2026-02-29',
  '2024-02-29',
  '0000-01-01',
  '9999-12-31',
  '2026-13-01',
  '2026-01-01T00:00:00Z',
  '2026-02-30T00:00:00.000000Z',
  'xx',
  "'",
  '"',
  '<script>',
  '{}',
  '[]',
  'A100000001',
  'A100000002',
  'A999999999',
  'demo',
  'sandbox',
  'stripe',
  'signin',
  'signout',
  'callback',
  'session',
  'csrf',
  'providers',
  'error',
  'csv',
  'jsonl',
  'pdf',
  'zip',
  'en',
  'zh-CN',
  'compute',
  'charge',
  'top_up',
  'requested',
  'issued',
];

const rawText = (maxLength: number) => fc.string({ unit: 'grapheme', maxLength });

/** A value as it appears in a URL: mostly well-formed encodings, sometimes raw malformed ones. */
const urlValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...tricky).map((v) => (/%|\\|\//.test(v) ? v : encodeURIComponent(v))) },
  { weight: 2, arbitrary: fc.uuid().map(String) },
  { weight: 2, arbitrary: fc.date({ min: new Date('1899-12-31T00:00:00Z'), max: new Date('2101-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`) },
  { weight: 2, arbitrary: fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 3, arbitrary: rawText(40).map(encodeURIComponent) },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9._~-]{1,24}$/) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom('%', 'E', '0', 'A', '4', 'F', 'f', '2', '5', 'C', 'D', '8', 'z'), { maxLength: 12 }).map((c) => c.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 30 }).map((s) => Buffer.from(s).toString('base64url')) },
  { weight: 1, arbitrary: fc.tuple(fc.date({ noInvalidDate: true }), fc.bigInt({ min: 0n, max: 2n ** 66n })).map(([d, id]) => Buffer.from(`${d.toISOString().replace('Z', '000Z')}|${id}`).toString('base64url')) },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 3000 }).map((n) => 'a'.repeat(n)) },
);

const commonQueryNames = ['from', 'to', 'cursor', 'limit', 'service', 'type', 'q', 'before', 'email', 'callbackUrl', 'error', 'status', 'format', 'account', 'lang', 'all', 'page', 'id'];

function segmentsFor(parts: RoutePart[]): fc.Arbitrary<string[]> {
  return fc.tuple(
    ...parts.map((part): fc.Arbitrary<string[]> => {
      if (part.kind === 'static') return fc.oneof({ weight: 19, arbitrary: fc.constant<string[]>([part.text]) }, { weight: 1, arbitrary: urlValue.map((v) => [v]) });
      if (part.kind === 'param') return urlValue.map((v) => [v]);
      return fc.array(urlValue, { minLength: part.optional ? 0 : 1, maxLength: 3 });
    }),
  ).map((lists) => lists.flat());
}

function queryFor(route: DiscoveredRoute): fc.Arbitrary<string> {
  const names = [...new Set([...route.queryNames, ...commonQueryNames])];
  const name = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: urlValue });
  return fc
    .array(fc.tuple(name, urlValue), { maxLength: 5 })
    .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}` : ''));
}

/** JSON shaped like what the portal's JSON endpoints read, with every field possibly wrong. */
const jsonScalar = fc.oneof(urlValue.map((v) => safeDecode(v)), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const eventLike = fc.record(
  { id: jsonScalar, account: jsonScalar, service: jsonScalar, quantity: jsonScalar, occurredAt: jsonScalar },
  { requiredKeys: [] },
);
const shapedJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ events: fc.oneof(fc.array(eventLike, { maxLength: 5 }), jsonScalar) }, { requiredKeys: [] }),
  fc.record(
    {
      id: jsonScalar,
      service: jsonScalar,
      startedAt: jsonScalar,
      endedAt: jsonScalar,
      accounts: fc.oneof(fc.array(jsonScalar, { maxLength: 3 }), jsonScalar),
      title: fc.oneof(fc.record({ en: jsonScalar, zh: jsonScalar }, { requiredKeys: [] }), jsonScalar),
      status: jsonScalar,
    },
    { requiredKeys: [] },
  ),
  fc.record({ now: jsonScalar }, { requiredKeys: [] }),
  fc.record({ type: jsonScalar, id: jsonScalar, data: fc.record({ object: fc.record({ id: jsonScalar, metadata: fc.dictionary(rawText(10), jsonScalar) }) }) }),
);

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const body: fc.Arbitrary<{ contentType: string | null; body: string | null; padding: number }> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ contentType: null, body: null, padding: 0 }) },
  { weight: 4, arbitrary: shapedJson.map((v) => ({ contentType: 'application/json', body: JSON.stringify(v), padding: 0 })) },
  { weight: 2, arbitrary: fc.jsonValue().map((v) => ({ contentType: 'application/json', body: JSON.stringify(v), padding: 0 })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(rawText(200), fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'))
      .map(([text, contentType]) => ({ contentType, body: text, padding: 0 })),
  },
  // Over the limits: 64 KiB for webhooks, 2 MiB for the machine API.
  { weight: 1, arbitrary: fc.constantFrom(70 * 1024, 2 * 1024 * 1024 + 1024).map((padding) => ({ contentType: 'application/json', body: '{"pad":"', padding })) },
);

/** One generated request to one of the routes. */
export function requestArbitrary(routes: DiscoveredRoute[]): fc.Arbitrary<FuzzRequest> {
  return fc.constantFrom(...routes).chain((route) =>
    fc
      .record({
        segments: segmentsFor(route.parts),
        query: queryFor(route),
        method: fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...route.methods) }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE') }),
        body,
      })
      .map(({ segments, query, method, body: b }) => ({
        route: `${route.kind === 'page' ? 'page' : 'handler'} ${route.template}`,
        method,
        target: `/${segments.join('/')}${query}`,
        ...(method === 'GET' || method === 'HEAD' ? { contentType: null, body: null, padding: 0 } : b),
      })),
  );
}
