/**
 * GitHub integration: the tracking issue of each fine-tuning project, a comment per completed step and a
 * pull request when the training configuration changes. Configured by GITHUB_TOKEN and CFT_GITHUB_REPO
 * (GITHUB_API_URL for GitHub Enterprise or a local server); unconfigured, `createGitHubTracker` answers
 * null and the caller falls back to the local issue log. The client (Octokit, retries, error messages)
 * lives in github-client.ts, the tracking logic in github-tracker.ts.
 */
import type { Config } from "../config/config.js";
import { createGitHubClient, type GitHubClientOptions } from "./github-client.js";
import { createTracker, type GitHubTracker } from "./github-tracker.js";

export type { GitHubClientOptions } from "./github-client.js";
export {
  type ConfigPullRequestInput,
  type GitHubTracker,
  TRACKING_LABEL_STYLES,
  TRACKING_LABELS,
  type TrackingLabel,
  trackingIssueTitle,
} from "./github-tracker.js";

/** The tracker for CONFIG's repository, or null when GITHUB_TOKEN or CFT_GITHUB_REPO is unset. */
export function createGitHubTracker(config: Config, opts: GitHubClientOptions = {}): GitHubTracker | null {
  const client = createGitHubClient(config, opts);
  return client ? createTracker(client) : null;
}
