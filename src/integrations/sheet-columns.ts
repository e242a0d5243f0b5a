/**
 * The five tracking sheets and their columns. Each column has a kind, so that what may carry text is
 * redacted and what is a timestamp stays one; no column holds free text that could carry PHI.
 */
export const SHEETS = {
  datasets: "Datasets",
  runs: "Fine-Tuning Runs",
  evaluations: "Evaluations",
  regressions: "Regression Tests",
  costs: "Cost Tracking",
} as const;

export type SheetKey = keyof typeof SHEETS;
export type SheetCell = string | number | boolean | null;

/**
 * What a column holds. Every string is redacted; a `timestamp` column also lets an ISO 8601 date or
 * date-time through unchanged (the time a record was made, which the redactor would otherwise read as a
 * DATE identifier). Nothing else is exempt.
 */
export type ColumnKind =
  | "id"
  | "timestamp"
  | "name"
  | "count"
  | "number"
  | "usd"
  | "sha256"
  | "verdict"
  | "summary";

export interface SheetColumn {
  header: string;
  kind: ColumnKind;
}

const col = (header: string, kind: ColumnKind): SheetColumn => ({ header, kind });

export const SHEET_COLUMNS: Record<SheetKey, readonly SheetColumn[]> = {
  datasets: [
    col("Dataset ID", "id"),
    col("Recorded At", "timestamp"),
    col("Name", "name"),
    col("Task", "name"),
    col("Source", "name"),
    col("Train Records", "count"),
    col("Test Records", "count"),
    col("Filtered Records", "count"),
    col("Train Tokens", "count"),
    col("Test Tokens", "count"),
    col("Train SHA-256", "sha256"),
    col("Test SHA-256", "sha256"),
    col("Audit Verdict", "verdict"),
    col("Audit Findings", "count"),
    col("Attestation ID", "id"),
  ],
  runs: [
    col("Run ID", "id"),
    col("Created At", "timestamp"),
    col("Provider", "name"),
    col("Base Model", "name"),
    col("Target", "name"),
    col("Train SHA-256", "sha256"),
    col("Config SHA-256", "sha256"),
    col("Confirmation ID", "id"),
    col("Status", "verdict"),
    col("Job ID", "id"),
    col("Fine-Tuned Model", "name"),
    col("Trained Tokens", "count"),
    col("Updated At", "timestamp"),
  ],
  evaluations: [
    col("Evaluation ID", "id"),
    col("Evaluated At", "timestamp"),
    col("Run ID", "id"),
    col("Model", "name"),
    col("Suite", "name"),
    col("Suite SHA-256", "sha256"),
    col("Task", "name"),
    col("Items", "count"),
    col("Primary Metric", "name"),
    col("Value", "number"),
    col("CI Low", "number"),
    col("CI High", "number"),
    col("Metrics Summary", "summary"),
  ],
  regressions: [
    col("Regression ID", "id"),
    col("Tested At", "timestamp"),
    col("Task", "name"),
    col("Candidate Evaluation", "id"),
    col("Baseline Evaluation", "id"),
    col("Verdict", "verdict"),
    col("Recommendation", "verdict"),
    col("Metrics Passed", "count"),
    col("Metrics Warned", "count"),
    col("Metrics Failed", "count"),
    col("Worst Metric", "name"),
    col("Worst Delta", "number"),
  ],
  costs: [
    col("Entry ID", "id"),
    col("Recorded At", "timestamp"),
    col("Run ID", "id"),
    col("Provider", "name"),
    col("Model", "name"),
    col("Kind", "verdict"),
    col("Tokens", "count"),
    col("GPU Hours", "number"),
    col("USD", "usd"),
    col("Basis", "summary"),
  ],
};

/** The header row of each tab, in column order. */
export const SHEET_HEADERS: Record<SheetKey, readonly string[]> = Object.fromEntries(
  Object.entries(SHEET_COLUMNS).map(([key, columns]) => [key, columns.map((c) => c.header)]),
) as unknown as Record<SheetKey, readonly string[]>;
