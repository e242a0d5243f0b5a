/**
 * Shapes of the medical code systems a claims export carries: ICD-10-CM diagnoses and CPT / HCPCS
 * Level II procedures. Checks the form of a code only; it does not claim the code exists.
 */

const ICD10CM = /^([A-TV-Z][0-9][0-9AB])\.?([0-9A-TV-Z]{1,4})?$/;
const CPT = /^[0-9]{4}[0-9FTU]$/;
const HCPCS = /^[A-V][0-9]{4}$/;
const MODIFIER = /^[0-9A-Z]{2}$/;

export function splitCodes(cell: string): string[] {
  return cell
    .split(/[;,|\s]+/)
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
}

/** "e119" → "E11.9"; undefined when it is not an ICD-10-CM code. */
export function normalizeIcd10(code: string): string | undefined {
  const m = ICD10CM.exec(code.toUpperCase());
  if (!m) return undefined;
  return m[2] ? `${m[1]}.${m[2]}` : m[1];
}

/** "99213-25" stays; undefined when it is neither CPT nor HCPCS (with an optional 2-character modifier). */
export function normalizeProcedure(code: string): string | undefined {
  const [base = "", modifier, extra] = code.toUpperCase().split("-");
  if (extra !== undefined || !(CPT.test(base) || HCPCS.test(base))) return undefined;
  if (modifier !== undefined && !MODIFIER.test(modifier)) return undefined;
  return modifier ? `${base}-${modifier}` : base;
}
