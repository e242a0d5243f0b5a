/**
 * The number- and code-shaped recognizers, in the order their candidates are pushed: where two of them
 * report the same span at the same severity the scanner keeps the first, so the more specific come first
 * (a labelled IMEI is a device, not a card; an NPI-valid number after "phone" is a phone).
 */
import type { Recognizer } from "../candidate.js";
import { accountRecognizer } from "./account.js";
import { deviceRecognizer } from "./device.js";
import { emailRecognizer } from "./email.js";
import { healthPlanRecognizer } from "./health-plan.js";
import { ipRecognizer } from "./ip.js";
import { licenseRecognizer } from "./license.js";
import { mrnRecognizer } from "./mrn.js";
import { otherIdRecognizer } from "./other-id.js";
import { phoneRecognizer } from "./phone.js";
import { ssnRecognizer } from "./ssn.js";
import { urlRecognizer } from "./url.js";
import { vehicleRecognizer } from "./vehicle.js";

export const NUMBER_RECOGNIZERS: readonly Recognizer[] = [
  emailRecognizer,
  urlRecognizer,
  ipRecognizer,
  ssnRecognizer,
  mrnRecognizer,
  healthPlanRecognizer,
  phoneRecognizer,
  deviceRecognizer,
  vehicleRecognizer,
  licenseRecognizer,
  accountRecognizer,
  otherIdRecognizer,
];
