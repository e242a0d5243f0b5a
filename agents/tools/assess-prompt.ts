/**
 * `assess_prompt`: whether prompting alone could do before anything is trained (src/prompting/). With a
 * dataset (a chat JSONL training split, e.g. the `dataset.train.path` of a workflow report): the clinical
 * system prompt and its guardrails, few-shot examples chosen for coverage, and the necessity verdict
 * (prompt-only, fine-tune, or measure first). Without one: the task's system prompt and guardrails. The
 * result holds ids, counts and redacted snippets, and is redacted again before the model sees it.
 */
import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { TASKS } from "../../src/dataset/chat.js";
import { redactDeep } from "../../src/phi/redact-deep.js";
import { promptAssessment } from "../../src/prompting/assessment.js";
import { clinicalSystemPrompt } from "../../src/prompting/system-prompt.js";
import { refuseExtraArguments } from "./pipeline-runner.js";

export const AssessPromptArgs = z.strictObject(
  {
    task: z.enum(TASKS).describe("claims, scribe or companion"),
    dataset: z
      .string()
      .min(1)
      .optional()
      .describe(
        "path of a chat JSONL training split (synthetic), e.g. a workflow report's dataset.train.path",
      ),
  },
  { error: refuseExtraArguments("assess_prompt") },
);

export const ASSESS_PROMPT_DESCRIPTION =
  "Assess prompt engineering before fine-tuning: the clinical system prompt for the task with its guardrails and, given a training split, the few-shot examples chosen for coverage and whether fine-tuning is necessary (prompt-only, fine-tune, or measure a baseline first), with reasons and next steps. Use it when the user asks whether they need to fine-tune, or what prompt to start from. It reads the file only on this machine; it never trains or sends anything.";

export function assessPromptTool() {
  return tool(
    async ({ task, dataset }: z.infer<typeof AssessPromptArgs>) => {
      if (!dataset) {
        const prompt = clinicalSystemPrompt(task);
        const { text: _text, ...described } = prompt;
        return JSON.stringify(
          redactDeep({
            task,
            systemPrompt: described,
            next: "Give a training split to assess few-shot and necessity.",
          }),
        );
      }
      return JSON.stringify(redactDeep(await promptAssessment({ task, train: dataset })));
    },
    { name: "assess_prompt", description: ASSESS_PROMPT_DESCRIPTION, schema: AssessPromptArgs },
  );
}
