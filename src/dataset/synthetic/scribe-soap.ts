/**
 * Clinical building blocks for synthetic SOAP notes: twelve common outpatient presentations. Every phrase reads
 * the same in the dictation and in the finished note, so the note holds exactly what was dictated.
 * Medications are [document form, spoken form].
 */
import type { Sex } from "./codes.js";

export type Med = readonly [string, string];
export type Unit = "day" | "week" | "month";

export interface SoapCase {
  complaint: string;
  dx: string;
  sex?: Sex;
  ages?: readonly [number, number];
  onset: readonly [Unit, number, number];
  context: readonly string[];
  symptoms: readonly string[];
  negatives: readonly string[];
  exam: readonly string[];
  meds: readonly Med[];
  plan: readonly string[];
  followUp: readonly [Unit, number, number];
  febrile?: boolean;
  /** A follow-up visit: the interval is time since the last visit, not since onset. */
  lastSeen?: boolean;
}

export const SOAP_CASES: readonly SoapCase[] = [
  {
    complaint: "low back pain",
    dx: "M54.50",
    onset: ["day", 3, 20],
    context: ["after lifting boxes", "after yard work", "after a long drive", "with no clear trigger"],
    symptoms: ["stiffness in the morning", "pain worse with bending", "pain that improves with walking"],
    negatives: ["leg numbness", "leg weakness", "bowel or bladder changes", "fever"],
    exam: [
      "tenderness over the lumbar paraspinal muscles",
      "straight leg raise negative on both sides",
      "strength 5 of 5 in both legs",
      "gait normal",
    ],
    meds: [
      [
        "Naproxen 500 mg by mouth twice daily with food for 10 days",
        "naproxen 500 milligrams twice a day with food for 10 days",
      ],
      [
        "Ibuprofen 600 mg by mouth every 8 hours as needed with food",
        "ibuprofen 600 milligrams every 8 hours as needed with food",
      ],
    ],
    plan: [
      "referral to physical therapy",
      "heat and gentle stretching at home",
      "stay active and avoid bed rest",
    ],
    followUp: ["week", 2, 6],
  },
  {
    complaint: "sore throat",
    dx: "J02.9",
    onset: ["day", 1, 6],
    context: ["after a sick contact at home", "with no known sick contacts"],
    symptoms: ["pain with swallowing", "mild headache", "fatigue"],
    negatives: ["cough", "trouble breathing", "drooling", "rash"],
    exam: [
      "mild pharyngeal erythema without exudate",
      "no tonsillar swelling",
      "no cervical lymphadenopathy",
      "lungs clear",
    ],
    meds: [
      [
        "Acetaminophen 650 mg by mouth every 6 hours as needed",
        "acetaminophen 650 milligrams every 6 hours as needed",
      ],
      [
        "Ibuprofen 400 mg by mouth every 6 hours as needed with food",
        "ibuprofen 400 milligrams every 6 hours as needed with food",
      ],
    ],
    plan: [
      "rapid strep test negative, no antibiotics",
      "warm salt water gargles",
      "fluids and rest",
      "return if unable to swallow liquids",
    ],
    followUp: ["week", 1, 2],
  },
  {
    complaint: "sinus congestion and facial pressure",
    dx: "J01.90",
    onset: ["day", 10, 20],
    context: ["after a cold", "that got worse after initially improving"],
    symptoms: ["thick nasal discharge", "pressure over the cheeks", "reduced sense of smell"],
    negatives: ["vision changes", "neck stiffness", "high fever"],
    exam: [
      "tenderness over the maxillary sinuses",
      "nasal mucosa swollen with purulent discharge",
      "tympanic membranes normal",
    ],
    meds: [
      [
        "Amoxicillin-clavulanate 875 mg by mouth twice daily for 7 days",
        "amoxicillin clavulanate 875 milligrams twice a day for 7 days",
      ],
      [
        "Fluticasone nasal spray 2 sprays in each nostril once daily",
        "fluticasone nasal spray 2 sprays each nostril once a day",
      ],
    ],
    plan: ["saline nasal irrigation twice daily", "fluids and rest", "return if symptoms worsen"],
    followUp: ["week", 1, 3],
    febrile: true,
  },
  {
    complaint: "follow-up of high blood pressure",
    dx: "I10",
    ages: [30, 89],
    onset: ["month", 3, 11],
    context: ["on current medication", "with home readings mostly in the 140s"],
    lastSeen: true,
    symptoms: ["occasional mild headaches", "good adherence to medication"],
    negatives: ["chest pain", "shortness of breath", "vision changes", "leg swelling"],
    exam: ["regular rate and rhythm, no murmur", "lungs clear", "no lower leg edema"],
    meds: [
      ["Increase lisinopril to 20 mg by mouth once daily", "increase lisinopril to 20 milligrams once a day"],
      ["Start amlodipine 5 mg by mouth once daily", "start amlodipine 5 milligrams once a day"],
    ],
    plan: ["basic metabolic panel in 2 weeks", "reduce salt intake", "keep a home blood pressure log"],
    followUp: ["week", 4, 8],
  },
  {
    complaint: "follow-up of type 2 diabetes",
    dx: "E11.65",
    ages: [30, 89],
    onset: ["month", 3, 11],
    context: ["on metformin", "with home fasting sugars in the 160s to 190s"],
    lastSeen: true,
    symptoms: ["increased thirst", "frequent urination", "trouble keeping to the meal plan"],
    negatives: ["foot numbness", "vision changes", "low blood sugar episodes"],
    exam: ["monofilament sensation intact in both feet", "no foot ulcers", "regular rate and rhythm"],
    meds: [
      [
        "Increase metformin to 1000 mg by mouth twice daily with meals",
        "increase metformin to 1000 milligrams twice a day with meals",
      ],
      ["Start empagliflozin 10 mg by mouth once daily", "start empagliflozin 10 milligrams once a day"],
    ],
    plan: ["hemoglobin A1c and lipid panel today", "referral to diabetes education", "annual eye exam"],
    followUp: ["month", 3, 3],
  },
  {
    complaint: "right ankle pain",
    dx: "S93.401A",
    ages: [18, 70],
    onset: ["day", 1, 5],
    context: [
      "after rolling the ankle playing basketball",
      "after stepping off a curb",
      "after a misstep on stairs",
    ],
    symptoms: ["swelling on the outside of the ankle", "pain with walking"],
    negatives: ["numbness", "inability to bear weight", "pain at the base of the fifth metatarsal"],
    exam: [
      "swelling and tenderness over the anterior talofibular ligament",
      "no bony tenderness at the malleoli",
      "able to bear weight for four steps",
      "distal pulses intact",
    ],
    meds: [
      [
        "Ibuprofen 400 mg by mouth every 6 hours as needed with food",
        "ibuprofen 400 milligrams every 6 hours as needed with food",
      ],
    ],
    plan: [
      "no X-ray needed by ankle injury decision rules",
      "rest, ice, compression and elevation",
      "lace-up ankle brace",
      "home range of motion exercises",
    ],
    followUp: ["week", 2, 3],
  },
  {
    complaint: "burning with urination",
    dx: "N39.0",
    sex: "female",
    onset: ["day", 1, 4],
    context: ["with no prior similar episodes", "similar to an infection a year ago"],
    symptoms: ["urinary frequency", "urgency", "mild lower abdominal discomfort"],
    negatives: ["fever", "flank pain", "vaginal discharge", "nausea"],
    exam: [
      "mild suprapubic tenderness",
      "no costovertebral angle tenderness",
      "abdomen soft",
      "urine dipstick positive for leukocyte esterase and nitrites",
    ],
    meds: [
      [
        "Nitrofurantoin 100 mg by mouth twice daily for 5 days",
        "nitrofurantoin 100 milligrams twice a day for 5 days",
      ],
    ],
    plan: ["urine culture sent", "increase fluids", "return for fever or flank pain"],
    followUp: ["week", 1, 2],
  },
  {
    complaint: "recurring headaches",
    dx: "G43.909",
    ages: [18, 65],
    onset: ["month", 2, 10],
    context: ["about twice a month", "often with poor sleep"],
    symptoms: ["one-sided throbbing pain", "sensitivity to light", "nausea during attacks"],
    negatives: ["weakness", "vision loss", "worst headache of life", "fever"],
    exam: ["cranial nerves intact", "normal strength and sensation", "fundi normal", "neck supple"],
    meds: [
      [
        "Sumatriptan 50 mg by mouth at onset, may repeat once after 2 hours",
        "sumatriptan 50 milligrams at onset, may repeat once after 2 hours",
      ],
    ],
    plan: ["headache diary", "regular sleep and meals", "limit pain relievers to fewer than 10 days a month"],
    followUp: ["week", 6, 10],
  },
  {
    complaint: "heartburn",
    dx: "K21.9",
    onset: ["week", 3, 12],
    context: ["worse after large meals", "worse when lying down at night"],
    symptoms: ["sour taste in the mouth", "occasional cough at night"],
    negatives: ["trouble swallowing", "weight loss", "black stools", "vomiting"],
    exam: ["abdomen soft and non-tender", "no epigastric mass"],
    meds: [
      [
        "Omeprazole 20 mg by mouth once daily before breakfast for 8 weeks",
        "omeprazole 20 milligrams once a day before breakfast for 8 weeks",
      ],
    ],
    plan: ["avoid late meals", "raise the head of the bed", "limit alcohol and caffeine"],
    followUp: ["week", 6, 8],
  },
  {
    complaint: "worry and trouble relaxing",
    dx: "F41.1",
    onset: ["month", 4, 11],
    context: ["with stress at work", "since a move"],
    symptoms: ["restlessness", "muscle tension", "trouble falling asleep"],
    negatives: ["thoughts of self-harm", "panic attacks", "alcohol misuse"],
    exam: ["alert and oriented", "anxious affect", "linear thought process", "GAD-7 score of 13"],
    meds: [
      [
        "Start sertraline 25 mg by mouth once daily for 1 week, then 50 mg once daily",
        "start sertraline 25 milligrams a day for 1 week, then 50 milligrams a day",
      ],
    ],
    plan: ["referral for cognitive behavioral therapy", "sleep hygiene reviewed", "safety plan reviewed"],
    followUp: ["week", 4, 6],
  },
  {
    complaint: "knee pain",
    dx: "M17.11",
    ages: [45, 89],
    onset: ["month", 3, 11],
    context: ["in the right knee", "in the right knee, worse on stairs"],
    symptoms: ["stiffness after sitting", "pain worse at the end of the day"],
    negatives: ["locking", "giving way", "fever", "calf pain"],
    exam: [
      "crepitus in the right knee",
      "mild effusion",
      "range of motion 5 to 115 degrees",
      "ligaments stable",
    ],
    meds: [
      [
        "Topical diclofenac gel 4 times daily to the right knee",
        "topical diclofenac gel 4 times a day to the right knee",
      ],
    ],
    plan: [
      "referral to physical therapy",
      "weight loss counseling",
      "consider a steroid injection if no better",
    ],
    followUp: ["week", 6, 12],
  },
  {
    complaint: "redness and swelling of the right lower leg",
    dx: "L03.115",
    onset: ["day", 2, 5],
    context: ["after a scrape while gardening", "after a small cut on the shin"],
    symptoms: ["warmth", "tenderness"],
    negatives: ["fever", "chills", "calf pain", "drainage"],
    exam: [
      "area of redness and warmth on the right shin, about 8 by 6 cm",
      "no fluctuance",
      "no crepitus",
      "pedal pulses intact",
    ],
    meds: [
      [
        "Cephalexin 500 mg by mouth 4 times daily for 5 days",
        "cephalexin 500 milligrams 4 times a day for 5 days",
      ],
    ],
    plan: ["border of redness marked", "elevate the leg", "return for spreading redness or fever"],
    followUp: ["day", 2, 3],
  },
];
