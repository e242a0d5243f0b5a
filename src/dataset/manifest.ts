/**
 * `dataset.json`: what a prepared dataset is, where it came from and the SHA-256 of each file. Holds no
 * time stamp and no machine path, so the same inputs give a byte-identical manifest.
 */
import type { Task } from "./chat.js";
import type { EncodingName } from "./models.js";
import type { Summary } from "./summary.js";

export type SourceInfo =
  | { kind: "synthetic"; examples: number; seed: number; generatorVersion: string }
  | {
      kind: "claims-csv" | "documents-csv" | "chat-jsonl";
      file: string;
      sha256: string;
      minQuality?: number;
    };

export interface FileInfo {
  sha256: string;
  bytes: number;
  records?: number;
}

export interface DatasetManifest {
  name: string;
  task: Task;
  source: SourceInfo;
  systemPrompt: { origin: string; sha256: string };
  split: { testFraction: number; seed: number; stratifiedBy: string };
  counts: { total: number; train: number; test: number; filtered: number };
  labels: { train: Record<string, number>; test: Record<string, number> };
  tokens: { model: string; encoding: EncodingName; train: Summary; test: Summary };
  files: Record<string, FileInfo>;
}

export const STRATIFIED_BY: Record<Task, string> = {
  claims: "decision",
  scribe: "document_type",
  companion: "topic",
};
