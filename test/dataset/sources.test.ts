import { describe, expect, it } from "vitest";
import { readChatJsonl } from "../../src/dataset/sources/chat-jsonl.js";
import { readClaimsCsv } from "../../src/dataset/sources/claims-csv.js";
import { readDocumentsCsv } from "../../src/dataset/sources/documents-csv.js";
import { InputError } from "../../src/errors.js";
import { tempDir, writeFile } from "../helpers.js";

const HEADER =
  "claim_id,policy_id,claim_number,diagnosis_codes,procedure_codes,claim_amount,service_date,medical_analysis,adjudication_decision,final_decision";

async function inputError(promise: Promise<unknown>): Promise<InputError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe("claims CSV", () => {
  const dir = tempDir();

  it("converts rows (BOM and CRLF accepted), keeping identifiers and full dates out of the text", async () => {
    const csv = `\ufeff${HEADER}\r\nCLM-0001,POL-778812,2024-000981,"E11.9; I10",99213,"$1,250.50",2024-03-14,"Poorly controlled glucose, A1c 9.1%.",denied,Approved\r\n`;
    const { examples } = await readClaimsCsv(writeFile(dir, "claims.csv", csv), "SYSTEM");
    expect(examples).toHaveLength(1);
    const [system, user, assistant] = examples[0]!.record.messages;
    expect(system!.content).toBe("SYSTEM");
    expect(user!.content).toBe(
      "Adjudicate the following claim.\n\nService year: 2024\n\nDiagnoses (ICD-10-CM):\n1. E11.9\n2. I10\n\nService lines:\n1. CPT 99213\nTotal billed: $1250.50\n\nMedical analysis: Poorly controlled glucose, A1c 9.1%.",
    );
    expect(assistant!.content).toMatch(/^Decision: APPROVED\nRationale: .*Initial adjudication was DENIED/);
    const text = JSON.stringify(examples[0]);
    for (const leaked of ["CLM-0001", "POL-778812", "2024-000981", "03-14", "2024-03-14"])
      expect(text).not.toContain(leaked);
    expect(examples[0]!.label).toBe("APPROVED");
  });

  it("names the missing columns and the ones found", async () => {
    const error = await inputError(
      readClaimsCsv(writeFile(dir, "cols.csv", "claim_id,diagnosis_codes\nA,E11.9\n"), "S"),
    );
    expect(error.message).toContain("missing required columns procedure_codes, claim_amount, final_decision");
    expect(error.problems[0]!.message).toBe("columns found: claim_id, diagnosis_codes");
  });

  it("reports every bad row with its line and field", async () => {
    const csv = [
      HEADER,
      "1,p,c,E11.9,99213,100,2024,ok,approved,approved",
      "2,p,c,XYZ,99213,100,2024,ok,approved,approved",
      "3,p,c,E11.9,99213,abc,2024,ok,approved,maybe",
      "4,p,c,E11.9",
    ].join("\n");
    const error = await inputError(readClaimsCsv(writeFile(dir, "rows.csv", csv), "S"));
    const where = error.problems.map((p) => [p.line, p.field ?? ""]);
    expect(where).toEqual([
      [3, "diagnosis_codes"],
      [4, "claim_amount"],
      [4, "final_decision"],
      [5, ""],
    ]);
    expect(error.problems[0]!.message).toContain('"XYZ" is not an ICD-10-CM code');
  });

  it("says when the file is empty or invalid UTF-8", async () => {
    expect((await inputError(readClaimsCsv(writeFile(dir, "empty.csv", ""), "S"))).message).toMatch(
      /is empty/,
    );
    const bytes = Buffer.concat([
      Buffer.from(`${HEADER}\n1,p,c,E11.9,99213,100,2024,caf`),
      Buffer.from([0xe9]),
      Buffer.from(",a,approved\n"),
    ]);
    const error = await inputError(readClaimsCsv(writeFile(dir, "latin1.csv", bytes), "S"));
    expect(error.problems[0]).toMatchObject({ line: 2, message: expect.stringContaining("invalid UTF-8") });
  });
});

describe("documents CSV", () => {
  const dir = tempDir();
  const csv = [
    "Dictation,Document Type,Final Document,Quality Score",
    '"Patient seen for follow-up of hypertension.\nBP 138/86.",SOAP note,"S: follow-up\nO: BP 138/86\nA: HTN\nP: continue",4.5',
    "Discharge after appendectomy,Discharge Summary,Discharged home post-op day 2,2",
  ].join("\n");

  it("converts rows with multi-line cells and normalizes headers and labels", async () => {
    const { examples, filtered } = await readDocumentsCsv(writeFile(dir, "docs.csv", csv), "S");
    expect(filtered).toBe(0);
    expect(examples.map((e) => e.label)).toEqual(["soap_note", "discharge_summary"]);
    expect(examples[0]!.record.messages[1]!.content).toBe(
      "Document type: SOAP note\n\nDictation:\nPatient seen for follow-up of hypertension.\nBP 138/86.",
    );
  });

  it("filters by --min-quality and counts what it left out", async () => {
    const { examples, filtered } = await readDocumentsCsv(writeFile(dir, "docs2.csv", csv), "S", 4);
    expect(examples).toHaveLength(1);
    expect(filtered).toBe(1);
  });
});

describe("chat JSONL", () => {
  it("adds the system prompt where missing and reports bad lines by number", async () => {
    const dir = tempDir();
    const good = JSON.stringify({
      messages: [
        { role: "user", content: "q" },
        { role: "assistant", content: "a" },
      ],
    });
    const { examples } = await readChatJsonl(writeFile(dir, "ok.jsonl", `${good}\n\n${good}\n`), "SYS");
    expect(examples).toHaveLength(2);
    expect(examples[0]!.record.messages[0]).toEqual({ role: "system", content: "SYS" });
    const error = await inputError(
      readChatJsonl(writeFile(dir, "bad.jsonl", `${good}\nnope\n{"messages":[]}\n`), "S"),
    );
    expect(error.problems.map((p) => p.line)).toEqual([2, 3]);
  });
});
