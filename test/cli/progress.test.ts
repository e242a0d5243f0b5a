import { describe, expect, it } from "vitest";
import { formatEta } from "../../src/cli/progress.js";

describe("progress ETA", () => {
  it("reads as seconds, minutes or hours", () => {
    expect(formatEta(0)).toBe("0s");
    expect(formatEta(44.6)).toBe("45s");
    expect(formatEta(725)).toBe("12m 05s");
    expect(formatEta(3 * 3600 + 20 * 60 + 59)).toBe("3h 20m");
    expect(formatEta(-5)).toBe("0s");
  });
});
