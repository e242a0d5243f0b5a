/**
 * A lock held by one process at a time, for work two processes must not do at once (submitting a run,
 * advancing a retraining cycle that a scheduler may start twice). The lock is a folder — created
 * atomically or not at all — holding its owner (host, pid, start time). A lock whose owner was a process of
 * this host that no longer exists is stale and taken over; any other existing lock is reported with its
 * owner and what to do, never silently broken.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { dirname, join } from "node:path";
import { CftError } from "../errors.js";
import { processIsAlive } from "./staged-output.js";

interface Owner {
  host: string;
  pid: number;
  startedAt: string;
}

const OWNER = "owner.json";

function readOwner(lock: string): Owner | undefined {
  try {
    return JSON.parse(readFileSync(join(lock, OWNER), "utf8")) as Owner;
  } catch {
    return undefined;
  }
}

function acquire(lock: string, what: string): void {
  mkdirSync(dirname(lock), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      mkdirSync(lock);
      const owner: Owner = { host: hostname(), pid: process.pid, startedAt: new Date().toISOString() };
      writeFileSync(join(lock, OWNER), JSON.stringify(owner));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = readOwner(lock);
    if (attempt === 0 && owner && owner.host === hostname() && !processIsAlive(owner.pid)) {
      rmSync(lock, { recursive: true, force: true }); // its process is gone: stale
      continue;
    }
    throw new CftError(
      `${what} is already in progress${owner ? ` (process ${owner.pid} on ${owner.host}, since ${owner.startedAt})` : ""}`,
      { hint: `Wait for it to finish; if no cft process is doing it, remove ${lock} and retry.` },
    );
  }
}

/** Runs FN holding the lock at LOCK (a folder path); WHAT names the work in the error when it is held. */
export async function withExclusiveLock<T>(lock: string, what: string, fn: () => Promise<T>): Promise<T> {
  acquire(lock, what);
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
