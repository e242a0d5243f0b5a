import { describe, expect, it } from "vitest";
import { bold, code, type Document, keyValue, note, paragraph, table } from "../../src/docs/document.js";
import { evaluationReport } from "../../src/docs/evaluation-report.js";
import { renderHtml } from "../../src/docs/html.js";
import { modelCard } from "../../src/docs/model-card.js";
import { cardInput, evaluation, regression, run, svgProblems } from "./fixtures.js";

const EVIL = '<script>alert("pwned")</script><img src=https://evil.example/x.png>';

/** Anything that would make a browser fetch something: such tags, or a URL in an attribute of any real tag. */
function externalReferences(html: string): string[] {
  const tags = html.match(/<[a-zA-Z][^>]*>/g) ?? [];
  const banned = tags.filter((t) =>
    /^<(script|link|img|iframe|object|embed|image|use|source|video|audio)\b/i.test(t),
  );
  const linking = tags.filter((t) => /\s(?:src|href|xlink:href|action|poster)\s*=/i.test(t));
  const css = html.match(/url\(|@import|@font-face/gi) ?? [];
  return [...banned, ...linking, ...css];
}

describe("renderHtml", () => {
  it("(the reference check finds what it should)", () => {
    expect(externalReferences('<p><img src="https://x/y.png"></p>')).toHaveLength(2);
    expect(
      externalReferences('<a href="http://x">x</a><style>b{background:url(http://x)}</style>'),
    ).toHaveLength(2);
    expect(externalReferences("<p>&lt;script src=https://x&gt;</p>")).toEqual([]);
  });

  it("writes one self-contained page: inline CSS and SVG, nothing to fetch, a restrictive CSP", () => {
    const html = renderHtml(modelCard(cardInput()));
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("<style>");
    expect(html).toContain("<svg");
    expect(html).toContain("Content-Security-Policy");
    expect(html).toContain("@media print");
    expect(externalReferences(html)).toEqual([]);
    expect(html.match(/<html/g)).toHaveLength(1);
    for (const svg of html.match(/<svg[\s\S]*?<\/svg>/g) ?? []) expect(svgProblems(svg)).toEqual([]);
  });

  it("escapes a script injected through a model name, everywhere it appears", () => {
    const input = cardInput({
      run: run({ fineTunedModel: EVIL }),
      evaluation: evaluation({ model: EVIL, source: `javascript:${EVIL}` }),
      regression: regression({ candidate: { evalId: "eval-0042", model: EVIL } }),
    });
    for (const doc of [
      modelCard(input),
      evaluationReport(input.evaluation!, { baseline: input.regression }),
    ]) {
      const html = renderHtml(doc);
      expect(html).not.toContain("<script");
      expect(html).not.toContain("<img");
      expect(html).toContain("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;");
      expect(externalReferences(html)).toEqual([]);
    }
  });

  it("renders tables with alignment, key-value blocks, notes and inline emphasis", () => {
    const doc: Document = {
      title: "T & <b>",
      subtitle: "sub",
      blocks: [
        table([{ header: "a" }, { header: "n", align: "right" }], [["x|y", "3"]]),
        keyValue([["verdict", bold("PASS")]]),
        note("warning", [code("cft evaluate"), " <now>"], "Heads up."),
        paragraph("plain ", bold("bold")),
      ],
    };
    const html = renderHtml(doc);
    expect(html).toContain("<title>T &amp; &lt;b&gt;</title>");
    expect(html).toContain('<td class="right">3</td>');
    expect(html).toContain("<td>x|y</td>");
    expect(html).toContain('<th scope="row">verdict</th><td><strong>PASS</strong></td>');
    expect(html).toContain('<div class="note warning" role="note">');
    expect(html).toContain("<code>cft evaluate</code> &lt;now&gt;");
  });

  it("gives headings unique anchors", () => {
    const html = renderHtml({
      title: "T",
      blocks: [
        { kind: "heading", level: 2, text: "Risks" },
        { kind: "heading", level: 2, text: "Risks" },
      ],
    });
    expect(html).toContain('id="risks"');
    expect(html).toContain('id="risks-2"');
  });
});
