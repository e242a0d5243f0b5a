/**
 * What each task's model is for and what it must never be used for, its known limitations and risks: the
 * fixed clinical wording that model cards and evaluation reports draw on. Claims models support adjudicators
 * and never deny a claim on their own; scribe models draft notes a clinician reviews and signs; companion
 * models support patients between sessions and never diagnose or dose.
 */
import type { EvalTask } from "../eval/types.js";

export interface TaskNotes {
  title: string;
  intended: string[];
  outOfScope: string[];
  limitations: string[];
  risks: string[];
}

export const TASK_NOTES: Record<EvalTask, TaskNotes> = {
  claims: {
    title: "claims adjudication",
    intended: [
      "Decision support for claims adjudicators: a suggested decision (approve, deny or pend) with a rationale " +
        "that cites the diagnosis and procedure codes, for a human adjudicator to confirm or overturn.",
      "Triage: putting claims that look routine or unusual in front of the right reviewer sooner.",
    ],
    outOfScope: [
      "Automatic denial of a claim, or any decision that reaches a member or provider without a human adjudicator.",
      "Medical-necessity determinations, appeals and utilisation review, which require a licensed reviewer.",
      "Claims of real patients before the model has been validated on the payer's own de-identified data.",
    ],
    limitations: [
      "Trained on synthetic claims: payer policies, code edits and fee schedules of a real plan are not learned.",
      "Code knowledge is limited to the codes and combinations the generator produced.",
    ],
    risks: [
      "A false approval pays a claim that should be denied (financial loss, fraud exposure).",
      "A false denial delays or withholds care and burdens members and providers with appeals.",
      "Automation bias: adjudicators may accept a confident rationale without checking the codes.",
    ],
  },
  scribe: {
    title: "clinical documentation (scribe)",
    intended: [
      "Drafting clinical notes (SOAP notes, discharge summaries) from a dictation, for the clinician to review, " +
        "correct and sign.",
    ],
    outOfScope: [
      "Filing a note into the medical record without a clinician's review and signature.",
      "Coding or billing from a draft note without human review.",
      "Diagnosis or treatment decisions: the draft records what the clinician said, it does not add to it.",
    ],
    limitations: [
      "Trained on synthetic dictations and notes: real dictation (accents, interruptions, jargon) is harder.",
      "ROUGE-L and section completeness measure overlap and structure, not clinical correctness.",
    ],
    risks: [
      "Invented findings, medications or doses that the clinician did not dictate (hallucination).",
      "Omissions: a dropped allergy, medication or follow-up instruction.",
      "Notes signed without careful review because the draft reads fluently.",
    ],
  },
  companion: {
    title: "patient companion",
    intended: [
      "Between-session support for patients in therapy: reflection, psychoeducation, reminders of skills and " +
        "plans agreed with their clinician, and routing to the care team.",
    ],
    outOfScope: [
      "Diagnosis, medication advice or dosing of any kind.",
      "Crisis response: any mention of self-harm or danger must route to emergency services (988 in the US) " +
        "and the care team, not to the model.",
      "Replacing the clinician or the therapeutic relationship.",
    ],
    limitations: [
      "Trained on synthetic conversations: real patients express distress in ways the generator did not write.",
      "Automated safety checks catch known patterns only; they are no substitute for clinical review of transcripts.",
    ],
    risks: [
      "A missed crisis signal, or a reply that normalises risk.",
      "Advice outside scope (diagnosis, dosing) given with confidence.",
      "Over-reliance: patients using the companion instead of contacting their care team.",
    ],
  },
  mcq: {
    title: "medical question answering (multiple choice)",
    intended: ["Benchmarking medical knowledge on multiple-choice questions, for model comparison only."],
    outOfScope: ["Answering clinical questions about real patients.", "Any use as a medical reference."],
    limitations: [
      "Exam-style accuracy says little about safe behaviour in open-ended clinical conversation.",
    ],
    risks: ["High benchmark scores taken as evidence of clinical competence."],
  },
};

export const COMMON_LIMITATIONS = [
  "Evaluated on a held-out split of the same synthetic generator: scores are likely optimistic for real-world data.",
  "Language models can produce fluent, confident and wrong output; intervals describe sampling error only, " +
    "not distribution shift.",
  "No subgroup (age, sex, language, payer) evaluation has been performed.",
];

export const ETHICS = [
  "Privacy: trained on synthetic data only; a deterministic PHI scanner audited the data and the launcher " +
    "refuses unattested files. This card describes the data and never includes it.",
  "Human oversight: every output is a draft or a suggestion for a qualified person; accountability stays with " +
    "that person and their organisation.",
  "Fairness: synthetic data may under-represent populations, languages and rare conditions; errors may fall " +
    "unevenly on groups that were not evaluated.",
  "Automation bias: fluent output invites over-trust; interfaces should show uncertainty and require review.",
];
