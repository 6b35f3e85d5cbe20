import { describe, expect, it } from 'vitest';
import { readJson } from './api-error';
import { readBodyWithLimit, readTextWithLimit } from './body-limit';

/** A streamed body (no Content-Length) that counts how many chunks were pulled from it. */
function streamedRequest(chunks: number, chunkSize: number, headers: Record<string, string> = {}) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled === chunks) return controller.close();
        pulled++;
        controller.enqueue(new Uint8Array(chunkSize).fill(0x61));
      },
    },
    { highWaterMark: 0 },
  );
  const request = new Request('http://portal.test/api', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
  return { request, pulled: () => pulled };
}

describe('request bodies with a size limit', () => {
  it('refuses a declared Content-Length over the limit with 413 before reading any of it', async () => {
    const { request, pulled } = streamedRequest(10, 1024, { 'content-length': String(10 * 1024) });
    const result = await readBodyWithLimit(request, 4096);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.response.status).toBe(413);
      expect(await result.response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    }
    expect(pulled()).toBe(0);
  });

  it('counts a body without Content-Length while it streams and stops reading once past the limit', async () => {
    const { request, pulled } = streamedRequest(1000, 1024);
    const result = await readBodyWithLimit(request, 4096);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.response.status).toBe(413);
    expect(pulled()).toBeLessThan(10);
  });

  it('gives back a body at the limit byte for byte', async () => {
    const text = '€'.repeat(1000); // 3,000 bytes of UTF-8
    const result = await readTextWithLimit(new Request('http://portal.test/', { method: 'POST', body: text }), 3000);
    expect(result).toEqual({ ok: true, text });
    const over = await readTextWithLimit(new Request('http://portal.test/', { method: 'POST', body: `${text}x` }), 3000);
    expect(over.ok).toBe(false);
  });

  it('readJson: 413 over its limit, 400 for malformed JSON, the value otherwise', async () => {
    const post = (body: string) => new Request('http://portal.test/', { method: 'POST', body });
    const big = await readJson(post(JSON.stringify({ pad: 'x'.repeat(200) })), 100);
    expect(!big.ok && big.response.status).toBe(413);
    const bad = await readJson(post('{"a":'));
    expect(!bad.ok && bad.response.status).toBe(400);
    expect(await readJson(post('{"a":[1,"2"]}'))).toEqual({ ok: true, value: { a: [1, '2'] } });
  });
});
