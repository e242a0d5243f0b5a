/**
 * The graph's state: distilled results of each stage — paths, hashes, ids, verdicts, costs — never raw
 * records or secrets, so a checkpoint can be read, copied or sent to LangGraph Studio without carrying
 * patient data. Each field is replaced by the stage that owns it; notes and documents accumulate.
 */
import { Annotation, MessagesAnnotation } from "@langchain/langgraph";
import type { RunRequest } from "./request.js";

const replace = <T>(initial: T) => Annotation<T>({ reducer: (_old, next) => next, default: () => initial });
const append = <T>() => Annotation<T[]>({ reducer: (old, next) => [...old, ...next], default: () => [] });

export interface HashedFile {
  path: string;
  sha256: string;
}

export interface AssessmentResult {
  path: string;
  recommendation: string;
  fewShot: number;
  systemPromptPath: string;
}

export interface DatasetResult {
  datasetId: string;
  dir: string;
  train: HashedFile;
  test: HashedFile;
  records: { train: number; test: number };
}

export interface AuditResult {
  auditId: string;
  verdict: "PASS" | "FAIL";
  findings: number;
  identifiers: string[];
  reportPath: string;
}

export interface EstimateResult {
  provider: string;
  baseModel: string;
  costUsd: number;
  /** The confirmation token of this exact plan (dataset hashes, configuration, estimate). */
  token: string;
  summary: string;
}

export interface RunResult {
  runId: string;
  jobId: string | null;
  status: string;
  fineTunedModel: string | null;
  error: string | null;
}

export interface EvaluationResult {
  evalId: string;
  model: string;
  metric: string;
  value: number | null;
}

export interface RegressionResult {
  regressionId: string;
  verdict: "PASS" | "WARN" | "FAIL";
  recommendation: string;
  reportPath: string;
}

export interface Blocked {
  stage: string;
  reason: string;
  /** A failed job is a service failure (exit 4), not a gate (exit 3). */
  kind: "gate" | "declined" | "failed";
}

export const GraphState = Annotation.Root({
  ...MessagesAnnotation.spec,
  request: replace<RunRequest | null>(null),
  stage: replace<string>("start"),
  assessment: replace<AssessmentResult | null>(null),
  dataset: replace<DatasetResult | null>(null),
  audit: replace<AuditResult | null>(null),
  baseline: replace<EvaluationResult | null>(null),
  estimate: replace<EstimateResult | null>(null),
  run: replace<RunResult | null>(null),
  evaluation: replace<EvaluationResult | null>(null),
  regression: replace<RegressionResult | null>(null),
  blocked: replace<Blocked | null>(null),
  /** Outbox entries (team updates) waiting for the user's approval, and where to go after. */
  pendingActions: replace<string[]>([]),
  afterApproval: replace<string | null>(null),
  documents: append<{ kind: string; path: string }>(),
  notes: append<string>(),
});

export type State = typeof GraphState.State;
export type Update = typeof GraphState.Update;
