/**
 * Google sign-in for Sheets and Docs with a service account: GOOGLE_APPLICATION_CREDENTIALS names the JSON
 * key file, which is read and checked here (a wrong file is bad input, named by file and field, the private
 * key never shown). The client is google-auth-library's `JWT`, with one change: the JWT-bearer exchange goes
 * to the key file's own `token_uri` (the library's token helper always uses Google's), so enterprise
 * token endpoints work and tests point it at a local fake. Errors from Google become `ServiceError`s that
 * carry Google's own message and what to do about it, never a token or the request that carried it.
 */
import { createPrivateKey, createSign } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type Credentials, JWT } from "google-auth-library";
import { z } from "zod";
import type { Config } from "../config/config.js";
import { InputError } from "../errors.js";

export const GOOGLE_SCOPES = [
  "https://www.googleapis.com/auth/spreadsheets",
  "https://www.googleapis.com/auth/documents",
  "https://www.googleapis.com/auth/drive.file",
] as const;

const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

const KeyFileSchema = z.object({
  type: z.literal("service_account", { message: 'expected "service_account" (a service account key file)' }),
  client_email: z.email({ message: "expected the service account's email address" }),
  private_key: z
    .string({ message: "expected a PEM private key" })
    .includes("PRIVATE KEY", { message: "expected a PEM private key" }),
  private_key_id: z.string().optional(),
  token_uri: z.url({ message: "expected the token endpoint URL, e.g. https://oauth2.googleapis.com/token" }),
  project_id: z.string().optional(),
});

export interface ServiceAccountKey {
  /** The key file it came from (absolute path). */
  file: string;
  clientEmail: string;
  privateKey: string;
  privateKeyId?: string;
  tokenUri: string;
  projectId?: string;
}

/** Reads and checks a service account key file; InputError naming the file and field when it is wrong. */
export function readServiceAccountKey(path: string): ServiceAccountKey {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      `${file}: cannot read the service account key file (${code ?? "unreadable"})`,
      [{ file, field: "GOOGLE_APPLICATION_CREDENTIALS", message: "the file cannot be read" }],
      {
        hint: "Set GOOGLE_APPLICATION_CREDENTIALS to the path of the JSON key downloaded for the service account.",
      },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError(
      `${file}: the service account key file is not JSON`,
      [{ file, message: "expected the JSON key file of a service account" }],
      { hint: "Download a JSON key (IAM → Service accounts → Keys → Add key → JSON)." },
    );
  }
  const parsed = KeyFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({
      file,
      field: issue.path.map(String).join(".") || "(file)",
      // Values are never shown: the file holds a private key.
      message:
        typeof json === "object" &&
        json !== null &&
        (json as Record<string, unknown>)[String(issue.path[0])] === undefined
          ? `is missing (${issue.message})`
          : issue.message,
    }));
    const fields = problems.map((p) => p.field).join(", ");
    throw new InputError(`${file}: the service account key file is invalid (${fields})`, problems, {
      hint: "Use the JSON key file of a service account, as downloaded from the Google Cloud console.",
    });
  }
  const key = parsed.data;
  try {
    createPrivateKey(key.private_key);
  } catch {
    throw new InputError(
      `${file}: the service account key file is invalid (private_key)`,
      [{ file, field: "private_key", message: "is not a readable PEM private key (value hidden)" }],
      { hint: "Download a fresh JSON key for the service account; do not edit the file by hand." },
    );
  }
  return {
    file,
    clientEmail: key.client_email,
    privateKey: key.private_key,
    tokenUri: key.token_uri,
    ...(key.private_key_id ? { privateKeyId: key.private_key_id } : {}),
    ...(key.project_id ? { projectId: key.project_id } : {}),
  };
}

/** The token endpoint refused the key, or could not be reached. Carries no token and no assertion. */
export class TokenExchangeError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly oauthError: string | undefined,
  ) {
    super(message);
    this.name = "TokenExchangeError";
  }
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString("base64url");

/**
 * google-auth-library's JWT client, signing in at the key file's `token_uri`: the assertion's audience is
 * that endpoint and the grant is posted there (RFC 7523), the rest (caching, refresh before expiry,
 * authorized requests) is the library's own.
 */
export class ServiceAccountJWT extends JWT {
  readonly tokenUri: string;

  constructor(readonly serviceAccount: ServiceAccountKey) {
    super({
      email: serviceAccount.clientEmail,
      key: serviceAccount.privateKey,
      scopes: [...GOOGLE_SCOPES],
      ...(serviceAccount.privateKeyId ? { keyId: serviceAccount.privateKeyId } : {}),
    });
    this.tokenUri = serviceAccount.tokenUri;
  }

  /** The signed JWT-bearer assertion (RS256) for this key and scopes, valid for an hour. */
  assertion(now = Math.floor(Date.now() / 1000)): string {
    const header = { alg: "RS256", typ: "JWT", ...(this.keyId ? { kid: this.keyId } : {}) };
    const scope = Array.isArray(this.scopes) ? this.scopes.join(" ") : (this.scopes ?? "");
    const payload = { iss: this.email, scope, aud: this.tokenUri, iat: now, exp: now + 3600 };
    const unsigned = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
    const signature = createSign("RSA-SHA256")
      .update(unsigned)
      .sign(this.key ?? "");
    return `${unsigned}.${base64url(signature)}`;
  }

  protected override async refreshTokenNoCache(): Promise<{ tokens: Credentials; res: null }> {
    const issuedAt = Date.now();
    let data: { access_token?: string; expires_in?: number; token_type?: string };
    try {
      const response = await this.transporter.request<typeof data>({
        method: "POST",
        url: this.tokenUri,
        data: new URLSearchParams({ grant_type: JWT_BEARER, assertion: this.assertion() }),
        responseType: "json",
        retryConfig: {
          retry: 2,
          httpMethodsToRetry: ["POST"],
          statusCodesToRetry: [
            [429, 429],
            [500, 599],
          ],
        },
      });
      data = response.data;
    } catch (error) {
      const failure = error as { response?: { status?: number; data?: unknown }; code?: unknown };
      const body = failure.response?.data as { error?: unknown; error_description?: unknown } | undefined;
      const oauthError = typeof body?.error === "string" ? body.error : undefined;
      const description = typeof body?.error_description === "string" ? body.error_description : undefined;
      const status = failure.response?.status;
      const message = oauthError
        ? `${oauthError}${description ? `: ${description}` : ""}`
        : status
          ? `HTTP ${status} from the token endpoint`
          : `cannot reach ${this.tokenUri} (${typeof failure.code === "string" ? failure.code : "network error"})`;
      throw new TokenExchangeError(scrub(message), status, oauthError);
    }
    if (!data || typeof data.access_token !== "string")
      throw new TokenExchangeError("the token endpoint answered without an access_token", 200, undefined);
    const tokens: Credentials = {
      access_token: data.access_token,
      token_type: "Bearer",
      expiry_date: issuedAt + (typeof data.expires_in === "number" ? data.expires_in : 3600) * 1000,
    };
    this.emit("tokens", tokens);
    return { tokens, res: null };
  }

  override authorize(): Promise<Credentials>;
  override authorize(callback: (err: Error | null, result?: Credentials) => void): void;
  override authorize(
    callback?: (err: Error | null, result?: Credentials) => void,
  ): Promise<Credentials> | undefined {
    const run = async () => {
      const { tokens } = await this.refreshTokenNoCache();
      this.credentials = { ...tokens, refresh_token: "jwt-placeholder" };
      return this.credentials;
    };
    if (!callback) return run();
    run().then(
      (tokens) => callback(null, tokens),
      (error: Error) => callback(error),
    );
  }

  override createScoped(scopes?: string | string[]): JWT {
    const copy = new ServiceAccountJWT(this.serviceAccount);
    copy.scopes = scopes;
    return copy;
  }
}

/** The service account client, or null when GOOGLE_APPLICATION_CREDENTIALS is unset. */
export function googleAuth(config: Config): ServiceAccountJWT | null {
  const path = config.env.GOOGLE_APPLICATION_CREDENTIALS;
  if (!path) return null;
  return new ServiceAccountJWT(readServiceAccountKey(path));
}

/** Removes anything that looks like a credential from a message bound for people. */
export function scrub(message: string): string {
  return message
    .replace(/-----BEGIN[^-]*-----[\s\S]*?(-----END[^-]*-----|$)/g, "[private key]")
    .replace(/\b(Bearer)\s+[\w.~+/=-]+/gi, "$1 [redacted]")
    .replace(/\bya29\.[\w.~+/=-]+/g, "[token]")
    .replace(/\beyJ[\w-]+\.[\w-]+\.[\w-]+/g, "[jwt]")
    .replace(/([?&](?:access_token|assertion|key)=)[^&\s]+/gi, "$1[redacted]");
}
