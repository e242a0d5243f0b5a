/**
 * The frame of a command that works on the ledger: parse its flags, load the configuration, open the
 * ledger, run the body, and close the ledger whatever happens.
 */
import type { z } from "zod";
import type { Db } from "../ledger/ledger.js";
import { openLedger } from "../ledger/ledger.js";
import { type CommandContext, createContext, parseFlags } from "./command-kit.js";

export async function withLedger<T extends z.ZodType>(
  schema: T,
  raw: unknown,
  body: (ctx: CommandContext, db: Db, flags: z.infer<T>) => Promise<void> | void,
): Promise<void> {
  const flags = parseFlags(schema, raw);
  const ctx = createContext(flags as { home?: string; json?: boolean });
  const db = openLedger(ctx.config.home);
  try {
    await body(ctx, db, flags);
  } finally {
    db.close();
  }
}
