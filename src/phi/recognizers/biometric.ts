/**
 * BIOMETRIC: finger, voice, face, palm, retina, iris, vein and gait identifiers and references to their
 * templates ("fingerprint ID", "voiceprint on file", "retinal scan template 88AF3C…", "biometric hash: …").
 * Clinical exams of the same organs ("retinal exam normal", "iris intact", "gait steady") are not
 * identifiers: retina, iris, face, gait and "biometric" count only with an identifier word or a code.
 */
import type { Candidate, Confidence, Recognizer } from "../candidate.js";
import { CUES, cueSet, cuesOf, textIndex } from "./text-index.js";

/**
 * Group 1: modalities that are identifiers by themselves (a fingerprint is one), and organ words with a
 * biometric noun ("palm vein pattern", "iris scan"): a code may follow them directly;
 * group 2: bare organs and "biometric", clinical unless an identifier word follows ("face" is also a photo's).
 */
const ANCHOR =
  /(?:((?:finger|thumb|voice|face|palm)[ \t-]?prints?|(?:hand|face|facial)[ \t]geometry|keystroke[ \t]dynamics|minutiae|(?:retinal?|iris|facial|face|gait|palm[ \t]vein|vein|voice|biometric)[ \t](?:scan|recognition|pattern|print|signature))|(retinal?|iris|facial|face|gait|vein|voice|biometrics?))(?![a-z])/y;
const BIOMETRIC_CUES = cueSet(CUES.biometric);
/** Identifier words right after the anchor (within two words): for any anchor. */
const ID_WORD =
  /^[ \t:,-]{0,3}(?:\p{L}{1,12}[ \t])?(?:\p{L}{1,12}[ \t])?(?:id|ids|identifier|identifiers|template|templates|hash|hashes|signature|on[ \t]file|enrolled|enrollment|enrolment|token|key|code|match|matched|verification|authentication|login|unlock)(?![\p{L}])/iu;
/** Weaker identifier words, enough after a fingerprint or a voiceprint ("fingerprint record"), not after "biometric". */
const RECORD_WORD =
  /^[ \t:,-]{0,3}(?:\p{L}{1,12}[ \t])?(?:record|records|captured|stored|sample|samples|data|scan|scanned|taken|collected)(?![\p{L}])/iu;
/**
 * A code a few words after the anchor: after ":", "#" or "=", or a token that looks like a machine value
 * (long hex, 6+ digits, or 6+ characters mixing letters and digits: "PV-231368", "88AF3C9D").
 */
const CODE =
  /^[^\n]{0,40}?[:#=][ \t]{0,2}([A-Za-z0-9+/_=-]{6,512})|^[^\n]{0,40}?(?<![\p{L}\p{N}])([A-Fa-f0-9]{12,512}|[0-9]{6,64}|(?=[A-Za-z0-9+/=_-]{0,64}\d)(?=[A-Za-z0-9+/=_-]{0,64}[A-Za-z])[A-Za-z0-9][A-Za-z0-9+/=_-]{5,200})(?![\p{L}\p{N}])/u;
const PRINT = /print|geometry|dynamics|minutiae/i;
const FILE_EXTENSION = /^\.[A-Za-z]{2,5}(?![\p{L}])/u;
/** A value right after an identifier word: "fingerprint ID 4471-A". */
const VALUE_AFTER = /^[ \t]{0,2}[:#=]?[ \t]{0,2}([A-Za-z0-9][A-Za-z0-9+/=_-]{3,511})(?![\p{L}\p{N}])/u;
/** Clinical context that makes an organ word an exam ("retinal exam", "gait steady", "facial droop"). */
const CLINICAL_AFTER =
  /^[ \t]{0,2}(?:exam|examination|normal|intact|droop|drooping|symmetric|symmetry|palsy|nerve|weakness|steady|unsteady|stable|ataxic|antalgic|abnormal|hemorrhage|detachment|thickness|screening|measurements?)(?![\p{L}])/iu;

function push(found: Candidate[], start: number, end: number, confidence: Confidence, rule: string): void {
  found.push({ identifier: "BIOMETRIC", start, end, confidence, rule });
}

export const biometric: Recognizer = {
  name: "biometric",
  identifiers: ["BIOMETRIC"],
  scan(text: string, found: Candidate[]): void {
    const index = textIndex(text);
    let done = 0;
    for (const cue of cuesOf(index, BIOMETRIC_CUES)) {
      if (cue.start < done) continue;
      ANCHOR.lastIndex = cue.start;
      const m = ANCHOR.exec(index.lower);
      if (m === null) continue;
      done = anchor(text, cue.start, cue.start + m[0].length, m[1], found);
    }
  },
};

/** What follows an anchor word: a code (strong), an identifier word (medium), nothing (weak or nothing). */
function anchor(
  text: string,
  start: number,
  end: number,
  modality: string | undefined,
  found: Candidate[],
): number {
  const after = text.slice(end, end + 80);
  if (CLINICAL_AFTER.test(after)) return end;
  const code = modality !== undefined ? CODE.exec(after) : null;
  // A code must look like a machine value (digits in it), and not be a file name ("IMG_0306.jpg").
  const value = code?.[1] ?? code?.[2];
  if (code && value !== undefined && /\d/.test(value) && !FILE_EXTENSION.test(after.slice(code[0].length))) {
    push(found, start, end + code.index + code[0].length, "strong", "biometric-value");
    return end + code[0].length;
  }
  // A reference to a stored template is an identifier held elsewhere: medium; a bare mention is weak.
  const id = ID_WORD.exec(after) ?? (modality !== undefined ? RECORD_WORD.exec(after) : null);
  const idValue = id ? VALUE_AFTER.exec(after.slice(id[0].length)) : null;
  if (
    id &&
    idValue &&
    /\d/.test(idValue[1]!) &&
    !FILE_EXTENSION.test(after.slice(id[0].length + idValue[0].length))
  ) {
    push(found, start, end + id[0].length + idValue[0].length, "strong", "biometric-value");
    return end + id[0].length + idValue[0].length;
  }
  if (id) push(found, start, end + id[0].length, "medium", "biometric-reference");
  // "fingerprint" alone is a weak sign; "retinal scan" alone is usually an exam.
  else if (modality !== undefined && PRINT.test(modality))
    push(found, start, end, "weak", "biometric-mention");
  return end;
}
