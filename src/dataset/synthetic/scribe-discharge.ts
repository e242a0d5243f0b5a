/**
 * Clinical building blocks for synthetic discharge summaries: eight common admissions, each with findings,
 * treatments, responses, discharge medications ([document form, spoken form]), follow-up and instructions.
 */
import type { Med } from "./scribe-soap.js";

export interface DischargeCase {
  presentation: string;
  dx: string;
  ages?: readonly [number, number];
  stay: readonly [number, number];
  findings: readonly string[];
  treatments: readonly string[];
  response: readonly string[];
  procedures: readonly string[];
  meds: readonly Med[];
  followUp: readonly string[];
  instructions: readonly string[];
}

export const DISCHARGE_CASES: readonly DischargeCase[] = [
  {
    presentation: "fever, productive cough and shortness of breath",
    dx: "J18.9",
    stay: [2, 6],
    findings: [
      "chest X-ray showed right lower lobe consolidation",
      "chest X-ray showed left lower lobe infiltrate",
    ],
    treatments: ["IV ceftriaxone and azithromycin", "supplemental oxygen by nasal cannula", "IV fluids"],
    response: [
      "fever resolved and oxygen was weaned to room air",
      "cough improved and oxygen saturation stayed above 94 percent on room air",
    ],
    procedures: [],
    meds: [
      [
        "Amoxicillin-clavulanate 875 mg by mouth twice daily to complete the antibiotic course",
        "amoxicillin clavulanate 875 milligrams twice a day to finish the antibiotic course",
      ],
      [
        "Acetaminophen 650 mg by mouth every 6 hours as needed for fever",
        "acetaminophen 650 milligrams every 6 hours as needed for fever",
      ],
    ],
    followUp: ["primary care", "repeat chest X-ray in 6 weeks"],
    instructions: [
      "return for worsening shortness of breath",
      "finish all antibiotics",
      "use the incentive spirometer",
    ],
  },
  {
    presentation: "worsening shortness of breath and leg swelling",
    dx: "I50.9",
    ages: [50, 89],
    stay: [3, 7],
    findings: [
      "BNP was elevated",
      "chest X-ray showed pulmonary vascular congestion",
      "echocardiogram showed reduced ejection fraction",
    ],
    treatments: ["IV furosemide", "fluid restriction", "daily weights"],
    response: ["net fluid loss and improved breathing", "leg swelling improved and weight came down"],
    procedures: ["transthoracic echocardiogram"],
    meds: [
      ["Furosemide 40 mg by mouth once daily", "furosemide 40 milligrams once a day"],
      ["Metoprolol succinate 25 mg by mouth once daily", "metoprolol succinate 25 milligrams once a day"],
      ["Lisinopril 5 mg by mouth once daily", "lisinopril 5 milligrams once a day"],
    ],
    followUp: ["cardiology", "primary care", "basic metabolic panel in 1 week"],
    instructions: [
      "weigh yourself every morning",
      "call for weight gain of more than 3 pounds in a day",
      "limit salt and fluids",
    ],
  },
  {
    presentation: "increased cough, wheezing and sputum",
    dx: "J44.1",
    ages: [45, 89],
    stay: [2, 5],
    findings: ["chest X-ray without pneumonia", "blood gas showed mild hypercapnia"],
    treatments: ["nebulized albuterol and ipratropium", "oral prednisone", "doxycycline"],
    response: [
      "wheezing improved and oxygen was weaned to baseline",
      "able to walk the hallway without desaturation",
    ],
    procedures: [],
    meds: [
      [
        "Prednisone 40 mg by mouth once daily to complete 5 days",
        "prednisone 40 milligrams once a day to complete 5 days",
      ],
      [
        "Albuterol inhaler 2 puffs every 4 hours as needed",
        "albuterol inhaler 2 puffs every 4 hours as needed",
      ],
      ["Tiotropium inhaler once daily", "tiotropium inhaler once a day"],
    ],
    followUp: ["pulmonology", "primary care"],
    instructions: [
      "smoking cessation resources given",
      "use inhalers as directed",
      "return for worsening breathing",
    ],
  },
  {
    presentation: "spreading redness, warmth and pain of the right lower leg",
    dx: "L03.115",
    stay: [2, 5],
    findings: ["ultrasound negative for deep vein thrombosis", "WBC was elevated on admission"],
    treatments: ["IV cefazolin", "leg elevation"],
    response: ["redness receded from the marked border", "fever resolved and pain improved"],
    procedures: ["lower extremity venous ultrasound"],
    meds: [
      [
        "Cephalexin 500 mg by mouth 4 times daily to complete the course",
        "cephalexin 500 milligrams 4 times a day to finish the course",
      ],
    ],
    followUp: ["primary care", "wound check"],
    instructions: ["keep the leg elevated", "return for fever or spreading redness"],
  },
  {
    presentation: "right lower quadrant abdominal pain",
    dx: "K35.80",
    ages: [18, 70],
    stay: [1, 3],
    findings: ["CT showed acute appendicitis without perforation"],
    treatments: ["IV antibiotics", "laparoscopic appendectomy"],
    response: [
      "tolerated a regular diet and pain was controlled on oral medication",
      "ambulating without difficulty",
    ],
    procedures: ["laparoscopic appendectomy"],
    meds: [
      [
        "Acetaminophen 1000 mg by mouth every 8 hours as needed for pain",
        "acetaminophen 1000 milligrams every 8 hours as needed for pain",
      ],
      [
        "Ibuprofen 600 mg by mouth every 6 hours as needed with food",
        "ibuprofen 600 milligrams every 6 hours as needed with food",
      ],
    ],
    followUp: ["general surgery clinic"],
    instructions: [
      "no lifting over 10 pounds for 2 weeks",
      "keep incisions clean and dry",
      "return for fever or wound redness",
    ],
  },
  {
    presentation: "palpitations and lightheadedness",
    dx: "I48.91",
    ages: [50, 89],
    stay: [1, 4],
    findings: ["ECG showed atrial fibrillation with rapid ventricular response", "TSH was normal"],
    treatments: ["IV diltiazem for rate control", "started on anticoagulation"],
    response: ["heart rate controlled below 100 on oral medication", "palpitations resolved"],
    procedures: ["transthoracic echocardiogram"],
    meds: [
      [
        "Diltiazem extended release 180 mg by mouth once daily",
        "diltiazem extended release 180 milligrams once a day",
      ],
      ["Apixaban 5 mg by mouth twice daily", "apixaban 5 milligrams twice a day"],
    ],
    followUp: ["cardiology", "primary care"],
    instructions: ["report any bleeding", "do not stop the blood thinner without talking to the care team"],
  },
  {
    presentation: "fever, flank pain and painful urination",
    dx: "N39.0",
    stay: [2, 4],
    findings: ["urinalysis consistent with infection", "urine culture grew E. coli sensitive to ceftriaxone"],
    treatments: ["IV ceftriaxone", "IV fluids"],
    response: ["fever resolved and tolerating oral intake", "flank pain resolved"],
    procedures: [],
    meds: [
      [
        "Cefpodoxime 200 mg by mouth twice daily to complete 10 days",
        "cefpodoxime 200 milligrams twice a day to complete 10 days",
      ],
    ],
    followUp: ["primary care"],
    instructions: ["drink plenty of fluids", "return for fever or vomiting"],
  },
  {
    presentation: "sudden weakness of the right hand that resolved within an hour",
    dx: "G45.9",
    ages: [50, 89],
    stay: [1, 3],
    findings: [
      "MRI brain without acute infarct",
      "carotid ultrasound without significant stenosis",
      "LDL was elevated",
    ],
    treatments: ["aspirin and high-intensity statin", "telemetry monitoring"],
    response: ["no recurrent symptoms", "neurologic exam normal at discharge"],
    procedures: ["MRI brain", "carotid ultrasound"],
    meds: [
      ["Aspirin 81 mg by mouth once daily", "aspirin 81 milligrams once a day"],
      ["Atorvastatin 80 mg by mouth once daily", "atorvastatin 80 milligrams once a day"],
    ],
    followUp: ["neurology", "primary care"],
    instructions: ["call 911 for new weakness, numbness or trouble speaking", "blood pressure log at home"],
  },
];
