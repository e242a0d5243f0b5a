import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { shellCommand, shellPath, shellQuote } from "../../src/finetune/local/shell-quote.js";

/** What /bin/sh makes of a command line: each argument as printf sees it. */
function shArgs(line: string, home = "/home/u"): string[] {
  const result = spawnSync("/bin/sh", ["-c", `for a in ${line}; do printf '%s\\0' "$a"; done`], {
    encoding: "utf8",
    env: { HOME: home, PATH: process.env.PATH },
  });
  expect(result.status).toBe(0);
  return result.stdout.split("\0").slice(0, -1);
}

const NASTY = [
  "plain",
  "",
  "with space",
  "it's",
  `"double"`,
  "$HOME",
  "`id`",
  "$(id)",
  "a;b&&c|d",
  "back\\slash",
  "new\nline",
  "tab\there",
  "*?[glob]",
  "~",
  "-n",
  "'''",
  "ünïcødé 😀",
];

describe("shell quoting", () => {
  it("leaves safe words alone and single-quotes the rest", () => {
    expect(shellQuote("gpu-runner/train.py")).toBe("gpu-runner/train.py");
    expect(shellQuote("--lora_r=8")).toBe("--lora_r=8");
    expect(shellQuote("a b")).toBe("'a b'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote("")).toBe("''");
  });

  it("survives a POSIX shell byte for byte, whatever the argument", () => {
    expect(shArgs(shellCommand(NASTY))).toEqual(NASTY);
  });

  it("keeps a leading ~ meaning the remote home, and quotes what follows", () => {
    expect(shArgs(shellPath("~/runs with 'q'/x"))).toEqual(["/home/u/runs with 'q'/x"]);
    expect(shArgs(shellPath("~"))).toEqual(["/home/u"]);
    expect(shArgs(shellPath("/abs/~/x y"))).toEqual(["/abs/~/x y"]);
    expect(shArgs(shellPath("~user/x"))).toEqual(["~user/x"]);
  });
});
