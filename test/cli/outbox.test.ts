import { describe, expect, it } from "vitest";
import { enqueue } from "../../src/integrations/outbox.js";
import { openLedger } from "../../src/ledger/ledger.js";
import { cft, tempDir } from "../helpers.js";

describe("cft outbox", () => {
  it("lists what waits to go out, redacted, and says when there is nothing", () => {
    const home = tempDir();
    expect(cft(["outbox", "--home", home]).stdout).toContain("The outbox is empty.");
    const db = openLedger(home);
    enqueue(db, "slack", "notify", { text: "Audit FAIL for Patient John Smith, MRN 12345678" });
    db.close();
    const run = cft(["outbox", "--pending", "--home", home, "--json"]);
    expect(run.code).toBe(0);
    const [entry] = run.json().entries;
    expect(entry).toMatchObject({ channel: "slack", action: "notify", status: "pending", attempts: 0 });
    expect(run.stdout).not.toContain("John Smith");
    expect(run.stdout).not.toContain("12345678");
  });
});
