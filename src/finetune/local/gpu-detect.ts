/**
 * Which NVIDIA GPUs a machine shows, from nvidia-smi. No nvidia-smi, a failing driver or an empty answer
 * all mean "no GPU": the caller decides whether that is an error.
 */
import { type RunOptions, type RunResult, runCommand } from "./subprocess.js";

export interface Gpu {
  name: string;
  /** Total memory in GiB (nvidia-smi reports MiB). */
  memoryGb: number;
}

export const NVIDIA_SMI_ARGS = ["--query-gpu=name,memory.total", "--format=csv,noheader,nounits"];

/** Runs nvidia-smi somewhere (this machine by default, or a GPU host over SSH). */
export type GpuQuery = (command: string, args: string[]) => Promise<RunResult>;

/** Parses nvidia-smi's CSV lines ("NVIDIA H100 80GB HBM3, 81559"); lines it cannot read are skipped. */
export function parseNvidiaSmi(stdout: string): Gpu[] {
  const gpus: Gpu[] = [];
  for (const line of stdout.split("\n")) {
    const comma = line.lastIndexOf(",");
    if (comma < 0) continue;
    const name = line.slice(0, comma).trim();
    const mib = Number(line.slice(comma + 1).trim());
    if (name && Number.isFinite(mib) && mib > 0)
      gpus.push({ name, memoryGb: Math.round((mib / 1024) * 10) / 10 });
  }
  return gpus;
}

/**
 * GPUs visible on this machine, or through `query` elsewhere. A query that cannot reach its host throws
 * (that is not "no GPU"); nvidia-smi missing here is simply none.
 */
export async function detectGpus(
  options: { query?: GpuQuery; env?: RunOptions["env"] } = {},
): Promise<Gpu[]> {
  const query: GpuQuery =
    options.query ??
    ((command, args) =>
      runCommand(command, args, { env: options.env, timeoutMs: 30_000 }).catch(() => ({
        code: 127,
        stdout: "",
        stderr: "",
      })));
  const result = await query("nvidia-smi", NVIDIA_SMI_ARGS);
  return result.code === 0 ? parseNvidiaSmi(result.stdout) : [];
}
