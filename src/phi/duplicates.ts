/**
 * Counts records that repeat an earlier record exactly, in about 8 bytes a record: two independent 32-bit
 * hashes of each record (a 64-bit key) in an open-addressing table of typed arrays, so a 1 GB file does
 * not grow the heap by a string per record. Not cryptographic (nothing is attested with it): a collision
 * between different records is about 1 in 10^7 at 10^6 records, and only miscounts a duplicate.
 */

/** Two 32-bit multiplicative hashes of TEXT in one pass (cyrb53's mixing, kept as two lanes). */
function hash64(text: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

export class DuplicateCounter {
  private hi = new Uint32Array(1 << 12);
  private lo = new Uint32Array(1 << 12);
  private used = new Uint8Array(1 << 12);
  private size = 0;
  duplicates = 0;

  /** Adds a record's text; true when the same text was added before. */
  add(text: string): boolean {
    const [hi, lo] = hash64(text);
    if (this.insert(hi, lo)) return false;
    this.duplicates++;
    return true;
  }

  /** False when the key was already present. */
  private insert(hi: number, lo: number): boolean {
    if ((this.size + 1) * 2 > this.used.length) this.grow();
    const mask = this.used.length - 1;
    for (let i = lo & mask; ; i = (i + 1) & mask) {
      if (this.used[i] === 0) {
        this.used[i] = 1;
        this.hi[i] = hi;
        this.lo[i] = lo;
        this.size++;
        return true;
      }
      if (this.hi[i] === hi && this.lo[i] === lo) return false;
    }
  }

  private grow(): void {
    const { hi, lo, used } = this;
    const capacity = used.length * 2;
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.used = new Uint8Array(capacity);
    this.size = 0;
    for (let i = 0; i < used.length; i++) if (used[i]) this.insert(hi[i]!, lo[i]!);
  }
}
