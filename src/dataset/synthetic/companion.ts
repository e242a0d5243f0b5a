/**
 * Synthetic patient-companion conversations for ketamine-assisted therapy between sessions: a patient's
 * message on one topic, and an empathetic, evidence-based reply that never diagnoses, never gives dosing
 * advice, sends crises to 988 / 911 / the care team, and always says it is not medical advice.
 */
import type { Random } from "../random.js";
import { capitalize, spoken } from "./common.js";
import { CARE_TOPICS } from "./companion-care.js";
import type { Situation, Topic, TopicMaterial } from "./companion-types.js";
import { WELLBEING_TOPICS } from "./companion-wellbeing.js";

export type { Topic } from "./companion-types.js";

const TOPICS: Readonly<Record<Topic, TopicMaterial>> = { ...WELLBEING_TOPICS, ...CARE_TOPICS };
export const TOPIC_LABELS: readonly Topic[] = [
  "integration",
  "anxiety",
  "sleep",
  "mood",
  "dosing_question",
  "symptom_question",
  "crisis",
  "lifestyle",
];

const OPENERS: readonly (readonly [string, number])[] = [
  ["", 6],
  ["Hi. ", 2],
  ["Hey, ", 1],
  ["Hello. ", 1],
  ["Quick question. ", 1],
  ["I hope it's okay to ask this. ", 1],
  ["Not sure who else to ask. ", 1],
];
const FORMATS = [
  "ketamine infusion",
  "IV ketamine",
  "ketamine lozenge",
  "intramuscular ketamine",
  "esketamine nasal spray",
  "ketamine-assisted therapy",
];
const ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"];
const WHEN = [
  "yesterday",
  "two days ago",
  "three days ago",
  "four days ago",
  "a few days ago",
  "earlier this week",
  "last week",
  "this morning",
  "last night",
];
/** Everyday background some patients add; none of it identifies anyone. */
const BACKDROPS = [
  "I live alone.",
  "My partner has been supportive.",
  "My therapist is away this week.",
  "I've been journaling a little.",
  "Work has been busy.",
  "I've been trying to walk every day.",
  "I'm also in weekly talk therapy.",
  "I have two kids at home.",
  "I work night shifts.",
  "I've been on an antidepressant for years.",
  "This is my first time trying anything like this.",
  "I don't want to make a fuss.",
];

function context(rng: Random): string {
  const format = rng.pick(FORMATS);
  switch (rng.int(0, 4)) {
    case 0:
      return `I had my ${rng.pick(ORDINALS)} ${format} session ${rng.pick(WHEN)}. `;
    case 1:
      return `I'm ${spoken(rng.int(2, 8))} sessions into ${format} treatment. `;
    case 2: {
      const i = rng.int(0, ORDINALS.length - 2);
      return `I'm between my ${ORDINALS[i]} and ${ORDINALS[i + 1]} ${format} sessions. `;
    }
    case 3:
      return `My last session was ${rng.pick(WHEN)}. `;
    default:
      return `My next ${format} session is in ${spoken(rng.int(2, 10))} days. `;
  }
}

export function companionExample(rng: Random, topic: Topic): { user: string; assistant: string } {
  const material = TOPICS[topic];
  const situation = rng.pick(material.situations)(rng);
  const question = rng.pick(material.questions);
  const backdrop = rng.chance(1, 2) ? `${rng.pick(BACKDROPS)} ` : "";
  const user = `${rng.pickWeighted(OPENERS)}${context(rng)}${backdrop}${situation.text}${question ? ` ${question}` : ""}`;
  const assistant = topic === "crisis" ? crisisReply(rng) : reply(rng, topic, situation);
  return { user, assistant };
}

const THANKS = [
  "",
  "Thank you for sharing this. ",
  "I'm glad you reached out. ",
  "Thanks for asking about this. ",
];
const TIP_INTROS = [
  "A few things that may help:",
  "Some ideas you could try:",
  "Things many people find useful:",
];
const DISCLAIMERS = [
  "This is general information, not medical advice.",
  "I'm not a clinician, and this is not medical advice; your care team knows your situation best.",
  "Please remember this is not medical advice; check anything specific with your care team.",
];
const DOSING_DECLINES = [
  "I can't give advice on doses, timing or combining medicines, because that depends on your full medical history and has to come from your prescriber.",
  "Questions about how much to take, when to take it or whether to combine it with other medicines need to go to your prescriber; I'm not able to advise on dosing.",
];
const NO_DIAGNOSIS = [
  "I can't tell you what is causing this or diagnose it; only a clinician who can assess you can do that. Here is some general information.",
  "I'm not able to diagnose symptoms, but I can share some general information and help you decide who to contact.",
];

function reply(rng: Random, topic: Topic, situation: Situation): string {
  const m = TOPICS[topic];
  const paragraphs: string[] = [];
  if (topic === "dosing_question") {
    paragraphs.push(
      `It's understandable to be ${situation.reflect}, and I'm glad you asked before acting on it. ${rng.pick(DOSING_DECLINES)}`,
    );
  } else {
    paragraphs.push(`${rng.pick(THANKS)}${capitalize(situation.reflect)} ${rng.pick(m.feels)}.`);
    if (topic === "symptom_question") paragraphs.push(rng.pick(NO_DIAGNOSIS));
  }
  // Facts keep their written order (general before specific), whichever are drawn.
  const facts = inOrder(rng, m.facts, rng.int(1, Math.min(2, m.facts.length)));
  paragraphs.push((situation.fact ? [situation.fact, ...facts] : facts).join(" "));
  const tips = rng.sample(m.tips, rng.int(2, Math.min(3, m.tips.length)));
  paragraphs.push(`${rng.pick(TIP_INTROS)}\n${tips.map((t) => `- ${t}`).join("\n")}`);
  paragraphs.push(m.safety.join(" "));
  paragraphs.push(rng.pick(DISCLAIMERS));
  return paragraphs.join("\n\n");
}

function inOrder<T>(rng: Random, items: readonly T[], k: number): T[] {
  const keep = new Set(rng.sample([...items.keys()], k));
  return items.filter((_, i) => keep.has(i));
}

const CRISIS_OPENERS = [
  "I'm really glad you told me, and I'm taking what you said seriously. You deserve support right now.",
  "Thank you for telling me. What you're feeling matters, and you don't have to face it alone.",
  "I'm so sorry you're in this much pain. I'm glad you reached out, and I want to help you get support right now.",
];
const CRISIS_EMERGENCY = [
  "If you are in immediate danger or think you might act on these thoughts, call 911 now or go to the nearest emergency department.",
  "If you might act on these thoughts or are not safe right now, please call 911 or go to the nearest emergency room.",
];
const CRISIS_988 = [
  "You can call or text 988 to reach the 988 Suicide & Crisis Lifeline at any hour; it is free and confidential.",
  "Call or text 988, the Suicide & Crisis Lifeline, to talk with a trained counselor right away, at any time of day.",
];
const CRISIS_CARE_TEAM = [
  "Please also contact your care team today so they know what's happening; they will want to hear from you.",
  "Let your ketamine care team know today as well, so they can support you and review your treatment plan.",
];
const CRISIS_STEPS = [
  "If you can, ask someone you trust to stay with you, and put distance between yourself and anything you could use to hurt yourself, such as stored medicines.",
  "If possible, reach out to someone you trust to be with you now, and move anything you might use to harm yourself out of reach.",
];

function crisisReply(rng: Random): string {
  return [
    rng.pick(CRISIS_OPENERS),
    rng.pick(CRISIS_EMERGENCY),
    rng.pick(CRISIS_988),
    rng.pick(CRISIS_CARE_TEAM),
    rng.pick(CRISIS_STEPS),
    `${rng.pick(DISCLAIMERS)} I'm not a substitute for emergency care, and you don't have to go through this alone.`,
  ].join("\n\n");
}
