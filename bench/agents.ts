/**
 * The assistant's overhead: the graph in guided mode from a new thread to the fine-tune confirmation
 * (plan, 1,000 synthetic claims prepared, audited, estimated with gpu-runner's plan, checkpointed at each
 * step in SQLite), and the workspace layer announcing milestones offline (tracking row, outbox entry,
 * local tracking-issue comment each).
 */
import { join } from "node:path";
import { Command } from "@langchain/langgraph";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { graphDeps } from "../agents/deps.js";
import { buildGraph } from "../agents/graph.js";
import { loadConfig } from "../src/config/config.js";
import { announce } from "../src/integrations/milestones.js";
import { openWorkspace } from "../src/integrations/workspace.js";
import { listDatasets } from "../src/ledger/datasets.js";
import { openLedger } from "../src/ledger/ledger.js";

type Measure = (
  name: string,
  items: number,
  unit: string,
  run: (warmup: boolean) => unknown | Promise<unknown>,
) => Promise<unknown>;

export async function benchAgents(measure: Measure, dir: string): Promise<void> {
  let n = 0;
  await measure("graph: new thread → fine-tune confirmation (1,000 claims)", 1, "threads", async () => {
    const home = join(dir, `graph-${n++}`);
    const config = loadConfig({ env: {}, home });
    const saver = SqliteSaver.fromConnString(join(home, "..", `cp-${n}.sqlite`));
    const graph = buildGraph(graphDeps(config), saver);
    const thread = { configurable: { thread_id: `bench-${n}` } };
    const request = {
      task: "claims",
      source: { kind: "synthetic", count: 1000, seed: 7 },
      provider: "local",
      baseModel: "meta-llama/Llama-3.1-8B-Instruct",
      outDir: join(home, "data"),
      testFraction: 0.1,
      use4bit: true,
    };
    await graph.invoke({ request } as never, thread);
    await graph.invoke(new Command({ resume: { approved: true } }) as never, thread);
    saver.db.close();
  });

  const home = join(dir, `graph-${n - 1}`);
  const db = openLedger(home);
  const [dataset] = listDatasets(db);
  const ws = openWorkspace(loadConfig({ env: {}, home }), db);
  let i = 0;
  await measure("workspace: milestones announced offline", 200, "milestones", async () => {
    for (let k = 0; k < 200; k++)
      await announce(ws, { kind: "data_prep_plan", dataset: { ...dataset!, id: `bench-${i++}` } });
  });
  db.close();
}
