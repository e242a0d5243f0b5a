/**
 * The regression test as JUnit XML, so CI systems (GitHub Actions, GitLab, Jenkins) show each metric as a
 * test case: FAIL is a failure, WARN passes with its reason in system-out (and a property), PASS passes.
 */
import type { RegressionReport } from "./types.js";

const xml = (text: string) =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    // XML 1.0 forbids most control characters even when escaped.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");

export function junitXml(report: RegressionReport): string {
  const failures = report.metrics.filter((m) => m.verdict === "FAIL").length;
  const name = `cft regress ${report.suite.name}: ${report.candidate.model} vs ${report.baseline.model}`;
  const cases = report.metrics.map((m) => {
    const open = `    <testcase classname="cft.regression.${xml(report.task)}" name="${xml(m.name)}" time="0">`;
    const body =
      m.verdict === "FAIL"
        ? `\n      <failure message="${xml(m.reason)}" type="${m.critical ? "critical" : "regression"}"/>`
        : m.verdict === "WARN"
          ? `\n      <system-out>WARN: ${xml(m.reason)}</system-out>`
          : "";
    return `${open}${body}\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="cft regress" tests="${report.metrics.length}" failures="${failures}">`,
    `  <testsuite name="${xml(name)}" tests="${report.metrics.length}" failures="${failures}" errors="0" skipped="0" timestamp="${xml(report.createdAt)}">`,
    "    <properties>",
    `      <property name="verdict" value="${report.verdict}"/>`,
    `      <property name="recommendation" value="${report.recommendation}"/>`,
    `      <property name="sharedItems" value="${report.sharedItems}"/>`,
    `      <property name="candidate" value="${xml(report.candidate.evalId)}"/>`,
    `      <property name="baseline" value="${xml(report.baseline.evalId)}"/>`,
    "    </properties>",
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}
