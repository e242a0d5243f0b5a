/**
 * Progress on stderr for long work: a live bar (cli-progress) on a terminal, nothing on a pipe or in CI
 * so logs stay clean. The ETA is our own: remaining units at the rate seen since the bar started, shown
 * only once there is a rate to go on (a training job is often first seen mid-way).
 */
import cliProgress from "cli-progress";

export interface Progress {
  update(stage: string, done: number, total: number): void;
  stop(): void;
}

/** "45s", "12m 05s", "3h 20m". */
export function formatEta(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

export function createProgress(enabled = Boolean(process.stderr.isTTY) && !process.env.CI): Progress {
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      format: "{stage} [{bar}] {percentage}% | {value}/{total}{eta}",
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let first: { at: number; done: number } | undefined;
  const eta = (done: number, total: number): string => {
    if (!first || done <= first.done || done >= total) return "";
    const perUnit = (Date.now() - first.at) / 1000 / (done - first.done);
    return ` | ETA ${formatEta((total - done) * perUnit)}`;
  };
  return {
    update(stage, done, total) {
      if (!first) {
        first = { at: Date.now(), done };
        bar.start(total, done, { stage, eta: "" });
      }
      bar.setTotal(total);
      bar.update(done, { stage, eta: eta(done, total) });
    },
    stop() {
      if (first) bar.stop();
    },
  };
}
