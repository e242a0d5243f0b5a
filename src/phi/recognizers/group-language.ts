/** The recognizers for identifiers written in words rather than numbers: names, places, dates, biometrics, photos. */
import type { Recognizer } from "../candidate.js";
import { biometric } from "./biometric.js";
import { date } from "./date.js";
import { geographic } from "./geographic.js";
import { name } from "./name.js";
import { photo } from "./photo.js";

export const LANGUAGE_RECOGNIZERS: readonly Recognizer[] = [name, geographic, date, biometric, photo];
