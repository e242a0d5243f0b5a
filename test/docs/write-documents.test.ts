import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { regressionReport } from "../../src/docs/regression-report.js";
import { writeDocuments } from "../../src/docs/write-documents.js";
import { InputError } from "../../src/errors.js";
import { tempDir } from "../helpers.js";
import { regression } from "./fixtures.js";

describe("writeDocuments", () => {
  it("writes <name>.md and <name>.html into a new folder and returns their paths", () => {
    const dir = join(tempDir(), "docs", "nested");
    const paths = writeDocuments(dir, "regression", regressionReport(regression()));
    expect(paths).toEqual({ markdown: join(dir, "regression.md"), html: join(dir, "regression.html") });
    expect(readdirSync(dir).sort()).toEqual(["regression.html", "regression.md"]);
    expect(readFileSync(paths.markdown, "utf8")).toMatch(/^# Regression report/);
    expect(readFileSync(paths.html, "utf8")).toMatch(/^<!doctype html>/);
  });

  it("overwrites existing files whole and leaves no temporary file", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "card.md"), "old");
    writeFileSync(join(dir, "card.html"), "old");
    writeFileSync(join(dir, "keep.txt"), "other");
    writeDocuments(dir, "card", regressionReport(regression()));
    writeDocuments(dir, "card", regressionReport(regression({ verdict: "PASS", recommendation: "deploy" })));
    expect(readdirSync(dir).sort()).toEqual(["card.html", "card.md", "keep.txt"]);
    expect(readFileSync(join(dir, "card.md"), "utf8")).toContain("Verdict PASS.");
    expect(readFileSync(join(dir, "keep.txt"), "utf8")).toBe("other");
  });

  it("leaves no temporary file when a rename fails", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "card.md"));
    writeFileSync(join(dir, "card.md", "inside"), "x");
    expect(() => writeDocuments(dir, "card", regressionReport(regression()))).toThrow();
    expect(readdirSync(dir).filter((n) => n.startsWith("."))).toEqual([]);
    expect(existsSync(join(dir, "card.html"))).toBe(false);
  });

  it("refuses a name that is a path or hidden", () => {
    const dir = tempDir();
    for (const name of ["../x", "a/b", ".hidden", ""])
      expect(() => writeDocuments(dir, name, { title: "T", blocks: [] })).toThrow(InputError);
    expect(readdirSync(dir)).toEqual([]);
  });
});
