/**
 * The user's consent to a launch plan, over MCP. Where the host supports form elicitation, the server
 * asks the user itself, showing the plan, and only an accepted form with `confirm` checked counts. Where
 * it does not, the tool needs `confirmation` equal to the token estimate_cost returned for this exact
 * plan, which the model may pass only after the user agreed. Anything else: nothing starts.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { LaunchPlan } from "../../src/finetune/launch-plan.js";
import type { ConfirmationMethod } from "../../src/ledger/confirmations.js";
import { refuse } from "../tool-result.js";
import { describePlan } from "./plan-summary.js";

/** How long the user has to answer the form (the SDK's default of a minute is too short to read a plan). */
const ANSWER_TIMEOUT_MS = 15 * 60_000;

export type Consent = { method: ConfirmationMethod } | { refusal: CallToolResult };

/** True when the connected host can show the user a form (MCP elicitation, form mode). */
export function canAskUser(server: McpServer): boolean {
  return Boolean(server.server.getClientCapabilities()?.elicitation?.form);
}

async function askUser(server: McpServer, plan: LaunchPlan, signal?: AbortSignal): Promise<Consent> {
  let answer: Awaited<ReturnType<McpServer["server"]["elicitInput"]>>;
  try {
    answer = await server.server.elicitInput(
      {
        mode: "form",
        message: `Start this fine-tune? It trains on the files below and spends the estimated amount.\n\n${describePlan(plan)}`,
        requestedSchema: {
          type: "object",
          properties: {
            confirm: {
              type: "boolean",
              title: "Start this fine-tune",
              description: "Check to start the job on these exact files at this estimated cost.",
              default: false,
            },
          },
          required: ["confirm"],
        },
      },
      { signal, timeout: ANSWER_TIMEOUT_MS },
    );
  } catch (error) {
    return {
      refusal: refuse(
        `Could not ask the user to confirm (${(error as Error).message}); nothing was started. Try again, or ask the user in the conversation and pass the token from estimate_cost as confirmation if this host cannot show forms.`,
      ),
    };
  }
  if (answer.action === "accept" && answer.content?.confirm === true) return { method: "mcp-elicitation" };
  return {
    refusal: refuse(
      answer.action === "cancel"
        ? "The user dismissed the confirmation; nothing was started. Ask them whether they want to go ahead before calling start_fine_tune again."
        : "The user declined; nothing was started. Do not retry unless the user asks for it.",
    ),
  };
}

function checkToken(plan: LaunchPlan, confirmation: string | undefined): Consent {
  if (confirmation === undefined)
    return {
      refusal: refuse(
        "Not confirmed; nothing was started. This host cannot ask the user directly (no MCP elicitation), so start_fine_tune needs `confirmation`: call estimate_cost with the same arguments, show the user the plan and estimate, and pass its confirmation token only after the user agreed.",
      ),
    };
  if (confirmation !== plan.token)
    return {
      refusal: refuse(
        "The confirmation does not match this plan: the dataset files, the configuration or the estimate changed since estimate_cost issued that token (or the arguments differ from the ones it was given); nothing was started. Call estimate_cost again with these arguments, show the user the new estimate, and pass the new token only after they agree.",
      ),
    };
  return { method: "mcp-token" };
}

/** Asks the user (elicitation) or checks the token; says which way consent was given, or why not. */
export function obtainConsent(
  server: McpServer,
  plan: LaunchPlan,
  confirmation: string | undefined,
  signal?: AbortSignal,
): Promise<Consent> {
  return canAskUser(server) ? askUser(server, plan, signal) : Promise.resolve(checkToken(plan, confirmation));
}
