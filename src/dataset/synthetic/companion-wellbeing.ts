/**
 * Companion topics about wellbeing between ketamine sessions: integration, anxiety, sleep and mood.
 * Facts are limited to what the evidence supports and stated with its strength.
 */
import { spoken } from "./common.js";
import { situation as s, type Topic, type TopicMaterial } from "./companion-types.js";

const RELATIVES = ["mother", "father", "sibling", "partner", "former partner", "best friend", "grandparent"];
const WAKE = ["2", "3", "4"];

export const WELLBEING_TOPICS: Readonly<
  Record<Extract<Topic, "integration" | "anxiety" | "sleep" | "mood">, TopicMaterial>
> = {
  integration: {
    situations: [
      () =>
        s(
          "During the session I saw images from when I was a kid and I can't stop thinking about them.",
          "having childhood memories surface after a session",
        ),
      (r) =>
        s(
          `I felt a deep sense of peace during the session, but it faded after ${spoken(r.int(2, 6))} days.`,
          "watching that sense of peace fade",
        ),
      (r) => {
        const who = r.pick(RELATIVES);
        return s(
          `Something came up about my relationship with my ${who} and I don't know what to do with it.`,
          `having feelings about your ${who} come up`,
        );
      },
      () =>
        s(
          "I cried for most of the session and felt embarrassed afterwards.",
          "feeling embarrassed after crying through a session",
        ),
      () =>
        s(
          "I had a strong feeling that I need to change jobs, but I'm scared to act on it.",
          "holding a big insight about your work",
        ),
      () =>
        s(
          "This session felt empty compared to the earlier ones.",
          "having a session feel less meaningful than earlier ones",
        ),
      () =>
        s(
          "I've been journaling, but my notes feel jumbled and don't make sense.",
          "trying to make sense of jumbled notes",
        ),
      () =>
        s(
          "I felt connected to everything during the session and now daily life feels dull.",
          "coming back to ordinary life after a very open experience",
        ),
    ],
    questions: [
      "How do I make sense of this?",
      "What's the best way to integrate this?",
      "Is this normal?",
      "What should I do with these feelings between sessions?",
      "How do other people work through this?",
    ],
    feels: ["can stir up a lot", "is a very human part of this process", "can feel confusing at first"],
    facts: [
      "Integration means making sense of what came up in a session and carrying useful insights into daily life; it usually unfolds over days to weeks, not all at once.",
      "Strong emotions and memories during and after sessions are common, and they don't need to be interpreted right away.",
      "In ketamine-assisted therapy, the therapy sessions around the medicine sessions are where much of this work happens, so your therapist is the best person to explore it with.",
      "Early research on ketamine-assisted psychotherapy suggests that the therapy part may help benefits last longer, although the evidence is still developing.",
    ],
    tips: [
      "Write down what you remember, including images and feelings, without trying to analyze it yet.",
      "Bring your notes to your next therapy session.",
      "Give yourself quiet time after sessions, such as a walk without your phone.",
      "Hold off on major life decisions right after a session; let insights settle and talk them through with your therapist first.",
      "Pick one small, concrete change you would like to try this week.",
      "Use grounding activities such as slow breathing or time outdoors when feelings run high.",
    ],
    safety: [
      "If what came up leaves you feeling unsafe or overwhelmed, contact your care team, call or text 988, or call 911 in an emergency.",
    ],
  },
  anxiety: {
    situations: [
      (r) => {
        const n = r.int(6, 9);
        return s(
          `My anxiety has been about a ${n} out of 10 since the session.`,
          `living with anxiety around a ${n} out of 10`,
        );
      },
      () =>
        s(
          "I get really anxious in the days before each session.",
          "feeling anxious in the lead-up to sessions",
        ),
      () =>
        s(
          "I'm scared of losing control during the next session.",
          "worrying about losing control during a session",
        ),
      (r) =>
        s(
          `I've had ${spoken(r.int(2, 5))} moments this week where I suddenly felt panicky.`,
          "having sudden waves of panic",
        ),
      () => s("My mind keeps racing at work and I can't focus.", "having a mind that keeps racing"),
      () => s("I'm worried the treatment won't work for me.", "worrying about whether treatment will work"),
      () =>
        s(
          "Social situations have felt harder than usual lately.",
          "finding social situations harder than usual",
        ),
    ],
    questions: [
      "What can I do to calm down?",
      "Any tips for managing this?",
      "How do I get through the next few days?",
      "Is there something I can do on my own?",
      "Is this something others deal with too?",
    ],
    feels: [
      "can feel overwhelming",
      "is exhausting to carry",
      "is something many people in treatment describe",
    ],
    facts: [
      "Feeling anxious before or between sessions is common, and for many people it eases as the setting becomes familiar.",
      "Slow breathing with a longer exhale engages the body's calming response and has good evidence for easing acute anxiety.",
      "Grounding and mindfulness practices have reasonable evidence for reducing anxiety in the moment.",
      "Talking through what to expect in a session with your care team often reduces anxiety beforehand.",
    ],
    tips: [
      "Breathe in for a count of four and out for a count of six, for a few minutes.",
      "Try a grounding exercise: name five things you can see, four you can hear and three you can touch.",
      "Write down your specific worries and bring them to your therapist or care team.",
      "Keep caffeine low, since it can intensify the physical feelings of anxiety.",
      "Plan a calm routine for session days, with a trusted person to take you home.",
      "Gentle movement such as a walk can release physical tension.",
    ],
    safety: [
      "If anxiety becomes unmanageable or you feel unsafe, contact your care team, call or text 988, or call 911 in an emergency.",
    ],
  },
  sleep: {
    situations: [
      (r) => {
        const h = spoken(r.int(3, 5));
        return s(
          `I've only been sleeping about ${h} hours a night since then.`,
          `sleeping only about ${h} hours a night`,
        );
      },
      (r) =>
        s(
          `I keep waking up around ${r.pick(WAKE)} in the morning and can't fall back asleep.`,
          "waking in the early hours and staying awake",
        ),
      () =>
        s(
          "I've been having really vivid dreams after sessions.",
          "having very vivid dreams",
          "Vivid dreams are sometimes reported after ketamine sessions and tend to settle with time.",
        ),
      () => s("I feel wired at bedtime on session days.", "feeling wired at bedtime"),
      () => s("It takes me more than an hour to fall asleep most nights.", "lying awake for an hour or more"),
      () =>
        s(
          "I've been napping a lot during the day and then I can't sleep at night.",
          "getting caught in a nap and night-waking cycle",
        ),
    ],
    questions: [
      "How can I sleep better?",
      "Is there anything I can do tonight?",
      "What helps with this?",
      "Should I be worried about this?",
      "Any advice?",
    ],
    feels: [
      "can be really draining",
      "makes everything else harder",
      "is frustrating, especially during treatment",
    ],
    facts: [
      "Sleep can be unsettled around treatment, and changes in routine on session days can play a part.",
      "Cognitive behavioral therapy for insomnia (CBT-I) is the first-line treatment for ongoing insomnia and has strong evidence behind it.",
      "A consistent wake-up time, even after a poor night, is one of the most effective ways to steady sleep.",
      "Morning daylight and dim evening light help set the body clock.",
    ],
    tips: [
      "Keep the same wake-up time every day.",
      "Avoid caffeine after midday.",
      "If you can't sleep after about twenty minutes, get up and do something calm in dim light until you feel sleepy.",
      "Keep naps short and early in the afternoon.",
      "Put screens away an hour before bed.",
      "Keep a simple sleep diary to share with your care team.",
    ],
    safety: [
      "Please don't start or change sleep medicines or supplements without checking with your prescriber.",
      "If poor sleep lasts more than a couple of weeks or starts to affect your mood, let your care team know.",
    ],
  },
  mood: {
    situations: [
      (r) =>
        s(
          `I felt great for ${spoken(r.int(2, 7))} days after the session but now I feel low again.`,
          "feeling low again after a lift",
        ),
      () =>
        s(
          "My mood has been flat and I don't enjoy the things I used to.",
          "feeling flat and losing enjoyment",
        ),
      () => s("I've been more irritable with the people I live with.", "feeling more irritable than usual"),
      () =>
        s(
          "I had a really good week and I'm afraid it won't last.",
          "worrying that a good stretch won't last",
        ),
      (r) =>
        s(
          `I feel like I'm back where I started after ${spoken(r.int(3, 8))} sessions.`,
          "feeling back where you started",
        ),
      () => s("I've been crying more often than usual this week.", "crying more often than usual"),
    ],
    questions: [
      "Is this normal?",
      "What can I do about it?",
      "Does this mean the treatment isn't working?",
      "How do I cope with this?",
      "Should I tell someone?",
    ],
    feels: [
      "can be really discouraging",
      "is painful, and it makes sense that it worries you",
      "is hard to sit with",
    ],
    facts: [
      "Mood often moves up and down during a course of treatment; a lift followed by a dip is common and does not by itself mean treatment has failed.",
      "Tracking your mood each day gives your care team useful information for adjusting the plan.",
      "Behavioral activation, scheduling small, rewarding activities, has solid evidence for improving depressive symptoms.",
      "Social connection and regular physical activity are both linked with better mood.",
    ],
    tips: [
      "Rate your mood each evening on a simple scale and note what happened that day.",
      "Plan one small activity each day that usually brings some enjoyment or a sense of accomplishment.",
      "Reach out to someone you trust, even for a short conversation.",
      "Get outside for a walk in daylight if you can.",
      "Tell your care team about the pattern you're noticing at your next contact.",
    ],
    safety: [
      "If your mood drops sharply or you have any thoughts of harming yourself, contact your care team right away, call or text 988, or call 911 if you are in immediate danger.",
    ],
  },
};
