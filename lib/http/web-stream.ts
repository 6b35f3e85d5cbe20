const encoder = new TextEncoder();

/**
 * Text or bytes produced a piece at a time (an async generator, a Node stream) as the web stream a
 * route handler returns (`new Response(stream)`). The one adaptor: pull-based, so a slow client
 * slows the producer; cancelling the response ends the source (a generator's `return`, which
 * destroys a Node stream).
 */
export function webStreamOf(source: AsyncIterable<string | Uint8Array>): ReadableStream<Uint8Array> {
  const chunks = source[Symbol.asyncIterator]();
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
    async cancel() {
      await chunks.return?.(undefined);
    },
  });
}
