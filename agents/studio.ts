/**
 * The graph as LangGraph Studio and Agent Chat UI load it (`langgraph.json`: `npx @langchain/langgraph-cli
 * dev`). The LangGraph server brings its own checkpointer and threads; configuration comes from the
 * environment (and `.env`) as for the CLI, so the workspace and services are the same.
 */
import { loadConfig } from "../src/config/config.js";
import { graphDeps } from "./deps.js";
import { buildGraph } from "./graph.js";

export const graph = buildGraph(graphDeps(loadConfig()));
