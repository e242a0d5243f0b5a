import { describe, expect, it } from "vitest";
import { readJsonl } from "../../src/io/jsonl.js";
import { type LineEvent, readLines } from "../../src/io/lines.js";
import { tempDir, writeFile } from "../helpers.js";

async function collect(path: string, maxLineBytes?: number): Promise<LineEvent[]> {
  const out: LineEvent[] = [];
  for await (const e of readLines(path, { maxLineBytes })) out.push(e);
  return out;
}

describe("readLines", () => {
  const dir = tempDir();

  it("strips a UTF-8 BOM and CRLF endings and keeps line numbers", async () => {
    const path = writeFile(
      dir,
      "bom.txt",
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("a\r\nb\r\n\r\nc")]),
    );
    expect(await collect(path)).toEqual([
      { kind: "line", number: 1, text: "a" },
      { kind: "line", number: 2, text: "b" },
      { kind: "line", number: 3, text: "" },
      { kind: "line", number: 4, text: "c" },
    ]);
  });

  it("reports invalid UTF-8 with its line and column and goes on", async () => {
    const path = writeFile(
      dir,
      "bad.txt",
      Buffer.concat([Buffer.from("ok\nab"), Buffer.from([0xff, 0xfe]), Buffer.from("c\nfine\n")]),
    );
    const events = await collect(path);
    expect(events[1]).toEqual({
      kind: "problem",
      number: 2,
      message: "invalid UTF-8 at column 3; save the file as UTF-8",
    });
    expect(events[2]).toEqual({ kind: "line", number: 3, text: "fine" });
  });

  it("reports an over-long line without buffering it, and reads the next", async () => {
    const path = writeFile(dir, "long.txt", `short\n${"x".repeat(5000)}\nafter\n`);
    const events = await collect(path, 1000);
    expect(events.map((e) => e.kind)).toEqual(["line", "problem", "line"]);
    expect(events[1]).toMatchObject({
      number: 2,
      message: expect.stringContaining("longer than 1000 bytes"),
    });
    expect(events[2]).toEqual({ kind: "line", number: 3, text: "after" });
  });

  it("refuses UTF-16 with a hint", async () => {
    const path = writeFile(dir, "utf16.txt", Buffer.from("\ufeffhi\n", "utf16le"));
    await expect(collect(path)).rejects.toThrow(/UTF-16/);
  });

  it("names a missing file and a folder", async () => {
    await expect(collect(`${dir}/nope.jsonl`)).rejects.toThrow(/no such file/);
    await expect(collect(dir)).rejects.toThrow(/is a folder/);
  });

  it("handles lines split across read chunks", async () => {
    const big = Array.from({ length: 3000 }, (_, i) => `line-${i}-${"y".repeat(500)}`).join("\n");
    const events = await collect(writeFile(dir, "big.txt", big));
    expect(events).toHaveLength(3000);
    expect(events[2999]).toEqual({ kind: "line", number: 3000, text: `line-2999-${"y".repeat(500)}` });
  });
});

describe("readJsonl", () => {
  it("parses records, flags blank lines and names bad JSON by line", async () => {
    const path = writeFile(tempDir(), "x.jsonl", '{"a":1}\n\n{"a":\n[1]\n');
    const events = [];
    for await (const e of readJsonl(path)) events.push(e);
    expect(events[0]).toEqual({ kind: "record", line: 1, value: { a: 1 } });
    expect(events[1]).toEqual({ kind: "blank", line: 2 });
    expect(events[2]).toMatchObject({
      kind: "problem",
      line: 3,
      message: expect.stringMatching(/^not valid JSON/),
    });
    expect(events[3]).toEqual({ kind: "record", line: 4, value: [1] });
  });
});
