/**
 * A local stand-in for the GitHub REST API (v3), on 127.0.0.1 at a random port, so the GitHub integration
 * is tested through the real Octokit without the network. It keeps one repository in memory and serves
 * what tracking needs: the repository, labels, issues (listed with `labels`/`state` filters and `Link`
 * pagination, pull requests included as GitHub does), issue comments, git refs, file contents and pull
 * requests, with GitHub's status codes and error bodies (401 Bad credentials, 404 Not Found, 422
 * Validation Failed with `errors`). A token is required (`token X` or `Bearer X`). Faults are injected for
 * the next matching requests (e.g. a 403 secondary rate limit with `retry-after`); every request is
 * recorded with its raw body, the Authorization value redacted.
 */
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface GitHubRequestRecord {
  method: string;
  /** Path without the query, percent-decoded: "/repos/acme/models/git/ref/heads/cft/x". */
  path: string;
  query: Record<string, string>;
  /** Lower-cased names; the authorization value replaced by "[redacted]". */
  headers: Record<string, string>;
  /** The body exactly as received. */
  rawBody: string;
  /** Parsed JSON body (undefined when empty). */
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary request fields
  body: any;
  /** The status answered. */
  status: number;
}

export interface GitHubFault {
  status: number;
  /** How many of the next matching requests fail (default 1). */
  times?: number;
  /** Sent as the `retry-after` header (seconds). */
  retryAfter?: number;
  /** The error body's message (default: GitHub's secondary rate limit text when `secondary`, else "Injected"). */
  message?: string;
  /** The error body's `errors` (a 422's details), e.g. `[{ resource: "Label", code: "already_exists" }]`. */
  errors?: unknown[];
  /** A secondary rate limit: answer with GitHub's message for it (GitHub sends these as 403 or 429). */
  secondary?: boolean;
  /** Only requests with this method fail (default any). */
  method?: string;
  /** Only requests whose path matches fail (default any). */
  path?: string | RegExp;
}

export interface FakeLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface FakeIssue {
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  labels: string[];
  /** True for the issue side of a pull request (GitHub lists pull requests among issues). */
  isPull: boolean;
}

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
}

export interface FakeFile {
  branch: string;
  path: string;
  /** Decoded text. */
  text: string;
  /** The base64 content as sent. */
  base64: string;
  /** Git blob SHA of the content. */
  sha: string;
}

export interface FakeCommit {
  sha: string;
  branch: string;
  message: string;
  path: string;
}

export interface FakePull {
  number: number;
  title: string;
  body: string | null;
  head: string;
  base: string;
  state: "open" | "closed";
}

export interface FakeGitHubState {
  labels: FakeLabel[];
  issues: FakeIssue[];
  comments: FakeComment[];
  /** Branch name → commit SHA. */
  branches: Map<string, string>;
  /** Keyed "branch:path". */
  files: Map<string, FakeFile>;
  commits: FakeCommit[];
  pulls: FakePull[];
}

export interface FakeGitHubServerOptions {
  token?: string;
  owner?: string;
  repo?: string;
  defaultBranch?: string;
}

export interface FakeGitHubServer {
  /** For GITHUB_API_URL. */
  url: string;
  token: string;
  owner: string;
  repo: string;
  /** "owner/repo", for CFT_GITHUB_REPO. */
  fullName: string;
  defaultBranch: string;
  state: FakeGitHubState;
  requests: GitHubRequestRecord[];
  /** The next `times` matching requests fail with STATUS. */
  fail(fault: GitHubFault): void;
  /** Plants an issue (as if made on GitHub) and returns it. */
  addIssue(issue: { title: string; labels?: string[]; state?: "open" | "closed"; body?: string }): FakeIssue;
  /** Forgets request records and pending faults (the repository's content stays). */
  reset(): void;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  json?: unknown;
  headers?: Record<string, string>;
}

const DOCS = "https://docs.github.com/rest";
const SECONDARY_MESSAGE =
  "You have exceeded a secondary rate limit and have been temporarily blocked from content creation. Please retry your request again later. If you reach out to GitHub Support for help, please include the request ID 0000:FAKE:0000.";

const notFound = (documentation = DOCS): Reply => ({
  status: 404,
  json: { message: "Not Found", documentation_url: documentation, status: "404" },
});
const invalid = (errors: unknown[], message = "Validation Failed"): Reply => ({
  status: 422,
  json: { message, errors, documentation_url: DOCS, status: "422" },
});
const plain = (status: number, message: string): Reply => ({
  status,
  json: { message, documentation_url: DOCS, status: String(status) },
});

const randomSha = () => randomBytes(20).toString("hex");
const blobSha = (bytes: Buffer) =>
  createHash("sha1")
    .update(Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes]))
    .digest("hex");
/** GitHub wraps base64 content at 60 characters. */
const wrap64 = (b64: string) => (b64.match(/.{1,60}/g) ?? []).join("\n");

export async function startFakeGitHubServer(
  options: FakeGitHubServerOptions = {},
): Promise<FakeGitHubServer> {
  const token = options.token ?? "ghp_fakeGitHubToken0123456789abcdefABCDEF";
  const owner = options.owner ?? "acme";
  const repo = options.repo ?? "clinical-models";
  const defaultBranch = options.defaultBranch ?? "main";
  const state: FakeGitHubState = {
    labels: [],
    issues: [],
    comments: [],
    branches: new Map([[defaultBranch, randomSha()]]),
    files: new Map(),
    commits: [],
    pulls: [],
  };
  const requests: GitHubRequestRecord[] = [];
  const faults: (GitHubFault & { times: number })[] = [];
  let nextId = 1000;
  let url = "";
  const prefix = `/repos/${owner}/${repo}`;
  const web = () => `${url}/${owner}/${repo}`;
  const api = () => `${url}${prefix}`;

  const labelJson = (l: FakeLabel) => ({
    id: l.id,
    node_id: `LA_${l.id}`,
    url: `${api()}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    color: l.color,
    default: false,
    description: l.description,
  });
  const findLabel = (name: string) => state.labels.find((l) => l.name.toLowerCase() === name.toLowerCase());
  function addLabel(name: string, color = "ededed", description: string | null = null): FakeLabel {
    const label = { id: nextId++, name, color, description };
    state.labels.push(label);
    return label;
  }
  const issueJson = (i: FakeIssue) => ({
    id: i.number + 50_000,
    node_id: `I_${i.number}`,
    number: i.number,
    url: `${api()}/issues/${i.number}`,
    html_url: `${web()}/${i.isPull ? "pull" : "issues"}/${i.number}`,
    title: i.title,
    body: i.body,
    state: i.state,
    user: { login: "cft-bot", id: 1, type: "User" },
    labels: i.labels.map((name) => labelJson(findLabel(name) ?? addLabel(name))),
    comments: state.comments.filter((c) => c.issue === i.number).length,
    created_at: "2025-01-01T00:00:00Z",
    updated_at: "2025-01-01T00:00:00Z",
    ...(i.isPull
      ? { pull_request: { url: `${api()}/pulls/${i.number}`, html_url: `${web()}/pull/${i.number}` } }
      : {}),
  });
  const nextNumber = () => state.issues.reduce((max, i) => Math.max(max, i.number), 0) + 1;
  function addIssue(input: { title: string; labels?: string[]; state?: "open" | "closed"; body?: string }) {
    const issue: FakeIssue = {
      number: nextNumber(),
      title: input.title,
      body: input.body ?? null,
      state: input.state ?? "open",
      labels: [...(input.labels ?? [])],
      isPull: false,
    };
    for (const name of issue.labels) if (!findLabel(name)) addLabel(name);
    state.issues.push(issue);
    return issue;
  }
  const pullJson = (p: FakePull) => ({
    id: p.number + 90_000,
    node_id: `PR_${p.number}`,
    number: p.number,
    url: `${api()}/pulls/${p.number}`,
    html_url: `${web()}/pull/${p.number}`,
    state: p.state,
    title: p.title,
    body: p.body,
    draft: false,
    head: { label: `${owner}:${p.head}`, ref: p.head, sha: state.branches.get(p.head) ?? null },
    base: { label: `${owner}:${p.base}`, ref: p.base, sha: state.branches.get(p.base) ?? null },
  });
  const fileJson = (f: FakeFile) => ({
    type: "file",
    encoding: "base64",
    size: Buffer.from(f.base64, "base64").length,
    name: f.path.split("/").at(-1),
    path: f.path,
    content: wrap64(f.base64),
    sha: f.sha,
    url: `${api()}/contents/${f.path}?ref=${f.branch}`,
    html_url: `${web()}/blob/${f.branch}/${f.path}`,
    download_url: `${url}/raw/${owner}/${repo}/${f.branch}/${f.path}`,
  });

  /** One page of ITEMS with GitHub's Link header. */
  function page(items: unknown[], query: URLSearchParams, path: string): Reply {
    const perPage = Math.min(100, Math.max(1, Number(query.get("per_page") ?? 30) || 30));
    const at = Math.max(1, Number(query.get("page") ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (n: number, rel: string) => {
      const q = new URLSearchParams(query);
      q.set("page", String(n));
      q.set("per_page", String(perPage));
      return `<${url}${path}?${q}>; rel="${rel}"`;
    };
    const links = [
      ...(at > 1 ? [link(at - 1, "prev")] : []),
      ...(at < last ? [link(at + 1, "next"), link(last, "last")] : []),
      ...(at > 1 ? [link(1, "first")] : []),
    ];
    return {
      status: 200,
      json: items.slice((at - 1) * perPage, at * perPage),
      headers: links.length > 0 ? { link: links.join(", ") } : {},
    };
  }

  // biome-ignore lint/suspicious/noExplicitAny: request bodies are arbitrary JSON
  function route(method: string, path: string, query: URLSearchParams, body: any): Reply {
    if (method === "GET" && path === prefix)
      return {
        status: 200,
        json: {
          id: 4242,
          node_id: "R_fake",
          name: repo,
          full_name: `${owner}/${repo}`,
          private: true,
          owner: { login: owner, id: 7, type: "Organization" },
          html_url: web(),
          url: api(),
          default_branch: defaultBranch,
          permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
        },
      };
    if (!path.startsWith(`${prefix}/`)) return notFound();
    const rest = path.slice(prefix.length);

    if (rest === "/labels") {
      if (method === "GET") return page(state.labels.map(labelJson), query, path);
      if (method === "POST") {
        if (typeof body?.name !== "string" || body.name === "")
          return invalid([{ resource: "Label", code: "missing_field", field: "name" }]);
        if (findLabel(body.name))
          return invalid([{ resource: "Label", code: "already_exists", field: "name" }]);
        if (body.color !== undefined && !/^[0-9a-fA-F]{6}$/.test(String(body.color)))
          return invalid([{ resource: "Label", code: "invalid", field: "color" }]);
        return {
          status: 201,
          json: labelJson(addLabel(body.name, body.color ?? "ededed", body.description ?? null)),
        };
      }
    }

    if (rest === "/issues") {
      if (method === "GET") {
        const wanted = (query.get("labels") ?? "")
          .split(",")
          .map((l) => l.trim().toLowerCase())
          .filter(Boolean);
        const which = query.get("state") ?? "open";
        const items = state.issues
          .filter((i) => which === "all" || i.state === which)
          .filter((i) => wanted.every((w) => i.labels.some((l) => l.toLowerCase() === w)))
          .sort((a, b) => b.number - a.number)
          .map(issueJson);
        return page(items, query, path);
      }
      if (method === "POST") {
        if (typeof body?.title !== "string" || body.title === "")
          return invalid([{ resource: "Issue", code: "missing_field", field: "title" }]);
        const issue = addIssue({
          title: body.title,
          body: body.body ?? undefined,
          labels: body.labels ?? [],
        });
        return { status: 201, json: issueJson(issue) };
      }
    }

    const comments = /^\/issues\/(\d+)\/comments$/.exec(rest);
    if (comments && method === "GET") {
      const issue = state.issues.find((i) => i.number === Number(comments[1]));
      if (!issue) return notFound();
      const items = state.comments
        .filter((c) => c.issue === issue.number)
        .map((c) => ({
          id: c.id,
          body: c.body,
          html_url: `${web()}/issues/${issue.number}#issuecomment-${c.id}`,
        }));
      return page(items, query, path);
    }
    if (comments && method === "POST") {
      const issue = state.issues.find((i) => i.number === Number(comments[1]));
      if (!issue) return notFound();
      if (typeof body?.body !== "string" || body.body === "")
        return invalid([{ resource: "IssueComment", code: "missing_field", field: "body" }]);
      const comment = { id: nextId++, issue: issue.number, body: body.body };
      state.comments.push(comment);
      return {
        status: 201,
        json: {
          id: comment.id,
          node_id: `IC_${comment.id}`,
          url: `${api()}/issues/comments/${comment.id}`,
          html_url: `${web()}/issues/${issue.number}#issuecomment-${comment.id}`,
          issue_url: `${api()}/issues/${issue.number}`,
          body: comment.body,
          user: { login: "cft-bot", id: 1, type: "User" },
        },
      };
    }

    const ref = /^\/git\/ref\/heads\/(.+)$/.exec(rest);
    if (ref && method === "GET") {
      const sha = state.branches.get(ref[1]!);
      if (!sha) return notFound("https://docs.github.com/rest/git/refs#get-a-reference");
      return {
        status: 200,
        json: {
          ref: `refs/heads/${ref[1]}`,
          node_id: "REF_fake",
          url: `${api()}/git/refs/heads/${ref[1]}`,
          object: { sha, type: "commit", url: `${api()}/git/commits/${sha}` },
        },
      };
    }
    if (rest === "/git/refs" && method === "POST") {
      const name = typeof body?.ref === "string" ? body.ref : "";
      if (!/^refs\/heads\/.+/.test(name)) return plain(422, "Reference name is not valid");
      const branch = name.slice("refs/heads/".length);
      if (state.branches.has(branch)) return plain(422, "Reference already exists");
      const known = new Set([...state.branches.values(), ...state.commits.map((c) => c.sha)]);
      if (typeof body.sha !== "string" || !known.has(body.sha)) return plain(422, "Object does not exist");
      state.branches.set(branch, body.sha);
      return {
        status: 201,
        json: { ref: name, url: `${api()}/git/${name}`, object: { sha: body.sha, type: "commit" } },
      };
    }

    const contents = /^\/contents\/(.+)$/.exec(rest);
    if (contents) {
      const filePath = contents[1]!;
      if (method === "GET") {
        const branch = query.get("ref") ?? defaultBranch;
        if (!state.branches.has(branch)) return plain(404, `No commit found for the ref ${branch}`);
        const file = state.files.get(`${branch}:${filePath}`);
        return file ? { status: 200, json: fileJson(file) } : notFound();
      }
      if (method === "PUT") {
        const branch = typeof body?.branch === "string" ? body.branch : defaultBranch;
        if (typeof body?.message !== "string" || body.message === "")
          return invalid(
            [{ resource: "Commit", code: "missing_field", field: "message" }],
            "Invalid request.",
          );
        if (typeof body.content !== "string" || !/^[A-Za-z0-9+/\n]*={0,2}$/.test(body.content))
          return plain(422, 'Invalid request.\n\n"content" is not valid Base64.');
        if (!state.branches.has(branch)) return plain(404, `Branch ${branch} not found`);
        const key = `${branch}:${filePath}`;
        const existing = state.files.get(key);
        if (existing && body.sha === undefined)
          return plain(422, `Invalid request.\n\n"sha" wasn't supplied.`);
        if (existing && body.sha !== existing.sha)
          return plain(409, `${filePath} does not match ${body.sha}`);
        const bytes = Buffer.from(body.content, "base64");
        const file: FakeFile = {
          branch,
          path: filePath,
          text: bytes.toString("utf8"),
          base64: body.content.replace(/\n/g, ""),
          sha: blobSha(bytes),
        };
        state.files.set(key, file);
        const commit = { sha: randomSha(), branch, message: body.message, path: filePath };
        state.commits.push(commit);
        state.branches.set(branch, commit.sha);
        return {
          status: existing ? 200 : 201,
          json: { content: fileJson(file), commit: { sha: commit.sha, message: commit.message } },
        };
      }
    }

    if (rest === "/pulls") {
      if (method === "GET") {
        const head = query.get("head");
        const base = query.get("base");
        const which = query.get("state") ?? "open";
        const items = state.pulls
          .filter((p) => which === "all" || p.state === which)
          .filter((p) => !head || `${owner}:${p.head}` === head || p.head === head)
          .filter((p) => !base || p.base === base)
          .map(pullJson);
        return page(items, query, path);
      }
      if (method === "POST") {
        const head = typeof body?.head === "string" ? body.head.replace(new RegExp(`^${owner}:`), "") : "";
        const base = typeof body?.base === "string" ? body.base : "";
        if (typeof body?.title !== "string" || body.title === "")
          return invalid([{ resource: "PullRequest", code: "missing_field", field: "title" }]);
        if (!state.branches.has(head))
          return invalid([{ resource: "PullRequest", field: "head", code: "invalid" }]);
        if (!state.branches.has(base))
          return invalid([{ resource: "PullRequest", field: "base", code: "invalid" }]);
        if (state.pulls.some((p) => p.state === "open" && p.head === head && p.base === base))
          return invalid([
            {
              resource: "PullRequest",
              code: "custom",
              message: `A pull request already exists for ${owner}:${head}.`,
            },
          ]);
        if (state.branches.get(head) === state.branches.get(base))
          return invalid([
            { resource: "PullRequest", code: "custom", message: `No commits between ${base} and ${head}` },
          ]);
        const number = nextNumber();
        const pull: FakePull = {
          number,
          title: body.title,
          body: body.body ?? null,
          head,
          base,
          state: "open",
        };
        state.pulls.push(pull);
        state.issues.push({
          number,
          title: pull.title,
          body: pull.body,
          state: "open",
          labels: [],
          isPull: true,
        });
        return { status: 201, json: pullJson(pull) };
      }
    }
    return notFound();
  }

  function takeFault(method: string, path: string): GitHubFault | undefined {
    const index = faults.findIndex(
      (f) =>
        (!f.method || f.method.toUpperCase() === method) &&
        (!f.path || (typeof f.path === "string" ? path === f.path : f.path.test(path))),
    );
    const fault = faults[index];
    if (!fault) return undefined;
    if (--fault.times <= 0) faults.splice(index, 1);
    return fault;
  }

  function answer(
    req: IncomingMessage,
    method: string,
    path: string,
    query: URLSearchParams,
    body: unknown,
  ): Reply {
    const [scheme, given] = (req.headers.authorization ?? "").split(" ");
    if (!given || !/^(token|bearer)$/i.test(scheme ?? "")) return plain(401, "Requires authentication");
    if (given !== token) return plain(401, "Bad credentials");
    const fault = takeFault(method, path);
    if (fault) {
      const message = fault.message ?? (fault.secondary ? SECONDARY_MESSAGE : "Injected");
      const documentation = fault.secondary
        ? "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"
        : DOCS;
      return {
        status: fault.status,
        json: {
          message,
          ...(fault.errors ? { errors: fault.errors } : {}),
          documentation_url: documentation,
          status: String(fault.status),
        },
        headers: fault.retryAfter === undefined ? {} : { "retry-after": String(fault.retryAfter) },
      };
    }
    return route(method, path, query, body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = (req.method ?? "GET").toUpperCase();
    // GitHub Enterprise serves the API under /api/v3.
    const path = decodeURIComponent(parsed.pathname.replace(/^\/api\/v3(?=\/)/, ""));
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString("utf8");
    let body: unknown;
    let reply: Reply;
    try {
      body = rawBody ? JSON.parse(rawBody) : undefined;
      reply = answer(req, method, path, parsed.searchParams, body);
    } catch (error) {
      reply =
        error instanceof SyntaxError
          ? plain(400, "Problems parsing JSON")
          : plain(500, `fake server bug: ${(error as Error).message}`);
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers))
      headers[name] = name === "authorization" ? "[redacted]" : String(value);
    requests.push({
      method,
      path,
      query: Object.fromEntries(parsed.searchParams),
      headers,
      rawBody,
      body,
      status: reply.status,
    });
    const payload = reply.json === undefined ? "" : JSON.stringify(reply.json);
    res.writeHead(reply.status, {
      "content-type": "application/json; charset=utf-8",
      "x-github-request-id": `FAKE:${requests.length}`,
      "x-github-api-version-selected": "2022-11-28",
      "x-ratelimit-limit": "5000",
      "x-ratelimit-remaining": "4999",
      "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
      "x-ratelimit-resource": "core",
      ...reply.headers,
    });
    res.end(payload);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ message: `fake server bug: ${error.message}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    token,
    owner,
    repo,
    fullName: `${owner}/${repo}`,
    defaultBranch,
    state,
    requests,
    fail: (fault) => faults.push({ ...fault, times: fault.times ?? 1 }),
    addIssue,
    reset() {
      requests.length = 0;
      faults.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((failure) => (failure ? reject(failure) : resolve()));
      }),
  };
}
