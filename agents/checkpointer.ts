/**
 * Where threads are checkpointed: `checkpoints.sqlite` in the workspace (the embedded default), or
 * PostgreSQL when CFT_CHECKPOINT_URL is set (a shared server, several machines). Each node's result is
 * saved as it completes, so a killed process resumes from the last completed stage.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import type { Config } from "../src/config/config.js";

export interface Checkpointer {
  saver: BaseCheckpointSaver;
  /** Where, in words (the file, or the database without its password). */
  where: string;
  close(): Promise<void>;
}

export async function openCheckpointer(config: Config): Promise<Checkpointer> {
  const url = config.env.CFT_CHECKPOINT_URL;
  if (url) {
    // Loaded only when asked for: the pg driver is not needed on a laptop.
    const { PostgresSaver } = await import("@langchain/langgraph-checkpoint-postgres");
    const saver = PostgresSaver.fromConnString(url);
    await saver.setup();
    return { saver, where: url.replace(/\/\/[^@/]*@/, "//…@"), close: () => saver.end() };
  }
  mkdirSync(config.home, { recursive: true });
  const file = join(config.home, "checkpoints.sqlite");
  const saver = SqliteSaver.fromConnString(file);
  return {
    saver,
    where: file,
    close: async () => {
      saver.db.close();
    },
  };
}
