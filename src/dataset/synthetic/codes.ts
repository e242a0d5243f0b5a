/**
 * Bundled ICD-10-CM diagnosis codes for the synthetic generators: real codes (FY2025 code set, public domain,
 * CMS/NCHS) with their official descriptions. Procedure codes and the coverage policy live in procedures.ts.
 */

export type Sex = "female" | "male";

export type Specialty =
  | "endocrine"
  | "cardio"
  | "respiratory"
  | "msk"
  | "mental"
  | "gi"
  | "derm"
  | "ob"
  | "gyn"
  | "injury"
  | "gu"
  | "neuro"
  | "eye"
  | "ent"
  | "heme"
  | "onc"
  | "infectious"
  | "symptom"
  | "encounter";

export interface Diagnosis {
  code: string;
  /** The official ICD-10-CM description. */
  description: string;
  specialty: Specialty;
  /** Only patients of this sex can carry the code. */
  sex?: Sex;
  /** Inclusive age range the code is plausible for (patients are 18 to 89). */
  ages: readonly [number, number];
  /** Encounter/status Z codes (screening, history, cosmetic encounter) do not support problem-oriented visits. */
  encounter: boolean;
}

/** [code, description, specialty, flags]; flags: F/M sex, aNN-MM age range, Z encounter/status code. */
type Row = readonly [string, string, Specialty, string?];

const ROWS: readonly Row[] = [
  ["E11.9", "Type 2 diabetes mellitus without complications", "endocrine"],
  ["E11.65", "Type 2 diabetes mellitus with hyperglycemia", "endocrine"],
  ["E11.22", "Type 2 diabetes mellitus with diabetic chronic kidney disease", "endocrine", "a30-89"],
  ["E11.40", "Type 2 diabetes mellitus with diabetic neuropathy, unspecified", "endocrine", "a30-89"],
  ["E10.9", "Type 1 diabetes mellitus without complications", "endocrine"],
  ["R73.03", "Prediabetes", "endocrine"],
  ["E03.9", "Hypothyroidism, unspecified", "endocrine"],
  ["E05.90", "Thyrotoxicosis, unspecified without thyrotoxic crisis or storm", "endocrine"],
  ["E04.1", "Nontoxic single thyroid nodule", "endocrine"],
  ["E78.5", "Hyperlipidemia, unspecified", "endocrine"],
  ["E78.00", "Pure hypercholesterolemia, unspecified", "endocrine"],
  ["E66.9", "Obesity, unspecified", "endocrine"],
  ["E55.9", "Vitamin D deficiency, unspecified", "endocrine"],
  ["I10", "Essential (primary) hypertension", "cardio"],
  [
    "I25.10",
    "Atherosclerotic heart disease of native coronary artery without angina pectoris",
    "cardio",
    "a40-89",
  ],
  ["I48.91", "Unspecified atrial fibrillation", "cardio", "a40-89"],
  ["I50.9", "Heart failure, unspecified", "cardio", "a40-89"],
  ["I20.9", "Angina pectoris, unspecified", "cardio", "a40-89"],
  ["R07.9", "Chest pain, unspecified", "cardio"],
  ["R00.2", "Palpitations", "cardio"],
  ["R55", "Syncope and collapse", "cardio"],
  ["I83.811", "Varicose veins of right lower extremity with pain", "cardio"],
  ["I63.9", "Cerebral infarction, unspecified", "neuro", "a40-89"],
  ["G45.9", "Transient cerebral ischemic attack, unspecified", "neuro", "a40-89"],
  ["J45.909", "Unspecified asthma, uncomplicated", "respiratory"],
  ["J44.9", "Chronic obstructive pulmonary disease, unspecified", "respiratory", "a40-89"],
  ["J44.1", "Chronic obstructive pulmonary disease with (acute) exacerbation", "respiratory", "a40-89"],
  ["J18.9", "Pneumonia, unspecified organism", "respiratory"],
  ["J02.9", "Acute pharyngitis, unspecified", "respiratory"],
  ["J06.9", "Acute upper respiratory infection, unspecified", "respiratory"],
  ["J01.90", "Acute sinusitis, unspecified", "respiratory"],
  ["R05.9", "Cough, unspecified", "respiratory"],
  ["R06.02", "Shortness of breath", "respiratory"],
  ["G47.33", "Obstructive sleep apnea (adult) (pediatric)", "respiratory"],
  ["R91.1", "Solitary pulmonary nodule", "respiratory", "a30-89"],
  ["M54.50", "Low back pain, unspecified", "msk"],
  ["M54.16", "Radiculopathy, lumbar region", "msk"],
  ["M51.16", "Intervertebral disc disorders with radiculopathy, lumbar region", "msk"],
  ["S39.012A", "Strain of muscle, fascia and tendon of lower back, initial encounter", "injury"],
  ["M54.2", "Cervicalgia", "msk"],
  ["M17.11", "Unilateral primary osteoarthritis, right knee", "msk", "a40-89"],
  ["M17.12", "Unilateral primary osteoarthritis, left knee", "msk", "a40-89"],
  ["M17.0", "Bilateral primary osteoarthritis of knee", "msk", "a40-89"],
  ["M16.11", "Unilateral primary osteoarthritis, right hip", "msk", "a40-89"],
  ["M25.561", "Pain in right knee", "msk"],
  ["M25.511", "Pain in right shoulder", "msk"],
  [
    "M75.101",
    "Unspecified rotator cuff tear or rupture of right shoulder, not specified as traumatic",
    "msk",
  ],
  ["M79.7", "Fibromyalgia", "msk"],
  ["M81.0", "Age-related osteoporosis without current pathological fracture", "msk", "a50-89"],
  ["M06.9", "Rheumatoid arthritis, unspecified", "msk"],
  ["M10.9", "Gout, unspecified", "msk"],
  ["M72.2", "Plantar fascial fibromatosis", "msk"],
  ["G56.01", "Carpal tunnel syndrome, right upper limb", "neuro"],
  ["R26.81", "Unsteadiness on feet", "neuro", "a50-89"],
  ["G43.909", "Migraine, unspecified, not intractable, without status migrainosus", "neuro"],
  ["G43.709", "Chronic migraine without aura, not intractable, without status migrainosus", "neuro"],
  ["G40.909", "Epilepsy, unspecified, not intractable, without status epilepticus", "neuro"],
  ["G44.209", "Tension-type headache, unspecified, not intractable", "neuro"],
  ["R42", "Dizziness and giddiness", "neuro"],
  ["F32.9", "Major depressive disorder, single episode, unspecified", "mental"],
  ["F33.1", "Major depressive disorder, recurrent, moderate", "mental"],
  ["F33.2", "Major depressive disorder, recurrent severe without psychotic features", "mental"],
  ["F41.1", "Generalized anxiety disorder", "mental"],
  ["F41.0", "Panic disorder [episodic paroxysmal anxiety]", "mental"],
  ["F43.10", "Post-traumatic stress disorder, unspecified", "mental"],
  ["F43.12", "Post-traumatic stress disorder, chronic", "mental"],
  ["F90.0", "Attention-deficit hyperactivity disorder, predominantly inattentive type", "mental"],
  ["F10.20", "Alcohol dependence, uncomplicated", "mental"],
  ["F31.9", "Bipolar disorder, unspecified", "mental"],
  ["F51.01", "Primary insomnia", "mental"],
  ["K21.9", "Gastro-esophageal reflux disease without esophagitis", "gi"],
  ["K58.9", "Irritable bowel syndrome without diarrhea", "gi"],
  ["K57.30", "Diverticulosis of large intestine without perforation or abscess without bleeding", "gi"],
  ["K80.20", "Calculus of gallbladder without cholecystitis without obstruction", "gi"],
  ["K35.80", "Unspecified acute appendicitis", "gi"],
  ["K50.90", "Crohn's disease, unspecified, without complications", "gi"],
  ["K51.90", "Ulcerative colitis, unspecified, without complications", "gi"],
  ["K76.0", "Fatty (change of) liver, not elsewhere classified", "gi"],
  ["R10.9", "Unspecified abdominal pain", "gi"],
  ["R10.11", "Right upper quadrant pain", "gi"],
  ["K62.5", "Hemorrhage of anus and rectum", "gi"],
  ["R19.5", "Other fecal abnormalities", "gi"],
  ["A09", "Infectious gastroenteritis and colitis, unspecified", "infectious"],
  ["L70.0", "Acne vulgaris", "derm"],
  ["L40.0", "Psoriasis vulgaris", "derm"],
  ["L20.9", "Atopic dermatitis, unspecified", "derm"],
  ["L57.0", "Actinic keratosis", "derm", "a40-89"],
  ["D22.5", "Melanocytic nevi of trunk", "derm"],
  ["D48.5", "Neoplasm of uncertain behavior of skin", "derm"],
  ["C44.91", "Basal cell carcinoma of skin, unspecified", "derm", "a40-89"],
  ["L02.411", "Cutaneous abscess of right axilla", "derm"],
  ["L03.115", "Cellulitis of right lower limb", "derm"],
  ["L72.3", "Sebaceous cyst", "derm"],
  ["L60.0", "Ingrowing nail", "derm"],
  ["B07.9", "Viral wart, unspecified", "derm"],
  ["L90.5", "Scar conditions and fibrosis of skin", "derm"],
  ["L81.4", "Other melanin hyperpigmentation", "derm"],
  ["L68.0", "Hirsutism", "derm", "F"],
  [
    "Z34.00",
    "Encounter for supervision of normal first pregnancy, unspecified trimester",
    "ob",
    "F a18-44 Z",
  ],
  [
    "Z34.80",
    "Encounter for supervision of other normal pregnancy, unspecified trimester",
    "ob",
    "F a18-44 Z",
  ],
  ["O24.410", "Gestational diabetes mellitus in pregnancy, diet controlled", "ob", "F a18-44"],
  [
    "O13.3",
    "Gestational [pregnancy-induced] hypertension without significant proteinuria, third trimester",
    "ob",
    "F a18-44",
  ],
  ["N92.0", "Excessive and frequent menstruation with regular cycle", "gyn", "F a18-54"],
  ["N94.6", "Dysmenorrhea, unspecified", "gyn", "F a18-49"],
  ["N80.9", "Endometriosis, unspecified", "gyn", "F a18-54"],
  ["D25.9", "Leiomyoma of uterus, unspecified", "gyn", "F a25-64"],
  ["N63.0", "Unspecified lump in unspecified breast", "gyn", "F"],
  ["S93.401A", "Sprain of unspecified ligament of right ankle, initial encounter", "injury"],
  ["S83.511A", "Sprain of anterior cruciate ligament of right knee, initial encounter", "injury", "a18-64"],
  ["S83.241A", "Other tear of medial meniscus, current injury, right knee, initial encounter", "injury"],
  [
    "S52.501A",
    "Unspecified fracture of the lower end of right radius, initial encounter for closed fracture",
    "injury",
  ],
  ["S61.411A", "Laceration without foreign body of right hand, initial encounter", "injury"],
  ["S01.81XA", "Laceration without foreign body of other part of head, initial encounter", "injury"],
  ["S06.0X0A", "Concussion without loss of consciousness, initial encounter", "injury"],
  ["N18.30", "Chronic kidney disease, stage 3 unspecified", "gu", "a40-89"],
  ["N39.0", "Urinary tract infection, site not specified", "gu"],
  ["N20.0", "Calculus of kidney", "gu"],
  ["R31.9", "Hematuria, unspecified", "gu"],
  ["N40.1", "Benign prostatic hyperplasia with lower urinary tract symptoms", "gu", "M a45-89"],
  ["R97.20", "Elevated prostate specific antigen [PSA]", "gu", "M a45-89"],
  ["N52.9", "Male erectile dysfunction, unspecified", "gu", "M"],
  ["H25.11", "Age-related nuclear cataract, right eye", "eye", "a50-89"],
  ["H40.9", "Unspecified glaucoma", "eye", "a40-89"],
  ["H52.4", "Presbyopia", "eye", "a40-89"],
  ["H52.13", "Myopia, bilateral", "eye"],
  ["H61.21", "Impacted cerumen, right ear", "ent"],
  ["H66.90", "Otitis media, unspecified, unspecified ear", "ent"],
  ["D50.9", "Iron deficiency anemia, unspecified", "heme"],
  ["D64.9", "Anemia, unspecified", "heme"],
  ["C50.911", "Malignant neoplasm of unspecified site of right female breast", "onc", "F a30-89"],
  ["C61", "Malignant neoplasm of prostate", "onc", "M a45-89"],
  ["B02.9", "Zoster without complications", "infectious"],
  ["U07.1", "COVID-19", "infectious"],
  ["R50.9", "Fever, unspecified", "symptom"],
  ["R53.83", "Other fatigue", "symptom"],
  ["R60.0", "Localized edema", "symptom"],
  ["Z00.00", "Encounter for general adult medical examination without abnormal findings", "encounter", "Z"],
  [
    "Z01.419",
    "Encounter for gynecological examination (general) (routine) without abnormal findings",
    "encounter",
    "F Z",
  ],
  ["Z12.11", "Encounter for screening for malignant neoplasm of colon", "encounter", "a50-89 Z"],
  ["Z80.0", "Family history of malignant neoplasm of digestive organs", "encounter", "a40-89 Z"],
  ["Z12.31", "Encounter for screening mammogram for malignant neoplasm of breast", "encounter", "F a40-89 Z"],
  ["Z13.1", "Encounter for screening for diabetes mellitus", "encounter", "Z"],
  ["Z13.220", "Encounter for screening for lipoid disorders", "encounter", "Z"],
  ["Z13.31", "Encounter for screening for depression", "encounter", "Z"],
  ["Z23", "Encounter for immunization", "encounter", "Z"],
  ["Z51.11", "Encounter for antineoplastic chemotherapy", "encounter", "a30-89 Z"],
  ["Z79.4", "Long term (current) use of insulin", "encounter", "Z"],
  ["Z41.1", "Encounter for cosmetic surgery", "encounter", "Z"],
];

function parse([code, description, specialty, flags = ""]: Row): Diagnosis {
  let sex: Sex | undefined;
  let ages: readonly [number, number] = [18, 89];
  let encounter = false;
  for (const flag of flags.split(" ")) {
    if (flag === "F") sex = "female";
    else if (flag === "M") sex = "male";
    else if (flag === "Z") encounter = true;
    else if (flag.startsWith("a")) {
      const [lo, hi] = flag.slice(1).split("-").map(Number);
      ages = [lo ?? 18, hi ?? 89];
    }
  }
  return sex
    ? { code, description, specialty, sex, ages, encounter }
    : { code, description, specialty, ages, encounter };
}

export const ICD10_FY = "FY2025";
export const DIAGNOSES: readonly Diagnosis[] = ROWS.map(parse);
export const DIAGNOSIS_BY_CODE: ReadonlyMap<string, Diagnosis> = new Map(DIAGNOSES.map((d) => [d.code, d]));

export function diagnosis(code: string): Diagnosis {
  const found = DIAGNOSIS_BY_CODE.get(code);
  if (!found) throw new Error(`unknown ICD-10-CM code in synthetic tables: ${code}`);
  return found;
}

/** Whether a patient of this age and sex can carry the code. */
export function fitsPatient(
  d: { sex?: Sex; ages: readonly [number, number] },
  age: number,
  sex: Sex,
): boolean {
  return (d.sex === undefined || d.sex === sex) && age >= d.ages[0] && age <= d.ages[1];
}
