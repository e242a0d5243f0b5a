/**
 * How the fake checks credentials on each surface, and the refusals it sends in each service's own
 * shape: OpenAI's 401 echoes a masked key (which the provider must scrub), Azure's names no variable,
 * ARM's says the token is invalid. A missing api-version is refused as Azure and ARM refuse it.
 */
import type { IncomingMessage } from "node:http";
import { apiError, type FakeReply, type Surface } from "./openai-routes.js";

export interface FakeCredentials {
  apiKey: string;
  azureKey: string;
  entraToken: string;
  armToken: string;
}

export function authorized(
  c: FakeCredentials,
  surface: Surface,
  headers: IncomingMessage["headers"],
): boolean {
  const bearer = headers.authorization;
  if (surface === "openai") return bearer === `Bearer ${c.apiKey}`;
  if (surface === "azure") return headers["api-key"] === c.azureKey || bearer === `Bearer ${c.entraToken}`;
  return bearer === `Bearer ${c.armToken}`;
}

export function unauthorized(surface: Surface, headers: IncomingMessage["headers"]): FakeReply {
  if (surface === "openai") {
    const given = (headers.authorization ?? "").replace(/^Bearer /, "");
    const masked = `${given.slice(0, 3)}${"*".repeat(Math.max(0, given.length - 7))}${given.slice(-4)}`;
    return apiError(
      401,
      `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`,
      { code: "invalid_api_key" },
    );
  }
  const message =
    surface === "azure"
      ? "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource."
      : "The access token is invalid.";
  return {
    status: 401,
    json: { error: { code: surface === "azure" ? "401" : "InvalidAuthenticationToken", message } },
  };
}

export function missingApiVersion(surface: Surface): FakeReply {
  if (surface === "azure")
    return { status: 404, json: { error: { code: "404", message: "Resource not found" } } };
  return {
    status: 400,
    json: {
      error: {
        code: "MissingApiVersionParameter",
        message: "The api-version query parameter (?api-version=) is required for all requests.",
      },
    },
  };
}
