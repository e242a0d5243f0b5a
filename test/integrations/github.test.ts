import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  type MockInstance,
  vi,
} from "vitest";
import { loadConfig } from "../../src/config/config.js";
import { InputError, ServiceError } from "../../src/errors.js";
import {
  createGitHubTracker,
  type GitHubTracker,
  TRACKING_LABEL_STYLES,
  TRACKING_LABELS,
} from "../../src/integrations/github.js";
import { redact } from "../../src/phi/redact.js";
import { type FakeGitHubServer, startFakeGitHubServer } from "../fakes/github-server.js";
import { tempDir } from "../helpers.js";

const PHI = "Patient John Smith, MRN 12345678, called 617-555-0142";
const PHI_PIECES = ["John Smith", "12345678", "617-555-0142"];
/** Fast retries, and no write pacing: the server is local. */
const FAST = { retries: 2, retryAfterBaseMs: 5, paceWrites: false };

let server: FakeGitHubServer;
const cwd = tempDir("cft-github-");

function configFor(env: Record<string, string>) {
  return loadConfig({ env, cwd });
}

function tracker(overrides: Record<string, string> = {}, opts = FAST): GitHubTracker {
  const made = createGitHubTracker(
    configFor({
      GITHUB_TOKEN: server.token,
      CFT_GITHUB_REPO: server.fullName,
      GITHUB_API_URL: server.url,
      ...overrides,
    }),
    opts,
  );
  if (!made) throw new Error("expected a tracker");
  return made;
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a failure");
}

const writes = (method: string, path: RegExp) =>
  server.requests.filter((r) => r.method === method && path.test(r.path));

let stdout: MockInstance;
let consoleSpies: MockInstance[];

beforeAll(async () => {
  server = await startFakeGitHubServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  stdout = vi.spyOn(process.stdout, "write");
  consoleSpies = (["log", "info", "warn", "error", "debug"] as const).map((m) => vi.spyOn(console, m));
});
afterEach(() => {
  // Our --json contract: nothing of the integration (nor Octokit's logger) reaches stdout, or the console.
  expect(stdout).not.toHaveBeenCalled();
  for (const spy of consoleSpies) expect(spy).not.toHaveBeenCalled();
  vi.restoreAllMocks();
});

describe("createGitHubTracker", () => {
  it("is null unless both GITHUB_TOKEN and CFT_GITHUB_REPO are set", () => {
    expect(createGitHubTracker(configFor({}))).toBeNull();
    expect(createGitHubTracker(configFor({ GITHUB_TOKEN: server.token }))).toBeNull();
    expect(createGitHubTracker(configFor({ CFT_GITHUB_REPO: server.fullName }))).toBeNull();
    expect(tracker().repo).toBe(server.fullName);
  });
});

describe("tracking issue", () => {
  it("is created once, labelled, and found (not duplicated) on the next call", async () => {
    const github = tracker();
    const first = await github.trackingIssue("sepsis-triage-v2", "Tracking the sepsis triage model.", [
      "data-prep",
    ]);
    expect(first.created).toBe(true);
    expect(first.url).toBe(`${server.url}/${server.fullName}/issues/${first.number}`);
    const issue = server.state.issues.find((i) => i.number === first.number)!;
    expect(issue.title).toBe("[cft] sepsis-triage-v2");
    expect(issue.labels).toEqual(["clinical-finetune", "data-prep"]);

    // Every tracking label exists, with its colour and description.
    for (const name of TRACKING_LABELS) {
      const label = server.state.labels.find((l) => l.name === name);
      expect(label).toMatchObject(TRACKING_LABEL_STYLES[name]);
    }

    const second = await tracker().trackingIssue("sepsis-triage-v2", "again");
    expect(second).toEqual({ number: first.number, url: first.url, created: false });
    expect(writes("POST", /\/issues$/)).toHaveLength(1);
    // The second tracker found the labels there and created none.
    expect(writes("POST", /\/labels$/)).toHaveLength(TRACKING_LABELS.length);
    const listing = server.requests.find((r) => r.method === "GET" && r.path.endsWith("/issues"))!;
    expect(listing.query).toMatchObject({ labels: "clinical-finetune", state: "open" });
  });

  it("is found on a later page of the listing, and pull requests and closed issues are skipped", async () => {
    const wanted = server.addIssue({ title: "[cft] paged-project", labels: ["clinical-finetune"] });
    server.addIssue({ title: "[cft] closed-project", labels: ["clinical-finetune"], state: "closed" });
    for (let i = 0; i < 150; i++)
      server.addIssue({ title: `[cft] other-${i}`, labels: ["clinical-finetune"] });
    server.reset();

    const found = await tracker().trackingIssue("paged-project", "body");
    expect(found).toMatchObject({ number: wanted.number, created: false });
    const pages = server.requests.filter((r) => r.method === "GET" && r.path.endsWith("/issues"));
    expect(pages.map((r) => r.query.page ?? "1")).toEqual(["1", "2"]);
    expect(writes("POST", /\/issues$/)).toHaveLength(0);

    // A closed tracking issue is not reused: a new one is opened.
    const reopened = await tracker().trackingIssue("closed-project", "body");
    expect(reopened.created).toBe(true);
  });

  it("tolerates labels that another run created meanwhile (422 already_exists), not other 422s", async () => {
    const own = await startFakeGitHubServer({ owner: "lab", repo: "models" });
    try {
      const github = () =>
        createGitHubTracker(
          configFor({ GITHUB_TOKEN: own.token, CFT_GITHUB_REPO: own.fullName, GITHUB_API_URL: own.url }),
          FAST,
        )!;
      // The listing says there are no labels; two creations then race with another run's.
      own.fail({
        status: 422,
        method: "POST",
        path: "/repos/lab/models/labels",
        times: 2,
        message: "Validation Failed",
        errors: [{ resource: "Label", code: "already_exists", field: "name" }],
      });
      await github().ensureLabels();
      const made = own.requests.filter((r) => r.method === "POST" && r.path.endsWith("/labels"));
      expect(made.map((r) => r.status)).toEqual([422, 422, ...Array(TRACKING_LABELS.length - 2).fill(201)]);

      own.state.labels.length = 0;
      own.fail({
        status: 422,
        method: "POST",
        path: "/repos/lab/models/labels",
        message: "Validation Failed",
        errors: [{ resource: "Label", code: "invalid", field: "color" }],
      });
      const error = await failure(github().ensureLabels());
      expect(error).toBeInstanceOf(ServiceError);
      expect(error.message).toContain("Validation Failed: Label color invalid");
    } finally {
      await own.close();
    }
  });

  it("trims the project name as GitHub trims titles, and refuses an empty one", async () => {
    const first = await tracker().trackingIssue("  trimmed-project ", "body");
    const again = await tracker().trackingIssue("trimmed-project", "body");
    expect(again).toEqual({ ...first, created: false });
    expect(await failure(tracker().trackingIssue("  ", "body"))).toBeInstanceOf(InputError);
  });

  it("refuses a label that carries PHI (InputError, exit 2) before anything is sent", async () => {
    const error = await failure(tracker().trackingIssue("p", "b", ["MRN 12345678"]));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).exitCode).toBe(2);
    expect(error.message).not.toContain("12345678");
    expect(server.requests).toHaveLength(0);
  });
});

describe("comments", () => {
  it("posts a comment on the issue", async () => {
    const github = tracker();
    const { number } = await github.trackingIssue("comments-project", "body");
    const posted = await github.comment(number, "Step data-prep done: 1200 records, sha256 3f2a9c0b.");
    expect(posted.url).toBe(`${server.url}/${server.fullName}/issues/${number}#issuecomment-${posted.id}`);
    expect(server.state.comments.find((c) => c.id === posted.id)).toEqual({
      id: posted.id,
      issue: number,
      body: "Step data-prep done: 1200 records, sha256 3f2a9c0b.",
    });
  });

  it("refuses an issue number that is not one (InputError)", async () => {
    for (const bad of [0, -1, 1.5, Number.NaN])
      expect(await failure(tracker().comment(bad, "x"))).toBeInstanceOf(InputError);
    expect(server.requests).toHaveLength(0);
  });

  it("names the issue when it does not exist (404)", async () => {
    const error = await failure(tracker().comment(9999, "hello"));
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.message).toContain("#9999");
  });

  it("reports a 422 with GitHub's own message", async () => {
    const { number } = await tracker().trackingIssue("validation-project", "body");
    const error = await failure(tracker().comment(number, ""));
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).exitCode).toBe(4);
    expect(error.message).toContain("Validation Failed");
    expect(error.message).toContain("IssueComment body missing_field");
  });
});

describe("PHI never reaches GitHub", () => {
  it("redacts titles, bodies, comments, commit messages, file content and pull requests", async () => {
    const github = tracker();
    const issue = await github.trackingIssue(`study ${PHI}`, `Intake note: ${PHI}`);
    await github.comment(issue.number, `Follow-up: ${PHI}`);
    const pull = await github.configPullRequest({
      branch: "cft/config-phi-check",
      path: "configs/phi-check.yaml",
      content: `base_model: gpt-4o-mini\n# note: ${PHI}\n`,
      title: `Config for ${PHI}`,
      body: `Why: ${PHI}`,
    });
    expect(pull.created).toBe(true);

    const bodies = server.requests.map((r) => r.rawBody).filter(Boolean);
    expect(bodies.length).toBeGreaterThanOrEqual(4);
    for (const body of bodies) for (const piece of PHI_PIECES) expect(body).not.toContain(piece);
    // Nor in the base64 of the committed file.
    for (const file of server.state.files.values())
      for (const piece of PHI_PIECES) expect(file.text).not.toContain(piece);
    const stored = server.state.issues.find((i) => i.number === issue.number)!;
    expect(stored.title).toBe(redact(`[cft] study ${PHI}`));
    expect(stored.title).toContain("[MRN]");

    // Idempotent on the redacted title: the same project finds its issue.
    const again = await github.trackingIssue(`study ${PHI}`, "again");
    expect(again).toMatchObject({ number: issue.number, created: false });
  });
});

describe("rate limits and failures", () => {
  it("retries a 403 secondary rate limit after the server's retry-after, then succeeds", async () => {
    const github = tracker();
    await github.ensureLabels();
    server.reset();
    server.fail({ status: 403, secondary: true, retryAfter: 1, method: "POST", path: /\/issues$/ });
    const made = await github.trackingIssue("rate-limited-project", "body");
    expect(made.created).toBe(true);
    const posts = writes("POST", /\/issues$/);
    expect(posts.map((r) => r.status)).toEqual([403, 201]);
    expect(server.state.issues.filter((i) => i.title === "[cft] rate-limited-project")).toHaveLength(1);
  });

  it("retries a 429 secondary rate limit too", async () => {
    const github = tracker();
    const { number } = await github.trackingIssue("rate-limited-429", "body");
    server.reset();
    server.fail({ status: 429, secondary: true, retryAfter: 1, method: "POST", path: /\/comments$/ });
    await github.comment(number, "after a 429");
    expect(writes("POST", /\/comments$/).map((r) => r.status)).toEqual([429, 201]);
  });

  it.each([403, 429])("gives up on a %i rate limit after the configured retries (exit 4)", async (status) => {
    const github = tracker();
    const { number } = await github.trackingIssue(`rate-limited-forever-${status}`, "body");
    server.reset();
    server.fail({ status, secondary: true, retryAfter: 1, method: "POST", path: /\/comments$/, times: 10 });
    const error = await failure(github.comment(number, "never"));
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).exitCode).toBe(4);
    expect(error.message).toMatch(/rate limit/i);
    // Only the throttling plugin retries it: the retry plugin does not multiply the attempts.
    expect(writes("POST", /\/comments$/)).toHaveLength(FAST.retries + 1);
  });

  it("retries a 5xx and succeeds", async () => {
    const github = tracker();
    const { number } = await github.trackingIssue("flaky-server", "body");
    server.reset();
    server.fail({ status: 502, method: "POST", path: /\/comments$/, message: "Server Error" });
    await github.comment(number, "after a 502");
    expect(writes("POST", /\/comments$/).map((r) => r.status)).toEqual([502, 201]);
  });

  it("401: a ServiceError naming GITHUB_TOKEN, never the token", async () => {
    const wrong = "ghp_wrongWrongWrong0123456789abcdefABCD";
    const error = await failure(tracker({ GITHUB_TOKEN: wrong }).trackingIssue("p", "b"));
    expect(error).toBeInstanceOf(ServiceError);
    const service = error as ServiceError;
    expect(service.exitCode).toBe(4);
    expect(service.message).toContain("GITHUB_TOKEN");
    expect(service.message).toContain("Bad credentials");
    const shown = `${service.message} ${service.hint} ${JSON.stringify(service.toJSON())} ${service.stack}`;
    expect(shown).not.toContain(wrong);
    expect(shown).not.toContain(server.token);
    // Not retried.
    expect(server.requests).toHaveLength(1);
    // The token travels only in the Authorization header, which the fake records redacted.
    expect(server.requests[0]!.headers.authorization).toBe("[redacted]");
  });

  it("403 without retry-after: says which permission the token lacks", async () => {
    const github = tracker();
    const { number } = await github.trackingIssue("permissions", "body");
    server.fail({
      status: 403,
      method: "POST",
      path: /\/comments$/,
      message: "Resource not accessible by personal access token",
    });
    const error = await failure(github.comment(number, "x"));
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.message).toContain('"issues: write"');
    expect(error.message).toContain("Resource not accessible by personal access token");

    server.fail({
      status: 403,
      method: "POST",
      path: /\/pulls$/,
      message: "Resource not accessible by personal access token",
    });
    const pull = await failure(
      github.configPullRequest({
        branch: "cft/perm",
        path: "c.yaml",
        content: "a: 1\n",
        title: "t",
        body: "b",
      }),
    );
    expect(pull.message).toContain('"pull_requests: write"');
  });

  it("404 on the repository names CFT_GITHUB_REPO", async () => {
    const error = await failure(tracker({ CFT_GITHUB_REPO: "acme/no-such-repo" }).trackingIssue("p", "b"));
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.message).toContain("CFT_GITHUB_REPO");
    expect(error.message).toContain("acme/no-such-repo");
  });

  it("an unreachable server is a ServiceError naming the URL", async () => {
    const gone = await startFakeGitHubServer();
    const url = gone.url;
    await gone.close();
    const github = createGitHubTracker(
      configFor({ GITHUB_TOKEN: "ghp_x", CFT_GITHUB_REPO: "acme/x", GITHUB_API_URL: url }),
      { ...FAST, retries: 0 },
    )!;
    const error = await failure(github.comment(1, "x"));
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.message).toContain(url);
  });
});

describe("configuration pull request", () => {
  const input = {
    branch: "cft/config-sepsis-v2",
    path: "configs/sepsis-v2/training.yaml",
    content: "base_model: gpt-4o-mini-2024-07-18\nn_epochs: 3\n",
    title: "Training configuration for sepsis-v2",
    body: "Changes the number of epochs.",
  };

  it("creates the branch, commits the file as base64 and opens the pull request; then reuses them", async () => {
    const github = tracker();
    const mainSha = server.state.branches.get("main");
    const first = await github.configPullRequest(input);
    expect(first.created).toBe(true);
    expect(first.url).toBe(`${server.url}/${server.fullName}/pull/${first.number}`);

    const createRef = writes("POST", /\/git\/refs$/)[0]!;
    expect(createRef.body).toEqual({ ref: `refs/heads/${input.branch}`, sha: mainSha });
    const put = writes("PUT", /\/contents\//)[0]!;
    expect(put.path).toBe(`/repos/${server.fullName}/contents/${input.path}`);
    expect(put.body).toMatchObject({ branch: input.branch, message: input.title });
    expect(put.body.content).toBe(Buffer.from(input.content).toString("base64"));
    expect(put.body.sha).toBeUndefined();
    expect(server.state.files.get(`${input.branch}:${input.path}`)?.text).toBe(input.content);
    expect(server.state.pulls).toContainEqual(
      expect.objectContaining({ number: first.number, head: input.branch, base: "main", title: input.title }),
    );

    // Same content again: the open pull request is returned, nothing new is committed or opened.
    server.reset();
    const second = await github.configPullRequest(input);
    expect(second).toEqual({ number: first.number, url: first.url, created: false });
    expect(server.requests.filter((r) => r.method !== "GET")).toHaveLength(0);

    // New content: the file is updated in place (with its sha) on the same branch and pull request.
    const before = server.state.files.get(`${input.branch}:${input.path}`)!.sha;
    const third = await github.configPullRequest({
      ...input,
      content: "base_model: gpt-4o-mini\nn_epochs: 4\n",
    });
    expect(third).toEqual({ number: first.number, url: first.url, created: false });
    const update = writes("PUT", /\/contents\//)[0]!;
    expect(update.body.sha).toBe(before);
    expect(writes("POST", /\/git\/refs$/)).toHaveLength(0);
    expect(writes("POST", /\/pulls$/)).toHaveLength(0);
    expect(server.state.pulls.filter((p) => p.head === input.branch)).toHaveLength(1);
  });

  it("uses an explicit base branch, and the default branch is read from the repository", async () => {
    const own = await startFakeGitHubServer({ defaultBranch: "develop" });
    try {
      const github = createGitHubTracker(
        configFor({ GITHUB_TOKEN: own.token, CFT_GITHUB_REPO: own.fullName, GITHUB_API_URL: own.url }),
        FAST,
      )!;
      const pull = await github.configPullRequest({ ...input, branch: "cft/on-develop" });
      expect(own.state.pulls[0]).toMatchObject({ number: pull.number, base: "develop" });
      const missing = await failure(
        github.configPullRequest({ ...input, branch: "cft/other", base: "release" }),
      );
      expect(missing).toBeInstanceOf(ServiceError);
      expect(missing.message).toContain("release");
    } finally {
      await own.close();
    }
  });

  it("reuses a branch that already exists", async () => {
    const github = tracker();
    await github.configPullRequest({ ...input, branch: "cft/existing", path: "a.yaml" });
    const pull = server.state.pulls.find((p) => p.head === "cft/existing")!;
    pull.state = "closed";
    server.reset();
    const again = await github.configPullRequest({ ...input, branch: "cft/existing", path: "b.yaml" });
    expect(again.created).toBe(true);
    expect(writes("POST", /\/git\/refs$/)).toHaveLength(0);
    expect(server.state.files.has("cft/existing:b.yaml")).toBe(true);
  });

  it("refuses invalid branch names and paths (InputError, exit 2) before anything is sent", async () => {
    const github = tracker();
    for (const bad of [
      { branch: "has space" },
      { branch: "a..b" },
      { branch: "/lead" },
      { branch: "x.lock" },
      { branch: "main", base: "main" },
      { path: "../escape.yaml" },
      { path: "/abs.yaml" },
    ]) {
      const error = await failure(github.configPullRequest({ ...input, ...bad }));
      expect(error, JSON.stringify(bad)).toBeInstanceOf(InputError);
      expect((error as InputError).exitCode).toBe(2);
    }
    expect(server.requests).toHaveLength(0);
  });
});
