/**
 * The synthetic data of every task must pass the audit: no identifier of any family at HIGH or CRITICAL in
 * any message, for two seeds, through the whole scanner (all recognizers, allow-list, overlap resolution).
 */
import { describe, expect, it } from "vitest";
import { TASKS } from "../../src/dataset/chat.js";
import { defaultSystemPromptName, synthesize } from "../../src/dataset/synthetic/index.js";
import { scanText } from "../../src/phi/scanner.js";
import { loadPrompt } from "../../src/prompts/load.js";

describe("synthetic datasets pass the scanner", () => {
  it.each(TASKS.flatMap((task) => [1, 20260101].map((seed) => [task, seed] as const)))(
    "%s, seed %i: 2,000 examples, no HIGH or CRITICAL finding in any message",
    (task, seed) => {
      const failures: string[] = [];
      let messages = 0;
      for (const example of synthesize(task, 2000, seed, loadPrompt(defaultSystemPromptName(task))))
        for (const { content } of example.record.messages) {
          const text = content ?? "";
          messages++;
          for (const f of scanText(text))
            if (f.severity === "HIGH" || f.severity === "CRITICAL")
              failures.push(
                `${f.identifier} ${f.rule}: ${JSON.stringify(text.slice(f.start - 30, f.end + 10))}`,
              );
        }
      expect(messages).toBe(2000 * 3);
      expect(failures.slice(0, 20)).toEqual([]);
    },
  );
});
