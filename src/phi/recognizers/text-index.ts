/**
 * What the language recognizers (name, place, date, biometric, photo) need from a scanned string, found in
 * three passes and shared, since the scanner runs them one after another on the same string. In V8 every
 * pass of an expression with word alternatives costs about as much as any other (~2-3 ms per MB), so the
 * recognizers look up what they need here instead of each running their own:
 * - `lower`: a lower-case copy with the same offsets;
 * - `capStart`/`capEnd`: the capitalized words, where names, places, months and facility names begin;
 * - `cueStart`/`cueWord`: cue words found case-insensitively (spoken cues before names, months, age
 *   words, biometric modalities, photo words, ZIP and PO box words);
 * - `colons`: the colons, where labels end.
 */

export interface TextIndex {
  text: string;
  lower: string;
  capStart: number[];
  capEnd: number[];
  cueStart: number[];
  /** The cue as matched in `lower`, runs of spaces and tabs as they are. */
  cueWord: string[];
  colons: number[];
}

const L = "A-Za-zÀ-ÖØ-öø-ÿ";
/** A capitalized word: an upper-case letter that starts a word, then letters, apostrophes and hyphens. */
const CAP = new RegExp(`(?<![${L}0-9_'’-])[A-ZÀ-ÖØ-Þ][${L}'’-]{0,40}`, "g");

/** Cue words ("|"-separated), grouped by their user. A space matches a space or a tab. */
export const CUES = {
  spoken:
    "my|our|your|this is|it's|it’s|its|i'm|i’m|i am|name is|named|called|hi|hello|hey|dear|thanks|thank you",
  months:
    "jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december",
  ages: "age|aged|ages|ninety|nonagenarian|centenarian|supercentenarian|hundred",
  biometric:
    "finger|fingerprint|fingerprints|thumb|thumbprint|voice|voiceprint|face|faceprint|facial|palm|palmprint|hand|keystroke|minutiae|retina|retinal|iris|gait|vein|biometric|biometrics",
  photo:
    "photo|photos|photograph|photographs|picture|pictures|image|images|video|selfie|selfies|headshot|headshots|head shot|mugshot|mug shot|passport|full-face|full face|copy of|scan of",
  /** Image files and inline image data: ".jpg" after a file name, "data:image" (a URI follows). */
  imageFiles:
    ".jpg|.jpeg|.jfif|.png|.heic|.heif|.gif|.bmp|.tif|.tiff|.webp|.dcm|.dicom|.raw|.cr2|.nef|.dng|data:image",
  geographic: "zip|postal|box|pob",
};

const escapeCue = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&").replace(/ /g, "[ \\t]{1,3}");

/**
 * One expression for all cue words, as a one-level trie (alternatives grouped by first letter, longest
 * first): V8 tries alternatives one by one, so grouping them makes the pass several times faster. A word
 * must not follow a letter or a digit; that character is matched rather than looked behind at, which V8
 * scans almost twice as fast. Extensions (".jpg") follow a file name, so they have a branch of their own.
 */
function cueExpression(): RegExp {
  const words = new Set<string>();
  const extensions: string[] = [];
  for (const list of Object.values(CUES))
    for (const w of list.split("|")) {
      if (w.startsWith(".")) extensions.push(w);
      else words.add(w);
    }
  const groups = new Map<string, string[]>();
  for (const w of words) groups.set(w[0]!, [...(groups.get(w[0]!) ?? []), w]);
  const branches = [...groups].map(([first, ws]) => {
    const rests = ws.sort((a, b) => b.length - a.length).map((w) => escapeCue(w.slice(1)));
    return `${escapeCue(first)}(?:${rests.join("|")})`;
  });
  const ext = extensions.sort((a, b) => b.length - a.length).map((e) => escapeCue(e.slice(1)));
  return new RegExp(
    `(?:^|[^a-z0-9])(?:${branches.join("|")})(?![a-z0-9])|\\.(?:${ext.join("|")})(?![a-z0-9])`,
    "g",
  );
}

const CUE = cueExpression();

let last: TextIndex | undefined;

/** The lower-case copy, character for character ("İ" stays as it is rather than growing to two). */
function lowerAligned(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = "";
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

/** The index of TEXT; the last one is kept, so recognizers scanning the same string share it. */
export function textIndex(text: string): TextIndex {
  if (last !== undefined && last.text === text) return last;
  const lower = lowerAligned(text);
  const index: TextIndex = { text, lower, capStart: [], capEnd: [], cueStart: [], cueWord: [], colons: [] };
  CAP.lastIndex = 0;
  for (let m = CAP.exec(text); m !== null; m = CAP.exec(text)) {
    index.capStart.push(m.index);
    index.capEnd.push(m.index + m[0].length);
  }
  CUE.lastIndex = 0;
  for (let m = CUE.exec(lower); m !== null; m = CUE.exec(lower)) {
    // Drop the character matched before the word (not before an extension, which follows a name).
    const c = m[0].charCodeAt(0);
    const skip = c !== 46 && (c < 97 || c > 122) ? 1 : 0;
    index.cueStart.push(m.index + skip);
    index.cueWord.push(skip === 1 ? m[0].slice(1) : m[0]);
  }
  for (let at = text.indexOf(":"); at !== -1; at = text.indexOf(":", at + 1)) index.colons.push(at);
  last = index;
  return index;
}

export interface Cue {
  start: number;
  end: number;
  /** The cue in lower case, with single spaces. */
  word: string;
}

/** The cues of INDEX whose word is in WORDS (from cueSet). */
export function cuesOf(index: TextIndex, words: ReadonlySet<string>): Cue[] {
  const out: Cue[] = [];
  for (let i = 0; i < index.cueStart.length; i++) {
    const raw = index.cueWord[i]!;
    const word =
      raw.length > 4 && (raw.includes("\t") || raw.includes("  ")) ? raw.replace(/[ \t]+/g, " ") : raw;
    if (words.has(word)) out.push({ start: index.cueStart[i]!, end: index.cueStart[i]! + raw.length, word });
  }
  return out;
}

/** The cue words of one user (a list of CUES), for cuesOf. */
export function cueSet(list: string): ReadonlySet<string> {
  return new Set(list.split("|"));
}
