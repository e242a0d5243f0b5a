/**
 * `cft mcp finetune`: the fine-tune stage as MCP tools: validate_dataset, audit_dataset, estimate_cost,
 * start_fine_tune, get_fine_tune, list_fine_tunes, cancel_fine_tune. A thin shell over src/: the audit
 * verdict, the attestation and the launch gate are the same code the CLI runs.
 */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Config } from "../../src/config/config.js";
import { createProvider } from "../../src/finetune/provider-factory.js";
import { SERVER_VERSION } from "../server-info.js";
import type { FinetuneDeps } from "./deps.js";
import { registerAuditDatasetTool } from "./tools/audit-dataset.js";
import { registerCancelFineTuneTool } from "./tools/cancel-fine-tune.js";
import { registerEstimateCostTool } from "./tools/estimate-cost.js";
import { registerGetFineTuneTool } from "./tools/get-fine-tune.js";
import { registerListFineTunesTool } from "./tools/list-fine-tunes.js";
import { registerStartFineTuneTool } from "./tools/start-fine-tune.js";
import { registerValidateDatasetTool } from "./tools/validate-dataset.js";

export const FINETUNE_INSTRUCTIONS = `Fine-tune language models on synthetic clinical data, with a mandatory HIPAA audit and user-confirmed training.
Workflow, in order:
1. validate_dataset on each file (chat JSONL): fix format errors first.
2. audit_dataset on the files: PASS attests their exact bytes; FAIL means the data carries PHI — do not train on it, regenerate or fix it. Real patient data is refused.
3. estimate_cost with the provider, base model and files: show the user the plan and estimate.
4. start_fine_tune with the same arguments, only after the user agreed. Where this host supports elicitation the server asks the user itself; otherwise pass confirmation = the token estimate_cost returned.
5. get_fine_tune to follow the run; list_fine_tunes to find runs; cancel_fine_tune only when the user asks.
The gates are enforced by code, not by these instructions: start_fine_tune re-hashes every file and refuses bytes without a PASS attestation, and refuses a plan the user did not confirm or that changed since (files, configuration or estimate). A refusal says what to do next; do not work around it.`;

export interface FinetuneServerOptions {
  /** How providers are built (default: from configuration); tests pass stand-ins. */
  createProvider?: FinetuneDeps["createProvider"];
}

export function createFinetuneServer(config: Config, options: FinetuneServerOptions = {}): McpServer {
  const server = new McpServer(
    { name: "cft-finetune", title: "Clinical Fine-Tuner: fine-tuning", version: SERVER_VERSION },
    { instructions: FINETUNE_INSTRUCTIONS },
  );
  const deps: FinetuneDeps = { config, createProvider: options.createProvider ?? createProvider };
  for (const register of [
    registerValidateDatasetTool,
    registerAuditDatasetTool,
    registerEstimateCostTool,
    registerStartFineTuneTool,
    registerGetFineTuneTool,
    registerListFineTunesTool,
    registerCancelFineTuneTool,
  ])
    register(server, deps);
  return server;
}
