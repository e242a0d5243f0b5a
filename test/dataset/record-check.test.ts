import { describe, expect, it } from "vitest";
import { checkRecord } from "../../src/dataset/record-check.js";

const sys = { role: "system", content: "You adjudicate claims." };
const user = { role: "user", content: "Claim: E11.9 / 99213" };
const assistant = { role: "assistant", content: "Decision: APPROVED" };
const types = (record: unknown) => checkRecord(record).errors.map((e) => e.type);

describe("checkRecord: the cookbook's checks", () => {
  it("accepts a plain three-message record", () => {
    const check = checkRecord({ messages: [sys, user, assistant] });
    expect(check.errors).toEqual([]);
    expect(check.hasSystem && check.hasUser).toBe(true);
  });
  it("rejects non-objects and missing message lists", () => {
    expect(types([1])).toEqual(["data_type"]);
    expect(types({ prompt: "x" })).toEqual(["missing_messages_list"]);
    expect(types({ messages: [] })).toEqual(["missing_messages_list"]);
  });
  it("flags unknown keys and roles, missing roles and empty content", () => {
    expect(types({ messages: [user, { ...assistant, mood: "x" }] })).toEqual(["message_unrecognized_key"]);
    expect(types({ messages: [{ role: "doctor", content: "x" }, assistant] })).toEqual(["unrecognized_role"]);
    expect(types({ messages: [{ content: "x" }, assistant] })).toEqual(["message_missing_key"]);
    expect(types({ messages: [user, { role: "assistant", content: "  " }] })).toEqual(["missing_content"]);
    expect(types({ messages: [user, { role: "assistant", content: 42 }] })).toEqual(["missing_content"]);
  });
  it("requires an assistant message", () => {
    expect(types({ messages: [sys, user] })).toEqual(["example_missing_assistant_message"]);
  });
});

describe("checkRecord: what the cookbook misses", () => {
  const call = {
    id: "call_1",
    type: "function",
    function: { name: "lookup_code", arguments: '{"code":"E11.9"}' },
  };
  it("accepts a tool call answered by a tool message", () => {
    const record = {
      messages: [
        user,
        { role: "assistant", content: null, tool_calls: [call] },
        { role: "tool", tool_call_id: "call_1", content: "Type 2 diabetes" },
        assistant,
      ],
    };
    expect(checkRecord(record).errors).toEqual([]);
  });
  it("rejects malformed tool calls and orphan tool messages", () => {
    const bad = { ...call, function: { name: "lookup_code", arguments: "{not json" } };
    expect(types({ messages: [user, { role: "assistant", tool_calls: [bad] }, assistant] })).toEqual([
      "invalid_tool_call",
    ]);
    expect(types({ messages: [user, { role: "tool", tool_call_id: "x", content: "r" }, assistant] })).toEqual(
      ["tool_message_without_call"],
    );
    expect(
      types({ messages: [user, { role: "user", tool_calls: [call], content: "x" }, assistant] }),
    ).toContain("invalid_tool_call");
  });
  it("checks weight: 0 or 1, on assistant messages, and something left to learn", () => {
    expect(types({ messages: [user, { ...assistant, weight: 1 }] })).toEqual([]);
    expect(types({ messages: [user, { ...assistant, weight: 0.5 }] })).toEqual(["invalid_weight"]);
    expect(types({ messages: [{ ...user, weight: 1 }, assistant] })).toEqual(["invalid_weight"]);
    expect(types({ messages: [user, { ...assistant, weight: 0 }] })).toEqual([
      "no_trainable_assistant_message",
    ]);
  });
  it("reports unknown top-level keys without failing the record", () => {
    const check = checkRecord({ messages: [user, assistant], meta: 1, tools: [] });
    expect(check.errors).toEqual([]);
    expect(check.unknownTopLevelKeys).toEqual(["meta"]);
  });
});
