/**
 * Progress on stderr for long work: a live bar (cli-progress) on a terminal, nothing on a pipe or in CI
 * so logs stay clean.
 */
import cliProgress from "cli-progress";

export interface Progress {
  update(stage: string, done: number, total: number): void;
  stop(): void;
}

export function createProgress(enabled = Boolean(process.stderr.isTTY) && !process.env.CI): Progress {
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    { format: "{stage} [{bar}] {percentage}% | {value}/{total}", stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(stage, done, total) {
      if (!started) {
        bar.start(total, done, { stage });
        started = true;
      }
      bar.setTotal(total);
      bar.update(done, { stage });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
