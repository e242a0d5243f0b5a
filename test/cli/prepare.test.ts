import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { cft, ROOT, tempDir, writeFile } from "../helpers.js";

const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");
const FILES = ["data-dictionary.md", "dataset.json", "test.jsonl", "train.jsonl"];

describe("cft prepare --synthetic", () => {
  const work = tempDir();
  const home = join(work, "ws");

  it.each(["claims", "scribe", "companion"])(
    "writes a valid %s dataset that an independent checker accepts",
    (task) => {
      const out = join(work, task);
      const run = cft([
        "prepare",
        "--task",
        task,
        "--synthetic",
        "300",
        "--seed",
        "5",
        "--out",
        out,
        "--home",
        home,
        "--json",
      ]);
      expect(run.stderr).not.toMatch(/error/i);
      expect(run.code).toBe(0);
      const result = run.json();
      expect(readdirSync(out).sort()).toEqual(FILES);
      const manifest = JSON.parse(readFileSync(join(out, "dataset.json"), "utf8"));
      expect(result.manifest).toEqual(manifest);
      expect(manifest.counts).toEqual({
        total: 300,
        train: manifest.counts.train,
        test: manifest.counts.test,
        filtered: 0,
      });
      expect(manifest.counts.test).toBeGreaterThanOrEqual(28);
      for (const label of Object.keys(manifest.labels.train))
        expect(manifest.labels.test[label]).toBeGreaterThan(0);
      for (const name of ["train.jsonl", "test.jsonl", "data-dictionary.md"])
        expect(manifest.files[name].sha256).toBe(sha256(join(out, name)));
      const cookbook = spawnSync(
        "python3",
        [
          join(ROOT, "test/fixtures/openai_cookbook_check.py"),
          join(out, "train.jsonl"),
          join(out, "test.jsonl"),
        ],
        { encoding: "utf8" },
      );
      expect(cookbook.stdout).not.toContain('"errors": {"');
      expect(cookbook.status).toBe(0);
      const validate = cft(["validate", join(out, "train.jsonl"), "--json"]);
      expect(validate.code).toBe(0);
      expect(validate.json()).toMatchObject({ ok: true, examples: manifest.counts.train, warnings: [] });
    },
  );

  it("gives byte-identical files for the same seed and different ones for another seed", () => {
    const run = (seed: string, dir: string) =>
      cft([
        "prepare",
        "--task",
        "claims",
        "--synthetic",
        "200",
        "--seed",
        seed,
        "--out",
        join(work, dir),
        "--home",
        home,
      ]);
    expect(run("11", "a").code).toBe(0);
    expect(run("11", "b").code).toBe(0);
    expect(run("12", "c").code).toBe(0);
    for (const name of FILES) expect(sha256(join(work, "a", name)), name).toBe(sha256(join(work, "b", name)));
    expect(sha256(join(work, "c", "train.jsonl"))).not.toBe(sha256(join(work, "a", "train.jsonl")));
  });

  it("records every dataset in the workspace ledger", () => {
    const db = new Database(join(home, "ledger.sqlite"), { readonly: true });
    const rows = db
      .prepare("SELECT name, task, source, seed, train_count + test_count AS total FROM datasets")
      .all();
    db.close();
    expect(rows).toContainEqual({
      name: "scribe-synthetic-300-seed5",
      task: "scribe",
      source: "synthetic",
      seed: 5,
      total: 300,
    });
    expect(rows.length).toBeGreaterThanOrEqual(6);
  });

  it("prints a human summary on stdout without --json", () => {
    const run = cft([
      "prepare",
      "--task",
      "companion",
      "--synthetic",
      "50",
      "--out",
      join(work, "human"),
      "--home",
      home,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Prepared companion-synthetic-50-seed42 \(companion, synthetic\): 4\d train, \d test/,
    );
    expect(run.stdout).toContain("Next: cft validate");
  });
});

describe("cft prepare from files", () => {
  const work = tempDir();
  const home = join(work, "ws");
  const header =
    "claim_id,policy_id,claim_number,diagnosis_codes,procedure_codes,claim_amount,service_date,medical_analysis,adjudication_decision,final_decision";

  it("converts a claims export and records the source hash", () => {
    const rows = Array.from({ length: 30 }, (_, i) => {
      const decision = ["approved", "denied", "pending"][i % 3];
      return `C${i},P${i},N${i},E11.9,99213,${100 + i}.00,2023-05-0${(i % 9) + 1},Stable on metformin.,${decision},${decision}`;
    });
    const csv = writeFile(work, "claims.csv", `${header}\n${rows.join("\n")}\n`);
    const run = cft([
      "prepare",
      "--task",
      "claims",
      "--claims-csv",
      csv,
      "--out",
      join(work, "claims"),
      "--home",
      home,
      "--json",
    ]);
    expect(run.code).toBe(0);
    const { manifest } = run.json();
    expect(manifest.source).toEqual({ kind: "claims-csv", file: "claims.csv", sha256: sha256(csv) });
    expect(manifest.labels.test).toEqual({ APPROVED: 1, DENIED: 1, PENDING: 1 });
    expect(readFileSync(join(work, "claims", "train.jsonl"), "utf8")).not.toMatch(/2023-05|C1\b|P1\b/);
  });

  it("exits 2 naming missing columns and the columns found, and writes nothing", () => {
    const csv = writeFile(work, "short.csv", "claim_id,diagnosis_codes\nA,E11.9\n");
    const out = join(work, "never");
    const run = cft(["prepare", "--task", "claims", "--claims-csv", csv, "--out", out, "--home", home]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("missing required columns procedure_codes, claim_amount, final_decision");
    expect(run.stderr).toContain("columns found: claim_id, diagnosis_codes");
    expect(existsSync(out)).toBe(false);
  });

  it("exits 2 listing every malformed JSONL line as file:line, under --json too", () => {
    const good = JSON.stringify({
      messages: [
        { role: "user", content: "q" },
        { role: "assistant", content: "a" },
      ],
    });
    const file = writeFile(work, "chat.jsonl", `${good}\n{oops\n${good}\n{"messages": [{"role": "user"}]}\n`);
    const run = cft([
      "prepare",
      "--task",
      "companion",
      "--chat-jsonl",
      file,
      "--out",
      join(work, "chat"),
      "--home",
      home,
      "--json",
    ]);
    expect(run.code).toBe(2);
    const { error } = run.json();
    expect(error.code).toBe("bad_input");
    expect(error.problems.map((p: { line: number }) => p.line)).toEqual([2, 4, 4]);
    expect(run.stderr).toContain(`${file}:2: not valid JSON`);
  });

  it("says when the input is empty", () => {
    const file = writeFile(work, "empty.jsonl", "\n\n");
    const run = cft([
      "prepare",
      "--task",
      "companion",
      "--chat-jsonl",
      file,
      "--out",
      join(work, "empty"),
      "--home",
      home,
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file} holds no usable records`);
  });

  it("leaves an existing dataset untouched when a later prepare fails", () => {
    const out = join(work, "keep");
    expect(cft(["prepare", "--task", "claims", "--synthetic", "40", "--out", out, "--home", home]).code).toBe(
      0,
    );
    const before = sha256(join(out, "train.jsonl"));
    const bad = writeFile(work, "bad-prompt.md", "");
    const run = cft([
      "prepare",
      "--task",
      "claims",
      "--synthetic",
      "40",
      "--seed",
      "9",
      "--system-prompt",
      bad,
      "--out",
      out,
      "--home",
      home,
    ]);
    expect(run.code).toBe(2);
    expect(sha256(join(out, "train.jsonl"))).toBe(before);
    expect(readdirSync(out).sort()).toEqual(FILES);
  });
});

describe("cft usage errors", () => {
  it("exits 2 with the flag named for a bad value, a missing source or two sources", () => {
    const bad = cft(["prepare", "--task", "claims", "--synthetic", "ten", "--out", "/tmp/x"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--synthetic");
    expect(cft(["prepare", "--task", "claims", "--out", "/tmp/x"]).stderr).toContain("no source given");
    const two = cft([
      "prepare",
      "--task",
      "claims",
      "--synthetic",
      "5",
      "--claims-csv",
      "x.csv",
      "--out",
      "/tmp/x",
    ]);
    expect(two.stderr).toContain("choose one source, not --synthetic and --claims-csv");
    expect(cft(["prepare", "--task", "dental", "--synthetic", "5", "--out", "/tmp/x"]).stderr).toContain(
      "--task",
    );
    expect(cft(["prepare", "--bogus"]).code).toBe(2);
  });

  it("exits 2 naming a misconfigured variable", () => {
    const run = cft(["validate", "x.jsonl"], { env: { CFT_GITHUB_REPO: "not-a-repo" } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("CFT_GITHUB_REPO: expected owner/name");
  });

  it("has --help with an example, --home and --json on every command", () => {
    for (const command of ["prepare", "validate", "demo"]) {
      const help = cft([command, "--help"]);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain("--home <dir>");
      expect(help.stdout).toContain("--json");
      expect(help.stdout).toMatch(/Examples:\n {2}\$ cft /);
    }
  });
});

describe("cft prepare --documents-csv", () => {
  it("filters by --min-quality, counts what it left out, and stratifies by document type", () => {
    const work = tempDir();
    const rows = Array.from({ length: 24 }, (_, i) => {
      const type = ["SOAP note", "Discharge summary", "Prescription"][i % 3];
      return `"Dictation ${i}: stable, continue current plan.",${type},"Final document ${i}.",${i % 4 === 0 ? 2 : 5}`;
    });
    const csv = writeFile(
      work,
      "notes.csv",
      `dictation,document_type,final_document,quality_score\n${rows.join("\n")}\n`,
    );
    const run = cft([
      "prepare",
      "--task",
      "scribe",
      "--documents-csv",
      csv,
      "--min-quality",
      "4",
      "--out",
      join(work, "s"),
      "--home",
      join(work, "ws"),
      "--json",
    ]);
    expect(run.code).toBe(0);
    const { manifest } = run.json();
    expect(manifest.counts).toMatchObject({ total: 18, filtered: 6 });
    expect(manifest.source.minQuality).toBe(4);
    expect(Object.keys(manifest.labels.test).sort()).toEqual([
      "discharge_summary",
      "prescription",
      "soap_note",
    ]);
  });

  it("refuses --min-quality with another source and a test fraction out of range", () => {
    const a = cft([
      "prepare",
      "--task",
      "claims",
      "--synthetic",
      "20",
      "--min-quality",
      "3",
      "--out",
      "/tmp/x",
    ]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain("--min-quality applies to --documents-csv only");
    const b = cft([
      "prepare",
      "--task",
      "claims",
      "--synthetic",
      "20",
      "--test-fraction",
      "0.9",
      "--out",
      "/tmp/x",
    ]);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain("--test-fraction: expected at most 0.5");
  });
});

describe("cft prepare with an unusable workspace", () => {
  it("exits 2 before writing anything", () => {
    const work = tempDir();
    const notADir = writeFile(work, "file", "x");
    const out = join(work, "out");
    const run = cft(["prepare", "--task", "claims", "--synthetic", "20", "--out", out, "--home", notADir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("cannot open the workspace ledger");
    expect(existsSync(out)).toBe(false);
  });
});
