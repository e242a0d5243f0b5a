/**
 * The title of a project's tracking issue, the same on GitHub and in the local issue log. Kept apart from
 * the GitHub client so the local default does not load Octokit.
 */
import { InputError } from "../errors.js";
import { redact } from "../phi/redact.js";

/** The title of PROJECT's tracking issue, as GitHub stores it (redacted, trimmed as GitHub trims titles). */
export function trackingIssueTitle(project: string): string {
  const name = project.trim();
  if (name === "")
    throw new InputError("the project name is empty", [], { hint: "Name the fine-tuning project." });
  return redact(`[cft] ${name}`);
}
