/**
 * Counts records that repeat an earlier record exactly, in about 8 bytes a record: a 64-bit prefix of each
 * record's SHA-1 in an open-addressing table of typed arrays, so a 1 GB file does not grow the heap by a
 * string per record. (A 64-bit collision between different records is about 1 in 10^7 at 10^6 records.)
 */
import { createHash } from "node:crypto";

export class DuplicateCounter {
  private hi = new Uint32Array(1 << 12);
  private lo = new Uint32Array(1 << 12);
  private used = new Uint8Array(1 << 12);
  private size = 0;
  duplicates = 0;

  /** Adds a record's text; true when the same text was added before. */
  add(text: string): boolean {
    const digest = createHash("sha1").update(text).digest();
    const hi = digest.readUInt32LE(0);
    const lo = digest.readUInt32LE(4);
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
