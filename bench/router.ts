/**
 * The A/B router's cost: 2,000 chat requests (32 at a time) straight to a local fake backend, then the same
 * through `startRouter` (sticky assignment, proxying, one ledger row per request), and the online report
 * over 100,000 recorded requests with outcome labels.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openLedger } from "../src/ledger/ledger.js";
import { onlineReport } from "../src/routing/online-report.js";
import { newRequestId, requestRecorder } from "../src/routing/request-log.js";
import { setRoute } from "../src/routing/route-changes.js";
import { startRouter } from "../src/routing/router-server.js";
import { startFakeChatServer } from "../test/fakes/chat-server.js";

const REQUESTS = 2000;
const CONCURRENCY = 32;

async function drive(url: string, stream: boolean): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        const i = next++;
        const res = await fetch(`${url}/chat/completions`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-cft-route-key": `user-${i % 500}` },
          body: JSON.stringify({
            model: "m",
            stream,
            messages: [{ role: "user", content: `Synthetic claim ${i}` }],
          }),
        });
        await res.text();
      }
    }),
  );
  return (performance.now() - start) / 1000;
}

export async function benchRouter(
  record: (name: string, items: number, seconds: number, unit: string) => void,
) {
  const dir = mkdtempSync(join(tmpdir(), "cft-bench-router-"));
  const backend = await startFakeChatServer({ answer: () => "APPROVE: covered service", record: false });
  const db = openLedger(dir);
  try {
    const variant = (name: string, weight: number) => ({
      name,
      backend: { url: backend.openaiBaseURL, model: name, kind: "openai-compatible" as const },
      weight,
    });
    setRoute(db, {
      family: "bench",
      timeoutMs: 120_000,
      variants: [variant("baseline", 80), variant("candidate", 20)],
    });
    const router = await startRouter({ db, home: dir, family: "bench" });
    await drive(backend.openaiBaseURL, false); // warm-up
    await drive(router.url, false);
    const direct = await drive(backend.openaiBaseURL, false);
    const routed = await drive(router.url, false);
    const streamed = await drive(router.url, true);
    await router.close();
    record("chat requests straight to the backend", REQUESTS, direct, "requests");
    record(
      `  … through the router (${(routed / direct).toFixed(2)}× the time)`,
      REQUESTS,
      routed,
      "requests",
    );
    record("  … through the router, streamed", REQUESTS, streamed, "requests");

    const add = requestRecorder(db);
    const live = setRoute(db, {
      family: "report",
      timeoutMs: 120_000,
      variants: [variant("baseline", 50), variant("candidate", 50)],
    });
    db.transaction(() => {
      for (let i = 0; i < 100_000; i++)
        add({
          id: newRequestId(),
          family: "report",
          configId: live.record.id,
          variant: i % 2 ? "candidate" : "baseline",
          version: null,
          keyHash: null,
          stream: false,
          status: i % 97 ? 200 : 502,
          error: i % 97 ? null : "backend_status",
          latencyMs: 50 + (i % 300),
          firstByteMs: null,
          promptTokens: 20,
          completionTokens: 5,
          createdAt: new Date(Date.UTC(2026, 11, 1) + i * 1000).toISOString(),
        });
      const ids = db
        .prepare("SELECT id FROM route_requests WHERE family = 'report' AND rowid % 50 = 0")
        .all() as { id: string }[];
      const label = db.prepare(
        "INSERT INTO route_outcomes (id, request_id, label, source, created_at) VALUES (?, ?, 'overturned', 'bench', '2026-12-03')",
      );
      for (const { id } of ids) label.run(`o-${id}`, id);
    })();
    const start = performance.now();
    onlineReport(db, "report");
    record("online report over recorded requests", 100_000, (performance.now() - start) / 1000, "requests");
  } finally {
    db.close();
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
