/*
 * Request bodies are read with a ceiling: a declared Content-Length over it is refused before a
 * byte is read, and a body without one (chunked) is counted while it streams and refused the
 * moment it passes the ceiling. The answer is 413 with the API's error shape.
 */

/** Payment providers' webhooks: a signed event is a few KiB. */
export const WEBHOOK_MAX_BODY_BYTES = 64 * 1024;
/** The machine API (`/api/v1`): a usage batch of a few thousand events. */
export const MACHINE_API_MAX_BODY_BYTES = 2 * 1024 * 1024;

export type LimitedBody = { ok: true; bytes: Uint8Array } | { ok: false; response: Response };

function tooLarge(maxBytes: number): Response {
  return Response.json(
    { error: { code: 'payload_too_large', message: `The request body is larger than the ${maxBytes} bytes this endpoint accepts` } },
    { status: 413, headers: { connection: 'close' } },
  );
}

/** The request body's bytes, or a 413 response once it is known to exceed `maxBytes`. */
export async function readBodyWithLimit(request: Request, maxBytes: number): Promise<LimitedBody> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) return { ok: false, response: tooLarge(maxBytes) };
  if (!request.body) return { ok: true, bytes: new Uint8Array(0) };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      reader.releaseLock();
      return { ok: false, response: tooLarge(maxBytes) };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, bytes };
}

/** The body as UTF-8 text (what `request.text()` gives), within the limit. */
export async function readTextWithLimit(request: Request, maxBytes: number): Promise<{ ok: true; text: string } | { ok: false; response: Response }> {
  const body = await readBodyWithLimit(request, maxBytes);
  return body.ok ? { ok: true, text: new TextDecoder().decode(body.bytes) } : body;
}
