/**
 * Approval of an external action over MCP. When the action policy says `ask` and the host supports form
 * elicitation, the user is asked — the action, the service and a redacted preview — and the answer is
 * recorded with the outbox entry ("mcp-elicitation"). A host without elicitation, or a user who dismisses
 * the form, leaves the action waiting in the outbox for `cft outbox send`: it is never sent unasked.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Approver } from "../../src/integrations/workspace.js";

const ANSWER_TIMEOUT_MS = 10 * 60_000;

export function elicitationApprover(server: McpServer): Approver {
  return async (request) => {
    if (!server.server.getClientCapabilities()?.elicitation?.form)
      return { answer: "deferred", method: "mcp:no-elicitation" };
    try {
      const answer = await server.server.elicitInput(
        {
          mode: "form",
          message: `Allow Clinical Fine-Tuner to ${request.summary}?\n\n${request.preview}\n\n(Text is redacted before it leaves this machine.)`,
          requestedSchema: {
            type: "object",
            properties: {
              approve: {
                type: "boolean",
                title: `Allow: ${request.summary}`,
                description: `Send this to ${request.service} now.`,
                default: false,
              },
            },
            required: ["approve"],
          },
        },
        { timeout: ANSWER_TIMEOUT_MS },
      );
      if (answer.action === "accept")
        return {
          answer: answer.content?.approve === true ? "approved" : "declined",
          method: "mcp-elicitation",
        };
      if (answer.action === "decline") return { answer: "declined", method: "mcp-elicitation" };
      return { answer: "deferred", method: "mcp-elicitation" };
    } catch {
      return { answer: "deferred", method: "mcp:elicitation-failed" };
    }
  };
}
