/**
 * Companion topics where safety leads: dosing questions (declined, sent to the prescriber), symptom questions
 * (never diagnosed; red flags to 911), crises (911, 988, the care team) and everyday lifestyle questions.
 */
import { spoken } from "./common.js";
import { situation as s, type Topic, type TopicMaterial } from "./companion-types.js";

const SEE_CARE_TEAM =
  "Symptoms that last longer than expected, come back or get worse should be checked by your care team.";
const RED_FLAGS =
  "Call 911 right away for chest pain, trouble breathing, fainting, a sudden severe headache, confusion, or weakness or numbness on one side of the body.";

export const CARE_TOPICS: Readonly<
  Record<Extract<Topic, "dosing_question" | "symptom_question" | "crisis" | "lifestyle">, TopicMaterial>
> = {
  dosing_question: {
    situations: [
      () => s("Can I take an extra dose at home if I feel low?", "wondering about taking an extra dose"),
      () =>
        s("Should I skip my antidepressant on session days?", "wondering about skipping your antidepressant"),
      () =>
        s(
          "Is it okay to take my anxiety medication right before a session?",
          "wondering about anxiety medication before a session",
        ),
      () =>
        s(
          "A friend said a higher dose works better. Should I ask for more?",
          "wondering whether a higher dose would help",
        ),
      () =>
        s(
          "I missed a dose of my lozenges. Should I double the next one?",
          "working out what to do after a missed dose",
        ),
      () => s("Can I split my troche to make it last longer?", "thinking about splitting your troche"),
      () =>
        s(
          "Is it safe to take my usual sleeping pill on the night of a session?",
          "wondering about your sleeping pill on session nights",
        ),
      () => s("How much ketamine is too much?", "wondering where the safe limits are"),
      () =>
        s(
          "Could I have my sessions closer together to speed things up?",
          "wanting to speed up your treatment",
        ),
    ],
    questions: [
      "",
      "What do you think?",
      "Just want a quick answer.",
      "I don't want to bother my doctor with this.",
    ],
    feels: [],
    facts: [
      "Changing, skipping, splitting or adding doses on your own can affect both your safety and how well treatment works.",
      "Some medicines, such as benzodiazepines and sleep aids, can interact with ketamine, which is why these questions belong with your prescriber.",
      "Your prescriber chose your current plan based on your history, other medicines and how you have responded so far.",
    ],
    tips: [
      "Write down your question and contact your prescriber or care team before your next dose.",
      "Keep taking your medicines exactly as currently prescribed unless your prescriber tells you otherwise.",
      "Bring a list of every medicine and supplement you take to your next appointment.",
      "Ask your care team how to reach them between sessions for questions like this.",
    ],
    safety: [
      "If you think you have taken more than prescribed or you feel very unwell, call 911 or go to the nearest emergency department.",
    ],
  },
  symptom_question: {
    situations: [
      () => s("I've had a headache since my last session.", "having a headache that hasn't let up"),
      () => s("I feel dizzy when I stand up.", "feeling dizzy when you stand"),
      (r) => s(`I've felt nauseous for ${spoken(r.int(2, 4))} days.`, "feeling nauseous for days"),
      () =>
        s(
          "It burns when I pee and I need to go more often.",
          "having burning and frequent urination",
          "Urinary symptoms such as pain, urgency or frequency should always be reported to your care team promptly, because they need to be checked in person.",
        ),
      () =>
        s(
          "My blood pressure reading at home was higher than usual.",
          "seeing a higher blood pressure reading",
        ),
      (r) =>
        s(
          `I still feel a bit detached and foggy ${spoken(r.int(2, 5))} days later.`,
          "still feeling detached and foggy",
        ),
      () =>
        s("My heart was pounding last night for no clear reason.", "having your heart pound unexpectedly"),
      () => s("My vision was blurry for a while after the session.", "having blurry vision after a session"),
    ],
    questions: [
      "What could this be?",
      "Is this from the ketamine?",
      "Should I be worried?",
      "What's causing this?",
      "Is this normal?",
    ],
    feels: ["is unsettling", "is worth paying attention to", "understandably raises questions"],
    facts: [
      "Short-lived effects such as nausea, dizziness, headache, blurred vision, a rise in blood pressure or feeling detached are commonly reported in the hours after a ketamine session and usually settle the same day.",
      SEE_CARE_TEAM,
    ],
    tips: [
      "Write down when it started, how long it lasts and anything that makes it better or worse.",
      "Contact your care team today to describe what you're noticing.",
      "Stand up slowly and sit back down if you feel lightheaded.",
      "Stay hydrated and rest while you wait to hear back.",
    ],
    safety: [RED_FLAGS],
  },
  crisis: {
    situations: [
      () => s("I don't see the point in going on anymore.", ""),
      () => s("I've been having thoughts of ending my life.", ""),
      () => s("I keep thinking everyone would be better off without me.", ""),
      () => s("I feel like I might hurt myself tonight.", ""),
      () => s("I've been thinking about taking all my pills at once.", ""),
      () => s("Things have gotten so bad that I've started writing goodbye letters.", ""),
    ],
    questions: [
      "I don't know what to do.",
      "I'm scared of myself right now.",
      "I haven't told anyone.",
      "I just needed to say it to someone.",
      "",
    ],
    feels: [],
    facts: [],
    tips: [],
    safety: [],
  },
  lifestyle: {
    situations: [
      () =>
        s(
          "Can I have a glass of wine the night after a session?",
          "planning around alcohol",
          "Alcohol and ketamine both act on the brain and can add to each other's sedating effects, and alcohol can worsen mood and sleep; many programs ask patients to avoid alcohol around sessions.",
        ),
      () =>
        s(
          "Is it okay to drive myself home after my session?",
          "planning how to get home",
          "Programs generally advise against driving or operating machinery for the rest of the day after a session, and the esketamine label says not to drive until the next day after a restful sleep, so arrange a ride home.",
        ),
      () =>
        s(
          "I want to start running again. Is that okay during treatment?",
          "getting back into exercise",
          "Regular physical activity has good evidence for improving mood and sleep; building up gradually is sensible, and resting on session days is usually advised.",
        ),
      () =>
        s(
          "Should I change my diet while I'm doing ketamine therapy?",
          "thinking about your diet",
          "No special diet is needed for ketamine therapy, although many programs ask you not to eat for a few hours before a session to reduce nausea; follow your program's fasting instructions.",
        ),
      () =>
        s(
          "Can I go back to work the day after a session?",
          "planning your return to work",
          "Many people return to normal activities the day after a session, but effects vary; plan a lighter day if you can and avoid safety-critical tasks until you feel fully clear.",
        ),
      () =>
        s(
          "Is it okay to use cannabis between sessions?",
          "thinking about cannabis",
          "Cannabis can change how you respond to ketamine and may worsen anxiety or mood in some people, so talk with your care team before using it.",
        ),
      () =>
        s(
          "How much coffee is okay on session days?",
          "planning around caffeine",
          "Caffeine can increase anxiety, blood pressure and sleep problems; your program may have specific instructions for session days.",
        ),
    ],
    questions: ["", "Just want to plan ahead.", "What do most people do?", "Any guidance?"],
    feels: ["is worth thinking through", "is a sensible thing to ask about"],
    facts: ["Your program's own instructions take priority, since they are based on your treatment plan."],
    tips: [
      "Ask your care team for their written guidance on activities around session days.",
      "Plan session days to be low-demand, with a trusted person available.",
      "Notice how different activities affect your mood and sleep, and share what you learn with your care team.",
    ],
    safety: [
      "If anything you try leaves you feeling unwell or unsafe, contact your care team, or call 911 in an emergency.",
    ],
  },
};
