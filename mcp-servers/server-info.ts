/** What every cft MCP server says about itself: the package version, read once from package.json. */
import { readFileSync } from "node:fs";

export const SERVER_VERSION: string = (
  JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }
).version;
