/**
 * The LangSmith client's anonymizer hooks (`anonymizer`, `hideInputs`, `hideOutputs`, `hideMetadata`),
 * built on the PHI layer's `redactDeep`: every string of a run is redacted before upload.
 */
import { redactDeep } from "../phi/redact-deep.js";

/** For `new Client({ anonymizer, hideInputs, hideOutputs })`: a redacted copy of a run's map. */
export function anonymizePhi<T extends Record<string, unknown>>(values: T): T {
  return asMap(redactDeep(values)) as T;
}

/** An ISO-8601 date-time with a time of day, as the SDK stamps metadata (`example_version`). */
const MACHINE_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * For `hideMetadata`: like `anonymizePhi`, but machine timestamps stay (a run's metadata holds the SDK's
 * `example_version`, which the scanner would otherwise read as a date). Metadata is written by the SDK and
 * by us, never from patient text, so a full date-time there is a clock reading, not a date of service.
 */
export function anonymizeMetadata<T extends Record<string, unknown>>(values: T): T {
  return asMap(redactDeep(values, { keep: (text) => MACHINE_TIMESTAMP.test(text) })) as T;
}

function asMap(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
