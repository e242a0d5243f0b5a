/**
 * Reading the runner's JSON-lines events (PROTOCOL.md) and turning them into the provider vocabulary:
 * JobEvents for `cft jobs watch`, metric rows, checkpoints, and the facts a status needs (latest
 * progress, the final done or error). Lines that are not events are kept as plain messages; fields this
 * version does not know are ignored, so an older cft reads a newer runner.
 */
import type { Checkpoint, JobEvent, JobProgress, MetricsRow, TrainingMetrics } from "../types.js";

export interface RunnerEvent {
  /** 1-based line number in events.jsonl: the event's id. */
  line: number;
  event: string;
  time: string | null;
  fields: Record<string, unknown>;
  /** For a line that is not a JSON event: its text. */
  text?: string;
}

export function parseEvents(text: string): RunnerEvent[] {
  const lines = text.split("\n");
  // A last line without its newline may still be being written: read it only if it is complete JSON.
  const partial = !text.endsWith("\n");
  const events: RunnerEvent[] = [];
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      if (partial && index === lines.length - 1) return;
      events.push({ line: index + 1, event: "message", time: null, fields: {}, text: line.slice(0, 500) });
      return;
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      events.push({ line: index + 1, event: "message", time: null, fields: {}, text: line.slice(0, 500) });
      return;
    }
    const fields = value as Record<string, unknown>;
    events.push({
      line: index + 1,
      event: typeof fields.event === "string" ? fields.event : "message",
      time: typeof fields.time === "string" ? fields.time : null,
      fields,
    });
  });
  return events;
}

export function num(e: RunnerEvent, key: string): number | undefined {
  const v = e.fields[key];
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

export function str(e: RunnerEvent, key: string): string | undefined {
  const v = e.fields[key];
  return typeof v === "string" ? v : undefined;
}

function last(events: RunnerEvent[], name: string): RunnerEvent | undefined {
  for (let i = events.length - 1; i >= 0; i--) if (events[i]!.event === name) return events[i];
  return undefined;
}

/** The run's last word: `done` or `error`, whichever came last. */
export function finalEvent(events: RunnerEvent[]): RunnerEvent | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.event === "done" || e.event === "error") return e;
  }
  return undefined;
}

export function latestProgress(events: RunnerEvent[]): JobProgress | null {
  const p = last(events, "progress");
  const start = last(events, "start");
  const done = last(events, "done");
  if (!p && !done) return null;
  return {
    step: (done && num(done, "steps")) ?? (p && num(p, "step")) ?? 0,
    totalSteps: (p && num(p, "total_steps")) ?? (start && num(start, "total_steps")) ?? null,
    trainLoss: (done && num(done, "train_loss")) ?? (p && num(p, "loss")) ?? null,
  };
}

const round = (v: number | undefined): string => (v === undefined ? "?" : String(Number(v.toPrecision(4))));

function describe(e: RunnerEvent): string {
  switch (e.event) {
    case "start":
      return (
        `training started: ${str(e, "base_model") ?? "model"} on ${num(e, "examples") ?? "?"} examples, ` +
        `${num(e, "epochs") ?? "?"} epochs, ${num(e, "total_steps") ?? "?"} steps ` +
        `(${str(e, "method") ?? "lora"}, ${num(e, "num_gpus") ?? 1} GPU)`
      );
    case "progress":
      return `step ${num(e, "step") ?? "?"}/${num(e, "total_steps") ?? "?"}: loss ${round(num(e, "loss"))}`;
    case "eval":
      return `step ${num(e, "step") ?? "?"}: validation loss ${round(num(e, "eval_loss"))}`;
    case "checkpoint":
      return `checkpoint saved at step ${num(e, "step") ?? "?"}`;
    case "done":
      return `training finished after ${num(e, "steps") ?? "?"} steps: adapter in ${str(e, "adapter_path") ?? "?"}`;
    case "error":
      return str(e, "message") ?? "the runner reported an error";
    default:
      return e.text ?? str(e, "message") ?? e.event;
  }
}

const KINDS = new Set<JobEvent["kind"]>(["start", "progress", "eval", "checkpoint", "done", "error"]);

/** JobEvents in file order (the runner writes them in time order), after the event id AFTER when given. */
export function toJobEvents(events: RunnerEvent[], fallbackTime: string, after?: string): JobEvent[] {
  const afterLine = after === undefined ? 0 : Number(after);
  let time = fallbackTime;
  const out: JobEvent[] = [];
  for (const e of events) {
    time = e.time ?? time;
    if (Number.isFinite(afterLine) && e.line <= afterLine) continue;
    const kind = KINDS.has(e.event as JobEvent["kind"]) ? (e.event as JobEvent["kind"]) : "message";
    const metrics: NonNullable<JobEvent["metrics"]> = {};
    const set = (key: keyof typeof metrics, value: number | undefined) => {
      if (value !== undefined) metrics[key] = value;
    };
    set("step", num(e, "step") ?? num(e, "steps"));
    set("totalSteps", num(e, "total_steps"));
    set("trainLoss", kind === "done" ? num(e, "train_loss") : num(e, "loss"));
    set("validLoss", num(e, "eval_loss"));
    set("tokensPerSecond", num(e, "tokens_per_second"));
    out.push({
      id: String(e.line),
      createdAt: time,
      level: kind === "error" ? "error" : "info",
      message: describe(e),
      kind,
      ...(Object.keys(metrics).length > 0 ? { metrics } : {}),
    });
  }
  return out;
}

/** One row per step that has a training loss or a validation loss, in step order. */
export function toMetrics(events: RunnerEvent[]): TrainingMetrics | undefined {
  const rows = new Map<number, MetricsRow>();
  const row = (step: number): MetricsRow => {
    let r = rows.get(step);
    if (!r) {
      r = { step, trainLoss: null, trainAccuracy: null, validLoss: null, validMeanTokenAccuracy: null };
      rows.set(step, r);
    }
    return r;
  };
  for (const e of events) {
    const step = num(e, "step");
    if (step === undefined) continue;
    if (e.event === "progress" && num(e, "loss") !== undefined) row(step).trainLoss = num(e, "loss")!;
    if (e.event === "eval" && num(e, "eval_loss") !== undefined) row(step).validLoss = num(e, "eval_loss")!;
  }
  if (rows.size === 0) return undefined;
  const sorted = [...rows.values()].sort((a, b) => a.step - b.step);
  return { rows: sorted, final: sorted[sorted.length - 1] ?? null };
}

/** Checkpoints, with the losses known at their step; LOCATE makes the runner's path one a user can find. */
export function toCheckpoints(events: RunnerEvent[], locate: (path: string) => string): Checkpoint[] {
  const metrics = toMetrics(events)?.rows ?? [];
  return events
    .filter((e) => e.event === "checkpoint" && num(e, "step") !== undefined && str(e, "path"))
    .map((e) => {
      const step = num(e, "step")!;
      const known: Record<string, number> = {};
      const trainLoss = metrics.filter((r) => r.step <= step && r.trainLoss !== null).pop()?.trainLoss;
      const validLoss = metrics.find((r) => r.step === step)?.validLoss;
      if (trainLoss !== undefined && trainLoss !== null) known.trainLoss = trainLoss;
      if (validLoss !== undefined && validLoss !== null) known.validLoss = validLoss;
      return { id: `checkpoint-${step}`, step, model: locate(str(e, "path")!), metrics: known };
    });
}
