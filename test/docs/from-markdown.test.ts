import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type Block,
  bold,
  bullets,
  code,
  type Document,
  em,
  heading,
  keyValue,
  note,
  paragraph,
  plain,
  table,
} from "../../src/docs/document.js";
import { markdownToDocument } from "../../src/docs/from-markdown.js";
import { renderMarkdown } from "../../src/docs/markdown.js";
import { documentRequests } from "../../src/integrations/google-docs-requests.js";
import { auditFiles } from "../../src/phi/audit.js";
import { renderComplianceReport } from "../../src/phi/compliance-report.js";
import { cft, tempDir, writeFile } from "../helpers.js";

const blocksOf = (md: string) => markdownToDocument(md, "Fallback").blocks;
const tables = (doc: Document) => doc.blocks.filter((b) => b.kind === "table");
const headings = (doc: Document) => doc.blocks.flatMap((b) => (b.kind === "heading" ? [b.text] : []));

/** Converting must give a Document every renderer accepts. */
function expectUsable(doc: Document) {
  expect(() => documentRequests(doc)).not.toThrow();
  expect(documentRequests(doc).length).toBeGreaterThan(0);
  expect(renderMarkdown(doc)).toContain(`# `);
}

describe("markdownToDocument: title and headings", () => {
  it("takes the first level-1 heading as title and an all-emphasis paragraph after it as subtitle", () => {
    const doc = markdownToDocument("# Report &amp; notes\n\n*Generated nightly*\n\nBody.", "Fallback");
    expect(doc).toEqual({
      title: "Report & notes",
      subtitle: "Generated nightly",
      blocks: [paragraph("Body.")],
    });
  });

  it("uses the fallback title when there is no level-1 heading, or it is empty", () => {
    expect(markdownToDocument("Just text.", "Fallback")).toEqual({
      title: "Fallback",
      blocks: [paragraph("Just text.")],
    });
    expect(markdownToDocument("#\n\nx", "Fallback").title).toBe("Fallback");
  });

  it("keeps a paragraph after the title that is not wholly emphasis, and one that is not directly after it", () => {
    expect(markdownToDocument("# T\n\n*a* and b", "F")).toEqual({
      title: "T",
      blocks: [paragraph(em("a"), " and b")],
    });
    expect(markdownToDocument("# T\n\n## S\n\n*a*", "F").subtitle).toBeUndefined();
  });

  it("maps heading levels: a later level 1 and level 2 to 2, 3 to 3, 4 to 6 to 4", () => {
    const md = "# Title\n\n# Again\n\n## Two\n\n### Three\n\n#### Four\n\n##### Five\n\n###### **Six**";
    expect(blocksOf(md)).toEqual([
      heading(2, "Again"),
      heading(2, "Two"),
      heading(3, "Three"),
      heading(4, "Four"),
      heading(4, "Five"),
      heading(4, "Six"),
    ]);
  });
});

describe("markdownToDocument: inline text", () => {
  it("keeps bold, emphasis and code runs, with the text between them", () => {
    expect(blocksOf("A **bold** and *em* and _em2_ and `x < y` end")).toEqual([
      paragraph("A ", bold("bold"), " and ", em("em"), " and ", em("em2"), " and ", code("x < y"), " end"),
    ]);
  });

  it("decodes HTML entities in text but leaves code spans literal", () => {
    expect(blocksOf("AT&amp;T &lt;b&gt; &quot;q&quot; &#39;s&#x27; &copy; &amp;lt; `&amp;`")).toEqual([
      paragraph(`AT&T <b> "q" 's' &copy; &lt; `, code("&amp;")),
    ]);
    expect(blocksOf("\\*not em\\* and \\_x\\_")).toEqual([paragraph("*not em* and _x_")]);
  });

  it("writes a link as its text then the URL, and an autolink once", () => {
    expect(blocksOf("See [the docs](https://example.com/d) or <https://e.org> or www.x.org.")).toEqual([
      paragraph("See the docs (https://example.com/d) or https://e.org or www.x.org."),
    ]);
    expect(blocksOf("**[bold link](http://b)**")).toEqual([paragraph(bold("bold link (http://b)"))]);
  });

  it("turns soft and hard line breaks into spaces", () => {
    expect(blocksOf("one\ntwo  \nthree\\\nfour")).toEqual([paragraph("one two three four")]);
  });

  it("flattens nested emphasis into the outer kind", () => {
    expect(blocksOf("**a *b* `c`** then *d **e***")).toEqual([paragraph(bold("a b c"), " then ", em("d e"))]);
  });

  it("drops HTML comments and tags, inline and as blocks, keeping the text between tags", () => {
    expect(
      blocksOf("<!-- secret -->\n\nbefore <!-- hidden --> <b>kept</b> after\n\n<div>\nblock\n</div>"),
    ).toEqual([paragraph("before kept after")]);
  });

  it("keeps an image's alt text and struck-through text", () => {
    expect(blocksOf("![a chart](c.png) ~~old~~")).toEqual([paragraph("a chart old")]);
  });
});

describe("markdownToDocument: lists", () => {
  it("turns bullet and ordered lists into bullets, ordered items keeping their numbers", () => {
    expect(blocksOf("- one\n- **two**\n\n3. three\n4. four")).toEqual([
      bullets(["one", bold("two")]),
      bullets(["3. three", "4. four"]),
    ]);
  });

  it("flattens nested lists into extra items after their parent, one '– ' per level", () => {
    expect(blocksOf("- a\n  - b\n    1. c\n  - d\n- e")).toEqual([
      bullets(["a", "– b", "– – 1. c", "– d", "e"]),
    ]);
  });

  it("prefixes task items with their checkbox", () => {
    expect(blocksOf("- [ ] todo\n- [x] done")).toEqual([bullets(["[ ] todo", "[x] done"])]);
  });

  it("joins the paragraphs of a loose item", () => {
    expect(blocksOf("- first\n\n  more\n\n- second")).toEqual([bullets(["first more", "second"])]);
  });
});

describe("markdownToDocument: tables", () => {
  it("keeps headers, alignment and rich cells, escaped pipes included", () => {
    const md = "| metric | value | note |\n|:---|---:|:---:|\n| a \\| b | **91%** | `x \\| y` |";
    expect(blocksOf(md)).toEqual([
      table(
        [
          { header: "metric", align: "left" },
          { header: "value", align: "right" },
          { header: "note", align: "center" },
        ],
        [["a | b", bold("91%"), code("x | y")]],
      ),
    ]);
  });

  it("leaves unaligned columns without align and fills missing cells with empty text", () => {
    expect(blocksOf("| a | b | c |\n|---|---|---|\n| 1 |\n| 1 | 2 | 3 | 4 |")).toEqual([
      table(
        [{ header: "a" }, { header: "b" }, { header: "c" }],
        [
          ["1", "", ""],
          ["1", "2", "3"],
        ],
      ),
    ]);
  });

  it("reads a two-column table with blank headers as key-value pairs", () => {
    expect(blocksOf("| | |\n|---|---|\n| verdict | **FAIL** |\n| date | 2025 |")).toEqual([
      keyValue([
        ["verdict", bold("FAIL")],
        ["date", "2025"],
      ]),
    ]);
  });
});

describe("markdownToDocument: code, quotes and dropped blocks", () => {
  it("writes a code block as one code paragraph per non-blank line, without decoding entities", () => {
    expect(blocksOf('```json\n{"a": 1}\n\n  &amp; <x>\n```\n\n    indented\n    code')).toEqual([
      paragraph(code('{"a": 1}')),
      paragraph(code("  &amp; <x>")),
      paragraph(code("indented")),
      paragraph(code("code")),
    ]);
  });

  it("turns a blockquote into an info note, and a GitHub alert into a note of its tone", () => {
    expect(blocksOf("> first **line**\n> goes on\n>\n> second")).toEqual([
      note("info", ["first ", bold("line"), " goes on second"]),
    ]);
    expect(blocksOf("> [!WARNING]\n> Check *this*.")).toEqual([note("warning", ["Check ", em("this"), "."])]);
    expect(blocksOf("> [!CAUTION]\n> x\n\n> [!TIP]\n> y\n\n> [!NOTE]\n> z")).toEqual([
      note("danger", "x"),
      note("success", "y"),
      note("info", "z"),
    ]);
  });

  it("drops rules, HTML blocks, link definitions and blank space", () => {
    expect(blocksOf("a\n\n---\n\n***\n\n<!--\nmulti\nline\n-->\n\n[ref]: http://x\n\n\n\nb")).toEqual([
      paragraph("a"),
      paragraph("b"),
    ]);
  });

  it("reads back what renderMarkdown writes", () => {
    const doc: Document = {
      title: "Model card: x_1 & <y>",
      blocks: [
        heading(2, "Results"),
        paragraph("Accuracy ", bold("91.3%"), " on ", code("test.jsonl"), " (", em("n = 3"), ")."),
        paragraph("AT&T &amp; co, a|b, *not em*, 1. not a list"),
        bullets(["one", ["two ", code("x|y")]]),
        table(
          [{ header: "metric" }, { header: "value", align: "right" }, { header: "verdict", align: "center" }],
          [["a|b", "91.3%", bold("PASS")]],
        ),
        keyValue([["model", code("gpt-4.1-mini")]]),
        note("warning", ["Check ", bold("this"), "."]),
      ],
    };
    expect(markdownToDocument(renderMarkdown(doc), "F")).toEqual(doc);
  });
});

describe("markdownToDocument: never throws", () => {
  const odd = [
    "",
    "#",
    "# ",
    "**unclosed bold",
    "*a **b* c**",
    "| a | b |\n|---|---|\n| only one",
    "| a |\n|---|---|\n| x | y |",
    "# T\r\n\r\n- a\r\n- b\r\n\r\n| h |\r\n|---|\r\n| c |\r\n",
    "\u0000\u0001\u200b\ud800 lone surrogate",
    "[unclosed](link",
    "```\nunclosed fence",
    `${"> ".repeat(500)}deep`,
    "&#0; &#xFFFFFF; &#99999999; &bogus;",
    "-\n+\n*\n1.\n- [ ]\n- [x]",
    "<",
    "\\",
  ];

  it.each(odd.map((md) => [JSON.stringify(md.slice(0, 40)), md]))("handles %s", (_, md) => {
    const doc = markdownToDocument(md, "Fallback");
    expect(typeof doc.title).toBe("string");
    expect(Array.isArray(doc.blocks)).toBe(true);
    expectUsable(doc);
  });

  it("reads CRLF line endings like LF", () => {
    const md = "# T\n\n## H\n\n- a\n- b\n\n| h | i |\n|---|---|\n| c | d |\n\ntext\nmore\n";
    expect(markdownToDocument(md.replace(/\n/g, "\r\n"), "F")).toEqual(markdownToDocument(md, "F"));
  });

  it("survives random Markdown-ish input", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const alphabet = ["#", "*", "_", "`", "|", "-", ":", ">", "[", "]", "(", ")", "!", "&", ";", "<", "\\"];
    const parts = [...alphabet, " ", "\n", "\n\n", "\r\n", "a", "1.", "&amp;", "<!--", "-->", "```", "~"];
    for (let n = 0; n < 300; n++) {
      const md = Array.from(
        { length: 1 + Math.floor(random() * 60) },
        () => parts[Math.floor(random() * parts.length)],
      ).join("");
      expect(() => documentRequests(markdownToDocument(md, "F")), md).not.toThrow();
    }
  });

  it("converts a 1 MB report", () => {
    const section =
      "## Section\n\nSome **bold**, `code` &amp; [a link](http://x).\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n- x\n  - y\n\n";
    const md = `# Big\n\n${section.repeat(Math.ceil(1_000_000 / section.length))}`;
    expect(md.length).toBeGreaterThanOrEqual(1_000_000);
    const doc = markdownToDocument(md, "F");
    expect(doc.title).toBe("Big");
    expect(tables(doc)).toHaveLength(Math.ceil(1_000_000 / section.length));
    expect(doc.blocks.at(-1)).toEqual(bullets(["x", "– y"]));
  });
});

describe("markdownToDocument on the project's own reports", () => {
  it("keeps the headings and tables of a real HIPAA compliance report", async () => {
    const dir = tempDir();
    const file = writeFile(
      dir,
      "data.jsonl",
      `${[
        {
          messages: [
            { role: "user", content: "Please call me back at 617-555-0142 tomorrow." },
            { role: "assistant", content: "ok" },
          ],
        },
        {
          messages: [
            { role: "user", content: "Summarize the claim." },
            { role: "assistant", content: "Approved." },
          ],
        },
      ]
        .map((r) => JSON.stringify(r))
        .join("\n")}\n`,
    );
    const report = await auditFiles([file]);
    expect(report.countsByIdentifier.PHONE).toBe(1);
    const md = renderComplianceReport(report, "audit-1", "2025-06-01T12:00:00Z");
    const doc = markdownToDocument(md, "Compliance report");

    expect(doc.title).toBe("HIPAA compliance report — audit audit-1");
    expect(headings(doc)).toEqual([
      "Files",
      "Safe Harbor checklist (45 CFR 164.514(b)(2))",
      "Findings by severity",
      "Remediation",
      "Synthetic-data authenticity",
      "Data handling",
      "Sign-off",
    ]);
    const summary = doc.blocks[0] as Extract<Block, { kind: "keyValue" }>;
    expect(summary.kind).toBe("keyValue");
    expect(summary.pairs[0]).toEqual(["verdict", bold("FAIL")]);

    const byHeaders = (headers: string[]) =>
      tables(doc).find((t) => JSON.stringify(t.columns.map((c) => c.header)) === JSON.stringify(headers));
    const checklist = byHeaders(["#", "identifier", "result"]);
    expect(checklist?.rows).toHaveLength(18);
    expect(checklist?.rows[3]).toEqual([
      "4",
      ["Telephone numbers (", code("PHONE"), ")"],
      [bold("FAIL"), ": 1 found"],
    ]);
    const findings = byHeaders(["severity", "identifier", "where", "field", "redacted context"]);
    expect(findings?.rows).toHaveLength(1);
    expect(findings?.rows[0]?.[4]).toBe("Please call me back at [PHONE] tomorrow.");
    expect(byHeaders(["file", "records", "exact duplicate records", "SHA-256"])?.rows[0]?.[3]).toEqual(
      code(report.files[0]!.sha256),
    );
    const signOff = doc.blocks.at(-2);
    expect(signOff?.kind === "bullets" && signOff.items.map(plain)).toEqual([
      "[ ] I reviewed the findings and the remediation above.",
      "[ ] The dataset is synthetic, or de-identified under Safe Harbor, and contains no PHI.",
      "[ ] Access to the files listed is limited to the project team.",
    ]);
    expect(JSON.stringify(doc)).not.toContain("617-555-0142");

    expectUsable(doc);
    const requests = documentRequests(doc);
    expect(requests.filter((r) => r.insertTable)).toHaveLength(tables(doc).length);
    expect(requests.some((r) => r.createParagraphBullets)).toBe(true);
    expect(renderMarkdown(doc)).toContain("| # | identifier | result |");
  });

  it("keeps the headings and tables of a real data dictionary", () => {
    const dir = tempDir();
    const out = join(dir, "out");
    const run = cft([
      "prepare",
      "--task",
      "claims",
      "--synthetic",
      "20",
      "--out",
      out,
      "--home",
      join(dir, "home"),
    ]);
    expect(run.code, run.stderr).toBe(0);
    const md = readFileSync(join(out, "data-dictionary.md"), "utf8");
    const doc = markdownToDocument(md, "Data dictionary");

    expect(doc.title).toBe("Data dictionary: claims-synthetic-20-seed42");
    const expected = md
      .split("\n")
      .flatMap((line) => /^#{2,6} (.*)$/.exec(line)?.[1]?.replace(/`/g, "") ?? []);
    expect(expected.length).toBeGreaterThan(3);
    expect(headings(doc)).toEqual(expected);
    const tableCount = md.split("\n").filter((line) => /^\|\s*:?-{3}/.test(line)).length;
    expect(tables(doc)).toHaveLength(tableCount);
    const files = tables(doc).find((t) => t.columns[0]?.header === "file");
    expect(files?.columns.map((c) => c.header)).toEqual(["file", "records", "SHA-256"]);
    expect(files?.rows.map((r) => r[0])).toEqual(["train.jsonl", "test.jsonl"]);
    expect(doc.blocks.some((b) => b.kind === "bullets")).toBe(true);
    expect(JSON.stringify(doc)).not.toMatch(/[*`|]{2}|\\\|/);

    expectUsable(doc);
    expect(documentRequests(doc).filter((r) => r.insertTable)).toHaveLength(tableCount);
  });
});
