/**
 * Errors meant for people. Each kind maps to one exit code of the CLI contract (DESIGN.md):
 * 2 bad input or usage, 3 a gate said no, 4 an external service failed, 1 anything else.
 */

/** One precise problem in a user's input: where it is and what was expected. */
export interface InputProblem {
  file?: string;
  line?: number;
  field?: string;
  message: string;
}

export function formatProblem(p: InputProblem): string {
  const where = [p.file, p.line === undefined ? undefined : String(p.line)].filter(Boolean).join(":");
  if (!where) return p.field ? `${p.field}: ${p.message}` : p.message;
  return `${where}${p.field ? ` [${p.field}]` : ""}: ${p.message}`;
}

export class CftError extends Error {
  readonly exitCode: number = 1;
  readonly code: string = "error";
  /** A sentence telling the user what to do about it. */
  readonly hint: string | undefined;
  constructor(message: string, options?: { hint?: string; cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.name = new.target.name;
    this.hint = options?.hint;
  }
  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, ...(this.hint ? { hint: this.hint } : {}) };
  }
}

/** Bad input or usage (exit 2). Carries every problem found, not only the first. */
export class InputError extends CftError {
  override readonly exitCode = 2;
  override readonly code = "bad_input";
  readonly problems: InputProblem[];
  /** How many problems were found in all (problems may be capped). */
  readonly total: number;
  constructor(
    message: string,
    problems: InputProblem[] = [],
    options?: { hint?: string; total?: number; cause?: unknown },
  ) {
    super(message, options);
    this.problems = problems;
    this.total = options?.total ?? problems.length;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), problems: this.problems, totalProblems: this.total };
  }
}

/** A gate said no (exit 3): audit FAIL, regression FAIL, missing attestation or confirmation. */
export class GateError extends CftError {
  override readonly exitCode = 3;
  override readonly code = "gate_refused";
}

/** An external service failed (exit 4). */
export class ServiceError extends CftError {
  override readonly exitCode = 4;
  override readonly code = "service_failed";
}

/** Collects input problems up to a cap, counting the ones past it. */
export class ProblemList {
  readonly items: InputProblem[] = [];
  total = 0;
  constructor(readonly cap = 50) {}
  add(p: InputProblem): void {
    this.total++;
    if (this.items.length < this.cap) this.items.push(p);
  }
  get empty(): boolean {
    return this.total === 0;
  }
  /** Throws an InputError listing the problems, if there are any. */
  throwIfAny(message: string, hint?: string): void {
    if (this.empty) return;
    const more = this.total > this.items.length ? ` (first ${this.items.length} of ${this.total} shown)` : "";
    // Stable sort by line: streaming parsers may report a malformed row before the rows ahead of it.
    const items = [...this.items].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    throw new InputError(`${message}${more}`, items, { total: this.total, hint });
  }
}
