import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.js";
import { InputError } from "../../src/errors.js";
import { tempDir, writeFile } from "../helpers.js";

describe("loadConfig", () => {
  it("defaults the workspace to ./.cft and lets --home win over CFT_HOME", () => {
    const cwd = tempDir();
    expect(loadConfig({ env: {}, cwd }).home).toBe(join(cwd, ".cft"));
    expect(loadConfig({ env: { CFT_HOME: "ws" }, cwd }).home).toBe(join(cwd, "ws"));
    expect(loadConfig({ env: { CFT_HOME: "ws" }, cwd, home: "/tmp/other" }).home).toBe("/tmp/other");
  });

  it("reads .env, with the environment taking precedence, and treats empty values as unset", () => {
    const cwd = tempDir();
    writeFile(cwd, ".env", "CFT_HOME=from-dotenv\nCFT_GITHUB_REPO=acme/models\n");
    const config = loadConfig({ env: { CFT_GITHUB_REPO: "acme/other", SLACK_CHANNEL_ID: "" }, cwd });
    expect(config.home).toBe(join(cwd, "from-dotenv"));
    expect(config.env.CFT_GITHUB_REPO).toBe("acme/other");
    expect(config.env.SLACK_CHANNEL_ID).toBeUndefined();
  });

  it("names every wrong variable and what it expected, hiding secrets", () => {
    const error = (() => {
      try {
        loadConfig({
          env: {
            CFT_GITHUB_REPO: "nope",
            SLACK_API_URL: "not a url",
            SLACK_BOT_TOKEN: "secret-123",
            CFT_LLM: "gpt",
          },
          cwd: tempDir(),
        });
      } catch (e) {
        return e;
      }
    })() as InputError;
    expect(error).toBeInstanceOf(InputError);
    const byField = Object.fromEntries(error.problems.map((p) => [p.field, p.message]));
    expect(Object.keys(byField).sort()).toEqual([
      "CFT_GITHUB_REPO",
      "CFT_LLM",
      "SLACK_API_URL",
      "SLACK_BOT_TOKEN",
    ]);
    expect(byField.CFT_GITHUB_REPO).toBe('expected owner/name, e.g. acme/clinical-models (got "nope")');
    expect(byField.SLACK_BOT_TOKEN).toContain("value hidden");
    expect(JSON.stringify(error.problems)).not.toContain("secret-123");
  });

  it("accepts every documented CFT_LLM form", () => {
    for (const llm of [
      "openai:gpt-4.1-mini",
      "azure:my-deploy",
      "ollama:llama3.1",
      "openai-compatible:m@http://127.0.0.1:8000/v1",
    ])
      expect(loadConfig({ env: { CFT_LLM: llm }, cwd: tempDir() }).env.CFT_LLM).toBe(llm);
  });
});
