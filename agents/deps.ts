/**
 * What the graph's nodes work with: the configuration (workspace, credentials), how fine-tuning providers
 * are built (tests pass stand-ins), an optional chat model (none: guided mode), and the ledger, opened per
 * node and closed after so that a killed process leaves nothing half-open.
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { Config } from "../src/config/config.js";
import { createProvider } from "../src/finetune/provider-factory.js";
import type { Provider, ProviderName } from "../src/finetune/types.js";
import { type Db, openLedger } from "../src/ledger/ledger.js";

export interface GraphDeps {
  config: Config;
  createProvider: (name: ProviderName, config: Config) => Provider;
  /** The chat model workers write with; undefined in guided mode. */
  model?: BaseChatModel;
}

export function graphDeps(config: Config, overrides: Partial<GraphDeps> = {}): GraphDeps {
  return { config, createProvider, ...overrides };
}

/** Runs FN with the workspace ledger open. */
export async function withDb<T>(deps: GraphDeps, fn: (db: Db) => Promise<T> | T): Promise<T> {
  const db = openLedger(deps.config.home);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}
