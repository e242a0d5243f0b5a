/**
 * `cft export gguf RUN`: the adapter a local run trained, merged into its base model and converted to
 * GGUF for llama.cpp, Ollama or LM Studio (gpu-runner/merge_and_convert.py does the work). Merging needs
 * the base model's full weights and converting needs llama.cpp; both are the runner's to find and to
 * explain when missing. `--adapter DIR --base-model M` exports an adapter that is not in the ledger
 * (one copied back from a GPU host, say). `cft export bundle RUN --format colab|autotrain` writes what it
 * takes to train a confirmed local run elsewhere (src/export/), refusing runs the launcher would refuse.
 */
import { chmodSync, existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { z } from "zod";
import { writeFilesAtomically } from "../../docs/write-documents.js";
import { GateError, InputError } from "../../errors.js";
import { autotrainBundle } from "../../export/bundle-autotrain.js";
import { colabNotebook } from "../../export/bundle-colab.js";
import { bundleInput } from "../../export/bundle-input.js";
import { refreshRun } from "../../finetune/launch.js";
import { exportGguf, GGUF_QUANTIZATIONS, type GgufEvent } from "../../finetune/local/export-gguf.js";
import { createProvider } from "../../finetune/provider-factory.js";
import { openLedger } from "../../ledger/ledger.js";
import { createContext, parseFlags, withCommonOptions } from "../command-kit.js";
import { requireRun } from "../run-lookup.js";

const Flags = z.object({
  adapter: z.string().optional(),
  baseModel: z.string().optional(),
  out: z.string().optional(),
  quantize: z
    .string()
    .transform((s) =>
      s
        .split(",")
        .map((q) => q.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z.string().regex(/^(Q\d_[A-Z0-9_]+|F16|BF16)$/i, { message: "expected names like Q4_K_M,Q8_0" }),
      ),
    ),
  llamaCpp: z.string().optional(),
  dtype: z.enum(["float16", "bfloat16"], { message: "expected float16 or bfloat16" }),
  home: z.string().optional(),
  json: z.boolean().optional(),
});

const BundleFlags = z.object({
  format: z.enum(["colab", "autotrain"], { message: "expected colab or autotrain" }),
  out: z.string().optional(),
  home: z.string().optional(),
  json: z.boolean().optional(),
});

interface Source {
  runId: string | null;
  baseModel: string;
  adapterDir: string;
  defaultOut: string;
}

/** Where the adapter and base model come from: a succeeded local run, or --adapter and --base-model. */
async function sourceOf(
  runId: string | undefined,
  flags: z.infer<typeof Flags>,
  ctx: ReturnType<typeof createContext>,
): Promise<Source> {
  if (!runId) {
    if (!flags.adapter || !flags.baseModel)
      throw new InputError("name a run, or give both --adapter DIR and --base-model M", [], {
        hint: "List runs with `cft jobs list`.",
      });
    const adapterDir = resolve(flags.adapter);
    return {
      runId: null,
      baseModel: flags.baseModel,
      adapterDir,
      defaultOut: join(adapterDir, "..", "gguf"),
    };
  }
  const db = openLedger(ctx.config.home);
  try {
    const known = requireRun(db, runId, ctx.config.home);
    if (known.provider !== "local")
      throw new InputError(
        `run ${runId} trained on ${known.provider}; a hosted model has no weights to export — only local LoRA/QLoRA runs do`,
      );
    const run = known.jobId ? await refreshRun(db, createProvider("local", ctx.config), runId) : known;
    if (run.status !== "succeeded" || !run.fineTunedModel)
      throw new GateError(`run ${runId} is ${run.status}; only a succeeded run has an adapter to export`, {
        hint: `Follow it with \`cft jobs watch ${runId}\`.`,
      });
    const adapterDir = flags.adapter ? resolve(flags.adapter) : run.fineTunedModel;
    if (!existsSync(adapterDir))
      throw new InputError(`the adapter of run ${runId} is not on this machine: ${adapterDir}`, [], {
        hint: `Copy the adapter folder here (for example \`scp -r ${adapterDir} ./adapter\`) and pass --adapter ./adapter.`,
      });
    return {
      runId,
      baseModel: flags.baseModel ?? run.baseModel,
      adapterDir,
      defaultOut: join(run.runDir, "gguf"),
    };
  } finally {
    db.close();
  }
}

function describeEvent(event: GgufEvent): string | undefined {
  switch (event.event) {
    case "start":
      return "merging the adapter into the base model (loads the full weights; minutes on a CPU)";
    case "merged":
      return `merged model in ${event.path}`;
    case "converted":
      return `GGUF (16-bit) written: ${event.path}`;
    case "quantized":
      return `${event.type} written: ${event.path}`;
    default:
      return undefined;
  }
}

export function registerExport(program: Command): void {
  const exporter = program.command("export").summary("export what a run trained in another format (GGUF)");
  const gguf = exporter
    .command("gguf")
    .description(
      "Merge a local run's LoRA adapter into its base model and convert it to GGUF, quantized for llama.cpp, Ollama or LM Studio. Needs the runner's Python packages (gpu-runner/requirements.txt), the base model's weights, and llama.cpp (--llama-cpp DIR, $LLAMA_CPP_DIR, or its tools on PATH).",
    )
    .argument("[run]", "a succeeded local run (see `cft jobs list`)")
    .option("--adapter <dir>", "the adapter folder (default: the run's; required without a run)")
    .option("--base-model <model>", "the base model (default: the run's; required without a run)")
    .option("--out <dir>", "where the GGUF files go (default: the run's folder, gguf/)")
    .option("--quantize <types>", `comma-separated: ${GGUF_QUANTIZATIONS.join(", ")}`, "Q4_K_M")
    .option("--llama-cpp <dir>", "a llama.cpp checkout")
    .option("--dtype <type>", "precision of the merged model: float16 | bfloat16", "float16");
  withCommonOptions(gguf, [
    "cft export gguf run-20261122-1f3a9c0b",
    "cft export gguf run-20261122-1f3a9c0b --quantize Q4_K_M,Q8_0 --llama-cpp ~/llama.cpp --json",
    "cft export gguf --adapter ./adapter --base-model meta-llama/Llama-3.1-8B-Instruct",
  ]).action(async (runId: string | undefined, raw) => {
    const flags = parseFlags(Flags, raw);
    const ctx = createContext(flags);
    const source = await sourceOf(runId, flags, ctx);
    const outputDir = resolve(flags.out ?? source.defaultOut);
    ctx.out.note(`exporting ${source.adapterDir} on ${source.baseModel} to ${outputDir}`);
    const files = await exportGguf(
      {
        baseModel: source.baseModel,
        adapterDir: source.adapterDir,
        outputDir,
        quantize: flags.quantize,
        llamaCpp: flags.llamaCpp,
        dtype: flags.dtype,
      },
      ctx.config,
      (event) => {
        const line = describeEvent(event);
        if (line) ctx.out.note(line);
      },
    );
    ctx.out.say(`GGUF files:\n${files.map((f) => `  ${f.path}`).join("\n")}`);
    ctx.out.result({ runId: source.runId, baseModel: source.baseModel, adapter: source.adapterDir, files });
  });

  const bundle = exporter
    .command("bundle")
    .description(
      "Write a self-contained training bundle for a confirmed local (LoRA/QLoRA) run, for users without a GPU of their own: --format colab is a Jupyter notebook that installs the runner, asks for the attested dataset, refuses it unless its SHA-256 matches the attestation, trains with the confirmed settings and zips the adapter; --format autotrain is an AutoTrain Advanced config.yml with a README and verify.sh. Bundles carry hashes and audit ids, never the dataset. Refuses (exit 3) a run that is not local or whose dataset no longer carries a PASS attestation.",
    )
    .argument("<run>", "a confirmed local run (see `cft jobs list`)")
    .requiredOption("--format <format>", "colab | autotrain")
    .option("--out <dir>", "where the bundle goes (default: the run's folder, bundle-<format>/)");
  withCommonOptions(bundle, [
    "cft export bundle run-20261122-1f3a9c0b --format colab",
    "cft export bundle run-20261122-1f3a9c0b --format autotrain --out ./autotrain-bundle --json",
  ]).action((runId: string, raw) => {
    const flags = parseFlags(BundleFlags, raw);
    const ctx = createContext(flags);
    const db = openLedger(ctx.config.home);
    let input: ReturnType<typeof bundleInput>;
    let runDir: string;
    try {
      input = bundleInput(db, runId, ctx.config.home);
      runDir = requireRun(db, runId, ctx.config.home).runDir;
    } finally {
      db.close();
    }
    const outputDir = resolve(flags.out ?? join(runDir, `bundle-${flags.format}`));
    const contents =
      flags.format === "colab" ? { [`${runId}.ipynb`]: colabNotebook(input) } : autotrainBundle(input);
    const written = writeFilesAtomically(outputDir, contents);
    if (written["verify.sh"]) chmodSync(written["verify.sh"], 0o755);
    const files = Object.values(written);
    ctx.out.say(`${flags.format} bundle for ${runId}:\n${files.map((f) => `  ${f}`).join("\n")}`);
    ctx.out.result({
      runId,
      format: flags.format,
      files,
      datasetSha256: input.train.sha256,
      auditId: input.train.auditId,
    });
  });
}
