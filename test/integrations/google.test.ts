/**
 * Google Sheets and Docs through the real SDKs (@googleapis/sheets, @googleapis/docs, google-auth-library)
 * against the local fake in test/fakes/google-server.ts: the service-account sign-in at the key file's
 * token_uri with a JWT signed by a key pair made here, the tracking spreadsheet (tabs, headers, RAW
 * appends, reading back), a document published with one batchUpdate whose structure the fake rebuilds,
 * PHI kept out of every request body, and the errors people see.
 */
import { docs } from "@googleapis/docs";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type Config, loadConfig } from "../../src/config/config.js";
import {
  bold,
  bullets,
  chart,
  code,
  type Document,
  heading,
  keyValue,
  note,
  num,
  paragraph,
  table,
} from "../../src/docs/document.js";
import { InputError, ServiceError } from "../../src/errors.js";
import { GOOGLE_SCOPES, googleAuth, readServiceAccountKey } from "../../src/integrations/google-auth.js";
import { publishDocument } from "../../src/integrations/google-docs.js";
import { documentRequests, redactRuns, tableCellIndex } from "../../src/integrations/google-docs-requests.js";
import {
  createSheetsTracker,
  initSpreadsheet,
  SHEET_HEADERS,
  SHEETS,
  type SheetKey,
} from "../../src/integrations/sheets.js";
import { type DocNode, type FakeGoogleServer, startFakeGoogleServer } from "../fakes/google-server.js";
import { rsaKeyPair, serviceAccountKey } from "../fakes/service-account.js";
import { tempDir, writeFile } from "../helpers.js";

const PHI = "Patient John Smith, MRN 12345678, called 617-555-0142";
const PHI_PIECES = ["John Smith", "12345678", "617-555-0142"];
const EMAIL = "cft-tracker@clinical-ft.iam.gserviceaccount.com";
const FOLDER = "1FolderForModelCardsXYZ";

const keys = rsaKeyPair();
let fake: FakeGoogleServer;
let dir: string;
let keyFile: string;

function keyJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return serviceAccountKey(
    { privateKey: keys.privateKey, clientEmail: EMAIL, tokenUri: fake.tokenUri },
    overrides,
  );
}

function config(env: Record<string, string> = {}, file = keyFile): Config {
  return loadConfig({ env: { GOOGLE_APPLICATION_CREDENTIALS: file, ...env }, cwd: dir });
}

beforeAll(async () => {
  fake = await startFakeGoogleServer({ clientEmail: EMAIL, publicKey: keys.publicKey, folders: [FOLDER] });
  dir = tempDir("cft-google-");
  keyFile = writeFile(dir, "service-account.json", JSON.stringify(keyJson()));
});

afterAll(async () => {
  await fake.close();
});

afterEach(() => {
  fake.reset();
  vi.restoreAllMocks();
});

const opts = () => ({ rootUrl: fake.rootUrl, driveRootUrl: fake.rootUrl });

/** Every raw body sent to the fake, with the query strings. */
const everythingSent = () =>
  fake.requests.map((r) => `${r.path} ${JSON.stringify(r.query)} ${r.raw}`).join("\n");

async function trackerWithSheet() {
  const { spreadsheetId } = await initSpreadsheet(config(), "Clinical Fine-Tuner tracking", opts());
  const tracker = createSheetsTracker(config({ CFT_SHEET_ID: spreadsheetId }), opts());
  if (!tracker) throw new Error("tracker not configured");
  return tracker;
}

async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection");
}

describe("service account sign-in", () => {
  it("exchanges a JWT signed with the key at the key file's token_uri", async () => {
    const auth = googleAuth(config());
    expect(auth).not.toBeNull();
    const { token } = await auth!.getAccessToken();
    expect(token).toMatch(/^ya29\.fake-/);
    expect(fake.grants).toEqual([{ iss: EMAIL, aud: fake.tokenUri, scope: GOOGLE_SCOPES.join(" ") }]);
    const sent = fake.requests.find((r) => r.path === "/token");
    expect(sent?.body.grant_type).toBe("urn:ietf:params:oauth:grant-type:jwt-bearer");
    expect(sent?.raw).not.toContain("PRIVATE KEY");
    // The token is cached: a second call does not sign in again.
    await auth!.getAccessToken();
    expect(fake.grants).toHaveLength(1);
  });

  it("is null when GOOGLE_APPLICATION_CREDENTIALS is unset", () => {
    expect(googleAuth(loadConfig({ env: {}, cwd: dir }))).toBeNull();
  });

  it("reports a key signed by another key pair as a service failure, without echoing a key or token", async () => {
    const other = rsaKeyPair();
    const forged = writeFile(dir, "forged.json", JSON.stringify(keyJson({ private_key: other.privateKey })));
    const tracker = createSheetsTracker(config({ CFT_SHEET_ID: "1Sheet" }, forged), opts());
    const error = await caught(tracker!.appendRows("costs", [["c-1"]]));
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).exitCode).toBe(4);
    expect(error.message).toContain("invalid_grant: Invalid JWT Signature.");
    expect((error as ServiceError).hint).toContain(forged);
    const shown = JSON.stringify({ message: error.message, hint: (error as ServiceError).hint });
    expect(shown).not.toContain("PRIVATE KEY");
    expect(shown).not.toMatch(/ya29\.|eyJ/);
  });

  it.each([
    ["client_email", { client_email: undefined }],
    ["type", { type: "authorized_user" }],
    ["private_key", { private_key: "not a key" }],
    ["token_uri", { token_uri: "nowhere" }],
  ])("names the field when the key file's %s is wrong", (field, change) => {
    const file = writeFile(dir, `bad-${field}.json`, JSON.stringify(keyJson(change)));
    let error: unknown;
    try {
      googleAuth(config({}, file));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const input = error as InputError;
    expect(input.exitCode).toBe(2);
    expect(input.message).toContain(file);
    expect(input.message).toContain(field);
    expect(input.problems.map((p) => p.field)).toContain(field);
    expect(input.problems.every((p) => p.file === file)).toBe(true);
    expect(JSON.stringify(input.toJSON())).not.toContain("PRIVATE KEY");
  });

  it("names the file when it is not JSON or missing, and refuses a PEM that is not a key", () => {
    const broken = writeFile(dir, "broken.json", "{ not json");
    expect(() => readServiceAccountKey(broken)).toThrow(InputError);
    expect(() => readServiceAccountKey(broken)).toThrow(broken);
    const missing = `${dir}/absent.json`;
    expect(() => readServiceAccountKey(missing)).toThrow(missing);
    const garbled = writeFile(
      dir,
      "garbled.json",
      JSON.stringify(
        keyJson({ private_key: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n" }),
      ),
    );
    let error: InputError | undefined;
    try {
      readServiceAccountKey(garbled);
    } catch (e) {
      error = e as InputError;
    }
    expect(error?.problems[0]?.field).toBe("private_key");
    expect(JSON.stringify(error?.toJSON())).not.toContain("AAAA");
  });
});

describe("Google Sheets tracker", () => {
  it("creates a spreadsheet with the five tabs and their header rows", async () => {
    const { spreadsheetId, url } = await initSpreadsheet(config(), "Clinical Fine-Tuner tracking", opts());
    expect(url).toContain(spreadsheetId);
    const sheet = fake.spreadsheets.get(spreadsheetId)!;
    expect(sheet.title).toBe("Clinical Fine-Tuner tracking");
    expect([...sheet.tabs.keys()]).toEqual(Object.values(SHEETS));
    for (const key of Object.keys(SHEETS) as SheetKey[]) {
      expect(fake.rows(spreadsheetId, SHEETS[key])).toEqual([[...SHEET_HEADERS[key]]]);
      expect(sheet.frozenRows.get(SHEETS[key])).toBe(1);
    }
    const headerWrite = fake.requests.find((r) => r.path.endsWith("/values:batchUpdate"));
    expect(headerWrite?.body.valueInputOption).toBe("RAW");
  });

  it("refuses to create a spreadsheet without credentials", async () => {
    const error = await caught(initSpreadsheet(loadConfig({ env: {}, cwd: dir }), "x", opts()));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain("GOOGLE_APPLICATION_CREDENTIALS");
  });

  it("appends rows RAW, so a cell starting with = stays text, and reads them back", async () => {
    const tracker = await trackerWithSheet();
    fake.reset();
    const formula = '=HYPERLINK("https://evil.example/x","click")';
    const result = await tracker.appendRows("runs", [
      ["run-1", "2025-03-04T10:20:30Z", "openai", "gpt-4o-mini-2024-07-18", formula, "ab".repeat(32)],
      [
        "run-2",
        "2025-03-05T08:00:00.123Z",
        "local",
        "llama-3.1-8b",
        null,
        null,
        null,
        null,
        "succeeded",
        null,
        null,
        1200,
        true,
      ],
    ]);
    expect(result).toEqual({ updatedRange: "'Fine-Tuning Runs'!A2:M3", updatedRows: 2 });
    const append = fake.requests.find((r) => r.path.endsWith(":append"))!;
    expect(append.method).toBe("POST");
    expect(append.query).toMatchObject({ valueInputOption: "RAW", insertDataOption: "INSERT_ROWS" });
    const stored = fake.spreadsheets.get(tracker.spreadsheetId)!.tabs.get("Fine-Tuning Runs")!;
    expect(typeof stored[1]![4]).toBe("string");
    expect(String(stored[1]![4])).toMatch(/^=HYPERLINK\(/);
    expect(stored[2]![11]).toBe(1200);
    expect(stored[2]![12]).toBe(true);

    const rows = await tracker.listRows("runs");
    expect(rows).toHaveLength(2);
    expect(rows[0]!.slice(0, 2)).toEqual(["run-1", "2025-03-04T10:20:30Z"]);
    expect(rows[1]![1]).toBe("2025-03-05T08:00:00.123Z");
    expect(rows[1]![12]).toBe("TRUE");
    expect(await tracker.listRows("costs")).toEqual([]);

    await tracker.appendRows("runs", [["run-3"]]);
    expect((await tracker.listRows("runs")).map((r) => r[0])).toEqual(["run-1", "run-2", "run-3"]);
    expect(fake.requests.every((r) => r.status < 400)).toBe(true);
  });

  it("redacts every string cell, and refuses rows wider than the sheet", async () => {
    const tracker = await trackerWithSheet();
    await tracker.appendRows("datasets", [["ds-1", PHI, PHI, "claims"]]);
    const row = fake.rows(tracker.spreadsheetId, "Datasets")[1]!;
    // A date of a person is redacted, even in a timestamp column, when it is not an ISO timestamp.
    expect(row[1]).toBe("Patient [NAME], MRN [MRN], called [PHONE]");
    expect(row[2]).toBe("Patient [NAME], MRN [MRN], called [PHONE]");
    const sent = everythingSent();
    for (const piece of PHI_PIECES) expect(sent).not.toContain(piece);

    const wide = Array.from({ length: SHEET_HEADERS.costs.length + 1 }, () => "x");
    const error = await caught(tracker.appendRows("costs", [wide]));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toContain("Cost Tracking");
  });

  it("turns a 403 PERMISSION_DENIED into a service error that says to share the sheet", async () => {
    const tracker = await trackerWithSheet();
    fake.fail({ path: ":append", status: 403 });
    const error = await caught(tracker.appendRows("evaluations", [["eval-1"]]));
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).exitCode).toBe(4);
    expect(error.message).toContain("The caller does not have permission");
    expect(error.message).toContain("403 PERMISSION_DENIED");
    const hint = (error as ServiceError).hint ?? "";
    expect(hint).toContain("Share the spreadsheet");
    expect(hint).toContain(EMAIL);
    expect(hint).toContain(tracker.spreadsheetId);
    expect(fake.rows(tracker.spreadsheetId, "Evaluations")).toHaveLength(1);
  });

  it("says to enable the API when Google answers SERVICE_DISABLED", async () => {
    const tracker = await trackerWithSheet();
    fake.fail({
      path: "/values/",
      status: 403,
      reason: "SERVICE_DISABLED",
      message: "Google Sheets API has not been used in project 1234 before or it is disabled.",
    });
    const error = await caught(tracker.listRows("datasets"));
    expect((error as ServiceError).hint).toContain("Enable the Google Sheets API");
  });

  it("retries a 429 on append once and appends the rows once", async () => {
    const tracker = await trackerWithSheet();
    fake.fail({ path: ":append", status: 429 });
    const result = await tracker.appendRows("costs", [
      ["cost-1", "2025-03-04", "run-1", "openai", "gpt-4o-mini", "actual", 1000, null, 1.25, "per-token"],
    ]);
    expect(result.updatedRows).toBe(1);
    expect(fake.requests.filter((r) => r.path.endsWith(":append")).map((r) => r.status)).toEqual([429, 200]);
    expect(fake.rows(tracker.spreadsheetId, "Cost Tracking")).toHaveLength(2);
  });

  it("does not retry a 500 on append (it may have been written) and reports it", async () => {
    const tracker = await trackerWithSheet();
    fake.fail({ path: ":append", status: 500 });
    const error = await caught(tracker.appendRows("costs", [["cost-1"]]));
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.message).toContain("Internal error encountered.");
    expect(fake.requests.filter((r) => r.path.endsWith(":append"))).toHaveLength(1);
  });

  it("names the tab when the spreadsheet lacks it", async () => {
    await initSpreadsheet(config(), "x", opts());
    const sheet = [...fake.spreadsheets.values()].at(-1)!;
    sheet.tabs.delete("Regression Tests");
    const tracker = createSheetsTracker(config({ CFT_SHEET_ID: sheet.spreadsheetId }), opts())!;
    const error = await caught(tracker.appendRows("regressions", [["reg-1"]]));
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.message).toContain("Unable to parse range");
    expect((error as ServiceError).hint).toContain('"Regression Tests"');
  });

  it("is null unless credentials and CFT_SHEET_ID are both set", () => {
    expect(createSheetsTracker(loadConfig({ env: { CFT_SHEET_ID: "1Sheet" }, cwd: dir }), opts())).toBeNull();
    expect(createSheetsTracker(config(), opts())).toBeNull();
    expect(fake.requests).toHaveLength(0);
  });
});

const sampleDocument = (): Document => ({
  title: `Model card: claims-coder v3 (${PHI})`,
  subtitle: "Fine-tuned on synthetic data",
  blocks: [
    heading(2, "Summary"),
    paragraph(
      "The model is ",
      bold("ready"),
      " to ship; run ",
      code("cft regress"),
      ` before. Seen: ${PHI}.`,
    ),
    bullets(["Accuracy 91.3%", [bold("Critical"), " metrics held"], `Reviewer note: ${PHI}`]),
    heading(3, "Metrics"),
    table(
      [{ header: "Metric" }, num("Value"), num("Δ")],
      [
        ["exact_match", "91.3%", "+1.2 pts"],
        [[bold("f1")], "0.88", ""],
        [PHI, "1", "2"],
      ],
      "Metrics on the held-out suite",
    ),
    keyValue([
      ["Base model", code("gpt-4o-mini-2024-07-18")],
      ["Dataset", "ab12cd"],
    ]),
    chart("Training loss", { type: "loss", points: [{ step: 1, train: 1, valid: null }] }, "loss by step"),
    note("warning", "Synthetic data only.", "Caution"),
    heading(4, "Costs"),
    table([{ header: "Item" }, num("USD")], [["training", "$4.20"]]),
  ],
});

const paragraphs = (nodes: DocNode[]) => nodes.filter((n) => n.type === "paragraph");
const tables = (nodes: DocNode[]) => nodes.filter((n) => n.type === "table");

describe("Google Docs publishing", () => {
  it("writes the document with ONE batchUpdate, keeping headings, bullets, tables and emphasis", async () => {
    const published = await publishDocument(config({ CFT_DOCS_FOLDER_ID: FOLDER }), sampleDocument(), opts());
    expect(published).not.toBeNull();
    const { documentId, url } = published!;
    expect(url).toBe(`https://docs.google.com/document/d/${documentId}/edit`);
    expect(fake.requests.filter((r) => r.path.endsWith(":batchUpdate"))).toHaveLength(1);
    expect(fake.requests.every((r) => r.status === 200)).toBe(true);

    const nodes = fake.structure(documentId);
    const paras = paragraphs(nodes);
    expect(paras[0]?.style).toBe("TITLE");
    expect(paras[0]?.text).toMatch(
      /^Model card: claims-coder v3 \(.*\[NAME\], MRN \[MRN\], called \[PHONE\]\)$/,
    );
    expect(paras[1]).toMatchObject({ style: "SUBTITLE", text: "Fine-tuned on synthetic data" });
    const styled = (style: string) => paras.filter((p) => p.style === style).map((p) => p.text);
    expect(styled("HEADING_1")).toEqual(["Summary"]);
    expect(styled("HEADING_2")).toEqual(["Metrics"]);
    expect(styled("HEADING_3")).toEqual(["Costs"]);
    expect(paras.filter((p) => p.bullet).map((p) => p.text)).toEqual([
      "Accuracy 91.3%",
      "Critical metrics held",
      "Reviewer note: Patient [NAME], MRN [MRN], called [PHONE]",
    ]);
    const summary = paras.find((p) => p.text.startsWith("The model is"))!;
    expect(summary.runs.filter((r) => r.bold).map((r) => r.text)).toEqual(["ready"]);
    expect(summary.runs.filter((r) => r.code).map((r) => r.text)).toEqual(["cft regress"]);

    const [metrics, costs] = tables(nodes) as Extract<DocNode, { type: "table" }>[];
    expect(metrics).toMatchObject({ rows: 4, columns: 3 });
    expect(metrics!.cells).toEqual([
      ["Metric", "Value", "Δ"],
      ["exact_match", "91.3%", "+1.2 pts"],
      ["f1", "0.88", ""],
      ["Patient [NAME], MRN [MRN], called [PHONE]", "1", "2"],
    ]);
    expect(metrics!.cellRuns[0]!.every((cell) => cell.every((r) => r.bold))).toBe(true);
    expect(metrics!.cellRuns[1]![0]![0]!.bold).toBe(false);
    expect(metrics!.cellRuns[2]![0]![0]).toMatchObject({ text: "f1", bold: true });
    expect(costs!.cells).toEqual([
      ["Item", "USD"],
      ["training", "$4.20"],
    ]);
    // The caption follows its table; the last table ends the document.
    const at = nodes.indexOf(metrics!);
    expect(nodes[at + 1]).toMatchObject({ type: "paragraph", text: "Metrics on the held-out suite" });
    expect(nodes.at(-2)).toBe(costs);
    expect(paras.map((p) => p.text)).toContain("chart: Training loss — loss by step, see the HTML version");
    expect(paras.map((p) => p.text)).toContain("Base model: gpt-4o-mini-2024-07-18");
    expect(paras.map((p) => p.text)).toContain("Caution: Synthetic data only.");

    // Moved into the folder: one parent, the folder.
    expect(fake.files.get(documentId)?.parents).toEqual([FOLDER]);
    const move = fake.requests.find((r) => r.method === "PATCH")!;
    expect(move.query).toMatchObject({ addParents: FOLDER, removeParents: "0AServiceAccountRoot" });
  });

  it("never sends PHI from the document or the sheet", async () => {
    await publishDocument(config({ CFT_DOCS_FOLDER_ID: FOLDER }), sampleDocument(), opts());
    const tracker = await trackerWithSheet();
    await tracker.appendRows("evaluations", [["eval-1", "2025-01-01T00:00:00Z", "run-1", PHI, `=${PHI}`]]);
    const sent = everythingSent();
    expect(sent.length).toBeGreaterThan(1000);
    for (const piece of PHI_PIECES) expect(sent).not.toContain(piece);
    expect(sent).toContain("[NAME]");
  });

  it("is null unless credentials and CFT_DOCS_FOLDER_ID are both set", async () => {
    expect(await publishDocument(config(), sampleDocument(), opts())).toBeNull();
    expect(
      await publishDocument(
        loadConfig({ env: { CFT_DOCS_FOLDER_ID: FOLDER }, cwd: dir }),
        sampleDocument(),
        opts(),
      ),
    ).toBeNull();
    expect(fake.requests).toHaveLength(0);
  });

  it("says to share the folder when Drive cannot find it", async () => {
    const error = await caught(
      publishDocument(config({ CFT_DOCS_FOLDER_ID: "1UnsharedFolder" }), sampleDocument(), opts()),
    );
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.message).toContain("File not found: 1UnsharedFolder.");
    const hint = (error as ServiceError).hint ?? "";
    expect(hint).toContain("CFT_DOCS_FOLDER_ID");
    expect(hint).toContain(EMAIL);
  });

  it("reports a refused batchUpdate without retrying it, naming the document left behind", async () => {
    fake.fail({ path: ":batchUpdate", status: 500 });
    const error = await caught(
      publishDocument(config({ CFT_DOCS_FOLDER_ID: FOLDER }), sampleDocument(), opts()),
    );
    expect(error).toBeInstanceOf(ServiceError);
    expect(fake.requests.filter((r) => r.path.endsWith(":batchUpdate"))).toHaveLength(1);
    const created = fake.requests.find((r) => r.path === "/v1/documents")!;
    expect(created.status).toBe(200);
    expect((error as ServiceError).hint).toContain("Docs had a server error");
  });

  it("prints nothing on stdout", async () => {
    const stdout = vi.spyOn(process.stdout, "write");
    const log = vi.spyOn(console, "log");
    const tracker = await trackerWithSheet();
    await tracker.appendRows("datasets", [["ds-1"]]);
    await tracker.listRows("datasets");
    await publishDocument(config({ CFT_DOCS_FOLDER_ID: FOLDER }), sampleDocument(), opts());
    fake.fail({ path: ":append", status: 403 });
    await caught(tracker.appendRows("datasets", [["ds-2"]]));
    expect(stdout).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
  });
});

describe("Docs requests and the fake's index rules", () => {
  it("addresses cells of an empty table inserted at p as p + 4 + r(2C+1) + 2c", () => {
    expect(tableCellIndex(1, 0, 0, 2)).toBe(5);
    expect(tableCellIndex(1, 0, 1, 2)).toBe(7);
    expect(tableCellIndex(1, 1, 0, 2)).toBe(10);
  });

  it("redacts a name split across runs as it reads", () => {
    const out = redactRuns([{ text: "Patient " }, { text: "John Smith", bold: true }, { text: " was seen" }]);
    expect(out.map((r) => r.text).join("")).toBe("Patient [NAME] was seen");
    expect(out.find((r) => r.text === "[NAME]")?.bold).toBe(true);
  });

  it("orders tables from the end backwards and cells from the last to the first", () => {
    const requests = documentRequests(sampleDocument());
    expect(requests[0]?.insertText?.location?.index).toBe(1);
    const tableAt = requests.flatMap((r) => (r.insertTable ? [r.insertTable.location!.index!] : []));
    expect(tableAt).toHaveLength(2);
    expect(tableAt[0]).toBeGreaterThan(tableAt[1]!);
    const first = requests.findIndex((r) => r.insertTable);
    const cells = requests
      .slice(first + 1)
      .flatMap((r) => (r.insertTable ? [-1] : r.insertText ? [r.insertText.location!.index!] : []));
    const firstTableCells = cells.slice(0, cells.indexOf(-1));
    expect(firstTableCells).toEqual([...firstTableCells].sort((a, b) => b - a));
  });

  it("the fake checks bearer tokens and refuses an insertion outside a paragraph, applying nothing", async () => {
    const unauthenticated = await fetch(`${fake.url}/v1/documents`, { method: "POST", body: "{}" });
    expect(unauthenticated.status).toBe(401);
    expect(((await unauthenticated.json()) as { error: { status: string } }).error.status).toBe(
      "UNAUTHENTICATED",
    );

    const auth = googleAuth(config())!;
    const api = docs({ version: "v1", auth, rootUrl: fake.rootUrl });
    const { data } = await api.documents.create({ requestBody: { title: "t" } });
    const id = data.documentId!;
    // A 1×1 table at 1: newline 1, table 2, row 3, cell 4, cell paragraph 5. Index 4 is the cell's border.
    const bad = await caught(
      api.documents.batchUpdate({
        documentId: id,
        requestBody: {
          requests: [
            { insertText: { location: { index: 1 }, text: "x" } },
            { insertTable: { rows: 1, columns: 1, location: { index: 1 } } },
            { insertText: { location: { index: 4 }, text: "cell" } },
          ],
        },
      }),
    );
    expect(bad.message).toContain("inside the bounds of an existing paragraph");
    expect(fake.structure(id)).toEqual([
      { type: "paragraph", text: "", style: "NORMAL_TEXT", bullet: false, runs: [] },
    ]);
    await api.documents.batchUpdate({
      documentId: id,
      requestBody: {
        requests: [
          { insertTable: { rows: 1, columns: 1, location: { index: 1 } } },
          { insertText: { location: { index: 5 }, text: "cell" } },
        ],
      },
    });
    expect(tables(fake.structure(id))).toMatchObject([{ cells: [["cell"]] }]);
  });
});
