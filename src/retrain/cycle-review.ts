/**
 * The end of a retraining cycle, once the job has succeeded: evaluate the new model on the frozen test
 * suite, take production's newest evaluation of that same suite as the baseline, register the run as the
 * family's next version, regress it against production and promote only on PASS. The promotion gate
 * decides (src/registry/promotion.ts); no override is ever passed, so a WARN or FAIL leaves production
 * as it is and the cycle ends "not_promoted".
 */
import type { Config } from "../config/config.js";
import { regressionReport } from "../docs/regression-report.js";
import { GateError } from "../errors.js";
import { createChatClient } from "../eval/chat-client.js";
import { evaluate } from "../eval/evaluate.js";
import { loadSuite } from "../eval/suite.js";
import type { EvaluationSummary } from "../eval/types.js";
import type { Db } from "../ledger/ledger.js";
import type { RunView } from "../ledger/runs.js";
import { evaluationsOfVersion } from "../registry/lineage.js";
import { production, promote } from "../registry/promotion.js";
import { type ModelVersion, registerVersion, versionById } from "../registry/versions.js";
import { runRegression } from "../regression/run-regression.js";
import type { CycleHooks, CycleOptions } from "./cycle.js";
import { appendEvent, type CycleState, getCycle } from "./cycle-log.js";

/** Where the new model answers: --evaluate-at, else OpenAI's API for an OpenAI run; null when unknown. */
function endpointFor(
  run: RunView,
  evaluateAt: string | null,
  served: string | undefined,
): { model: string; baseUrl?: string } | null {
  if (!run.fineTunedModel) return null;
  if (evaluateAt) return { model: served ?? run.fineTunedModel, baseUrl: evaluateAt };
  return run.provider === "openai" ? { model: run.fineTunedModel } : null;
}

/** Production's newest evaluation on the suite with this SHA-256. */
function baselineOf(db: Db, version: ModelVersion, suiteSha256: string): EvaluationSummary | undefined {
  return evaluationsOfVersion(db, version)
    .filter((e) => e.suite.sha256 === suiteSha256)
    .at(-1);
}

/** Runs the remaining stages; returns the next step when the cycle stops before promotion. */
export async function reviewCycle(
  db: Db,
  config: Config,
  start: CycleState,
  run: RunView,
  options: CycleOptions,
  hooks: CycleHooks,
): Promise<string | undefined> {
  let cycle = start;
  const family = cycle.family;
  const reload = () => {
    cycle = getCycle(db, cycle.id)!;
  };
  const dataset = cycle.stages.dataset!;
  const current = production(db, family) ?? versionById(db, cycle.stages.started!.baseVersionId)!;
  const stop = (stage: "awaiting_evaluation", reason: string, next: string) => {
    appendEvent(db, cycle.id, stage, { reason });
    return next;
  };

  if (!cycle.stages.evaluated) {
    const baseline = baselineOf(db, current, dataset.testSha256);
    if (!baseline) {
      const model = current.artifact.kind === "hosted" ? current.artifact.ref : "MODEL";
      return stop(
        "awaiting_evaluation",
        `production ${family}@${current.version} has no evaluation on the frozen test suite (sha256 ${dataset.testSha256.slice(0, 12)}…) to compare with`,
        `Evaluate production on it: \`cft evaluate --suite ${dataset.test} --model ${model} --run ${current.runId}\` (add --base-url URL for a served model), then run \`cft retrain ${family}\` again.`,
      );
    }
    const at = endpointFor(
      run,
      options.evaluateAt ?? cycle.stages.started!.evaluateAt,
      options.evaluateModel,
    );
    if (!at)
      return stop(
        "awaiting_evaluation",
        `no endpoint to evaluate ${run.fineTunedModel ?? run.id} at`,
        run.provider === "azure"
          ? `Deploy it (\`cft deploy azure ${run.id}\`), then run \`cft retrain ${family} --evaluate-at URL\`.`
          : `Serve the new adapter (e.g. \`cft export gguf ${run.id}\` and llama.cpp's server), then run \`cft retrain ${family} --evaluate-at URL\`.`,
      );
    const suite = await loadSuite(dataset.test, { task: baseline.suite.task });
    const client = createChatClient(config, { model: at.model, baseUrl: at.baseUrl });
    hooks.note(
      `Evaluating ${at.model} at ${client.endpoint} on ${suite.name} (${suite.items.length} items).`,
    );
    const result = await evaluate(db, {
      suite,
      source: { kind: "endpoint", client, concurrency: 8 },
      runId: run.id,
    });
    appendEvent(db, cycle.id, "evaluated", {
      evalId: result.summary.evalId,
      baselineEvalId: baseline.evalId,
    });
    await hooks.announce({ kind: "evaluation", evaluation: result.summary });
    reload();
  }
  const evaluated = cycle.stages.evaluated!;

  if (!cycle.stages.registered) {
    const version = await registerVersion(db, { family, runId: run.id });
    appendEvent(db, cycle.id, "registered", { versionId: version.id, version: version.version });
    hooks.note(`Registered ${family}@${version.version}.`);
    reload();
  }
  const registered = cycle.stages.registered!;

  if (!cycle.stages.regressed) {
    const { report, files } = runRegression(db, config.home, {
      candidate: evaluated.evalId,
      baseline: evaluated.baselineEvalId,
      thresholdsFile: options.thresholdsFile ?? cycle.stages.started!.thresholdsFile ?? undefined,
    });
    appendEvent(db, cycle.id, "regressed", { regressionId: report.regressionId, verdict: report.verdict });
    await hooks.announce({ kind: "regression", report }, [
      {
        subject: `regression:${report.regressionId}`,
        kind: "regression_report",
        path: files.markdown,
        document: regressionReport(report),
      },
    ]);
    hooks.note(`Regression ${report.regressionId}: ${report.verdict} (${report.recommendation}).`);
    reload();
  }
  const regressed = cycle.stages.regressed!;

  try {
    const promotion = promote(db, family, registered.version, { regressionId: regressed.regressionId });
    appendEvent(db, cycle.id, "promoted", { promotionId: promotion.id });
    await hooks.announce({ kind: "promotion", promotion });
    return undefined;
  } catch (error) {
    if (!(error instanceof GateError)) throw error;
    appendEvent(db, cycle.id, "not_promoted", { reason: error.message });
    return regressed.verdict === "WARN"
      ? `Production is unchanged. To accept the WARN after review: \`cft models promote ${family}@${registered.version} --regression ${regressed.regressionId} --override-warn --by WHO --reason TEXT\`.`
      : `Production is unchanged. ${error.hint ?? ""}`.trim();
  }
}
