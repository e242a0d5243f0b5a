/**
 * All four workspace services at once, for tests that go end to end: the Slack, GitHub and Google fakes
 * started together, a service-account key whose token_uri is the Google fake, a tracking spreadsheet
 * already made there, and the environment that points the product at all of them.
 */
import { loadConfig } from "../../src/config/config.js";
import { initSpreadsheet } from "../../src/integrations/sheets.js";
import { tempDir, writeFile } from "../helpers.js";
import { type FakeGitHubServer, startFakeGitHubServer } from "./github-server.js";
import { type FakeGoogleServer, startFakeGoogleServer } from "./google-server.js";
import { rsaKeyPair, serviceAccountKey } from "./service-account.js";
import { type FakeSlackServer, startFakeSlackServer } from "./slack-server.js";

export const SLACK_CHANNEL = "C0CFTNOTIFY";
export const DOCS_FOLDER = "1FolderForModelCardsXYZ";
const EMAIL = "cft-tracker@clinical-ft.iam.gserviceaccount.com";

export interface FakeServices {
  slack: FakeSlackServer;
  github: FakeGitHubServer;
  google: FakeGoogleServer;
  spreadsheetId: string;
  /** Environment naming every service (add it to a config or a child process's env). */
  env: Record<string, string>;
  /** Every request body every fake received, with paths and queries: what left the machine. */
  wire(): string;
  close(): Promise<void>;
}

export async function startFakeServices(): Promise<FakeServices> {
  const keys = rsaKeyPair();
  const [slack, github, google] = await Promise.all([
    startFakeSlackServer({ channels: [SLACK_CHANNEL] }),
    startFakeGitHubServer(),
    startFakeGoogleServer({ clientEmail: EMAIL, publicKey: keys.publicKey, folders: [DOCS_FOLDER] }),
  ]);
  const keyFile = writeFile(
    tempDir(),
    "service-account.json",
    JSON.stringify(
      serviceAccountKey({ privateKey: keys.privateKey, clientEmail: EMAIL, tokenUri: google.tokenUri }),
    ),
  );
  const googleEnv = { GOOGLE_APPLICATION_CREDENTIALS: keyFile, GOOGLE_API_URL: google.rootUrl };
  const { spreadsheetId } = await initSpreadsheet(loadConfig({ env: googleEnv }), "Tracking");
  const env = {
    SLACK_BOT_TOKEN: slack.token,
    SLACK_CHANNEL_ID: SLACK_CHANNEL,
    SLACK_API_URL: slack.apiUrl,
    GITHUB_TOKEN: github.token,
    CFT_GITHUB_REPO: github.fullName,
    GITHUB_API_URL: github.url,
    ...googleEnv,
    CFT_SHEET_ID: spreadsheetId,
    CFT_DOCS_FOLDER_ID: DOCS_FOLDER,
  };
  return {
    slack,
    github,
    google,
    spreadsheetId,
    env,
    wire: () =>
      [
        ...slack.requests.map((r) => JSON.stringify(r)),
        ...github.requests.map((r) => JSON.stringify(r)),
        ...google.requests.map((r) => `${r.path} ${JSON.stringify(r.query)} ${r.raw}`),
      ].join("\n"),
    close: async () => {
      await Promise.all([slack.close(), github.close(), google.close()]);
    },
  };
}
