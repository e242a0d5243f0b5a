/**
 * Project tracking in GitHub: one tracking issue per fine-tuning project (title `[cft] <project>`, labelled
 * `clinical-finetune` and its stages), a comment per completed step, and a pull request when the training
 * configuration changes. Each operation is idempotent: the issue, the branch, the file and the pull request
 * are looked up before they are made. Every text bound for GitHub (titles, bodies, comments, commit
 * messages, file content) passes the PHI redactor here, the last step before the wire; names that GitHub
 * keeps verbatim (branches, paths, labels) are validated instead, and refused if they would need redacting.
 */
import { InputError, ServiceError } from "../errors.js";
import { redact } from "../phi/redact.js";
import {
  alreadyExists,
  type GitHubClient,
  httpStatus,
  validateBranch,
  validateLabel,
  validatePath,
} from "./github-client.js";
import { trackingIssueTitle } from "./tracking-issue.js";

export const TRACKING_LABELS = [
  "clinical-finetune",
  "data-prep",
  "fine-tuning",
  "evaluation",
  "regression-test",
  "hipaa-audit",
  "rollout",
] as const;
export type TrackingLabel = (typeof TRACKING_LABELS)[number];

/** Colour (hex, no '#') and description of each tracking label, as created in the repository. */
export const TRACKING_LABEL_STYLES: Record<TrackingLabel, { color: string; description: string }> = {
  "clinical-finetune": { color: "5319e7", description: "Clinical Fine-Tuner project tracking issue" },
  "data-prep": { color: "0e8a16", description: "Dataset preparation (synthetic data only)" },
  "fine-tuning": { color: "1d76db", description: "Fine-tuning run (attested and confirmed)" },
  evaluation: { color: "fbca04", description: "Model evaluation against a suite" },
  "regression-test": { color: "d93f0b", description: "Regression test against a baseline" },
  "hipaa-audit": { color: "b60205", description: "HIPAA de-identification audit" },
  rollout: { color: "0052cc", description: "A/B rollout, promotion, rollback and retraining" },
};

export interface ConfigPullRequestInput {
  /** Branch to commit to (created from the base when missing). */
  branch: string;
  /** Repository path of the configuration file. */
  path: string;
  content: string;
  title: string;
  body: string;
  /** Base branch (default: the repository's default branch). */
  base?: string;
}

export interface GitHubTracker {
  /** "owner/name". */
  repo: string;
  ensureLabels(): Promise<void>;
  trackingIssue(
    project: string,
    body: string,
    labels?: string[],
  ): Promise<{ number: number; url: string; created: boolean }>;
  comment(issue: number, body: string): Promise<{ id: number; url: string }>;
  /** A comment on ISSUE whose text is BODY as `comment` would post it, if there is one. */
  findComment(issue: number, body: string): Promise<{ id: number; url: string } | undefined>;
  /** Opens an issue (title and body redacted); labels must be valid label names. */
  createIssue(title: string, body: string, labels?: string[]): Promise<{ number: number; url: string }>;
  configPullRequest(
    input: ConfigPullRequestInput,
  ): Promise<{ number: number; url: string; created: boolean }>;
}

export { trackingIssueTitle };

const ROOT_LABEL: TrackingLabel = "clinical-finetune";

export function createTracker(client: GitHubClient): GitHubTracker {
  const { octokit, owner, repo } = client;
  const at = { owner, repo };
  let labelsReady: Promise<void> | undefined;

  async function createLabels(): Promise<void> {
    const existing = await client.call(
      { action: "list the repository's labels", permission: "issues: read" },
      () => octokit.paginate(octokit.rest.issues.listLabelsForRepo, { ...at, per_page: 100 }),
    );
    const have = new Set(existing.map((label) => label.name.toLowerCase()));
    for (const name of TRACKING_LABELS) {
      if (have.has(name)) continue;
      await client.call({ action: `create the label ${name}`, permission: "issues: write" }, async () => {
        try {
          await octokit.rest.issues.createLabel({ ...at, name, ...TRACKING_LABEL_STYLES[name] });
        } catch (error) {
          if (!alreadyExists(error)) throw error; // made meanwhile by another run
        }
      });
    }
  }

  function ensureLabels(): Promise<void> {
    labelsReady ??= createLabels().catch((error: unknown) => {
      labelsReady = undefined;
      throw error;
    });
    return labelsReady;
  }

  async function findTrackingIssue(title: string): Promise<{ number: number; html_url: string } | undefined> {
    return client.call({ action: "search the tracking issues", permission: "issues: read" }, async () => {
      const pages = octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
        ...at,
        labels: ROOT_LABEL,
        state: "open",
        per_page: 100,
      });
      for await (const page of pages) {
        const found = page.data.find((issue) => !issue.pull_request && issue.title === title);
        if (found) return found;
      }
      return undefined;
    });
  }

  async function trackingIssue(project: string, body: string, labels: string[] = []) {
    const wanted = [...new Set([ROOT_LABEL, ...labels.map(validateLabel)])];
    const title = trackingIssueTitle(project);
    await ensureLabels();
    const found = await findTrackingIssue(title);
    if (found) return { number: found.number, url: found.html_url, created: false };
    const { data } = await client.call(
      { action: "create the tracking issue", permission: "issues: write" },
      () => octokit.rest.issues.create({ ...at, title, body: redact(body), labels: wanted }),
    );
    return { number: data.number, url: data.html_url, created: true };
  }

  async function comment(issue: number, body: string) {
    if (!Number.isSafeInteger(issue) || issue < 1)
      throw new InputError(`"${issue}" is not an issue number`, [], {
        hint: "Give the tracking issue's number.",
      });
    const { data } = await client.call(
      {
        action: `comment on issue #${issue}`,
        permission: "issues: write",
        notFound: `GitHub found no issue #${issue} in ${client.fullName}`,
      },
      () => octokit.rest.issues.createComment({ ...at, issue_number: issue, body: redact(body) }),
    );
    return { id: data.id, url: data.html_url };
  }

  async function createIssue(title: string, body: string, labels: string[] = []) {
    const wanted = [...new Set(labels.map(validateLabel))];
    if (wanted.some((l) => (TRACKING_LABELS as readonly string[]).includes(l))) await ensureLabels();
    const { data } = await client.call({ action: "create an issue", permission: "issues: write" }, () =>
      octokit.rest.issues.create({ ...at, title: redact(title), body: redact(body), labels: wanted }),
    );
    return { number: data.number, url: data.html_url };
  }

  /** The SHA BRANCH points at; undefined when there is no such branch, unless NOT_FOUND says it must exist. */
  async function branchSha(branch: string, notFound?: string): Promise<string | undefined> {
    const call = { action: `read the branch ${branch}`, permission: "contents: read" as const, notFound };
    return client.call(call, async () => {
      try {
        const { data } = await octokit.rest.git.getRef({ ...at, ref: `heads/${branch}` });
        return data.object.sha;
      } catch (error) {
        if (httpStatus(error) === 404 && notFound === undefined) return undefined;
        throw error;
      }
    });
  }

  /** The blob SHA and text of PATH on BRANCH, or undefined when there is no such file. */
  async function existingFile(
    path: string,
    branch: string,
  ): Promise<{ sha: string; text: string } | undefined> {
    return client.call({ action: `read ${path} on ${branch}`, permission: "contents: read" }, async () => {
      try {
        const { data } = await octokit.rest.repos.getContent({ ...at, path, ref: branch });
        if (Array.isArray(data) || data.type !== "file") return undefined;
        const text = "content" in data ? Buffer.from(data.content, "base64").toString("utf8") : "";
        return { sha: data.sha, text };
      } catch (error) {
        if (httpStatus(error) === 404) return undefined;
        throw error;
      }
    });
  }

  async function openPullFrom(branch: string, base: string) {
    const { data } = await client.call(
      { action: `list the pull requests from ${branch}`, permission: "pull_requests: read" },
      () =>
        octokit.rest.pulls.list({ ...at, head: `${owner}:${branch}`, base, state: "open", per_page: 100 }),
    );
    return data.find((pull) => pull.head.ref === branch);
  }

  async function configPullRequest(input: ConfigPullRequestInput) {
    const branch = validateBranch(input.branch);
    const path = validatePath(input.path);
    const base =
      input.base === undefined
        ? await client.call({ action: "read the repository", permission: "metadata: read" }, async () => {
            const { data } = await octokit.rest.repos.get(at);
            return data.default_branch;
          })
        : validateBranch(input.base, "base branch name");
    if (branch === base)
      throw new InputError(`branch "${branch}" is the base branch`, [], {
        hint: "Commit the configuration to its own branch, e.g. cft/config-<project>.",
      });
    const content = redact(input.content);
    const title = redact(input.title);

    if ((await branchSha(branch)) === undefined) {
      const baseSha = await branchSha(base, `GitHub found no base branch ${base} in ${client.fullName}`);
      await client.call(
        { action: `create the branch ${branch}`, permission: "contents: write" },
        async () => {
          try {
            await octokit.rest.git.createRef({ ...at, ref: `refs/heads/${branch}`, sha: baseSha! });
          } catch (error) {
            if (!alreadyExists(error)) throw error; // made meanwhile by another run: reuse it
          }
        },
      );
    }

    const existing = await existingFile(path, branch);
    if (existing?.text !== content)
      await client.call({ action: `commit ${path} to ${branch}`, permission: "contents: write" }, () =>
        octokit.rest.repos.createOrUpdateFileContents({
          ...at,
          path,
          branch,
          message: title,
          content: Buffer.from(content, "utf8").toString("base64"),
          ...(existing ? { sha: existing.sha } : {}),
        }),
      );

    const open = await openPullFrom(branch, base);
    if (open) return { number: open.number, url: open.html_url, created: false };
    const made = await client.call(
      { action: `open the pull request from ${branch}`, permission: "pull_requests: write" },
      async () => {
        try {
          const { data } = await octokit.rest.pulls.create({
            ...at,
            head: branch,
            base,
            title,
            body: redact(input.body),
          });
          return data;
        } catch (error) {
          if (alreadyExists(error)) return undefined; // opened meanwhile by another run
          throw error;
        }
      },
    );
    if (made) return { number: made.number, url: made.html_url, created: true };
    const raced = await openPullFrom(branch, base);
    if (!raced)
      throw new ServiceError(`GitHub says a pull request from ${branch} exists but lists none open`, {
        hint: "Look at the repository's pull requests, then run again.",
      });
    return { number: raced.number, url: raced.html_url, created: false };
  }

  async function findComment(issue: number, body: string) {
    const wanted = redact(body);
    return client.call(
      { action: `read the comments of issue #${issue}`, permission: "issues: read" },
      async () => {
        const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
          ...at,
          issue_number: issue,
          per_page: 100,
        });
        for await (const page of pages) {
          const found = page.data.find((c) => c.body === wanted);
          if (found) return { id: found.id, url: found.html_url };
        }
        return undefined;
      },
    );
  }

  return {
    repo: client.fullName,
    ensureLabels,
    trackingIssue,
    comment,
    findComment,
    createIssue,
    configPullRequest,
  };
}
