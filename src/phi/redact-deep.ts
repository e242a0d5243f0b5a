/**
 * Redacts PHI from anything about to leave the machine as structured data (a LangSmith run, an outbox
 * payload, a Slack message's blocks): a deep copy of a JSON-like value with every string passed through
 * `redact`. Object keys are field names and stay, and numbers stay, unless the caller asks otherwise
 * (Slack block keys and numbers are free-form enough to hold identifiers).
 *
 * It fails closed and never throws: a cycle becomes "[CIRCULAR]", anything deeper than the depth cap or
 * past the node budget becomes "[TRUNCATED]", a string over 100k characters is cut before it is scanned,
 * and binary data, functions and symbols are not sent.
 */
import { redact } from "./redact.js";

export const MAX_STRING_CHARS = 100_000;
const TRUNCATED = "[TRUNCATED]";
const CIRCULAR = "[CIRCULAR]";

export interface RedactDeepOptions {
  /** Strings kept as they are (e.g. machine timestamps in metadata); everything else is redacted. */
  keep?: (text: string) => boolean;
  /** Nesting levels walked before values are replaced by "[TRUNCATED]" (default 64). */
  maxDepth?: number;
  /** Values visited in all before the rest are replaced by "[TRUNCATED]" (default 200,000). */
  maxNodes?: number;
  /** Characters of a string that are kept and scanned (default 100,000). */
  maxStringChars?: number;
  /** Redact object keys too (default: keys are field names and stay). */
  keys?: boolean;
  /** A number whose digits read as an identifier becomes its placeholder (default: numbers stay). */
  numbers?: boolean;
}

function redactString(text: string, maxChars: number): string {
  if (text.length <= maxChars) return redact(text);
  // Cut, then scan: a name split at the cut may survive as a fragment, so drop the last partial word.
  const head = text.slice(0, maxChars).replace(/\S*$/, "");
  return `${redact(head)}${TRUNCATED}`;
}

/** A copy of VALUE with every string redacted. Booleans, null and undefined are kept as they are. */
export function redactDeep(value: unknown, options: RedactDeepOptions = {}): unknown {
  const maxDepth = options.maxDepth ?? 64;
  const maxStringChars = options.maxStringChars ?? MAX_STRING_CHARS;
  const keep = options.keep;
  let budget = options.maxNodes ?? 200_000;
  const ancestors = new Set<object>();

  const walk = (node: unknown, depth: number): unknown => {
    if (node === null || node === undefined) return node;
    switch (typeof node) {
      case "string":
        if (--budget < 0) return TRUNCATED;
        if (keep?.(node)) return node;
        return redactString(node, maxStringChars);
      case "number": {
        if (!options.numbers) return node;
        const shown = redact(String(node));
        return shown === String(node) ? node : shown;
      }
      case "boolean":
      case "bigint":
        return node;
      case "function":
      case "symbol":
        return undefined;
    }
    if (--budget < 0 || depth >= maxDepth) return TRUNCATED;
    const object = node as object;
    if (ancestors.has(object)) return CIRCULAR;
    if (ArrayBuffer.isView(object) || object instanceof ArrayBuffer) return "[BINARY]";
    ancestors.add(object);
    try {
      if (object instanceof Date)
        return Number.isNaN(object.getTime()) ? null : redactString(object.toISOString(), maxStringChars);
      const toJSON = (object as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === "function") {
        let json: unknown;
        try {
          json = toJSON.call(object);
        } catch {
          return TRUNCATED;
        }
        return json === object ? walkObject(object, depth) : walk(json, depth + 1);
      }
      if (Array.isArray(object)) return object.map((item) => walk(item, depth + 1));
      if (object instanceof Map)
        return Object.fromEntries([...object].map(([k, v]) => [String(k), walk(v, depth + 1)]));
      if (object instanceof Set) return [...object].map((item) => walk(item, depth + 1));
      return walkObject(object, depth);
    } finally {
      ancestors.delete(object);
    }
  };

  const walkObject = (object: object, depth: number): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    let entries: [string, unknown][];
    try {
      entries = Object.entries(object);
    } catch {
      return out;
    }
    for (const [key, item] of entries) {
      const copied = walk(item, depth + 1);
      if (copied !== undefined || item === undefined) out[options.keys ? redact(key) : key] = copied;
    }
    return out;
  };

  try {
    return walk(value, 0);
  } catch {
    // A getter that throws, a proxy that lies: send nothing rather than something unredacted.
    return TRUNCATED;
  }
}
