import type { Readable } from 'node:stream';

const encoder = new TextEncoder();

/**
 * A Node stream as the web stream a route handler returns (`new Response(stream)`). Pull-based,
 * so a slow client slows the producer; cancelling the response destroys the Node stream.
 */
export function nodeToWebStream(readable: Readable): ReadableStream<Uint8Array> {
  const chunks = readable[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await chunks.next();
      if (done) {
        controller.close();
      } else if (value instanceof Uint8Array) {
        controller.enqueue(value);
      } else if (typeof value === 'string') {
        controller.enqueue(encoder.encode(value));
      } else {
        throw new TypeError('stream produced a chunk that is neither bytes nor text');
      }
    },
    async cancel(reason) {
      readable.destroy(reason instanceof Error ? reason : undefined);
    },
  });
}
