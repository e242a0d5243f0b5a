/**
 * The provider for a name, built from configuration. Hosted providers need their credentials here (a
 * missing key is named, exit 2); the local provider checks only that CFT_GPU_HOST is well formed (bad
 * input, exit 2) and looks for a GPU when it starts a run.
 */
import type { Config } from "../config/config.js";
import { createLocalProvider } from "./local/local-provider.js";
import { createAzureProvider } from "./providers/azure-provider.js";
import { createOpenAIProvider } from "./providers/openai-provider.js";
import type { Provider, ProviderName } from "./types.js";

export function createProvider(name: ProviderName, config: Config): Provider {
  switch (name) {
    case "openai":
      return createOpenAIProvider(config);
    case "azure":
      return createAzureProvider(config);
    case "local":
      return createLocalProvider(config, { home: config.home });
  }
}
