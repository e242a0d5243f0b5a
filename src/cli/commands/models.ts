/**
 * `cft models list | show | register | promote | rollback`: the model registry. A succeeded run becomes a
 * numbered version of a family; a version reaches production only through the promotion gate (a PASS
 * regression test against the current production version; a WARN with a recorded override; never a
 * FAIL, exit 3); rollback returns to the version promoted before.
 */
import type { Command } from "commander";
import { z } from "zod";
import { lineageOf } from "../../registry/lineage.js";
import { production, promote, promotionHistory, rollback } from "../../registry/promotion.js";
import {
  checkFamily,
  getVersion,
  listVersions,
  type ModelVersion,
  parseModelRef,
  registerVersion,
} from "../../registry/versions.js";
import { announceFromCli } from "../announce.js";
import { CommonFlags, withCommonOptions } from "../command-kit.js";
import { table } from "../estimate-view.js";
import { addGateOptions, GATE_FLAGS, gateOptions, withOverrideRule } from "../promotion-flags.js";
import { withLedger } from "../with-ledger.js";

const RegisterFlags = CommonFlags.extend({
  family: z.string({ message: "required: the model family, e.g. claims-adjudication" }).min(1),
  major: z.boolean().optional(),
  artifact: z.string().min(1).optional(),
  artifactKind: z.enum(["adapter", "merged", "gguf"]).optional(),
});
const PromoteFlags = withOverrideRule(z.object(GATE_FLAGS));

const artifactText = (v: ModelVersion) =>
  `${v.artifact.kind} ${v.artifact.ref}${v.artifact.sha256 ? ` (sha256 ${v.artifact.sha256.slice(0, 12)}…)` : ""}`;

export function registerModels(program: Command): void {
  const models = program
    .command("models")
    .summary(
      "the model registry: versions of a model family, promotion through the regression gate, rollback",
    )
    .description(
      "Register succeeded runs as numbered versions of a model family (v1.0, v1.1, v2.0…), each bound to its run and artifact (hosted model id, or local files by SHA-256). Promotion to production is a gate: it needs a regression test of the candidate against the current production version; PASS promotes, WARN needs --override-warn --by --reason (recorded), FAIL is refused (exit 3). Rollback returns to the version promoted before.",
    );

  const list = models
    .command("list")
    .description("versions, with the one in production marked")
    .argument("[family]");
  withCommonOptions(list, ["cft models list", "cft models list claims-adjudication --json"]).action(
    (family: string | undefined, raw) =>
      withLedger(CommonFlags, raw, (ctx, db) => {
        const versions = listVersions(db, family === undefined ? undefined : checkFamily(family));
        const live = new Map<string, string | null>();
        for (const f of new Set(versions.map((v) => v.family))) live.set(f, production(db, f)?.id ?? null);
        const rows = versions.map((v) => ({ ...v, production: live.get(v.family) === v.id }));
        ctx.out.say(
          rows.length
            ? table([
                ["model", "run", "artifact", "registered", ""],
                ...rows.map((v) => [
                  `${v.family}@${v.version}`,
                  v.runId,
                  artifactText(v),
                  v.createdAt.slice(0, 19),
                  v.production ? "production" : "",
                ]),
              ])
            : "No model versions yet: register a succeeded run with `cft models register RUN --family NAME`.",
        );
        ctx.out.result({ versions: rows });
      }),
  );

  const show = models
    .command("show")
    .description("one version, its run, data hashes and audits, evaluations, regression tests and promotions")
    .argument("<model>", "NAME or NAME@VERSION (default: the latest version)");
  withCommonOptions(show, [
    "cft models show claims-adjudication",
    "cft models show claims-adjudication@v1.1 --json",
  ]).action((ref: string, raw) =>
    withLedger(CommonFlags, raw, (ctx, db) => {
      const { family, version: label } = parseModelRef(ref);
      const version = getVersion(db, family, label);
      const lineage = lineageOf(db, version);
      const promotions = promotionHistory(db, family);
      const isProduction = production(db, family)?.id === version.id;
      ctx.out.say(
        `${family}@${version.version}${isProduction ? " (production)" : ""}: ${artifactText(version)}`,
      );
      ctx.out.say(`  run ${version.runId}: ${lineage.run?.provider ?? "?"} ${lineage.run?.baseModel ?? ""}`);
      for (const f of lineage.confirmation?.files ?? [])
        ctx.out.say(`  ${f.role} ${f.path} sha256 ${f.sha256.slice(0, 12)}… audit ${f.auditId}`);
      for (const e of lineage.evaluations)
        ctx.out.say(`  evaluation ${e.evalId} on ${e.suite.name} (${e.model})`);
      for (const r of lineage.regressions)
        ctx.out.say(
          `  regression ${r.regressionId}: ${r.verdict} vs ${r.baseline.model} (${r.baseline.evalId})`,
        );
      for (const p of promotions)
        ctx.out.say(
          `  ${p.createdAt.slice(0, 19)} ${p.action} ${p.version}${p.verdict ? ` ${p.verdict}` : ""}${p.overrideBy ? ` override by ${p.overrideBy}: ${p.overrideReason}` : ""}`,
        );
      ctx.out.result({ ...version, production: isProduction, ...lineage, promotions });
    }),
  );

  const register = models
    .command("register")
    .description("register a succeeded run as the family's next version")
    .argument("<run>", "run id (see `cft jobs list`)")
    .option("--family <name>", "required: the model family, e.g. claims-adjudication")
    .option("--major", "start a new major version (v2.0 after v1.x)")
    .option(
      "--artifact <path>",
      "other local files of the run (a merged model, a GGUF file, a copied adapter)",
    )
    .option("--artifact-kind <kind>", "adapter, merged or gguf (with --artifact)");
  withCommonOptions(register, [
    "cft models register run-20261122-1f3a9c0b --family claims-adjudication",
    "cft models register run-20261201-77d0e2aa --family claims-adjudication --major --json",
  ]).action((runId: string, raw) =>
    withLedger(RegisterFlags, raw, async (ctx, db, flags) => {
      const version = await registerVersion(db, {
        family: flags.family,
        runId,
        major: flags.major,
        artifact: flags.artifact
          ? { kind: flags.artifactKind ?? "adapter", path: flags.artifact }
          : undefined,
      });
      ctx.out.say(`Registered ${version.family}@${version.version}: ${artifactText(version)}`);
      ctx.out.result(version);
    }),
  );

  const promoteCmd = models
    .command("promote")
    .description("put a version in production if the regression gate allows it (exit 3 when it does not)")
    .argument("<model>", "NAME@VERSION");
  addGateOptions(promoteCmd);
  withCommonOptions(promoteCmd, [
    "cft models promote claims-adjudication@v1.1",
    'cft models promote claims-adjudication@v1.2 --override-warn --by "Dr. Rivera" --reason "recall WARN on 40 items; clinical review done"',
  ]).action((ref: string, raw) =>
    withLedger(PromoteFlags, raw, async (ctx, db, flags) => {
      const { family, version } = parseModelRef(ref);
      const done = promote(db, family, version, gateOptions(flags));
      await announceFromCli(ctx, db, { kind: "promotion", promotion: done });
      ctx.out.say(
        `${family}@${done.version} is in production (${done.verdict ?? "no regression test"}${done.overrideBy ? `, override by ${done.overrideBy}` : ""})`,
      );
      ctx.out.result({ ...done, production: getVersion(db, family, done.version) });
    }),
  );

  const rollbackCmd = models
    .command("rollback")
    .description("return production to the version promoted before the current one")
    .argument("<family>", "model family");
  withCommonOptions(rollbackCmd, ["cft models rollback claims-adjudication --json"]).action(
    (family: string, raw) =>
      withLedger(CommonFlags, raw, async (ctx, db) => {
        const done = rollback(db, checkFamily(family));
        await announceFromCli(ctx, db, { kind: "promotion", promotion: done });
        ctx.out.say(`${family} rolled back: ${family}@${done.version} is in production`);
        ctx.out.result({ ...done, production: getVersion(db, family, done.version) });
      }),
  );
}
