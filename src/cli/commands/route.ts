/**
 * `cft route set | show | history | promote | rollback | report | outcome`: A/B rollout of a model family.
 * Every change is a ledger record that a running router (`cft serve router`) picks up within a second,
 * and is announced to the team (Slack, the tracking issue) through the action policy. Promotion goes
 * through the registry's regression gate (exit 3 when it says no); rollback restores the previous
 * configuration exactly.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import { writeDocuments } from "../../docs/write-documents.js";
import { InputError } from "../../errors.js";
import type { Db } from "../../ledger/ledger.js";
import { getRun } from "../../ledger/runs.js";
import { checkFamily, getVersion } from "../../registry/versions.js";
import { onlineReport } from "../../routing/online-report.js";
import { differenceText, msText, onlineReportDocument, rateText } from "../../routing/online-report-doc.js";
import { recordOutcomes } from "../../routing/request-log.js";
import { promoteRoute, type RouteChange, rollbackRoute, setRoute } from "../../routing/route-changes.js";
import { type Backend, describeSplit } from "../../routing/route-config.js";
import { liveRoute, requireLiveRoute, routeHistory } from "../../routing/route-store.js";
import { announceFromCli } from "../announce.js";
import { type CommandContext, CommonFlags, withCommonOptions } from "../command-kit.js";
import { table } from "../estimate-view.js";
import { addGateOptions, GATE_FLAGS, gateOptions, withOverrideRule } from "../promotion-flags.js";
import { configFromFlags, RouteSetFlags } from "../route-flags.js";
import { withLedger } from "../with-ledger.js";

const Decision = CommonFlags.extend({
  by: z.string().trim().min(1).optional(),
  note: z.string().trim().min(1).optional(),
});
const PromoteFlags = withOverrideRule(
  z.object({
    ...GATE_FLAGS,
    variant: z.string().min(1).optional(),
    note: z.string().trim().min(1).optional(),
  }),
);
const ReportFlags = CommonFlags.extend({
  since: z
    .string()
    .regex(/^(\d+[dh]|\d{4}-\d{2}-\d{2}.*)$/, { message: "a duration like 7d or 12h, or an ISO date" })
    .optional(),
  out: z.string().min(1).optional(),
});
const OutcomeFlags = CommonFlags.extend({
  label: z.string().min(1).optional(),
  file: z.string().min(1).optional(),
});

/** Records and announces a change; the promotion it carried is announced too. */
async function announceChange(ctx: CommandContext, db: Db, change: RouteChange, what: string): Promise<void> {
  if (!change.changed) {
    ctx.out.say(
      `${change.record.family}: already live (${describeSplit(change.record.config)}); nothing recorded`,
    );
    ctx.out.result({ ...change.record, changed: false, promotion: null });
    return;
  }
  if (change.promotion) await announceFromCli(ctx, db, { kind: "promotion", promotion: change.promotion });
  await announceFromCli(ctx, db, { kind: "route", route: change.record });
  ctx.out.say(
    `${change.record.family} ${what}: ${describeSplit(change.record.config)} (${change.record.id})`,
  );
  ctx.out.say("A running `cft serve router` picks it up within its reload interval (1 s by default).");
  ctx.out.result({ ...change.record, changed: true, promotion: change.promotion });
}

/** An OpenAI fine-tuned version is served by OpenAI (or OPENAI_BASE_URL) under its model id. */
function hostedBackend(db: Db, ctx: CommandContext, family: string, version: string): Backend | undefined {
  const v = getVersion(db, family, version);
  if (v.artifact.kind !== "hosted" || getRun(db, v.runId)?.provider !== "openai") return undefined;
  return {
    url: ctx.config.env.OPENAI_BASE_URL ?? "https://api.openai.com/v1",
    model: v.artifact.ref,
    kind: "openai-compatible",
    apiKeyEnv: "OPENAI_API_KEY",
  };
}

/** "7d" or "12h" before now, or an ISO date as given. */
function sinceTime(since: string | undefined): string | undefined {
  const m = since && /^(\d+)([dh])$/.exec(since);
  if (!m) return since;
  return new Date(Date.now() - Number(m[1]) * (m[2] === "d" ? 86_400_000 : 3_600_000)).toISOString();
}

function readOutcomeFile(path: string): { requestId: string; label: string; source: string }[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(readFileSync(path, "utf8"), { columns: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw new InputError(`cannot read ${path} as CSV: ${(error as Error).message}`, [], {
      hint: "Write a header line request_id,label and one outcome per line.",
    });
  }
  const problems = rows.flatMap((r, i) =>
    r.request_id && r.label ? [] : [{ file: path, line: i + 2, message: "expected request_id and label" }],
  );
  if (problems.length) throw new InputError(`${path} has rows without request_id or label`, problems);
  return rows.map((r) => ({ requestId: r.request_id!, label: r.label!, source: path }));
}

export function registerRoute(program: Command): void {
  const route = program
    .command("route")
    .summary("A/B rollout: traffic split between model versions, promote, roll back, online comparison")
    .description(
      "Route a model family's traffic between variants (a baseline and a candidate), each served by an OpenAI-compatible backend (llama.cpp, vLLM, Ollama, OpenAI) or an Azure deployment, by weight. `cft serve router FAMILY` serves the split; each change here is recorded, picked up by a running router without dropping requests, and announced on Slack and the tracking issue. Promotion needs the registry's regression gate (PASS, or WARN with a recorded override; exit 3 otherwise).",
    );

  const set = route
    .command("set")
    .description("set variants, backends and weights (merged into the live configuration)")
    .argument("<family>", "model family, e.g. claims-adjudication")
    .option(
      "--file <route.json>",
      'a whole configuration: {"variants": [{"name", "version"?, "backend": {"url", "model", "kind"?, "apiKeyEnv"?}, "weight"}], "timeoutMs"?}',
    )
    .option("--weights <list>", "weights in the variants' order, adding up to 100, e.g. 80/20")
    .option("--timeout-ms <ms>", "how long a backend may take (default 120000)");
  for (const role of ["baseline", "candidate"])
    set
      .option(`--${role}-url <url>`, `the ${role}'s backend base URL (…/v1), or the Azure endpoint`)
      .option(`--${role}-model <name>`, `the model the ${role}'s backend serves (Azure: the deployment)`)
      .option(
        `--${role}-version <v>`,
        `the registry version the ${role} serves, e.g. v1.1 (needed to promote it)`,
      )
      .option(`--${role}-key-env <VAR>`, `environment variable with the ${role} backend's key`)
      .option(`--${role}-kind <kind>`, "openai-compatible (default) or azure")
      .option(`--${role}-api-version <v>`, "Azure api-version");
  set.option("--by <who>", "who made the change (recorded)").option("--note <text>", "why (recorded)");
  withCommonOptions(set, [
    "cft route set claims-adjudication --baseline-url http://127.0.0.1:8081/v1 --baseline-model claims-v1 --baseline-version v1.0",
    "cft route set claims-adjudication --candidate-url http://127.0.0.1:8082/v1 --candidate-model claims-v1-1 --candidate-version v1.1 --weights 90/10",
    'cft route set claims-adjudication --weights 50/50 --by "J. Park" --note "error rates level after 2 days"',
    "cft route set claims-adjudication --file route.json --json",
  ]).action((family: string, raw) =>
    withLedger(RouteSetFlags, raw, async (ctx, db, flags) => {
      const live = liveRoute(db, checkFamily(family));
      const config = configFromFlags(family, flags as RouteSetFlags, live?.config, (version) =>
        hostedBackend(db, ctx, family, version),
      );
      await announceChange(ctx, db, setRoute(db, config, { by: flags.by, note: flags.note }), "routed");
    }),
  );

  const show = route.command("show").description("the live configuration").argument("<family>");
  withCommonOptions(show, ["cft route show claims-adjudication --json"]).action((family: string, raw) =>
    withLedger(CommonFlags, raw, (ctx, db) => {
      const live = requireLiveRoute(db, checkFamily(family));
      ctx.out.say(
        `${family}: ${describeSplit(live.config)} (${live.action} ${live.id}, ${live.createdAt.slice(0, 19)})`,
      );
      for (const v of live.config.variants)
        ctx.out.say(
          `  ${v.name}${v.version ? ` ${v.version}` : ""}: ${v.backend.kind} ${v.backend.url} model ${v.backend.model} ${v.weight}%`,
        );
      ctx.out.result(live);
    }),
  );

  const history = route.command("history").description("every change, oldest first").argument("<family>");
  withCommonOptions(history, ["cft route history claims-adjudication"]).action((family: string, raw) =>
    withLedger(CommonFlags, raw, (ctx, db) => {
      const records = routeHistory(db, checkFamily(family));
      ctx.out.say(
        records.length
          ? table([
              ["when", "change", "split", "by", "id"],
              ...records.map((r) => [
                r.createdAt.slice(0, 19),
                r.action,
                describeSplit(r.config),
                r.by ?? "",
                r.id,
              ]),
            ])
          : `${family} has no route configuration yet.`,
      );
      ctx.out.result({ family, history: records });
    }),
  );

  const promote = route
    .command("promote")
    .description(
      "send all traffic to the candidate once the registry's gate promotes its version (exit 3 if not)",
    )
    .argument("<family>")
    .option("--variant <name>", "the variant to promote (default: candidate)")
    .option("--note <text>", "recorded with the change");
  addGateOptions(promote);
  withCommonOptions(promote, [
    "cft route promote claims-adjudication",
    "cft route promote claims-adjudication --json",
  ]).action((family: string, raw) =>
    withLedger(PromoteFlags, raw, async (ctx, db, flags) => {
      const change = promoteRoute(db, checkFamily(family), {
        ...gateOptions(flags),
        variant: flags.variant,
        by: flags.by,
        note: flags.note,
      });
      await announceChange(ctx, db, change, "promoted");
    }),
  );

  const rollback = route
    .command("rollback")
    .description(
      "restore the configuration before the latest change, exactly (and production, if it was a promotion)",
    )
    .argument("<family>")
    .option("--by <who>", "who decided (recorded)")
    .option("--note <text>", "why (recorded)");
  withCommonOptions(rollback, [
    'cft route rollback claims-adjudication --by "on-call" --note "candidate 5xx"',
  ]).action((family: string, raw) =>
    withLedger(Decision, raw, async (ctx, db, flags) => {
      await announceChange(ctx, db, rollbackRoute(db, checkFamily(family), flags), "rolled back");
    }),
  );

  const report = route
    .command("report")
    .description(
      "online comparison: error rate, latency percentiles and outcome labels per variant, with intervals",
    )
    .argument("<family>")
    .option("--since <when>", "only requests since: 7d, 12h, or an ISO date (default: all)")
    .option("--out <dir>", "folder for online-comparison.md and .html (default: HOME/docs/online/FAMILY)");
  withCommonOptions(report, [
    "cft route report claims-adjudication --since 7d",
    "cft route report claims-adjudication --json",
  ]).action((family: string, raw) =>
    withLedger(ReportFlags, raw, (ctx, db, flags) => {
      const r = onlineReport(db, checkFamily(family), sinceTime(flags.since));
      const files = writeDocuments(
        flags.out ?? join(ctx.config.home, "docs", "online", family),
        "online-comparison",
        onlineReportDocument(r),
      );
      ctx.out.say(
        r.requests === 0
          ? `No routed requests recorded for ${family}${flags.since ? ` since ${flags.since}` : ""}: serve the route with \`cft serve router ${family}\`.`
          : table([
              ["variant", "requests", "error rate (95% CI)", "p50 ms", "p90 ms", "p99 ms"],
              ...r.variants.map((v) => [
                v.label,
                String(v.requests),
                rateText(v.errors),
                msText(v.latencyMs.p50),
                msText(v.latencyMs.p90),
                msText(v.latencyMs.p99),
              ]),
            ]),
      );
      for (const d of r.differences)
        ctx.out.say(`${d.variant} vs ${d.reference}, ${d.measure}: ${differenceText(d)}`);
      ctx.out.say(`Report: ${files.markdown}`);
      ctx.out.result({ ...r, files });
    }),
  );

  const outcome = route
    .command("outcome")
    .description("feed back outcome labels for routed requests (e.g. claims later overturned)")
    .argument("[requests...]", "request ids (the router's x-cft-request-id header)")
    .option("--label <label>", "the label for the ids given, e.g. overturned")
    .option("--file <csv>", "a CSV with columns request_id,label");
  withCommonOptions(outcome, [
    "cft route outcome req-3f9a… req-77c1… --label overturned",
    "cft route outcome --file appeals.csv --json",
  ]).action((ids: string[], raw) =>
    withLedger(OutcomeFlags, raw, (ctx, db, flags) => {
      if (ids.length && !flags.label)
        throw new InputError("request ids need --label", [{ field: "--label", message: "e.g. overturned" }]);
      const outcomes = [
        ...ids.map((id) => ({ requestId: id, label: flags.label!, source: "cli" })),
        ...(flags.file ? readOutcomeFile(flags.file) : []),
      ];
      if (!outcomes.length)
        throw new InputError("no outcomes given", [], {
          hint: "Name request ids with --label, or --file outcomes.csv.",
        });
      const done = recordOutcomes(db, outcomes);
      ctx.out.say(
        `Recorded ${done.recorded} outcome label${done.recorded === 1 ? "" : "s"}${done.duplicates ? ` (${done.duplicates} already recorded)` : ""}.`,
      );
      ctx.out.result(done);
    }),
  );
}
