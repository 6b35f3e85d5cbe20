/**
 * Counts the PDFs in a ZIP while it downloads, from the bytes alone: each entry starts with a
 * local file header (APPNOTE 4.3.7: signature 50 4B 03 04, name length at offset 26, name at 30).
 * A header only counts when its name is a plain `….pdf` file name, so PDF bytes that happen to
 * contain the signature are not mistaken for an entry. An entry is complete when the next one
 * starts, or when the archive ends.
 */
const SIGNATURE = [0x50, 0x4b, 0x03, 0x04];
const HEADER_LENGTH = 30;
const MAX_NAME = 255;

/** A plain `….pdf` file name: what the invoice ZIPs hold. */
export const PDF_ENTRY = /^[^/\\\u0000-\u001f]+\.pdf$/;

export class ZipEntryCounter {
  private tail = new Uint8Array(0);

  /** `entryName`: which names count as entries (plain PDF names by default). */
  constructor(private readonly entryName: RegExp = PDF_ENTRY) {}

  /** Entries whose header has been seen. */
  started = 0;
  bytes = 0;

  /** Feeds the next chunk of the archive. */
  push(chunk: Uint8Array): void {
    this.bytes += chunk.byteLength;
    const data = new Uint8Array(this.tail.byteLength + chunk.byteLength);
    data.set(this.tail, 0);
    data.set(chunk, this.tail.byteLength);
    let keepFrom = Math.max(0, data.byteLength - (HEADER_LENGTH + MAX_NAME));
    for (let at = 0; at + 4 <= data.byteLength; at += 1) {
      if (data[at] !== SIGNATURE[0] || data[at + 1] !== SIGNATURE[1] || data[at + 2] !== SIGNATURE[2] || data[at + 3] !== SIGNATURE[3]) continue;
      if (at + HEADER_LENGTH > data.byteLength) {
        keepFrom = Math.min(keepFrom, at);
        break;
      }
      const nameLength = data[at + 26] | (data[at + 27] << 8);
      if (nameLength === 0 || nameLength > MAX_NAME) continue;
      if (at + HEADER_LENGTH + nameLength > data.byteLength) {
        keepFrom = Math.min(keepFrom, at);
        break;
      }
      const name = new TextDecoder().decode(data.subarray(at + HEADER_LENGTH, at + HEADER_LENGTH + nameLength));
      if (this.entryName.test(name)) {
        this.started += 1;
        at += HEADER_LENGTH + nameLength - 1;
        keepFrom = Math.max(keepFrom, at + 1);
      }
    }
    // Keep enough of the end to recognise a header split across chunks (never re-count one).
    this.tail = data.slice(keepFrom);
  }

  /** Entries fully received: all but the one still arriving, or all once the archive is complete. */
  complete(done: boolean): number {
    return done ? this.started : Math.max(0, this.started - 1);
  }
}
