/**
 * The clinical-term dictionary behind term F1 and hallucination checks: a hand-curated list of common
 * symptoms, findings, tests, anatomy, conditions, drugs and procedures (covering what the synthetic scribe
 * generator writes), the core phrases of the bundled ICD-10-CM descriptions, and abbreviations mapped to
 * one canonical spelling so "BP" and "blood pressure" count as the same term.
 */
import { DIAGNOSES } from "../../dataset/synthetic/codes.js";

const SYMPTOMS = `pain|chest pain|abdominal pain|back pain|low back pain|neck pain|joint pain|knee pain|ear pain|
flank pain|pelvic pain|headache|fever|chills|night sweats|cough|productive cough|shortness of breath|dyspnea|
wheezing|nausea|vomiting|diarrhea|constipation|fatigue|malaise|dizziness|lightheadedness|vertigo|syncope|
palpitations|leg swelling|swelling|rash|itching|pruritus|numbness|tingling|weakness|burning with urination|
dysuria|urinary frequency|urgency|hematuria|sore throat|pain with swallowing|congestion|nasal congestion|
nasal discharge|facial pressure|stiffness|muscle tension|muscle spasm|insomnia|restlessness|worry|
depressed mood|anhedonia|weight loss|weight gain|thirst|polyuria|heartburn|regurgitation|bloating|
blood in stool|bleeding|bruising|blurred vision|vision changes|photophobia|hearing loss|muffled hearing|
tinnitus|drainage|sputum|hemoptysis|spotting|cramping|heavy menstrual bleeding|vaginal discharge|seizure|
confusion|drooling|trouble breathing|reduced sense of smell|sour taste|trouble falling asleep|panic attacks|
thoughts of self-harm|suicidal ideation|lower abdominal discomfort|discomfort|redness|warmth|tenderness`;

const FINDINGS = `erythema|exudate|lymphadenopathy|cervical lymphadenopathy|crackles|rales|wheezes|murmur|tachycardia|
bradycardia|hypotension|hypoxia|afebrile|consolidation|infiltrate|effusion|pleural effusion|edema|
pedal edema|pitting edema|jugular venous distension|guarding|rebound tenderness|costovertebral angle tenderness|
suprapubic tenderness|fluctuance|induration|crepitus|straight leg raise|range of motion|strength|gait|
alert and oriented|anxious affect|flat affect|linear thought process|leukocyte esterase|nitrites|
pharyngeal erythema|tonsillar swelling|tonsillar exudate|purulent|purulent discharge|clear lungs|lungs clear|
regular rhythm|irregularly irregular|rapid ventricular response|vascular congestion|foreign body|
tendon involvement|synovial fluid|dry tap|granulation tissue|pigmented macule|papule|plaque|nodule|cyst|
lesion|mass|ulcer|wound|abscess|hemostasis|desaturation|hypercapnia|hyperglycemia|normal saline`;

const VITALS_AND_TESTS = `blood pressure|heart rate|respiratory rate|temperature|oxygen saturation|pulse|weight|
body mass index|vital signs|white blood cell count|hemoglobin|hemoglobin a1c|glucose|blood sugar|ldl|
cholesterol|lipid panel|thyroid stimulating hormone|bnp|troponin|creatinine|potassium|sodium|
basic metabolic panel|comprehensive metabolic panel|complete blood count|urinalysis|urine culture|
urine dipstick|rapid strep test|strep test|blood culture|electrocardiogram|echocardiogram|ejection fraction|
chest x-ray|x-ray|ct|ct scan|mri|ultrasound|venous ultrasound|pathology|biopsy|culture|spirometry|peak flow|
telemetry|d-dimer|inr|pregnancy test|stool test|colonoscopy|endoscopy|mammogram|pap smear|ankle-brachial index`;

const ANATOMY = `abdomen|chest|lungs|lung|heart|knee|ankle|shoulder|hip|wrist|hand|foot|toe|toenail|great toe|ear|
ear canal|tympanic membrane|eye|throat|neck|lumbar|lumbar spine|paraspinal muscles|cervical spine|
thoracic spine|skin|kidney|bladder|liver|gallbladder|uterus|cervix|prostate|breast|thyroid|sinus|
maxillary sinuses|nasal mucosa|forehead|chin|palm|forearm|shin|calf|thigh|scalp|face|lip|temple|axilla|
right lower lobe|left lower lobe|right lower quadrant|right upper quadrant|epigastric|suprapubic|malleoli|
lateral malleolus|anterior talofibular ligament|ligament|tendon|muscle|fascia|subcutaneous fat|
subcutaneous tissue|nail matrix|nail plate|metatarsal|vein|artery|carotid|lymph nodes|tonsils`;

const CONDITIONS = `hypertension|diabetes|hyperlipidemia|asthma|chronic obstructive pulmonary disease|pneumonia|
heart failure|atrial fibrillation|cellulitis|urinary tract infection|pyelonephritis|cystitis|sinusitis|
acute sinusitis|pharyngitis|strep throat|otitis media|otitis externa|migraine|osteoarthritis|gout|sprain|
ankle sprain|strain|laceration|fracture|concussion|depression|major depressive disorder|anxiety|
generalized anxiety disorder|panic disorder|post-traumatic stress disorder|bipolar disorder|insomnia|
gastroesophageal reflux disease|appendicitis|gastroenteritis|hypothyroidism|hyperthyroidism|obesity|
anemia|stroke|transient ischemic attack|deep vein thrombosis|pulmonary embolism|covid-19|influenza|
bronchitis|ingrown toenail|epidermoid cyst|basal cell carcinoma|melanoma|benign prostatic hyperplasia|
kidney stone|chronic kidney disease|coronary artery disease|angina|sepsis|dehydration|infection|
viral infection|bacterial infection|allergic rhinitis|eczema|dermatitis|psoriasis|cerumen impaction|
impacted cerumen|sciatica|radiculopathy|plantar fasciitis|carpal tunnel syndrome|tendinitis|bursitis|
exacerbation|copd exacerbation|hypoglycemia|neuropathy|diabetic neuropathy|prediabetes|osteoporosis|
irritable bowel syndrome|diverticulitis|hemorrhoids|vaginitis|yeast infection|bacterial vaginosis|
endometriosis|fibroids|pregnancy|menopause|alcohol use disorder|substance use disorder|dementia|delirium`;

const DRUGS = `lisinopril|amlodipine|losartan|hydrochlorothiazide|chlorthalidone|metoprolol|metoprolol succinate|
metoprolol tartrate|carvedilol|atenolol|furosemide|spironolactone|atorvastatin|rosuvastatin|simvastatin|
pravastatin|metformin|empagliflozin|dapagliflozin|glipizide|insulin|insulin glargine|semaglutide|
levothyroxine|methimazole|albuterol|fluticasone|budesonide|montelukast|tiotropium|ipratropium|prednisone|
methylprednisolone|triamcinolone|dexamethasone|amoxicillin|amoxicillin-clavulanate|azithromycin|
doxycycline|cephalexin|cefazolin|ceftriaxone|cefpodoxime|cefdinir|nitrofurantoin|ciprofloxacin|
levofloxacin|trimethoprim-sulfamethoxazole|clindamycin|vancomycin|metronidazole|penicillin|oseltamivir|
acyclovir|valacyclovir|fluconazole|acetaminophen|ibuprofen|naproxen|meloxicam|diclofenac|celecoxib|
cyclobenzaprine|tramadol|oxycodone|hydrocodone|morphine|gabapentin|pregabalin|sumatriptan|ondansetron|
omeprazole|pantoprazole|famotidine|sertraline|escitalopram|citalopram|fluoxetine|paroxetine|bupropion|
venlafaxine|duloxetine|trazodone|mirtazapine|buspirone|hydroxyzine|lorazepam|alprazolam|clonazepam|
diazepam|zolpidem|melatonin|quetiapine|aripiprazole|olanzapine|lithium|lamotrigine|valproate|
levetiracetam|apixaban|rivaroxaban|warfarin|heparin|enoxaparin|clopidogrel|aspirin|diltiazem|verapamil|
digoxin|amiodarone|nitroglycerin|tamsulosin|finasteride|sildenafil|lidocaine|epinephrine|ketamine|
esketamine|naloxone|chlorhexidine|povidone-iodine|tdap|tetanus|influenza vaccine|cetirizine|loratadine|
diphenhydramine|loperamide|polyethylene glycol|docusate|senna|potassium chloride|vitamin d|iron|
ferrous sulfate|folic acid|oxygen|supplemental oxygen|antibiotic|antibiotics|corticosteroid|steroid|
inhaler|nebulizer|blood thinner|anticoagulation|statin|petrolatum|silver nitrate|phenol`;

const PROCEDURES = `punch biopsy|shave biopsy|excision|excisional biopsy|incision and drainage|laceration repair|
sutures|suture removal|simple interrupted sutures|joint injection|corticosteroid injection|aspiration|
cerumen removal|irrigation|endometrial biopsy|appendectomy|laparoscopic appendectomy|nail avulsion|
partial nail avulsion|matrixectomy|digital block|local anesthesia|physical therapy|
cognitive behavioral therapy|referral|splint|brace|crutches|packing|dressing|tetanus immunization|
immunization|vaccination|intubation|cardioversion|catheterization|stress test|holter monitor|dialysis`;

const ROUTES_AND_TIMING = `by mouth|intravenous|subcutaneous|intramuscular|topical|inhaled|once daily|twice daily|
three times daily|four times daily|every morning|at bedtime|as needed|with food|on an empty stomach|
no known drug allergies|allergies|refills|follow-up|return precautions`;

/** Variant spelling → canonical term. Keys and values are written the way `wordTokens` would read them. */
const SYNONYMS: Readonly<Record<string, string>> = {
  bp: "blood pressure",
  hr: "heart rate",
  rr: "respiratory rate",
  "resp rate": "respiratory rate",
  temp: "temperature",
  spo2: "oxygen saturation",
  "o2 sat": "oxygen saturation",
  "oxygen sat": "oxygen saturation",
  sob: "shortness of breath",
  uti: "urinary tract infection",
  htn: "hypertension",
  afib: "atrial fibrillation",
  "a fib": "atrial fibrillation",
  ecg: "electrocardiogram",
  ekg: "electrocardiogram",
  echo: "echocardiogram",
  cxr: "chest x-ray",
  xray: "x-ray",
  radiograph: "x-ray",
  iv: "intravenous",
  po: "by mouth",
  orally: "by mouth",
  nkda: "no known drug allergies",
  gerd: "gastroesophageal reflux disease",
  "gastro esophageal reflux disease": "gastroesophageal reflux disease",
  copd: "chronic obstructive pulmonary disease",
  chf: "heart failure",
  dvt: "deep vein thrombosis",
  tia: "transient ischemic attack",
  "transient cerebral ischemic attack": "transient ischemic attack",
  cbc: "complete blood count",
  bmp: "basic metabolic panel",
  cmp: "comprehensive metabolic panel",
  cbt: "cognitive behavioral therapy",
  gad: "generalized anxiety disorder",
  mdd: "major depressive disorder",
  ptsd: "post-traumatic stress disorder",
  bph: "benign prostatic hyperplasia",
  wbc: "white blood cell count",
  hgb: "hemoglobin",
  a1c: "hemoglobin a1c",
  hba1c: "hemoglobin a1c",
  tsh: "thyroid stimulating hormone",
  "i d": "incision and drainage",
  "once a day": "once daily",
  "twice a day": "twice daily",
  "three times a day": "three times daily",
  "four times a day": "four times daily",
  "4 times a day": "four times daily",
  "4 times daily": "four times daily",
  "3 times a day": "three times daily",
  "3 times daily": "three times daily",
  "as necessary": "as needed",
  prn: "as needed",
  qhs: "at bedtime",
  bid: "twice daily",
  tid: "three times daily",
  qid: "four times daily",
  "follow up": "follow-up",
  tylenol: "acetaminophen",
  advil: "ibuprofen",
  motrin: "ibuprofen",
  augmentin: "amoxicillin-clavulanate",
  "amoxicillin clavulanate": "amoxicillin-clavulanate",
  bactrim: "trimethoprim-sulfamethoxazole",
};

/** Condition words that carry no meaning on their own once split from an ICD description. */
const ICD_STOP = new Set(["shortness", "lump", "calculus", "neoplasm", "hemorrhage", "tear", "pain"]);

/** "Unspecified atrial fibrillation" → "atrial fibrillation"; "Cellulitis of right lower limb" → "cellulitis". */
export function icdCorePhrase(description: string): string | null {
  let t = description
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  t = (t.split(",")[0] as string).split(
    / (?:with|without|due to|in|of|following|not elsewhere classified)\b/,
  )[0] as string;
  t = t.trim().replace(/^(?:(?:unspecified|other|unilateral|bilateral|primary|age-related) )+/, "");
  return t.length >= 4 && !ICD_STOP.has(t) ? t : null;
}

/** Every surface form the matcher knows (hand list, ICD core phrases, synonym keys) → its canonical term. */
export function lexiconEntries(): Map<string, string> {
  const out = new Map<string, string>();
  const lists = [
    SYMPTOMS,
    FINDINGS,
    VITALS_AND_TESTS,
    ANATOMY,
    CONDITIONS,
    DRUGS,
    PROCEDURES,
    ROUTES_AND_TIMING,
  ];
  for (const list of lists)
    for (const term of list.split("|")) if (term.trim()) out.set(term.trim(), term.trim());
  for (const d of DIAGNOSES) {
    const core = d.encounter ? null : icdCorePhrase(d.description);
    if (core && !out.has(core)) out.set(core, SYNONYMS[core] ?? core);
  }
  for (const [variant, canonical] of Object.entries(SYNONYMS)) out.set(variant, canonical);
  return out;
}
