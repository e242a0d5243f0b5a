/**
 * The language-like identifiers (NAME, GEOGRAPHIC, DATE, BIOMETRIC, PHOTO) through the scanner's public
 * interface: positives in varied real-world formats with exact spans, look-alike negatives from clinical
 * text, adversarial inputs that would hang a backtracking pattern, and the synthetic datasets, which must
 * carry none of these identifiers at HIGH or CRITICAL.
 */
import { describe, expect, it } from "vitest";
import type { Candidate } from "../../src/phi/candidate.js";
import type { Identifier } from "../../src/phi/identifiers.js";
import { LANGUAGE_RECOGNIZERS } from "../../src/phi/recognizers/group-language.js";
import { type Finding, scanText } from "../../src/phi/scanner.js";

const FAILS = (f: Finding) => f.severity === "CRITICAL" || f.severity === "HIGH";

/** Findings of this group only (the allow-list and overlap resolution included), so spans are ours. */
function ours(text: string): Finding[] {
  return scanText(text, LANGUAGE_RECOGNIZERS);
}

/** The texts of the findings of IDENTIFIER that fail an audit. */
function failing(text: string, identifier: Identifier): string[] {
  return ours(text)
    .filter((f) => f.identifier === identifier && FAILS(f))
    .map((f) => text.slice(f.start, f.end));
}

function expectFound(identifier: Identifier, cases: readonly [string, string][]): void {
  for (const [text, span] of cases) expect(failing(text, identifier), text).toContain(span);
}

describe("NAME", () => {
  it("finds names after titles, labels, person words and in name shapes, with their spans", () => {
    expectFound("NAME", [
      ["Mr. John Smith was seen today.", "John Smith"],
      ["Seen by Dr. Maria Ortiz in clinic.", "Maria Ortiz"],
      ["Mrs. May Young presents with cough.", "May Young"],
      ["Referred by Dr Patel for follow up.", "Patel"],
      ["Can I get an appointment with Doctor Al-Hassan?", "Al-Hassan"],
      ["Patient name: maria lopez", "maria lopez"],
      ["Name: ORTIZ, MARIA J.", "ORTIZ, MARIA J"],
      ["Registration Name (Last, First): JOHNSON-BAPTISTE, CARL", "JOHNSON-BAPTISTE, CARL"],
      ["Emergency contact: jose ortiz (husband)", "jose ortiz"],
      ["Mother's First Name: Will", "Will"],
      ["Electronically signed by: Robert K. Chen, MD", "Robert K. Chen"],
      ["Insured: Chinwe Diaz | Device ID: pending", "Chinwe Diaz"],
      ["His wife Maria brought him in.", "Maria"],
      ["Son Kwame is the health care proxy.", "Kwame"],
      ["Lives with his wife Hope and two dogs.", "Hope"],
      ["Emergency contact is Christian Vazquez, spouse.", "Christian Vazquez"],
      ["Maria Lopez reports chest pain.", "Maria Lopez"],
      ["Left voicemail for Jack Johnson-Baptiste to call back.", "Jack Johnson-Baptiste"],
      ["Beverly O'Neill was seen today for follow-up.", "Beverly O'Neill"],
      ["Søren E. Abu-Bakr is the emergency contact.", "Søren E. Abu-Bakr"],
      ["François Griffin called about the bill.", "François Griffin"],
      ["Smith, John A. was admitted overnight.", "Smith, John A"],
      ["Jane Roe, MD signed the note.", "Jane Roe"],
      ["Maria's daughter drives her to visits.", "Maria"],
      ["Reviewed Anna's home glucose log.", "Anna"],
      ["Obtained Lopez-Rivera's consent for the procedure.", "Lopez-Rivera"],
      ["hi its camila gardner again, the rash is spreading", "camila gardner"],
      ["can my son robert nasser pick up my prescription?", "robert nasser"],
      ["this is alexis's mother, he still has a fever", "alexis"],
    ]);
  });

  it("reports exact offsets", () => {
    const text = "Pt: follow-up. Seen with Dr. Maria Ortiz; contact Jose Ortiz, 2 days.";
    const names = ours(text).filter((f) => f.identifier === "NAME");
    expect(names.map((f) => [f.start, f.end])).toEqual([
      [29, 40],
      [50, 60],
    ]);
    expect(names[0]!.severity).toBe("CRITICAL");
  });

  it("does not read eponyms, drugs, clinical words, months, states or sentence starts as names", () => {
    for (const text of [
      "History of Parkinson's disease, Crohn's disease and Hodgkin lymphoma.",
      "Guillain-Barré syndrome; Stevens-Johnson syndrome; Wolff-Parkinson-White pattern.",
      "Positive Murphy sign, Homans sign negative, Babinski sign absent.",
      "Wells score 4; Apgar 9 and 9; Glasgow Coma Scale 15; Gleason 3+4=7.",
      "Gray Turner and Cullen signs absent. Rose Bengal staining of the cornea negative.",
      "Placed 16 Fr Foley catheter; Swan-Ganz catheter removed; Nissen fundoplication in 2019.",
      "Bell's palsy resolved. Barrett's esophagus on biopsy. Cushing's syndrome ruled out.",
      "Will you take the medicine? Hope this helps. Bill the insurer. Grant was approved.",
      "May use ice packs. Mark the operative site. Young adult with asthma.",
      "Chest Pain and Back Pain noted. Take Tylenol daily. Call 911 for chest pain.",
      "Medicare Advantage HMO plan; Blue Cross Blue Shield PPO.",
      "Patient: Will the new medicine make me dizzy?",
      "Patient: Troponin rose to 0.3 then plateaued.",
      "Patient: I will be out of town for 2 weeks.",
      "Moved from Georgia in March; recent travel to India and Germany.",
      "Drug name: Lisinopril. Plan name: Gold PPO. Attending: Internal Medicine. Signed: Yes",
      "Let's do a SOAP note. It's fine. DISCHARGE SUMMARY.",
      "Status post Mohs surgery. Started metformin and lisinopril; escitalopram 5 mg.",
      "Candida albicans and Staphylococcus aureus grew; Escherichia coli sensitive.",
    ]) {
      expect(failing(text, "NAME"), text).toEqual([]);
    }
  });
});

describe("GEOGRAPHIC", () => {
  it("finds street lines, PO boxes, city-state-ZIP lines, labelled places and facilities", () => {
    expectFound("GEOGRAPHIC", [
      [
        "Lives at 1234 Oak Street, Springfield, IL 62704 with his wife.",
        "1234 Oak Street, Springfield, IL 62704",
      ],
      ["Address: 45 W 33rd St, Apt 4B, New York, NY 10001", "45 W 33rd St, Apt 4B, New York, NY 10001"],
      ["The patient lives at 77 Sunset Boulevard.", "77 Sunset Boulevard"],
      ["Please mail the bill to 44 South Wildwood Loop.", "44 South Wildwood Loop"],
      ["Ship to 12 Main Dr. Suite 200 today.", "12 Main Dr. Suite 200"],
      ["Mail to P.O. Box 789, Austin, TX 78701.", "P.O. Box 789"],
      ["Statements go to POB 35973, Rockford, IL 61180.", "POB 35973"],
      ["Statements go to POB 35973, Rockford, IL 61180.", "Rockford, IL 61180"],
      ["Moved from Boston, MA last year.", "Boston, MA"],
      ["Plans to stay with family in Huntsville, AL after discharge.", "Huntsville, AL"],
      ["She is originally from Paris, Texas.", "Paris, Texas"],
      ["She lives in Springfield with her son.", "Springfield"],
      ["Patient is a resident of Cook County.", "Cook County"],
      ["Transferred from an outside hospital in Jacksonville.", "Jacksonville"],
      ["Works at a warehouse in Bakersfield.", "Bakersfield"],
      ["City: Springfield", "Springfield"],
      ["ZIP code on file: 18154.", "18154"],
      ["my zip is 53263", "53263"],
      ["ZIP+4: 78223-5734", "78223-5734"],
      ["Zip: 036", "036"],
      ["Seen at St. Mary's Hospital and Mercy Clinic.", "St. Mary's Hospital"],
      ["Seen at St. Mary's Hospital and Mercy Clinic.", "Mercy Clinic"],
    ]);
  });

  it("reports exact offsets", () => {
    const text = "Home: 1234 Oak Street, Apt 2; moved from Denver.";
    const places = ours(text).filter((f) => f.identifier === "GEOGRAPHIC");
    expect(places.map((f) => [f.start, f.end, f.rule])).toEqual([
      [6, 28, "geo-street"],
      [41, 47, "geo-place"],
    ]);
  });

  it("leaves states, CPT codes, bare numbers, kinds of place and clinical abbreviations alone", () => {
    for (const text of [
      "Lives in Texas. Born in Mexico. Moved in March.",
      "CPT 72148 and CPT 99213 billed; 5 units; total 12345.",
      "Zip: 941 (first three digits are allowed).",
      "Follow up at the Pain Clinic, Community Hospital or the Emergency Department.",
      "Place of service: inpatient hospital (POS 21).",
      "Jane Roe, MD and John Poe, DO reviewed. CT head, PA and lateral views.",
      "Take 2 tablets by mouth daily. Walked 3 blocks down the road.",
      "Address: patient concerns about cost. City: n/a",
      "Resident Dr. Lee saw the patient on 5 West.",
    ]) {
      expect(failing(text, "GEOGRAPHIC"), text).toEqual([]);
    }
  });
});

describe("DATE", () => {
  it("finds date elements in many formats, labelled dates and ages over 89", () => {
    expectFound("DATE", [
      ["DOB: 03/14/1950", "03/14/1950"],
      ["Admitted 3-14-24 for chest pain.", "3-14-24"],
      ["Discharged 2024-03-18 in stable condition.", "2024-03-18"],
      ["Arrived 2021-09-11T17:03:00 by ambulance.", "2021-09-11"],
      ["Seen 14.03.2024 in Munich.", "14.03.2024"],
      ["Seen on March 14, 2024 and again Mar. 14th.", "March 14, 2024"],
      ["Seen on March 14, 2024 and again Mar. 14th.", "Mar. 14th"],
      ["Follow-up 14 March 2024.", "14 March 2024"],
      ["Date of birth: 04-MAY-1996.", "04-MAY-1996"],
      ["The surgery was on the 14th of March.", "the 14th of March"],
      ["Planned for March 2024.", "March 2024"],
      ["Quit smoking in 01/2021.", "01/2021"],
      ["Monday, March 14 visit.", "Monday, March 14"],
      ["Last seen on 3/14.", "3/14"],
      ["seen on january 5th, doing well", "january 5th"],
      ["A 92-year-old woman with dementia.", "92-year-old"],
      ["Patient is age 94.", "age 94"],
      ["Age (yrs): 91", "Age (yrs): 91"],
      ["aged 90, lives alone", "aged 90"],
      ["93 yo F; 91 y/o M; 95 years of age; 92 years old", "93 yo"],
      ["93 yo F; 91 y/o M; 95 years of age; 92 years old", "92 years old"],
      ["My grandmother is ninety-six-year-old and frail.", "ninety-six-year-old"],
      ["Frail woman in her 90s.", "in her 90s"],
      ["A nonagenarian with falls.", "nonagenarian"],
      ["Born in 1931 in Ohio.", "Born in 1931"],
    ]);
  });

  it("reports exact offsets and labelled dates as CRITICAL", () => {
    const text = "DOB: 03/14/1950. Seen March 3.";
    const dates = ours(text).filter((f) => f.identifier === "DATE");
    expect(dates.map((f) => [f.start, f.end, f.severity])).toEqual([
      [5, 15, "CRITICAL"],
      [22, 29, "HIGH"],
    ]);
  });

  it("leaves years, young ages, vitals, fractions, scores, times, codes and durations alone", () => {
    for (const text of [
      "In 2019 he had surgery. Service year: 2024. Seen 1999-2020.",
      "A 45-year-old man, age 89, 88 yo, aged 72.",
      "BP 131/94, 132 over 84, HR 88, BP 120/80 mmHg.",
      "Take 1/2 tablet. 3/4 of the dose. Pain 4/10, improved from 6/10 on arrival.",
      "Strength 5/5 bilaterally. 2/6 systolic murmur. PHQ-9 12/27. GAD-7 score of 13.",
      "Time 14:30. Version 1.2.3. Post-op day 3. E11.9 and F41.1; CPT 99213.",
      "Symptoms for 3 weeks; follow up in 2 months; for 92 days of therapy.",
      "She may come back. Will march in the parade. 24/7 oxygen; ratio 10/20; dilute 1:100.",
      "NDC 0002-3227-30; SSN 123-45-6789; phone 555-123-4567; IP 10.1.20.24.",
      "Infant aged 90 days; DOB 1990.",
    ]) {
      expect(failing(text, "DATE"), text).toEqual([]);
    }
  });
});

describe("BIOMETRIC", () => {
  it("finds biometric identifiers and template references", () => {
    expectFound("BIOMETRIC", [
      ["Fingerprint ID 4471-A on file for the pharmacy kiosk.", "Fingerprint ID 4471-A"],
      ["Voiceprint on file with the call center.", "Voiceprint on file"],
      ["Retinal scan template 88AF3C9D2E71B0 stored.", "Retinal scan template 88AF3C9D2E71B0"],
      [
        "Biometric hash: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "Biometric hash: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
      ],
      ["Identity verified by palm vein pattern PV-005091.", "palm vein pattern PV-005091"],
      ["Face geometry template enrolled at check-in.", "Face geometry template enrolled"],
      ["Iris template IR-99812 linked to the record.", "Iris template IR-99812"],
      ["palm print captured at registration", "palm print captured"],
    ]);
  });

  it("leaves clinical exams of the same organs alone", () => {
    for (const text of [
      "Retinal exam normal. Iris intact. Gait steady. Facial droop resolved. Voice hoarse.",
      "Biometric screening: BMI 31, BP 131/94. Hand grip 5/5. Vein of Galen normal.",
      "Retinal scan showed drusen. Face, hands and feet warm.",
      "Patient declined fingerprinting. Here is a picture of my face IMG_0306.jpg",
    ]) {
      expect(failing(text, "BIOMETRIC"), text).toEqual([]);
    }
  });
});

describe("PHOTO", () => {
  it("finds inline images, image files with a person nearby and photo phrases", () => {
    const uri = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk";
    expectFound("PHOTO", [
      [`<img src="${uri}">`, uri],
      ["Photo of the patient attached: IMG_2041.jpg", "IMG_2041.jpg"],
      ["Photo of the patient attached: IMG_2041.jpg", "Photo of the patient"],
      ["Registration photo saved as face_front_373.jpeg.", "face_front_373.jpeg"],
      ["Images of the facial laceration saved as uploads/IM-0001-7971.dcm.", "uploads/IM-0001-7971.dcm"],
      ["Full-face photograph on file. Headshot and selfie uploaded.", "Full-face photograph"],
      ["Full-face photograph on file. Headshot and selfie uploaded.", "selfie"],
      ["Photo ID attached.", "Photo ID attached"],
      ["Copy of the patient's driver's license in chart.", "Copy of the patient's driver's license"],
    ]);
    const text = "see PXL_20250111_012050489.jpg";
    const f = ours(text).find((x) => x.identifier === "PHOTO");
    expect([f?.start, f?.end]).toEqual([4, 30]);
  });

  it("leaves radiology words and non-image files alone", () => {
    for (const text of [
      "Chest X-ray shows no infiltrate. MRI images reviewed. CT head images available.",
      "See report chart_export.pdf and logo.svg; image quality adequate; photosensitivity.",
      "Patient's photo ID verified at check-in.",
    ]) {
      expect(failing(text, "PHOTO"), text).toEqual([]);
    }
  });
});

describe("every recognizer of the group", () => {
  // Each recognizer on its own: the point is that no pattern backtracks; thousands of findings in one
  // string would measure the scanner's overlap resolution instead.
  it("returns on adversarial input (linear-time patterns)", () => {
    const inputs = [
      " ".repeat(100_000),
      "9".repeat(100_000),
      ".".repeat(100_000),
      "@".repeat(100_000),
      "a/".repeat(50_000),
      "Maria ".repeat(20_000),
      "Mr. ".repeat(25_000),
      "A. ".repeat(30_000),
      "Ortiz, ".repeat(15_000),
      ", TX".repeat(25_000),
      "1 Main St ".repeat(10_000),
      "3/14/".repeat(20_000),
      "March ".repeat(15_000),
      "age 9".repeat(20_000),
      ":".repeat(100_000),
      "Name: ".repeat(15_000),
      "'s".repeat(50_000),
      "-".repeat(100_000),
      `data:image/png;base64,${"A".repeat(100_000)}`,
      "x.jpg".repeat(20_000),
      "fingerprint ".repeat(8_000),
      "my son ".repeat(14_000),
      "in ".repeat(30_000),
      "St. ".repeat(25_000),
    ];
    for (const text of inputs)
      for (const recognizer of LANGUAGE_RECOGNIZERS) {
        const found: Candidate[] = [];
        recognizer.scan(text, found);
        expect(found.every((c) => c.start >= 0 && c.end <= text.length && c.start < c.end)).toBe(true);
      }
  });
});
