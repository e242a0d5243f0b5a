/**
 * `cft estimate`, `cft finetune` and `cft jobs` as a user runs them: the real bin/cft against a local
 * server speaking the OpenAI and Azure wire formats through the official SDK.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeOpenAIServer, startFakeOpenAIServer } from "../fakes/openai-server.js";
import { chatLines } from "../fakes/submissions.js";
import { cft, cftAsync, tempDir, writeFile } from "../helpers.js";

let server: FakeOpenAIServer;
let home: string;
let train: string;
let test: string;
let env: Record<string, string>;
const MODEL = "gpt-4.1-mini-2025-04-14";

beforeAll(async () => {
  server = await startFakeOpenAIServer({ fileProcessingPolls: 0, armPollsToSettle: 0 });
  home = tempDir("cft-ft-home-");
  const dir = tempDir("cft-ft-data-");
  train = writeFile(dir, "train.jsonl", chatLines(40));
  test = writeFile(dir, "test.jsonl", chatLines(10, "t"));
  env = {
    OPENAI_API_KEY: server.apiKey,
    OPENAI_BASE_URL: server.openaiBaseURL,
    AZURE_OPENAI_ENDPOINT: server.azureEndpoint,
    AZURE_OPENAI_API_KEY: server.azureKey,
    AZURE_MANAGEMENT_URL: server.armURL,
    AZURE_MANAGEMENT_TOKEN: server.armToken,
    AZURE_SUBSCRIPTION_ID: "sub-1",
    AZURE_RESOURCE_GROUP: "rg-1",
    AZURE_OPENAI_RESOURCE: "clinical-aoai",
  };
  expect(cft(["audit", train, test, "--home", home]).code).toBe(0);
});
afterAll(() => server.close());

/** `cft finetune` on this workspace: provider, training file and any further flags. */
const finetune = (provider: string, trainFile: string, ...extra: string[]) => [
  "finetune",
  "--provider",
  provider,
  "--base-model",
  MODEL,
  "--train",
  trainFile,
  "--home",
  home,
  ...extra,
];

const jobsCreated = () =>
  server.requests.filter((r) => r.method === "POST" && r.route === "/fine_tuning/jobs");

describe("cft estimate", () => {
  it("prices hosted training from the dated table and shows Azure's hourly hosting", () => {
    const run = cft(["estimate", "--provider", "azure", "--base-model", MODEL, "--train", train, "--json"]);
    expect(run.code).toBe(0);
    const e = run.json();
    expect(e.kind).toBe("hosted");
    expect(e.epochs).toBe(3);
    expect(e.billedTokens).toBe(3 * e.train.billedPerEpoch);
    expect(e.trainingCostUsd).toBeCloseTo((e.billedTokens / 1e6) * e.price.trainingPerMillion, 2);
    expect(e.hosting.perHourUsd).toBeGreaterThan(0);
    expect(e.price.source).toMatch(/azure/);
  });

  it("takes a user price file over the embedded row", () => {
    const prices = writeFile(
      tempDir(),
      "prices.json",
      JSON.stringify({
        hosted: [
          {
            provider: "openai",
            model: "gpt-4.1-mini",
            trainingPerMillion: 100,
            source: "contract",
            asOf: "2026-11-01",
          },
        ],
      }),
    );
    const run = cft([
      "estimate",
      "--provider",
      "openai",
      "--base-model",
      MODEL,
      "--train",
      train,
      "--epochs",
      "2",
      "--prices",
      prices,
      "--json",
    ]);
    expect(run.code).toBe(0);
    const e = run.json();
    expect(e.price).toMatchObject({ trainingPerMillion: 100, source: "contract", asOf: "2026-11-01" });
    expect(e.epochs).toBe(2);
    expect(e.epochsSource).toBe("given");
  });

  it("names a model it has no price for, and a broken price file, as bad input", () => {
    const unknown = cft(["estimate", "--provider", "openai", "--base-model", "gpt-9", "--train", train]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no openai fine-tuning price for "gpt-9"[\s\S]*known: .*gpt-4\.1-mini/);
    const bad = writeFile(tempDir(), "p.json", '{"hosted": [{"provider": "openai"}]}');
    const broken = cft([
      "estimate",
      "--provider",
      "openai",
      "--base-model",
      MODEL,
      "--train",
      train,
      "--prices",
      bad,
    ]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain("p.json: not a price table");
  });
});

describe("cft finetune", () => {
  it("refuses without a terminal or --yes, and sends nothing", async () => {
    const before = server.requests.length;
    const run = await cftAsync(finetune("openai", train), { env });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/not confirmed: no terminal to ask on and no --yes/);
    expect(run.stdout).toContain("Fine-tune plan");
    expect(server.requests.length).toBe(before);
  });

  it("refuses an unaudited file before asking, and sends nothing", async () => {
    const fresh = writeFile(tempDir(), "train.jsonl", chatLines(30, "fresh"));
    const before = server.requests.length;
    const run = await cftAsync(finetune("openai", fresh, "--yes", "--json"), { env });
    expect(run.code).toBe(3);
    expect(run.json().error.code).toBe("gate_refused");
    expect(run.stderr).toContain("no PASS attestation for the current bytes");
    expect(server.requests.length).toBe(before);
  });

  it("starts an OpenAI job with --yes, never twice, and follows it to the model id", async () => {
    const args = finetune("openai", train, "--validation", test, "--yes", "--json");
    const first = await cftAsync(args, { env });
    expect(first.code).toBe(0);
    const started = first.json();
    expect(started).toMatchObject({ existing: false, provider: "openai", status: "validating_files" });
    expect(jobsCreated()).toHaveLength(1);
    const body = jobsCreated()[0]!.body as {
      metadata: Record<string, string>;
      method: { supervised: { hyperparameters: { n_epochs: number } } };
    };
    expect(body.metadata.cft_run_id).toBe(started.runId);
    expect(body.method.supervised.hyperparameters.n_epochs).toBe(3);

    const again = await cftAsync(args, { env });
    expect(again.code).toBe(0);
    expect(again.json()).toMatchObject({ runId: started.runId, existing: true });
    expect(jobsCreated()).toHaveLength(1);

    server.advance(started.jobId, "succeeded");
    const watched = await cftAsync(
      ["jobs", "watch", started.runId, "--interval", "0.01", "--home", home, "--json"],
      { env },
    );
    expect(watched.code).toBe(0);
    const final = watched.json().run;
    expect(final.status).toBe("succeeded");
    expect(final.fineTunedModel).toMatch(/^ft:/);

    const status = await cftAsync(["jobs", "status", started.runId, "--home", home, "--json"], { env });
    expect(status.code).toBe(0);
    expect(status.json().metrics.rows.length).toBeGreaterThan(0);
    expect(status.stderr).toMatch(/final: step \d+, train loss/);

    const listed = await cftAsync(["jobs", "list", "--home", home, "--json"], { env });
    const { runs, costs } = listed.json();
    expect(runs[0]).toMatchObject({ id: started.runId, status: "succeeded" });
    expect(costs.actualUsd).toBeGreaterThan(0);
  });

  it("shows the plan without starting anything, even with no key set", async () => {
    const before = server.requests.length;
    const run = await cftAsync(finetune("openai", train, "--plan", "--json"));
    expect(run.code).toBe(0);
    const { plan } = run.json();
    expect(plan.token).toMatch(/^cft-confirm-[0-9a-f]{32}$/);
    expect(plan.files[0].attestation.auditId).toBeTruthy();
    expect(plan.request.target).toMatch(/not configured/);
    expect(server.requests.length).toBe(before);
  });

  it("deploys an Azure run after stating the hourly cost", async () => {
    const run = await cftAsync(
      finetune("azure", train, "--training-type", "globalstandard", "--yes", "--json"),
      { env },
    );
    expect(run.code).toBe(0);
    const { runId, jobId } = run.json();
    const created = server.requests.filter(
      (r) => r.surface === "azure" && r.method === "POST" && r.route === "/fine_tuning/jobs",
    );
    expect(created).toHaveLength(1);
    const upload = server.uploads().find((f) => f.surface === "azure");
    expect(upload?.content.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));

    const early = await cftAsync(["deploy", "azure", runId, "--yes", "--home", home], { env });
    expect(early.code).toBe(3);
    server.advance(jobId, "succeeded");
    const noConsent = await cftAsync(["deploy", "azure", runId, "--home", home], { env });
    expect(noConsent.code).toBe(3);
    expect(noConsent.stdout).toMatch(/\$1\.70 per hour/);
    expect(server.deployments.size).toBe(0);
    const deployed = await cftAsync(
      [
        "deploy",
        "azure",
        runId,
        "--sku",
        "standard",
        "--interval",
        "0.05",
        "--yes",
        "--home",
        home,
        "--json",
      ],
      { env },
    );
    expect(deployed.code).toBe(0);
    expect(deployed.json().deployment.provisioningState).toBe("Succeeded");
    expect(server.deployments.size).toBe(1);
  });

  it("reports a service failure with the service's message and exit 4", async () => {
    server.fail({
      route: "/fine_tuning/jobs",
      method: "POST",
      status: 400,
      message: "Model gpt-4.1-mini is not available for fine-tuning in this region",
      times: 10,
    });
    const other = writeFile(tempDir(), "train.jsonl", chatLines(25, "other"));
    expect(cft(["audit", other, "--home", home]).code).toBe(0);
    const run = await cftAsync(finetune("openai", other, "--yes", "--json"), { env });
    expect(run.code).toBe(4);
    expect(run.stderr).toContain("not available for fine-tuning in this region");
    const listed = cft(["jobs", "list", "--home", home, "--json"]).json();
    expect(listed.runs[0].status).toBe("submit_failed");
  });
});
