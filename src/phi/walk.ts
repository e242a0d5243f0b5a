/**
 * Every string inside a parsed record, with the path that locates it (`messages[1].content`,
 * `messages[2].tool_calls[0].function.arguments`): the audit scans all of them, never a sample.
 */
export function walkStrings(value: unknown, visit: (path: string, text: string) => void, path = ""): void {
  if (typeof value === "string") {
    visit(path, value);
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) walkStrings(value[i], visit, `${path}[${i}]`);
  } else if (value !== null && typeof value === "object") {
    for (const key of Object.keys(value)) {
      const child = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
      walkStrings((value as Record<string, unknown>)[key], visit, path ? `${path}.${child}` : child);
    }
  }
}
