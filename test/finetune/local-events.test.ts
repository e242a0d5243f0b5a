import { describe, expect, it } from "vitest";
import {
  parseEvents,
  toCheckpoints,
  toJobEvents,
  toMetrics,
} from "../../src/finetune/local/runner-events.js";

const line = (o: object) => JSON.stringify(o);
const T = "2026-01-01T00:00:0";
const TEXT = [
  line({
    event: "start",
    time: `${T}0Z`,
    base_model: "m",
    examples: 9,
    epochs: 1,
    total_steps: 4,
    num_gpus: 1,
    method: "qlora",
  }),
  line({
    event: "progress",
    time: `${T}1Z`,
    step: 1,
    total_steps: 4,
    loss: 2.123456,
    tokens_per_second: 900,
  }),
  "a stray print from a library",
  "",
  line({ event: "eval", time: `${T}2Z`, step: 2, eval_loss: 1.5 }),
  line({ event: "progress", time: `${T}2Z`, step: 2, total_steps: 4, loss: 1.75 }),
  line({ event: "checkpoint", time: `${T}3Z`, step: 2, path: "output/checkpoint-2" }),
  line({ event: "something_new", time: `${T}4Z`, message: "a future event" }),
  line({
    event: "done",
    time: `${T}5Z`,
    adapter_path: "output/adapter",
    steps: 4,
    train_loss: 1.2,
    trained_tokens: 99,
  }),
  '{"event":"progress","ti',
].join("\n");

describe("runner events", () => {
  const events = parseEvents(TEXT);

  it("reads every line, keeps stray text as messages and skips a line still being written", () => {
    expect(events.map((e) => e.event)).toEqual([
      "start",
      "progress",
      "message",
      "eval",
      "progress",
      "checkpoint",
      "something_new",
      "done",
    ]);
    expect(events.map((e) => e.line)).toEqual([1, 2, 3, 5, 6, 7, 8, 9]);
  });

  it("becomes JobEvents with line-number ids, in order, with metrics", () => {
    const jobEvents = toJobEvents(events, "2025-12-31T00:00:00Z");
    expect(jobEvents.map((e) => e.id)).toEqual(["1", "2", "3", "5", "6", "7", "8", "9"]);
    expect(jobEvents.map((e) => e.kind)).toEqual([
      "start",
      "progress",
      "message",
      "eval",
      "progress",
      "checkpoint",
      "message",
      "done",
    ]);
    expect(jobEvents[1]).toMatchObject({
      message: "step 1/4: loss 2.123",
      metrics: { step: 1, totalSteps: 4, trainLoss: 2.123456, tokensPerSecond: 900 },
    });
    // A stray line takes the time of the event before it.
    expect(jobEvents[2]).toMatchObject({ createdAt: `${T}1Z`, message: "a stray print from a library" });
    expect(jobEvents[3]?.metrics).toEqual({ step: 2, validLoss: 1.5 });
    expect(jobEvents[6]?.message).toBe("a future event");
    expect(jobEvents[7]?.metrics).toEqual({ step: 4, trainLoss: 1.2 });
    expect(toJobEvents(events, "x", "6").map((e) => e.id)).toEqual(["7", "8", "9"]);
    expect(toJobEvents(events, "x", "9")).toEqual([]);
  });

  it("gives metric rows per step, train and validation loss merged", () => {
    expect(toMetrics(events)).toEqual({
      rows: [
        { step: 1, trainLoss: 2.123456, trainAccuracy: null, validLoss: null, validMeanTokenAccuracy: null },
        { step: 2, trainLoss: 1.75, trainAccuracy: null, validLoss: 1.5, validMeanTokenAccuracy: null },
      ],
      final: { step: 2, trainLoss: 1.75, trainAccuracy: null, validLoss: 1.5, validMeanTokenAccuracy: null },
    });
    expect(toMetrics(parseEvents(""))).toBeUndefined();
  });

  it("lists checkpoints with where they are and the losses at their step", () => {
    expect(toCheckpoints(events, (p) => `host:/w/${p}`)).toEqual([
      {
        id: "checkpoint-2",
        step: 2,
        model: "host:/w/output/checkpoint-2",
        metrics: { trainLoss: 1.75, validLoss: 1.5 },
      },
    ]);
  });
});
