/**
 * The chat's MCP tools: the real workspace server over stdio (bin/cft mcp workspace) with its tools as
 * LangChain tools, with the user's servers beside them (start_fine_tune withheld); HOME/mcp-servers.json checked with errors that name the file and field; a
 * server that does not start reported, not fatal.
 */
import { describe, expect, it } from "vitest";
import { loadMcpTools, readServersFile } from "../../agents/mcp-tools.js";
import { loadConfig } from "../../src/config/config.js";
import { InputError } from "../../src/errors.js";
import { CFT, tempDir, writeFile } from "../helpers.js";

describe("loadMcpTools", () => {
  it("loads the workspace server's tools over stdio, and reports a listed server that does not start", async () => {
    const home = tempDir("cft-chat-mcp-");
    writeFile(
      home,
      "mcp-servers.json",
      JSON.stringify({
        mcpServers: {
          broken: { command: "/nonexistent/mcp-server", args: [] },
          finetune: { command: process.execPath, args: [CFT, "mcp", "finetune", "--home", home] },
        },
      }),
    );
    const mcp = await loadMcpTools(loadConfig({ env: {}, home }));
    try {
      const names = mcp.tools.map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining(["notify_team", "tracker_append_row", "issue_create"]));
      expect(names).toContain("estimate_cost");
      // Without elicitation that server would take the confirmation from the model: withheld.
      expect(names).not.toContain("start_fine_tune");
      expect(mcp.problems).toEqual([
        expect.stringMatching(/^MCP server "broken" did not start/),
        expect.stringMatching(/^MCP server "finetune": tool start_fine_tune left out/),
      ]);
      const notify = mcp.tools.find((t) => t.name === "notify_team")!;
      const result = await notify.invoke({ text: "Audit PASS for dataset ds-1 (60 records)." });
      expect(JSON.stringify(result)).toMatch(/outbox/i);
    } finally {
      await mcp.close();
    }
  });

  it("names the file and the field of a mistake in mcp-servers.json", () => {
    const home = tempDir("cft-chat-mcp-");
    const file = writeFile(
      home,
      "mcp-servers.json",
      JSON.stringify({ mcpServers: { ok: { url: "https://example.com/mcp" }, bad: { args: ["x"] } } }),
    );
    let error: unknown;
    try {
      readServersFile(home);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toContain(file);
    expect((error as InputError).problems[0]).toMatchObject({ file, field: "mcpServers.bad" });
    expect(readServersFile(tempDir())).toEqual({});
  });
});
