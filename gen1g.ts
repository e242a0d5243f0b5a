import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { synthesize } from "./src/dataset/synthetic/index.js";
import { loadPrompt } from "./src/prompts/load.js";
const out = createWriteStream("/tmp/big1g.jsonl");
let bytes = 0; let seed = 1;
while (bytes < 1024 ** 3) {
  for (const task of ["claims", "scribe", "companion"] as const) {
    let chunk = "";
    for (const e of synthesize(task, 20000, seed, loadPrompt(`${task}-system`))) chunk += `${JSON.stringify(e.record)}\n`;
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, "drain");
  }
  seed++;
}
out.end(); await once(out, "finish"); console.log("bytes", bytes);
