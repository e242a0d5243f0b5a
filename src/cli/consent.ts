/**
 * Asking before an action that spends money or creates something outside the machine. `--yes` is explicit
 * consent for scripts; on a terminal we ask and only "yes" (or "y") counts; with neither there is no
 * consent, and the command stops with exit 3 instead of guessing.
 */
import { createInterface } from "node:readline/promises";
import { GateError } from "../errors.js";

export type Consent = "yes-flag" | "tty";

export async function askConsent(
  question: string,
  options: { yes?: boolean; flagHint: string },
): Promise<Consent> {
  if (options.yes) return "yes-flag";
  if (!process.stdin.isTTY || !process.stderr.isTTY)
    throw new GateError("not confirmed: no terminal to ask on and no --yes; nothing was sent", {
      hint: `Run it in a terminal to review and confirm, or add --yes to consent in a script (${options.flagHint}).`,
    });
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await rl.question(`${question} [yes/no] `)).trim().toLowerCase();
    if (answer === "yes" || answer === "y") return "tty";
  } finally {
    rl.close();
  }
  throw new GateError("not confirmed; nothing was sent", {
    hint: "Run the command again when you are ready.",
  });
}
