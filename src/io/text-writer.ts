/**
 * Buffered text file writer that hashes what it writes: large datasets stream to disk in ~1 MiB writes
 * with backpressure, and the SHA-256 is known the moment the file is closed.
 */
import { createHash } from "node:crypto";
import { once } from "node:events";
import { createWriteStream } from "node:fs";

export interface WrittenFile {
  sha256: string;
  bytes: number;
}

const FLUSH_AT = 1 << 20;

export class TextWriter {
  private readonly stream;
  private readonly hash = createHash("sha256");
  private buffer = "";
  private bytes = 0;
  private failure: Error | undefined;

  constructor(path: string) {
    this.stream = createWriteStream(path, { flags: "wx" });
    // Kept, not thrown from the event: the next write or close reports it to the caller.
    this.stream.on("error", (error) => {
      this.failure = error;
    });
  }

  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    this.buffer += text;
    if (this.buffer.length >= FLUSH_AT) await this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.buffer) return;
    const chunk = Buffer.from(this.buffer, "utf8");
    this.buffer = "";
    this.hash.update(chunk);
    this.bytes += chunk.length;
    if (!this.stream.write(chunk)) await once(this.stream, "drain");
  }

  async close(): Promise<WrittenFile> {
    await this.flush();
    if (this.failure) throw this.failure;
    this.stream.end();
    await once(this.stream, "finish");
    return { sha256: this.hash.digest("hex"), bytes: this.bytes };
  }
}

/** Writes a whole text at once (small files: manifests, dictionaries). */
export async function writeText(path: string, text: string): Promise<WrittenFile> {
  const writer = new TextWriter(path);
  await writer.write(text);
  return writer.close();
}
