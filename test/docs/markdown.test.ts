import { describe, expect, it } from "vitest";
import { bold, code, type Document, keyValue, note, paragraph, table } from "../../src/docs/document.js";
import { escapeMarkdown, renderMarkdown } from "../../src/docs/markdown.js";

const doc = (blocks: Document["blocks"]): Document => ({ title: "T", blocks });

describe("renderMarkdown", () => {
  it("renders tables with an alignment row and escapes pipes in cells, code spans included", () => {
    const md = renderMarkdown(
      doc([
        table(
          [{ header: "metric" }, { header: "value", align: "right" }, { header: "verdict", align: "center" }],
          [
            ["a|b", "91.3%", bold("PASS")],
            [code("x|y"), "line\nbreak", ""],
          ],
        ),
      ]),
    );
    expect(md).toContain("| metric | value | verdict |\n|---|---:|:---:|");
    expect(md).toContain("| a\\|b | 91.3% | **PASS** |");
    expect(md).toContain("| `x\\|y` | line break |  |");
    for (const line of md.split("\n").filter((l) => l.startsWith("|")))
      expect(line.replace(/\\\|/g, "").split("|")).toHaveLength(5);
  });

  it("escapes markup in plain text so input cannot add links, images or tags", () => {
    expect(escapeMarkdown("<script>alert(1)</script>")).toBe("\\<script\\>alert(1)\\</script\\>");
    expect(escapeMarkdown("AT&T &amp; co")).toBe("AT&T &amp;amp; co");
    expect(escapeMarkdown("![x](http://e/x.png) *b* _i_ snake_case")).toBe(
      "!\\[x\\](http://e/x.png) \\*b\\* \\_i\\_ snake_case",
    );
    expect(renderMarkdown(doc([paragraph("# not a heading")]))).toContain("\\# not a heading");
    expect(renderMarkdown(doc([paragraph("1. not a list")]))).toContain("1\\. not a list");
  });

  it("keeps backticks inside code spans literal", () => {
    expect(renderMarkdown(doc([paragraph(code("a`b"))]))).toContain("``a`b``");
  });

  it("renders key-value blocks as two-column tables and notes as GitHub alerts", () => {
    const md = renderMarkdown(
      doc([keyValue([["verdict", bold("PASS")]]), note("danger", "careful", "Stop.")]),
    );
    expect(md).toContain("| | |\n|---|---|\n| verdict | **PASS** |");
    expect(md).toContain("> [!CAUTION]\n> **Stop.** careful");
  });

  it("stands a data table in for a chart", () => {
    const md = renderMarkdown(
      doc([
        {
          kind: "chart",
          title: "Training loss",
          chart: {
            type: "loss",
            points: Array.from({ length: 40 }, (_, i) => ({ step: i, train: 1 / (i + 1), valid: null })),
          },
        },
      ]),
    );
    expect(md).toContain("**Training loss**");
    expect(md).toContain("| step | train loss |");
    expect(md).toContain("| 39 | 0.0250 |");
    expect(md.split("\n").filter((l) => /^\| \d/.test(l))).toHaveLength(12);
  });
});
