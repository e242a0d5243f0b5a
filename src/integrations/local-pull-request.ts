/**
 * A pull request's embedded default, when GitHub is not configured: the proposed file is written into the
 * workspace (`pull-requests/BRANCH/PATH`, atomically) and an entry "[PR] TITLE" goes into the local issue
 * log, so the change is reviewable and can be opened on GitHub later. Branch and path are checked as
 * GitHub would check them, and refuse anything that looks like patient information.
 */
import { dirname, join } from "node:path";
import { writeFilesAtomically } from "../docs/write-documents.js";
import type { Db } from "../ledger/ledger.js";
import { createLocalIssue } from "../ledger/local-issues.js";
import { redact } from "../phi/redact.js";
import { validateBranch, validatePath } from "./github-client.js";
import type { ConfigPullRequestInput } from "./github-tracker.js";

export interface LocalPullRequest {
  issue: number;
  /** The proposed file, in the workspace. */
  file: string;
}

export function proposeLocally(db: Db, home: string, input: ConfigPullRequestInput): LocalPullRequest {
  const branch = validateBranch(input.branch);
  const path = validatePath(input.path);
  const target = join(home, "pull-requests", ...branch.split("/"), ...path.split("/"));
  const name = target.slice(dirname(target).length + 1);
  const written = writeFilesAtomically(dirname(target), { [name]: redact(input.content) })[name]!;
  const issue = createLocalIssue(db, {
    title: redact(`[PR] ${input.title}`),
    body: redact(
      `${input.body}\n\nProposed change to \`${path}\` on branch \`${branch}\`${input.base ? ` (base ${input.base})` : ""}; the file is ${written}.`,
    ),
    labels: [],
  });
  return { issue: issue.number, file: written };
}
