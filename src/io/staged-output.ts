/**
 * All-or-nothing output: files are written into a hidden staging folder inside the target folder and
 * renamed into place only when every one of them is complete. A failure, Ctrl-C or SIGTERM leaves the
 * target as it was; staging folders left by a killed process are swept on the next open.
 */
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { mkdir, readdir, rename, rm, rmdir } from "node:fs/promises";
import { join } from "node:path";

const PREFIX = ".cft-staging-";
const live = new Set<string>();
let signalsHooked = false;

/** On SIGINT/SIGTERM, remove open staging folders before exiting with the conventional code. */
function hookSignals(): void {
  if (signalsHooked) return;
  signalsHooked = true;
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const) {
    process.once(signal, () => {
      for (const dir of live) rmSync(dir, { recursive: true, force: true });
      process.exit(code);
    });
  }
}

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes staging folders whose writer process is gone (killed with SIGKILL, power loss). */
async function sweepAbandoned(dir: string, names: string[]): Promise<void> {
  for (const name of names) {
    if (!name.startsWith(PREFIX)) continue;
    const pid = Number(name.slice(PREFIX.length).split("-")[0]);
    if (Number.isInteger(pid) && pid !== process.pid && !processIsAlive(pid))
      await rm(join(dir, name), { recursive: true, force: true });
  }
}

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
      await sweepAbandoned(dir, await readdir(dir));
    } catch {
      await mkdir(dir, { recursive: true });
      createdDir = true;
    }
    const staging = join(dir, `${PREFIX}${process.pid}-${randomBytes(4).toString("hex")}`);
    await mkdir(staging);
    live.add(staging);
    hookSignals();
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
    live.delete(this.staging);
  }

  async abort(): Promise<void> {
    await rm(this.staging, { recursive: true, force: true });
    live.delete(this.staging);
    if (this.createdDir) await rmdir(this.dir).catch(() => undefined);
  }
}
