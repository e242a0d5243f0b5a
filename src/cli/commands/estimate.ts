/**
 * `cft estimate`: what a fine-tune would cost before anything is confirmed. Hosted: billed tokens from the
 * cookbook's count × a dated price. Self-hosted: the runner's memory and time plan per GPU type × $/hour.
 * Reads files and the price table only; needs no key and sends nothing.
 */
import type { Command } from "commander";
import { createContext, parseFlags, withCommonOptions } from "../command-kit.js";
import { renderEstimate } from "../estimate-view.js";
import {
  addTrainingOptions,
  estimateFor,
  hyperparametersFrom,
  planOutputDir,
  TrainingFlags,
} from "../training-flags.js";

export function registerEstimate(program: Command): void {
  const command = program
    .command("estimate")
    .summary("cost, time and GPU memory of a fine-tune, before you confirm one")
    .description(
      "Estimate a fine-tune without starting it. Hosted (openai, azure): tokens counted the OpenAI cookbook's way with the model's encoding, default epochs by the cookbook's rule, each example capped at the model's limit, priced from a dated table (--prices FILE overrides rows); Azure also shows the hourly cost of deploying the result. Local: GPU memory (weights, adapter, optimizer, activations) and time per GPU type from gpu-runner's plan, × a $/hour table. Nothing is sent anywhere.",
    );
  addTrainingOptions(command);
  withCommonOptions(command, [
    "cft estimate --provider openai --base-model gpt-4.1-mini --train data/claims/train.jsonl",
    "cft estimate --provider azure --base-model gpt-4.1-mini --training-type globalstandard --train data/claims/train.jsonl",
    "cft estimate --provider local --base-model meta-llama/Llama-3.1-8B-Instruct --use-4bit --train data/claims/train.jsonl --json",
  ]).action(async (raw) => {
    const flags = parseFlags(TrainingFlags, raw);
    const ctx = createContext(flags);
    const { hyperparameters, ignored } = hyperparametersFrom(flags);
    if (ignored.length)
      ctx.out.note(`note: ${ignored.join(", ")} do not apply to --provider ${flags.provider}; ignored`);
    const estimate = await estimateFor(flags, hyperparameters, ctx.config, planOutputDir(ctx.config.home));
    ctx.out.say(renderEstimate(estimate));
    ctx.out.result(estimate);
  });
}
