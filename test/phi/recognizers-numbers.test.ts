/**
 * The number- and code-shaped recognizers through the public scanner (allow-list and overlap resolution
 * included): positives in varied real-world formats with exact spans, clinical look-alikes that must stay
 * clean, adversarial inputs that must return, and the synthetic datasets that must pass the audit.
 */
import { describe, expect, it } from "vitest";
import type { Identifier, Severity } from "../../src/phi/identifiers.js";
import { NUMBER_RECOGNIZERS } from "../../src/phi/recognizers/group-numbers.js";
import { RECOGNIZERS } from "../../src/phi/recognizers/index.js";
import { scanText } from "../../src/phi/scanner.js";

/** The identifiers this group reports, as its recognizers declare them. */
const NUMBER_IDS: ReadonlySet<Identifier> = new Set(NUMBER_RECOGNIZERS.flatMap((r) => r.identifiers));

/** Findings of this group's identifiers as "IDENTIFIER SEVERITY value". */
function found(text: string): string[] {
  return scanText(text)
    .filter((f) => NUMBER_IDS.has(f.identifier))
    .map((f) => `${f.identifier} ${f.severity} ${text.slice(f.start, f.end)}`);
}

type Case = [text: string, value: string, identifier: Identifier, severity: Severity];

function positives(name: string, cases: readonly Case[]): void {
  describe(name, () => {
    it.each(cases)("%s", (text, value, identifier, severity) => {
      expect(text.indexOf(value), "value occurs once").toBe(text.lastIndexOf(value));
      const start = text.indexOf(value);
      const hit = scanText(text).find((f) => f.start === start && f.end === start + value.length);
      expect({ found: found(text), hit: hit && `${hit.identifier} ${hit.severity}` }).toMatchObject({
        hit: `${identifier} ${severity}`,
      });
    });
  });
}

describe("exact spans", () => {
  it.each([
    ["Call me at (555) 123-4567 after lunch.", "PHONE", 11, 25],
    ["SSN: 123-45-6789", "SSN", 5, 16],
    ["MRN:\n 00482913", "MRN", 6, 14],
    ["Member ID: XJH 123456789 on file", "HEALTH_PLAN_ID", 11, 24],
    ["card 4111 1111 1111 1111 exp", "ACCOUNT_NUMBER", 5, 24],
    ["Plate: ABC 1234.", "VEHICLE_ID", 7, 15],
    ["mail jane.doe@example.com.", "EMAIL", 5, 25],
    ["see https://example.org/a).", "URL", 4, 25],
    ["host 192.168.1.10:8080", "IP_ADDRESS", 5, 17],
    ["Ph 555-123-4567 x204, then", "PHONE", 3, 20],
    ["MRN-12345678", "MRN", 4, 12],
  ] as const)("%s", (text, identifier, start, end) => {
    expect(scanText(text).find((f) => f.identifier === identifier)).toMatchObject({ start, end });
  });
});

positives("PHONE and FAX", [
  ["Call me at (555) 123-4567 after lunch.", "(555) 123-4567", "PHONE", "HIGH"],
  ["Her number is 555-123-4567.", "555-123-4567", "PHONE", "HIGH"],
  ["Phone: 555.123.4567", "555.123.4567", "PHONE", "HIGH"],
  ["Mobile +1 555 123 4567 (text ok)", "+1 555 123 4567", "PHONE", "HIGH"],
  ["Reach him on +1-555-123-4567.", "+1-555-123-4567", "PHONE", "HIGH"],
  ["dial 1 (555) 123-4567 from home", "1 (555) 123-4567", "PHONE", "HIGH"],
  ["cell: 5551234567", "5551234567", "PHONE", "HIGH"],
  ["(555)123-4567 is the daughter", "(555)123-4567", "PHONE", "HIGH"],
  ["numbers 555 123 4567 and more", "555 123 4567", "PHONE", "HIGH"],
  ["Office 212-555-0187 ext. 12 weekdays", "212-555-0187 ext. 12", "PHONE", "HIGH"],
  ["PH: (303) 555-0142", "(303) 555-0142", "PHONE", "HIGH"],
  ["call 555-0199 tonight", "555-0199", "PHONE", "HIGH"],
  ["London office +44 20 7946 0958.", "+44 20 7946 0958", "PHONE", "HIGH"],
  ["Paris: +33 1 23 45 67 89", "+33 1 23 45 67 89", "PHONE", "HIGH"],
  ["wife's mobile +91 98765 43210", "+91 98765 43210", "PHONE", "HIGH"],
  ["UK +44 (0)20 7946 0958 ext 3", "+44 (0)20 7946 0958 ext 3", "PHONE", "HIGH"],
  ["Fax: (555) 123-4599", "(555) 123-4599", "FAX", "HIGH"],
  ["please fax 555-123-4599 today", "555-123-4599", "FAX", "HIGH"],
  ["P: 555.123.4500 F: 555.123.4599", "555.123.4599", "FAX", "HIGH"],
  ["Facsimile +1 555 123 4599", "+1 555 123 4599", "FAX", "HIGH"],
  ["Phone 555-123-4567 / Fax 555-123-4568", "555-123-4568", "FAX", "HIGH"],
  ["Phone 555-123-4567 / Fax 555-123-4568 ", "555-123-4567", "PHONE", "HIGH"],
  ["send to 555-123-4599 (fax)", "555-123-4599", "FAX", "HIGH"],
  ["Toll-free 1-800-273-8255", "1-800-273-8255", "PHONE", "MEDIUM"],
  ["ref 5551234567 only", "5551234567", "PHONE", "MEDIUM"],
  ["Spouse's phone: 915/339-0512 x408.", "915/339-0512 x408", "PHONE", "HIGH"],
  ["Callback number given as +15854059118.", "+15854059118", "PHONE", "HIGH"],
  ["Best contact number is 011 52 33 4932 3776.", "011 52 33 4932 3776", "PHONE", "HIGH"],
  ["Daughter can be reached at 4193878735.", "4193878735", "PHONE", "HIGH"],
  ["Records release faxed to the attorney's office at 6167242283.", "6167242283", "FAX", "HIGH"],
]);

positives("EMAIL", [
  ["Email jane.doe@example.com for results", "jane.doe@example.com", "EMAIL", "CRITICAL"],
  ["<j_doe+clinic@mail.example.org>", "j_doe+clinic@mail.example.org", "EMAIL", "CRITICAL"],
  ["CONTACT: JOHN.SMITH@HOSPITAL.NET", "JOHN.SMITH@HOSPITAL.NET", "EMAIL", "CRITICAL"],
  ["mailto:pt123@uni.edu?subject=x", "pt123@uni.edu", "EMAIL", "CRITICAL"],
  ["(a.b-c@sub.domain.co.uk)", "a.b-c@sub.domain.co.uk", "EMAIL", "CRITICAL"],
  ["write to jdoe [at] gmail [dot] com", "jdoe [at] gmail [dot] com", "EMAIL", "HIGH"],
  ["jdoe(at)example(dot)org", "jdoe(at)example(dot)org", "EMAIL", "HIGH"],
]);

positives("SSN", [
  ["SSN: 123-45-6789", "123-45-6789", "SSN", "CRITICAL"],
  ["SS# 123456789", "123456789", "SSN", "CRITICAL"],
  ["Social Security Number 078-05-1120", "078-05-1120", "SSN", "CRITICAL"],
  ["social security no. 219 09 9999", "219 09 9999", "SSN", "CRITICAL"],
  ["her ssn is 999-12-3456", "999-12-3456", "SSN", "CRITICAL"],
  ["soc sec: 321-54-9876", "321-54-9876", "SSN", "CRITICAL"],
  ["on file 987-65-4321 today", "987-65-4321", "SSN", "HIGH"],
  ["SSN on the form was 123456789", "123456789", "SSN", "CRITICAL"],
  ["Verified SSN with her, 123456789 matches", "123456789", "SSN", "HIGH"],
  ["my social is 507760701", "507760701", "SSN", "CRITICAL"],
  ["identity confirmed, 999 85 9612, per form", "999 85 9612", "SSN", "HIGH"],
  ["SSN: XXX-XX-6789", "XXX-XX-6789", "SSN", "MEDIUM"],
  ["SSN ***-**-6789", "***-**-6789", "SSN", "MEDIUM"],
]);

positives("MRN", [
  ["MRN: 00482913", "00482913", "MRN", "CRITICAL"],
  ["MRN 4471823 admitted", "4471823", "MRN", "CRITICAL"],
  ["MR#: 4471823", "4471823", "MRN", "CRITICAL"],
  ["Medical Record Number: A1234567", "A1234567", "MRN", "CRITICAL"],
  ["medical record no. 12-345-67", "12-345-67", "MRN", "CRITICAL"],
  ["Med. Rec. #: 7789012", "7789012", "MRN", "CRITICAL"],
  ["Patient ID: PT-00123", "PT-00123", "MRN", "CRITICAL"],
  ["pt id 88213", "88213", "MRN", "CRITICAL"],
  ["chart #558812", "558812", "MRN", "CRITICAL"],
  ["Chart No.: 44120", "44120", "MRN", "CRITICAL"],
  ["Record #: 99812", "99812", "MRN", "CRITICAL"],
  ["EMR # 77812", "77812", "MRN", "CRITICAL"],
  ["the patient's MRN is 55120934", "55120934", "MRN", "CRITICAL"],
  ["Hospital No: H-2231-88", "H-2231-88", "MRN", "CRITICAL"],
  ["the chart number on my wristband is 752-0557", "752-0557", "MRN", "CRITICAL"],
  ["MR# 91-78-389 on the specimen", "91-78-389", "MRN", "CRITICAL"],
]);

positives("HEALTH_PLAN_ID", [
  ["Member ID: XJH123456789", "XJH123456789", "HEALTH_PLAN_ID", "CRITICAL"],
  ["Member ID XJH 123456789", "XJH 123456789", "HEALTH_PLAN_ID", "CRITICAL"],
  ["Subscriber ID: 987654321", "987654321", "HEALTH_PLAN_ID", "CRITICAL"],
  ["Policy #: POL-88213-A", "POL-88213-A", "HEALTH_PLAN_ID", "CRITICAL"],
  ["Policy Number: 123456789", "123456789", "HEALTH_PLAN_ID", "CRITICAL"],
  ["Group #: 4471", "4471", "HEALTH_PLAN_ID", "CRITICAL"],
  ["group number 88213", "88213", "HEALTH_PLAN_ID", "CRITICAL"],
  ["Medicaid ID: 12345678A", "12345678A", "HEALTH_PLAN_ID", "CRITICAL"],
  ["Medicare #: 1EG4-TE5-MK73", "1EG4-TE5-MK73", "HEALTH_PLAN_ID", "CRITICAL"],
  ["card shows 1EG4TE5MK73 on front", "1EG4TE5MK73", "HEALTH_PLAN_ID", "CRITICAL"],
  ["Beneficiary ID 445566778", "445566778", "HEALTH_PLAN_ID", "CRITICAL"],
  ["Plan ID: H1234-001", "H1234-001", "HEALTH_PLAN_ID", "CRITICAL"],
  ["Insurance ID#: ZGP123456789", "ZGP123456789", "HEALTH_PLAN_ID", "CRITICAL"],
  ["Medi-Cal CIN 91234567A", "91234567A", "HEALTH_PLAN_ID", "CRITICAL"],
  ["HICN: 123456789A", "123456789A", "HEALTH_PLAN_ID", "CRITICAL"],
  ["Medicaid recipient number BC79757Z on file.", "BC79757Z", "HEALTH_PLAN_ID", "CRITICAL"],
]);

positives("ACCOUNT_NUMBER", [
  ["Account #: 12345678", "12345678", "ACCOUNT_NUMBER", "HIGH"],
  ["Acct No. 0099-1234-55", "0099-1234-55", "ACCOUNT_NUMBER", "HIGH"],
  ["account number 4455667788 overdue", "4455667788", "ACCOUNT_NUMBER", "HIGH"],
  ["Billing account: BA-7781234", "BA-7781234", "ACCOUNT_NUMBER", "HIGH"],
  ["Invoice #: INV-2023-0042", "INV-2023-0042", "ACCOUNT_NUMBER", "HIGH"],
  ["credit card 4111 1111 1111 1111", "4111 1111 1111 1111", "ACCOUNT_NUMBER", "HIGH"],
  ["paid with 4111-1111-1111-1111", "4111-1111-1111-1111", "ACCOUNT_NUMBER", "HIGH"],
  ["amex 378282246310005", "378282246310005", "ACCOUNT_NUMBER", "HIGH"],
  ["used 5555555555554444 online", "5555555555554444", "ACCOUNT_NUMBER", "HIGH"],
  ["on 6011 1111 1111 1117 today", "6011 1111 1111 1117", "ACCOUNT_NUMBER", "HIGH"],
  ["Routing: 021000021", "021000021", "ACCOUNT_NUMBER", "HIGH"],
  ["Bank account 000123456789", "000123456789", "ACCOUNT_NUMBER", "HIGH"],
  ["IBAN GB82 WEST 1234 5698 7654 32", "GB82 WEST 1234 5698 7654 32", "ACCOUNT_NUMBER", "HIGH"],
  ["wire to DE89370400440532013000", "DE89370400440532013000", "ACCOUNT_NUMBER", "HIGH"],
  ["unknown 1234 5678 9012 3456 digits", "1234 5678 9012 3456", "ACCOUNT_NUMBER", "MEDIUM"],
]);

positives("LICENSE_NUMBER", [
  ["DEA# AB1234563", "AB1234563", "LICENSE_NUMBER", "HIGH"],
  ["signed BX7654329 on the script", "BX7654329", "LICENSE_NUMBER", "HIGH"],
  ["NPI: 1234567893", "1234567893", "LICENSE_NUMBER", "HIGH"],
  ["billing 1234567893 here", "1234567893", "LICENSE_NUMBER", "HIGH"],
  ["NPI 1234567890 (typo)", "1234567890", "LICENSE_NUMBER", "HIGH"],
  ["DL: D1234567", "D1234567", "LICENSE_NUMBER", "HIGH"],
  ["Driver's License: S530-4601-2345", "S530-4601-2345", "LICENSE_NUMBER", "HIGH"],
  ["driver license no. 123 456 789", "123 456 789", "LICENSE_NUMBER", "HIGH"],
  ["CA DL# A1234567", "A1234567", "LICENSE_NUMBER", "HIGH"],
  ["RN License #: RN-123456", "RN-123456", "LICENSE_NUMBER", "HIGH"],
  ["Medical license 12345", "12345", "LICENSE_NUMBER", "HIGH"],
  ["State license no. G12345", "G12345", "LICENSE_NUMBER", "HIGH"],
  ["Certificate No. 2021-44812", "2021-44812", "LICENSE_NUMBER", "HIGH"],
  ["passport 912345678 expired", "912345678", "LICENSE_NUMBER", "HIGH"],
  ["my drivers license number is WDL7BVJIDD7N.", "WDL7BVJIDD7N", "LICENSE_NUMBER", "HIGH"],
]);

positives("VEHICLE_ID", [
  ["VIN: 1HGCM82633A004352", "1HGCM82633A004352", "VEHICLE_ID", "HIGH"],
  ["car 1M8GDM9AXKP042788 towed", "1M8GDM9AXKP042788", "VEHICLE_ID", "HIGH"],
  ["truck 1HGCM82643A004352 towed", "1HGCM82643A004352", "VEHICLE_ID", "HIGH"],
  ["License plate: ABC-1234", "ABC-1234", "VEHICLE_ID", "HIGH"],
  ["plate number 7XYZ123", "7XYZ123", "VEHICLE_ID", "HIGH"],
  ["Plate: ABC 1234.", "ABC 1234", "VEHICLE_ID", "HIGH"],
  ["tag #: 4GHT921", "4GHT921", "VEHICLE_ID", "HIGH"],
]);

positives("DEVICE_ID", [
  [
    "UDI (01)00844588003288(17)141120(10)7654321D(21)10987654d321 implanted",
    "(01)00844588003288(17)141120(10)7654321D(21)10987654d321",
    "DEVICE_ID",
    "HIGH",
  ],
  ["Serial No.: 12345ABC", "12345ABC", "DEVICE_ID", "HIGH"],
  ["SN: PJN123456", "PJN123456", "DEVICE_ID", "HIGH"],
  ["S/N 4471-AB-2231", "4471-AB-2231", "DEVICE_ID", "HIGH"],
  ["pacemaker serial number PJN123456", "PJN123456", "DEVICE_ID", "HIGH"],
  ["insulin pump serial: 80112233", "80112233", "DEVICE_ID", "HIGH"],
  ["Device ID: DEV-004471", "DEV-004471", "DEVICE_ID", "HIGH"],
  ["IMEI: 490154203237518", "490154203237518", "DEVICE_ID", "HIGH"],
  ["phone IMEI 35-209900-176148-1", "35-209900-176148-1", "DEVICE_ID", "HIGH"],
  ["new phone, 490154203237518", "490154203237518", "DEVICE_ID", "HIGH"],
  ["MAC 00:1A:2B:3C:4D:5E", "00:1A:2B:3C:4D:5E", "DEVICE_ID", "HIGH"],
  ["adapter 00-1A-2B-3C-4D-5E", "00-1A-2B-3C-4D-5E", "DEVICE_ID", "HIGH"],
  ["vaccine lot # EL9262", "EL9262", "DEVICE_ID", "LOW"],
  ["CGM transmitter ID 8ORU2D entered.", "8ORU2D", "DEVICE_ID", "HIGH"],
  ["Remote monitor device ID MWAAJM paired", "MWAAJM", "DEVICE_ID", "HIGH"],
  ["the serial number on my pump is U4UU-PK3E-3583", "U4UU-PK3E-3583", "DEVICE_ID", "HIGH"],
  ["Implant 0100844588003288172011201012345 placed", "0100844588003288172011201012345", "DEVICE_ID", "HIGH"],
]);

positives("URL", [
  ["Visit https://www.example.com/patients/123 now", "https://www.example.com/patients/123", "URL", "HIGH"],
  ["http://clinic.example.org", "http://clinic.example.org", "URL", "HIGH"],
  ["see www.jdoe-family.net.", "www.jdoe-family.net", "URL", "HIGH"],
  ["ftp://files.example.com/x.pdf", "ftp://files.example.com/x.pdf", "URL", "HIGH"],
  ["at example.com/records?id=42", "example.com/records?id=42", "URL", "HIGH"],
  ["her page facebook.com/jane.doe.123", "facebook.com/jane.doe.123", "URL", "HIGH"],
  ["https://www.linkedin.com/in/jdoe", "https://www.linkedin.com/in/jdoe", "URL", "HIGH"],
  ["instagram.com/jdoe_92", "instagram.com/jdoe_92", "URL", "HIGH"],
  ["(see https://example.org/a).", "https://example.org/a", "URL", "HIGH"],
  ["https://www.cdc.gov/diabetes/index.html", "https://www.cdc.gov/diabetes/index.html", "URL", "LOW"],
  ["ncbi.nlm.nih.gov/pubmed/123", "ncbi.nlm.nih.gov/pubmed/123", "URL", "LOW"],
  ["who.int/news for updates", "who.int/news", "URL", "LOW"],
  ["Family blog at danielsfamily.com describes it", "danielsfamily.com", "URL", "HIGH"],
  ["feeling better.it was fine", "better.it", "URL", "LOW"],
  [
    "https://medlineplus.gov/ency/article/000001.htm",
    "https://medlineplus.gov/ency/article/000001.htm",
    "URL",
    "LOW",
  ],
]);

positives("IP_ADDRESS", [
  ["host 192.168.1.10 logged", "192.168.1.10", "IP_ADDRESS", "HIGH"],
  ["from 10.0.0.254.", "10.0.0.254", "IP_ADDRESS", "HIGH"],
  ["net 10.0.0.0/8", "10.0.0.0/8", "IP_ADDRESS", "HIGH"],
  ["client 172.16.254.1:443", "172.16.254.1", "IP_ADDRESS", "HIGH"],
  ["fe80::1ff:fe23:4567:890a", "fe80::1ff:fe23:4567:890a", "IP_ADDRESS", "HIGH"],
  [
    "addr 2001:0db8:85a3:0000:0000:8a2e:0370:7334",
    "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
    "IP_ADDRESS",
    "HIGH",
  ],
  ["addr 2001:db8::8a2e:370:7334.", "2001:db8::8a2e:370:7334", "IP_ADDRESS", "HIGH"],
  ["mapped ::ffff:192.0.2.1", "::ffff:192.0.2.1", "IP_ADDRESS", "HIGH"],
  ["[2001:db8::1]:8080", "2001:db8::1", "IP_ADDRESS", "HIGH"],
  ["loopback ::1 only", "::1", "IP_ADDRESS", "MEDIUM"],
  ["local 127.0.0.1", "127.0.0.1", "IP_ADDRESS", "MEDIUM"],
  ["Section 1.2.3.4 says", "1.2.3.4", "IP_ADDRESS", "MEDIUM"],
]);

positives("OTHER_UNIQUE_ID", [
  ["Claim #: 2023-0041-88", "2023-0041-88", "OTHER_UNIQUE_ID", "HIGH"],
  ["Claim number: CLM-00912345", "CLM-00912345", "OTHER_UNIQUE_ID", "HIGH"],
  ["ICN 22023123456789", "22023123456789", "OTHER_UNIQUE_ID", "HIGH"],
  ["Employee ID: E123456", "E123456", "OTHER_UNIQUE_ID", "HIGH"],
  ["case no. 45-1123", "45-1123", "OTHER_UNIQUE_ID", "HIGH"],
  ["Accession number S21-4471", "S21-4471", "OTHER_UNIQUE_ID", "HIGH"],
  ["Specimen ID: SP-22-004471", "SP-22-004471", "OTHER_UNIQUE_ID", "HIGH"],
  ["Encounter #: 99812345", "99812345", "OTHER_UNIQUE_ID", "HIGH"],
  ["Visit ID V00123456", "V00123456", "OTHER_UNIQUE_ID", "HIGH"],
  ["CSN 5501234567", "5501234567", "OTHER_UNIQUE_ID", "HIGH"],
  ["Badge #4471", "4471", "OTHER_UNIQUE_ID", "HIGH"],
  ["Student ID: S1234567", "S1234567", "OTHER_UNIQUE_ID", "HIGH"],
  ["Rx #: 4471823", "4471823", "OTHER_UNIQUE_ID", "HIGH"],
  ["prescription number 0012345-01", "0012345-01", "OTHER_UNIQUE_ID", "HIGH"],
  ["Order #A12B45C", "A12B45C", "OTHER_UNIQUE_ID", "HIGH"],
  ["ID: AB12345", "AB12345", "OTHER_UNIQUE_ID", "HIGH"],
  ["tracked as #XK44721", "XK44721", "OTHER_UNIQUE_ID", "HIGH"],
  ["Reference no. REF-88213", "REF-88213", "OTHER_UNIQUE_ID", "HIGH"],
  ["ID: 12345678", "12345678", "OTHER_UNIQUE_ID", "LOW"],
  ["Workers' compensation case 24-8426 opened.", "24-8426", "OTHER_UNIQUE_ID", "HIGH"],
  ["Surgical pathology S23-42851 reviewed.", "S23-42851", "OTHER_UNIQUE_ID", "HIGH"],
  ["the rx number on the bottle is PA850768798", "PA850768798", "OTHER_UNIQUE_ID", "HIGH"],
]);

describe("tables: the CSV header labels the cells below it", () => {
  const csv = [
    "Employee ID,Social Security Number,Medical Record Number,Tag #,Fax #,Profile",
    'E-4471,451719099,25971046,RCM 7954,307/359-0345,"https://x.com/jdoe_92"',
  ].join("\n");
  it.each([
    ["E-4471", "OTHER_UNIQUE_ID"],
    ["451719099", "SSN"],
    ["25971046", "MRN"],
    ["RCM 7954", "VEHICLE_ID"],
    ["307/359-0345", "FAX"],
    ["https://x.com/jdoe_92", "URL"],
  ] as const)("%s is %s", (value, identifier) => {
    const start = csv.indexOf(value);
    expect(scanText(csv).find((f) => f.start === start)).toMatchObject({
      identifier,
      end: start + value.length,
    });
  });

  it("prose with commas is not a header", () => {
    const text =
      "Evaluate this claim for coverage, medical necessity, pricing.\n2. CPT 73721 (MRI knee), 1 unit, billed";
    expect(found(text)).toEqual([]);
  });
});

describe("clinical look-alikes", () => {
  it.each([
    "Escitalopram 5 mg tablet, metformin 500 mg twice daily, then 1000 mg.",
    "Rx 1000 mg nightly. Rx: Lisinopril 10 mg. Dispense 90, Refills: 0. Quantity: 90 tablets (ninety).",
    "Vitals: BP 131/94 mmHg, HR 88 bpm, RR 18/min, SpO2 95% on room air, Temp 98.8 °F, BMI 31.2 kg/m2.",
    "blood pressure 132 over 84, heart rate 70, pulse 72, weight 81.4 kg",
    "HbA1c 7.2%, WBC 11.2, Hgb 13.5 g/dL, creatinine 1.02 mg/dL, LDL 131, platelets 250 x10^9/L.",
    "ICD-10 F41.1, E11.9, S72.001A and I48.91; CPT 99213, CPT 93306 (echocardiogram), HCPCS J1885, J0585.",
    "NDC 12345-6789-01, NDC 0002-1433-80, LOINC 4548-4, SNOMED CT 44054006, place of service (POS 11), POS 24.",
    "Service year: 2023. Seen in 2019 and from 2018 to 2021.",
    "at 14:30, 0800 hours, for 3 weeks, x 5 days, post-op day 3, q4h, q6-8h, 2x daily.",
    "GAD-7 score of 13, PHQ-9 of 14, Apgar 8/9, MoCA 26/30, 20 pack-years.",
    "If you are in crisis, call or text 988, or call 911 in an emergency.",
    "ratio 1:2, a 2:1 ratio, I:E 1:3, 1.5:1.",
    "software version v2.3.1, release 1.2.3, build 10.4.2, firmware 4.0.",
    "billed $124.39; total $2,521.76; allowed range $1,280.23 to $1,400.00.",
    "Patient: 72-year-old male. 36-year-old female. Age 45.",
    "Plan type: Medicare Advantage HMO. Medicaid managed care plan. Member since 2019.",
    "Follow up in 1 week; return in 2-3 days; policy 2023 update; Group 2 patients; age group 18-65.",
    "The MRI 2023 report; MR 2+ regurgitation; identify 3 risk factors; accounting for 25% of cases.",
    "Humira Pen 40 mg/0.4 mL, Dexcom G6, Omnipod 5, Medtronic 780G, Freestyle Libre 2.",
    "record 120 mL urine; chart 3 readings; room 12, bed 4; case 1 of 3; visit 2.",
    "e.g. 3 times, i.e. twice; a.m. and p.m.; Dr.Smith; U.S. guidelines; approx.5 mg.",
    "Dates 03/04/2021, 2021-03-04, 12.03.2021 are another recognizer's.",
    "on the claim (M79.7, K80.20) and code N39.0; procedure 99214-25.",
    "Telephone encounter. CHA2DS2-VASc 3; glucose 243 mg/dL. ABG 7.32/59/103 on FiO2 60%.",
    "Patient ID UNKNOWN at triage; ID CLINIC follow-up; seen in ID clinic.",
    "Infuse 5 cc. 12345 units were given; DI water; MAC 2019 guideline; CIN 3 on biopsy.",
  ])("%s", (text) => {
    expect(found(text)).toEqual([]);
  });
});

describe("adversarial input returns (linear-time patterns)", () => {
  const n = 100_000;
  it.each([
    ["digits", "9".repeat(n)],
    ["digit-space", "1 ".repeat(n / 2)],
    ["spaces", " ".repeat(n)],
    ["dots", ".".repeat(n)],
    ["a-dots", "a.".repeat(n / 2)],
    ["digit-dots", "1.".repeat(n / 2)],
    ["at-signs", "@".repeat(n)],
    ["a-at", "a@".repeat(n / 2)],
    ["long local part", `${"a".repeat(n)}@example.com`],
    ["hyphens", "-".repeat(n)],
    ["digit-hyphens", "1-".repeat(n / 2)],
    ["colons", ":".repeat(n)],
    ["hex-colons", "a:".repeat(n / 2)],
    ["double colons", "1::".repeat(n / 3)],
    ["slashes", "a.com/".repeat(n / 6)],
    ["scheme", `http://${"a".repeat(n)}`],
    ["schemes", "a://".repeat(n / 4)],
    ["www", "www.".repeat(n / 4)],
    ["udi", "(01)".repeat(n / 4)],
    ["labels", "MRN: ".repeat(n / 5)],
    ["label digits", "MRN 1 ".repeat(n / 6)],
    ["phones", "+1 (".repeat(n / 4)],
    ["ssn-like", "123-45-".repeat(n / 7)],
    ["card groups", "4111 ".repeat(n / 5)],
    ["hash ids", "#A1".repeat(n / 3)],
    ["brackets", "[at]".repeat(n / 4)],
  ])("%s", (_name, text) => {
    expect(Array.isArray(scanText(text))).toBe(true);
  });
});

describe("wiring", () => {
  it("the scanner runs every number recognizer", () => {
    for (const r of NUMBER_RECOGNIZERS) expect(RECOGNIZERS).toContain(r);
  });
});
