/**
 * The data stage: the plan (worker 1), the user's approval of it (an interrupt), then the dataset made,
 * recorded and announced. Records stay in files; the state keeps their paths and hashes.
 */

import { join, resolve } from "node:path";
import { interrupt } from "@langchain/langgraph";
import { recordPrepared } from "../../src/dataset/ledger-entry.js";
import { type PrepareSource, prepareDataset } from "../../src/dataset/prepare.js";
import { writeDocuments } from "../../src/docs/write-documents.js";
import { markdownDocument } from "../../src/integrations/milestones.js";
import { type GraphDeps, withDb } from "../deps.js";
import { type Approval, type GateQuestion, isApproved } from "../questions.js";
import type { RunRequest } from "../request.js";
import type { State, Update } from "../state.js";
import { tellTeam } from "../team-updates.js";
import { dataPreparationPlan } from "../workers/data-preparation.js";

const request = (state: State): RunRequest => {
  if (!state.request) throw new Error("the thread has no request");
  return state.request;
};

export function planDataNode(deps: GraphDeps) {
  return async (state: State, config: { configurable?: { thread_id?: string } }): Promise<Update> => {
    const plan = await dataPreparationPlan(deps, request(state));
    const thread = config.configurable?.thread_id ?? "thread";
    const written = writeDocuments(
      join(deps.config.home, "docs", "plans"),
      `${thread}-data-plan`,
      plan.document,
    );
    return {
      stage: "data plan",
      documents: [{ kind: "data_plan", path: written.markdown }],
      notes: [`Data-preparation plan: ${written.markdown}`],
    };
  };
}

/** Waits for the user's approval of the plan; a rejection ends the thread (declined). */
export function approvePlanNode() {
  return (state: State): Update => {
    const plan = state.documents.findLast((d) => d.kind === "data_plan");
    const question: GateQuestion = {
      gate: "data_plan",
      title: "Approve the data-preparation plan?",
      summary: `${summarize(request(state))} Plan: ${plan?.path ?? "(not written)"}.`,
      details: { plan: plan?.path ?? null },
    };
    const answer = interrupt(question) as Approval;
    if (!isApproved(answer))
      return {
        blocked: {
          stage: "data plan",
          reason: `the plan was not approved${answer?.note ? `: ${answer.note}` : ""}`,
          kind: "declined",
        },
      };
    return { notes: [`Plan approved${answer.note ? `: ${answer.note}` : ""}.`] };
  };
}

function summarize(r: RunRequest): string {
  const source =
    r.source.kind === "synthetic"
      ? `${r.source.count} synthetic ${r.task} examples (seed ${r.source.seed})`
      : `${r.task} data from ${r.source.file}`;
  return `Prepare ${source} into ${r.outDir}, then audit them.`;
}

/** The split's seed when the data is not synthetic (a synthetic source's seed drives both). */
const SPLIT_SEED = 7;

/** The `cft prepare` command that makes the same dataset, for its data dictionary. */
function reproduceCommand(r: RunRequest, outDir: string): string {
  const source =
    r.source.kind === "synthetic"
      ? `--synthetic ${r.source.count} --seed ${r.source.seed}`
      : `--${r.source.kind} ${r.source.file} --seed ${SPLIT_SEED}`;
  return `cft prepare --task ${r.task} ${source} --test-fraction ${r.testFraction} --out ${outDir}`;
}

function prepareSource(r: RunRequest): PrepareSource {
  return r.source.kind === "synthetic"
    ? { kind: "synthetic", examples: r.source.count, seed: r.source.seed }
    : ({ kind: r.source.kind, file: resolve(r.source.file) } as PrepareSource);
}

export function prepareDataNode(deps: GraphDeps) {
  return async (state: State): Promise<Update> => {
    const r = request(state);
    const outDir = resolve(r.outDir);
    const result = await prepareDataset({
      task: r.task,
      source: prepareSource(r),
      outDir,
      testFraction: r.testFraction,
      seed: r.source.kind === "synthetic" ? r.source.seed : SPLIT_SEED,
      reproduce: reproduceCommand(r, outDir),
    });
    const m = result.manifest;
    return withDb(deps, async (db) => {
      const row = recordPrepared(
        db,
        result,
        outDir,
        r.source.kind === "synthetic" ? null : resolve(r.source.file),
      );
      const dictionary = markdownDocument(
        `dataset:${row.id}`,
        "data_dictionary",
        result.files.dictionary,
        "Data dictionary",
      );
      const team = await tellTeam(deps, db, { kind: "data_prep_plan", dataset: row }, [dictionary]);
      return {
        stage: "data prepared",
        dataset: {
          datasetId: row.id,
          dir: outDir,
          train: { path: result.files.train, sha256: m.files["train.jsonl"]!.sha256 },
          test: { path: result.files.test, sha256: m.files["test.jsonl"]!.sha256 },
          records: { train: m.counts.train, test: m.counts.test },
        },
        documents: [{ kind: "data_dictionary", path: result.files.dictionary }],
        pendingActions: team.pending,
        notes: [
          `Prepared ${m.counts.train} train / ${m.counts.test} test examples in ${outDir}.`,
          ...team.notes,
        ],
      };
    });
  };
}
