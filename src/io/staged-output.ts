/**
 * All-or-nothing output: files are written into a hidden staging folder inside the target folder and
 * renamed into place only when every one of them is complete. A failure leaves the target as it was.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readdir, rename, rm, rmdir } from "node:fs/promises";
import { join } from "node:path";

export class StagedOutput {
  private readonly names = new Set<string>();
  private constructor(
    readonly dir: string,
    private readonly staging: string,
    private readonly createdDir: boolean,
  ) {}

  static async open(dir: string): Promise<StagedOutput> {
    let createdDir = false;
    try {
      await readdir(dir);
    } catch {
      await mkdir(dir, { recursive: true });
      createdDir = true;
    }
    const staging = join(dir, `.cft-staging-${process.pid}-${randomBytes(4).toString("hex")}`);
    await mkdir(staging);
    return new StagedOutput(dir, staging, createdDir);
  }

  /** Where to write NAME while staging. */
  path(name: string): string {
    this.names.add(name);
    return join(this.staging, name);
  }

  async commit(): Promise<void> {
    for (const name of this.names) await rename(join(this.staging, name), join(this.dir, name));
    await rm(this.staging, { recursive: true, force: true });
  }

  async abort(): Promise<void> {
    await rm(this.staging, { recursive: true, force: true });
    if (this.createdDir) await rmdir(this.dir).catch(() => undefined);
  }
}
