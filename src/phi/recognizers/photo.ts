/**
 * PHOTO: full-face photographs and comparable images. Image data inlined as data URIs (strong), image and
 * DICOM file names (medium with a person or a face near them, weak alone), and phrases that say a picture
 * of the person is there ("photo of the patient", "full-face photograph", "headshot", "photo ID attached").
 * Radiology words without a file ("chest X-ray", "MRI images") are not identifiers.
 */
import type { Candidate, Confidence, Recognizer } from "../candidate.js";
import { CUES, cueSet, cuesOf, textIndex } from "./text-index.js";

/** Inline image data (matched on the lower-case copy). SVG is drawn, not photographed: weak. */
const DATA_URI = /data:image\/([a-z0-9.+-]{1,30});base64,[a-z0-9+/=]*/y;
const PHOTO_CUES = cueSet(CUES.photo);
/** Image extensions at the end of a file name (the name before is read back) and "data:image". */
const FILE_CUES = cueSet(CUES.imageFiles);
const NAME_CHAR = /[\p{L}\p{N}_.~()+-]/u;
/** File names that say who or what is in the picture. */
const PERSON_FILE =
  /face|head|selfie|portrait|photo|profile|passport|licen[cs]e|mugshot|patient|pt[_-]|id[_-]|[_-]id|avatar|headshot|img_\d|dsc_?\d|pxl_\d/iu;
/** Words near a file name that make it a picture of a person. */
const PERSON_CONTEXT =
  /(?<![\p{L}])(?:photo|photos|photograph|photographs|picture|pictures|pic|pics|selfie|headshot|portrait|face|facial|patient|pt|client|member|resident|id|identification|license|licence|passport|badge|attached|attachment|uploaded|upload|image[ \t]of)(?![\p{L}])/iu;
/** Phrases that say a picture of the person is there, matched around a photo cue on the lower-case copy. */
const PHRASE =
  /(?<![a-z])(?:full[ \t-]face[ \t](?:photo(?:graph)?s?|images?|pictures?|portraits?|views?)|head[ \t-]?shots?|selfies?|mug[ \t-]?shots?|passport[ \t-](?:style[ \t])?photos?|(?:facial|patient|identification|profile|id)[ \t]photo(?:graph)?s?|(?:photo(?:graph)?s?|pictures?|images?|video)[ \t](?:of|showing)[ \t](?:the[ \t])?(?:patient|pt|client|member|resident|(?:his|her|their|patient's|pt's)[ \t]face)|photo[ \t]id[ \t](?:attached|enclosed|on[ \t]file|uploaded|scanned|included|copy|image)|(?:copy|scan|image|picture|photo)[ \t]of[ \t](?:the[ \t])?(?:patient's[ \t]|pt's[ \t]|member's[ \t]|his[ \t]|her[ \t]|their[ \t])?(?:photo[ \t]id|driver'?s[ \t]licen[cs]e|passport|id[ \t]card))(?![a-z])/g;

function push(found: Candidate[], start: number, end: number, confidence: Confidence, rule: string): void {
  found.push({ identifier: "PHOTO", start, end, confidence, rule });
}

function fileName(text: string, extensionStart: number, end: number, found: Candidate[]): void {
  let start = extensionStart;
  // Read the name back: letters, digits and _.~()+- (at most 120 characters).
  while (start > 0 && extensionStart - start < 120 && NAME_CHAR.test(text[start - 1]!)) start--;
  // A path or a URL before it is part of the reference: "uploads/pt_4471.jpg".
  while (start > 0 && extensionStart - start < 240 && text[start - 1] === "/") {
    start--;
    while (start > 0 && extensionStart - start < 240 && NAME_CHAR.test(text[start - 1]!)) start--;
  }
  if (start === extensionStart) return;
  const name = text.slice(start, end);
  const dicom = /\.dcm$|\.dicom$/i.test(name);
  const around = `${text.slice(Math.max(0, start - 48), start)} ${text.slice(end, end + 32)}`;
  const person = dicom || PERSON_FILE.test(name) || PERSON_CONTEXT.test(around);
  push(found, start, end, person ? "medium" : "weak", "photo-file");
}

export const photo: Recognizer = {
  name: "photo",
  identifiers: ["PHOTO"],
  scan(text: string, found: Candidate[]): void {
    const index = textIndex(text);
    const { lower } = index;
    for (const cue of cuesOf(index, FILE_CUES)) {
      if (cue.word !== "data:image") {
        fileName(text, cue.start, cue.end, found);
        continue;
      }
      DATA_URI.lastIndex = cue.start;
      const m = DATA_URI.exec(lower);
      if (m !== null)
        push(
          found,
          cue.start,
          DATA_URI.lastIndex,
          m[1]!.startsWith("svg") ? "weak" : "strong",
          "photo-data-uri",
        );
    }
    let done = 0;
    for (const cue of cuesOf(index, PHOTO_CUES)) {
      if (cue.start < done) continue;
      // A phrase may begin a word or two before its cue ("patient photo", "copy of the ... passport").
      const from = Math.max(0, cue.start - 16);
      const window = lower.slice(from, cue.end + 96);
      PHRASE.lastIndex = 0;
      for (let m = PHRASE.exec(window); m !== null; m = PHRASE.exec(window)) {
        const start = from + m.index;
        const end = start + m[0].length;
        if (start <= cue.start && end >= cue.end && end > done) {
          push(found, start, end, "medium", "photo-phrase");
          done = end;
        }
      }
    }
  },
};
