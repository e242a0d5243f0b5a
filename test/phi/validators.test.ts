import { describe, expect, it } from "vitest";
import {
  abaValid,
  deaValid,
  gtinValid,
  ibanValid,
  luhn,
  mbiValid,
  npiValid,
  ssnStructureValid,
  vinShape,
  vinValid,
} from "../../src/phi/validators.js";

describe("luhn", () => {
  it("accepts the published examples", () => {
    // Wikipedia's worked example, and the card networks' public test numbers.
    for (const n of [
      "79927398713",
      "4111111111111111",
      "378282246310005",
      "5555555555554444",
      "6011111111111117",
    ])
      expect(luhn(n), n).toBe(true);
    // IMEI example from the GSMA/3GPP documentation (15 digits, Luhn check digit 8).
    expect(luhn("490154203237518")).toBe(true);
  });

  it("rejects a changed digit, non-digits and too-short input", () => {
    for (const n of ["79927398710", "4111111111111112", "378282246310006", "4111-1111", "", "0", "12a4"])
      expect(luhn(n), n).toBe(false);
  });
});

describe("npiValid", () => {
  it("accepts the CMS example 1234567893", () => {
    // CMS's worked example: double 1,3,5,7,9 → 2,6,10,14,18; 24 (for the 80840 prefix) + 2+6+1+0+1+4+1+8
    // + 2+4+6+8 = 67; 70 − 67 = 3.
    expect(npiValid("1234567893")).toBe(true);
  });

  it("rejects a wrong check digit, wrong lengths and letters", () => {
    for (const n of ["1234567890", "1234567894", "123456789", "12345678930", "123456789A", ""])
      expect(npiValid(n), n).toBe(false);
  });
});

describe("deaValid", () => {
  it("accepts numbers whose (d1+d3+d5) + 2(d2+d4+d6) ends in d7", () => {
    // 1+3+5 = 9, 2·(2+4+6) = 24, 33 → 3.
    expect(deaValid("AB1234563")).toBe(true);
    // 7+5+3 = 15, 2·(6+4+2) = 24, 39 → 9.
    expect(deaValid("BX7654329")).toBe(true);
    // A business whose name starts with a digit has "9" as its second character.
    expect(deaValid("F91234563")).toBe(true);
  });

  it("rejects a wrong check digit and other shapes", () => {
    for (const n of ["AB1234564", "BX7654321", "A11234563", "AB123456", "AB12345634", "1B1234563", ""])
      expect(deaValid(n), n).toBe(false);
  });
});

describe("vinValid", () => {
  it("accepts valid check digits, including X", () => {
    expect(vinValid("1HGCM82633A004352")).toBe(true);
    expect(vinValid("1M8GDM9AXKP042788")).toBe(true);
    // All ones: Σ weights = 89, 89 mod 11 = 1, and position 9 is "1".
    expect(vinValid("11111111111111111")).toBe(true);
  });

  it("rejects a wrong check digit, I/O/Q and wrong lengths", () => {
    for (const v of ["1HGCM82643A004352", "1HGCM8263IA004352", "1HGCM82633A00435O", "1HGCM82633A00435", ""])
      expect(vinValid(v), v).toBe(false);
    expect(vinShape("1HGCM82643A004352")).toBe(true);
    expect(vinShape("1HGCM82633A0043Q2")).toBe(false);
  });
});

describe("ssnStructureValid", () => {
  it("accepts valid structures in the three printed forms, and keeps 9xx areas", () => {
    for (const s of ["123-45-6789", "123 45 6789", "123456789", "999-12-3456", "900-70-1234"])
      expect(ssnStructureValid(s), s).toBe(true);
  });

  it("rejects area 000 and 666, group 00, serial 0000 and mixed or wrong groupings", () => {
    for (const s of [
      "000-12-3456",
      "666-12-3456",
      "123-00-4567",
      "123-45-0000",
      "123-45 6789",
      "12-345-6789",
      "1234-5-6789",
    ])
      expect(ssnStructureValid(s), s).toBe(false);
  });
});

describe("mbiValid", () => {
  it("accepts the CMS example with and without dashes", () => {
    expect(mbiValid("1EG4-TE5-MK73")).toBe(true);
    expect(mbiValid("1EG4TE5MK73")).toBe(true);
    // Position 3 and 6 may be digits.
    expect(mbiValid("9A04C01DE99")).toBe(true);
  });

  it("rejects positions out of grammar, excluded letters and misplaced dashes", () => {
    for (const m of [
      "0EG4TE5MK73", // position 1 must be 1-9
      "1SG4TE5MK73", // S is excluded
      "1EGATE5MK73", // position 4 must be a digit
      "1EG4TE5M173", // position 9 must be a letter
      "1EG4TE5MK7", // 10 characters
      "1EG-4TE5-MK73", // dashes after the 4th and 7th characters only
      "1EG4-TE5MK73",
    ])
      expect(mbiValid(m), m).toBe(false);
  });
});

describe("gtinValid", () => {
  it("accepts the GS1 check digit of the UDI example 00844588003288", () => {
    // From the right, weights 3,1,3…: 8·3+2+3·3+0+0+8+8·3+5+4·3+4+8·3+0+0 = 112 → check 8.
    expect(gtinValid("00844588003288")).toBe(true);
    expect(gtinValid("4006381333931")).toBe(true); // GS1's EAN-13 example
  });

  it("rejects a wrong check digit and other lengths", () => {
    for (const g of ["00844588003289", "0084458800328", "008445880032881", "0084458800328A"])
      expect(gtinValid(g), g).toBe(false);
  });
});

describe("abaValid", () => {
  it("accepts published routing numbers", () => {
    expect(abaValid("021000021")).toBe(true);
    expect(abaValid("011000015")).toBe(true);
  });

  it("rejects a wrong check digit, zeros and other lengths", () => {
    for (const r of ["021000022", "000000000", "02100002", "0210000210"]) expect(abaValid(r), r).toBe(false);
  });
});

describe("ibanValid", () => {
  it("accepts the ISO 13616 examples, spaced or not", () => {
    expect(ibanValid("GB82 WEST 1234 5698 7654 32")).toBe(true);
    expect(ibanValid("GB82WEST12345698765432")).toBe(true);
    expect(ibanValid("DE89370400440532013000")).toBe(true);
  });

  it("rejects a wrong check and malformed strings", () => {
    for (const i of ["GB82WEST12345698765433", "GB83WEST12345698765432", "G182WEST12345698765432", "GB82"])
      expect(ibanValid(i), i).toBe(false);
  });
});
