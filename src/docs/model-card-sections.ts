/**
 * The data-bearing sections of a model card: training data (described, never included), HIPAA status,
 * training (loss curve, final losses, cost), evaluation results and the regression against the baseline.
 * Each says plainly when its part does not exist yet and names the command that produces it.
 */
import {
  type Block,
  bold,
  chart,
  code,
  heading,
  keyValue,
  note,
  num,
  paragraph,
  type Rich,
  table,
} from "./document.js";
import * as f from "./format.js";
import {
  comparisonTable,
  deltaCharts,
  metricBars,
  metricsTable,
  RECOMMENDATION_TEXT,
  VERDICT_TONE,
} from "./metric-blocks.js";
import type { ModelCardInput } from "./model-card.js";

export function trainingData(input: ModelCardInput): Block[] {
  const { dataset: d, run } = input;
  const blocks: Block[] = [
    heading(2, "Training data"),
    paragraph("The data are described here, never included: counts, labels and hashes only."),
  ];
  if (!d) {
    blocks.push(
      paragraph("No dataset record was found for this run — prepare data with ", code("cft prepare …"), "."),
    );
  } else {
    const synthetic = d.source.toLowerCase().startsWith("synthetic");
    blocks.push(
      keyValue([
        ["dataset", d.name],
        ["task", d.task],
        [
          "source",
          synthetic
            ? "synthetic — no real patients"
            : `${d.source} (declared synthetic — no real patients; the project refuses real patient data)`,
        ],
        ["train examples", f.count(d.trainCount)],
        ["test examples", f.count(d.testCount)],
        ["train SHA-256", code(d.trainSha256)],
        ["test SHA-256", d.testSha256 ? code(d.testSha256) : "no test file"],
      ]),
    );
    const labels = Object.entries(d.labels ?? {});
    const total = labels.reduce((s, [, v]) => s + v, 0);
    if (labels.length)
      blocks.push(
        table(
          [{ header: "label" }, num("examples"), num("share")],
          labels.map(([k, v]) => [k, f.count(v), f.share(v, total)]),
          "Label distribution of the prepared data.",
        ),
      );
    else blocks.push(paragraph("No label distribution was recorded for this dataset."));
  }
  const sent: [string, Rich][] = [["training file SHA-256 (as sent)", code(run.trainSha256)]];
  if (run.validationSha256) sent.push(["validation file SHA-256 (as sent)", code(run.validationSha256)]);
  blocks.push(keyValue(sent));
  return blocks;
}

export function hipaa(input: ModelCardInput): Block[] {
  const a = input.audit;
  const blocks: Block[] = [heading(2, "HIPAA status")];
  if (a?.verdict !== "PASS") {
    blocks.push(
      note(
        "danger",
        a
          ? `The audit ${a.auditId} of ${a.createdAt} FAILED (scanner ${a.scannerVersion}): there is no PASS attestation for this model's training data.`
          : "There is no PASS attestation on record for this model's training data.",
        "No PASS attestation.",
      ),
      paragraph(
        "Audit the training file with ",
        code("cft audit FILE"),
        " before this model is used anywhere.",
      ),
    );
    return blocks;
  }
  blocks.push(
    keyValue([
      ["audit verdict", bold("PASS")],
      ["attestation id", code(a.auditId)],
      ["scanner version", `${a.scannerVersion} (deterministic; no language model decides the verdict)`],
      ["audited", a.createdAt],
    ]),
    paragraph(
      "The attestation binds the SHA-256 of the audited bytes; the launcher re-hashed the training file and " +
        "refused to start without it. The audit checks the 18 Safe Harbor identifiers (45 CFR 164.514(b)(2)).",
    ),
  );
  return blocks;
}

export function training(input: ModelCardInput): Block[] {
  const { training: t, run, costs } = input;
  const blocks: Block[] = [heading(2, "Training")];
  const rows = t?.rows ?? [];
  const final = t?.final ?? rows.at(-1) ?? null;
  if (rows.length) {
    blocks.push(
      chart("Training loss", {
        type: "loss",
        points: rows.map((r) => ({ step: r.step, train: r.trainLoss, valid: r.validLoss })),
      }),
    );
  }
  if (final) {
    blocks.push(
      keyValue([
        ["final step", f.count(final.step)],
        ["final train loss", f.loss(final.trainLoss)],
        ["final validation loss", final.validLoss === null ? "no validation file" : f.loss(final.validLoss)],
        ["trained tokens", f.count(run.trainedTokens)],
      ]),
    );
  } else {
    blocks.push(
      paragraph(
        "Training metrics: not yet available — run ",
        code(`cft jobs status ${run.id}`),
        " once the job has succeeded.",
      ),
    );
  }
  blocks.push(
    keyValue([
      ["estimated cost", costs.estimatedUsd === null ? "not recorded" : f.usd(costs.estimatedUsd)],
      ["actual cost", costs.actualUsd === null ? "not recorded" : f.usd(costs.actualUsd)],
    ]),
  );
  return blocks;
}

export function evaluation(input: ModelCardInput): Block[] {
  const e = input.evaluation;
  const blocks: Block[] = [heading(2, "Evaluation results")];
  if (!e) {
    const model = input.run.fineTunedModel ?? "MODEL";
    blocks.push(
      note("warning", [
        "Not yet evaluated — run ",
        code(`cft evaluate --suite TEST.jsonl --model ${model}`),
        ". No figures are shown until then.",
      ]),
    );
    return blocks;
  }
  if (e.runId && e.runId !== input.run.id)
    blocks.push(note("warning", `This evaluation is of run ${e.runId}, not of run ${input.run.id}.`));
  blocks.push(
    keyValue([
      ["evaluation", code(e.evalId)],
      [
        "suite",
        [
          `${e.suite.name} (${e.suite.task}, ${e.suite.format}, ${f.count(e.suite.items)} items) `,
          code(e.suite.sha256),
        ],
      ],
      ["model", code(e.model)],
      ["evaluated", e.createdAt],
      [
        "items",
        `${f.count(e.counts.scored)} scored of ${f.count(e.counts.items)}; ${f.count(e.counts.noAnswer)} without an answer; ${f.count(e.counts.errors)} errors`,
      ],
    ]),
    metricsTable(e.metrics),
    ...metricBars(e.metrics),
  );
  return blocks;
}

export function regression(input: ModelCardInput): Block[] {
  const r = input.regression;
  const blocks: Block[] = [heading(2, "Regression vs baseline")];
  if (!r) {
    const cand = input.evaluation?.evalId ?? "EVAL";
    blocks.push(
      paragraph(
        "No regression test yet — run ",
        code(`cft regress --candidate ${cand} --baseline latest`),
        ".",
      ),
    );
    return blocks;
  }
  blocks.push(
    note(
      VERDICT_TONE[r.verdict],
      `Against baseline ${r.baseline.model} (${r.baseline.evalId}) on ${f.count(r.sharedItems)} shared items. Recommendation: ${RECOMMENDATION_TEXT[r.recommendation]}`,
      `Regression ${r.verdict}.`,
    ),
    ...deltaCharts(r.metrics),
    comparisonTable(r.metrics),
  );
  return blocks;
}
