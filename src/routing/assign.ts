/**
 * Which variant serves a request. A request with a key (a user or session) is sticky: the key's keyed hash
 * gives a point in [0, 1) that always falls in the same variant while the weights hold, and when weights
 * change only the keys in the shifted slice move (80/20 → 50/50 moves keys from baseline to candidate,
 * never the other way). A request without a key is placed at random. Keys are never stored: the ledger
 * keeps the HMAC under a secret of the workspace, so an identifier used as a key cannot be recovered from
 * it by hashing guesses.
 */
import { createHmac, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RouteConfig, Variant } from "./route-config.js";

const SECRET_FILE = "route-key.secret";

/** The workspace's key secret, created (mode 600) on first use. */
export function keySecret(home: string): Buffer {
  const path = join(home, SECRET_FILE);
  try {
    return Buffer.from(readFileSync(path, "utf8").trim(), "hex");
  } catch {
    mkdirSync(home, { recursive: true });
    try {
      writeFileSync(path, `${randomBytes(32).toString("hex")}\n`, { flag: "wx", mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    return Buffer.from(readFileSync(path, "utf8").trim(), "hex");
  }
}

/** The stored form of a sticky key for FAMILY: 32 hex digits of HMAC-SHA-256. */
export function hashKey(secret: Buffer, family: string, key: string): string {
  return createHmac("sha256", secret).update(`${family}\n${key}`).digest("hex").slice(0, 32);
}

/** A key hash as a point in [0, 1) (its first 52 bits). */
export function pointOf(keyHash: string): number {
  return Number.parseInt(keyHash.slice(0, 13), 16) / 2 ** 52;
}

/** The variant whose slice of [0, 1) holds POINT; slices follow the variants' order and weights. */
export function variantAt(config: RouteConfig, point: number): Variant {
  const total = config.variants.reduce((s, v) => s + v.weight, 0);
  let edge = 0;
  for (const v of config.variants) {
    edge += v.weight / total;
    if (v.weight > 0 && point < edge) return v;
  }
  return config.variants.findLast((v) => v.weight > 0) ?? config.variants[0]!;
}

/** The variant for a request: by its key hash when it has one, else at random. */
export function assign(
  config: RouteConfig,
  keyHash: string | null,
  random: () => number = Math.random,
): Variant {
  return variantAt(config, keyHash ? pointOf(keyHash) : random());
}
