/** Every recognizer the scanner runs, one per identifier family. */
import type { Recognizer } from "../candidate.js";
import { LANGUAGE_RECOGNIZERS } from "./group-language.js";
import { NUMBER_RECOGNIZERS } from "./group-numbers.js";

export const RECOGNIZERS: readonly Recognizer[] = [...NUMBER_RECOGNIZERS, ...LANGUAGE_RECOGNIZERS];
