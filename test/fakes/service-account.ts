/**
 * A Google service account for the Google fake: an RSA key pair (the fake checks signed JWTs with the
 * public key) and the JSON key file the product reads from GOOGLE_APPLICATION_CREDENTIALS.
 */
import { generateKeyPairSync } from "node:crypto";

export const rsaKeyPair = () =>
  generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });

/** The key file's fields, as Google issues them; OVERRIDES replace or add fields (to test bad keys). */
export function serviceAccountKey(
  account: { privateKey: string; clientEmail: string; tokenUri: string },
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    type: "service_account",
    project_id: "clinical-ft",
    private_key_id: "0123456789abcdef",
    private_key: account.privateKey,
    client_email: account.clientEmail,
    client_id: "1234567890",
    auth_uri: "https://accounts.google.com/o/oauth2/auth",
    token_uri: account.tokenUri,
    ...overrides,
  };
}
