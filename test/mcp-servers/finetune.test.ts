/**
 * `cft mcp finetune` through the SDK's own client, connected in memory: the tool list and schemas,
 * validate → audit → estimate → start with both kinds of consent (the token from estimate_cost, and
 * elicitation accepted or declined), refusals for unattested and PHI-carrying files, idempotent starts,
 * and get/list/cancel on a run trained by the local runner's stand-in.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getConfirmation } from "../../src/ledger/confirmations.js";
import { openLedger } from "../../src/ledger/ledger.js";
import { listRuns } from "../../src/ledger/runs.js";
import {
  type Connected,
  call,
  connect,
  LOCAL_MODEL,
  structured,
  textOf,
  type Workspace,
  workspace,
} from "./harness.js";

let ws: Workspace;
let plain: Connected;

/** Runs in the workspace ledger, newest first. */
function ledgerRuns() {
  const db = openLedger(ws.config.home);
  try {
    return listRuns(db).map((r) => ({ ...r, method: getConfirmation(db, r.confirmationId)?.method }));
  } finally {
    db.close();
  }
}

const plan = (extra: Record<string, unknown> = {}) => ({
  provider: "local",
  base_model: LOCAL_MODEL,
  train: ws.train,
  validation: ws.test,
  hyperparameters: { use_4bit: true, lora_r: 8 },
  ...extra,
});

beforeAll(async () => {
  ws = workspace();
  plain = await connect(ws);
});
afterAll(async () => {
  await plain?.close();
  ws?.box.cleanup();
});

describe("the finetune server's tools", () => {
  it("lists the seven tools with snake_case input schemas, output schemas and annotations", async () => {
    const { tools } = await plain.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      "audit_dataset",
      "cancel_fine_tune",
      "estimate_cost",
      "get_fine_tune",
      "list_fine_tunes",
      "start_fine_tune",
      "validate_dataset",
    ]);
    for (const tool of tools) {
      expect(tool.description?.length, tool.name).toBeGreaterThan(80);
      expect(tool.outputSchema?.type, tool.name).toBe("object");
      expect(tool.annotations, tool.name).toBeDefined();
      for (const key of Object.keys(tool.inputSchema.properties ?? {})) expect(key).toMatch(/^[a-z0-9_]+$/);
    }
    const start = tools.find((t) => t.name === "start_fine_tune")!;
    expect(Object.keys(start.inputSchema.properties ?? {})).toEqual(
      expect.arrayContaining([
        "provider",
        "base_model",
        "train",
        "validation",
        "hyperparameters",
        "confirmation",
      ]),
    );
    expect(start.inputSchema.required).toEqual(["provider", "base_model", "train"]);
    expect(tools.find((t) => t.name === "cancel_fine_tune")!.annotations?.destructiveHint).toBe(true);
    expect(tools.find((t) => t.name === "validate_dataset")!.annotations?.readOnlyHint).toBe(true);
  });

  it("validates a prepared dataset, and names a missing file as bad input", async () => {
    const result = await call(plain.client, "validate_dataset", { path: ws.train });
    expect(result.isError).toBeFalsy();
    expect(structured(result)).toMatchObject({ ok: true, file: ws.train });
    expect(structured(result).examples).toBeGreaterThan(40);

    const missing = await call(plain.client, "validate_dataset", { path: `${ws.train}.missing` });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/^Bad input: .*no such file/);
  });

  it("audits the synthetic files to PASS, and planted PHI to FAIL without repeating it", async () => {
    const pass = await call(plain.client, "audit_dataset", { paths: [ws.train, ws.test] });
    expect(pass.isError).toBeFalsy();
    expect(structured(pass)).toMatchObject({ verdict: "PASS" });
    expect(structured(pass).attestation).toMatch(/^[0-9a-f-]{36}$/);

    const fail = await call(plain.client, "audit_dataset", { path: ws.phi });
    expect(fail.isError).toBeFalsy();
    const report = structured(fail);
    expect(report.verdict).toBe("FAIL");
    expect(report.attestation).toBeNull();
    expect(report.failingIdentifiers).toEqual(expect.arrayContaining(["NAME", "SSN"]));
    expect(report.findings.length).toBeLessThanOrEqual(50);
    const everything = JSON.stringify(fail);
    for (const value of ws.phiValues) expect(everything).not.toContain(value);

    const none = await call(plain.client, "audit_dataset", {});
    expect(none.isError).toBe(true);
    expect(textOf(none)).toMatch(/path/);
  });

  it("refuses to start on the PHI file: no attestation, nothing recorded", async () => {
    const refused = await call(
      plain.client,
      "start_fine_tune",
      plan({ train: ws.phi, validation: undefined }),
    );
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/No PASS attestation.*audit_dataset/s);
    expect(ledgerRuns()).toEqual([]);
  });

  it("estimates with a token bound to the plan, and says which files are attested", async () => {
    const result = await call(plain.client, "estimate_cost", plan());
    expect(result.isError).toBeFalsy();
    const e = structured(result);
    expect(e.confirmation).toMatch(/^cft-confirm-[0-9a-f]{32}$/);
    expect(e.readyToStart).toBe(true);
    expect(e.estimate.kind).toBe("local");
    expect(e.costUsd).toBeGreaterThan(0);
    expect(e.files.map((f: { role: string; attested: boolean }) => [f.role, f.attested])).toEqual([
      ["train", true],
      ["validation", true],
    ]);
    expect(textOf(result)).toContain(e.confirmation);

    const phi = structured(
      await call(plain.client, "estimate_cost", plan({ train: ws.phi, validation: undefined })),
    );
    expect(phi.readyToStart).toBe(false);
    expect(phi.notes.join(" ")).toMatch(/audit_dataset/);

    const hosted = await call(
      plain.client,
      "estimate_cost",
      plan({ provider: "openai", base_model: "gpt-4.1-mini" }),
    );
    expect(hosted.isError).toBeFalsy();
    expect(structured(hosted)).toMatchObject({ confirmation: null, readyToStart: false, target: null });
    expect(structured(hosted).notes.join(" ")).toMatch(/OPENAI_API_KEY/);
    expect(structured(hosted).notes.join(" ")).toMatch(/lora_r, .*use_4bit do not apply/);
  });

  it("without elicitation, refuses a start with no token or a wrong token, and starts nothing", async () => {
    const none = await call(plain.client, "start_fine_tune", plan());
    expect(none.isError).toBe(true);
    expect(textOf(none)).toMatch(/estimate_cost.*only after the user agreed/s);

    const { confirmation } = structured(await call(plain.client, "estimate_cost", plan()));
    const other = await call(
      plain.client,
      "start_fine_tune",
      plan({ hyperparameters: { use_4bit: true }, confirmation }),
    );
    expect(other.isError).toBe(true);
    expect(textOf(other)).toMatch(/changed since estimate_cost issued that token/);
    expect(ledgerRuns()).toEqual([]);
  });

  it("starts with the token once; a second call returns the same run; get, list and cancel follow it", async () => {
    const { confirmation } = structured(await call(plain.client, "estimate_cost", plan()));
    const first = await call(plain.client, "start_fine_tune", plan({ confirmation }));
    expect(first.isError, textOf(first)).toBeFalsy();
    const started = structured(first);
    expect(started).toMatchObject({ existing: false, confirmationMethod: "mcp-token" });
    expect(started.run.jobId).toBe(started.run.id);

    const again = structured(await call(plain.client, "start_fine_tune", plan({ confirmation })));
    expect(again).toMatchObject({ existing: true, run: { id: started.run.id } });
    expect(ledgerRuns().map((r) => [r.id, r.method])).toEqual([[started.run.id, "mcp-token"]]);

    const got = await call(plain.client, "get_fine_tune", { run_id: started.run.id });
    expect(got.isError, textOf(got)).toBeFalsy();
    expect(structured(got)).toMatchObject({ refreshed: true, run: { id: started.run.id } });
    expect(["validating_files", "queued", "running"]).toContain(structured(got).run.status);

    const listed = structured(await call(plain.client, "list_fine_tunes", {}));
    expect(listed.runs.map((r: { id: string }) => r.id)).toEqual([started.run.id]);
    expect(listed.costs.estimatedUsd).toBeGreaterThan(0);

    const cancelled = await call(plain.client, "cancel_fine_tune", { run_id: started.run.id });
    expect(cancelled.isError, textOf(cancelled)).toBeFalsy();
    expect(structured(cancelled)).toMatchObject({ cancelled: true, run: { status: "cancelled" } });
    const twice = structured(await call(plain.client, "cancel_fine_tune", { run_id: started.run.id }));
    expect(twice.cancelled).toBe(false);

    const unknown = await call(plain.client, "get_fine_tune", { run_id: "run-20990101-00000000" });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toMatch(/list_fine_tunes/);
  });
});

describe("start_fine_tune on a host with elicitation", () => {
  it("asks the user with the plan shown; a decline starts nothing", async () => {
    const host = await connect(ws, () => ({ action: "decline" }));
    try {
      const before = ledgerRuns().length;
      const result = await call(host.client, "start_fine_tune", plan({ hyperparameters: { epochs: 2 } }));
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/declined; nothing was started/);
      expect(host.asked).toHaveLength(1);
      const message = host.asked[0]!.message;
      expect(message).toMatch(/Provider: local/);
      expect(message).toContain(LOCAL_MODEL);
      expect(message).toMatch(/train: .*sha256 [0-9a-f]{12}…, attested/);
      expect(message).toMatch(/Estimated cost: \$/);
      expect(message).toMatch(/cft-confirm-[0-9a-f]{32}/);
      expect(host.asked[0]!.requestedSchema.properties.confirm).toMatchObject({ type: "boolean" });
      expect(ledgerRuns()).toHaveLength(before);
    } finally {
      await host.close();
    }
  });

  it("an accepted form starts the run, recorded as confirmed by mcp-elicitation", async () => {
    const host = await connect(ws, () => ({ action: "accept", content: { confirm: true } }));
    try {
      const result = await call(host.client, "start_fine_tune", plan({ hyperparameters: { epochs: 2 } }));
      expect(result.isError, textOf(result)).toBeFalsy();
      const { run, confirmationMethod } = structured(result);
      expect(confirmationMethod).toBe("mcp-elicitation");
      expect(ledgerRuns().find((r) => r.id === run.id)?.method).toBe("mcp-elicitation");
      await call(host.client, "cancel_fine_tune", { run_id: run.id });
    } finally {
      await host.close();
    }
  });

  it("an accepted form with confirm unchecked counts as a decline", async () => {
    const host = await connect(ws, () => ({ action: "accept", content: { confirm: false } }));
    try {
      const before = ledgerRuns().length;
      const result = await call(host.client, "start_fine_tune", plan({ hyperparameters: { epochs: 3 } }));
      expect(result.isError).toBe(true);
      expect(ledgerRuns()).toHaveLength(before);
    } finally {
      await host.close();
    }
  });
});
