/**
 * Entra ID tokens (DefaultAzureCredential: environment, workload identity, managed identity, `az login`),
 * loaded only when a token is first needed: @azure/identity takes most of a second to import, and every
 * command that never signs in to Azure should not pay for it.
 */
export function entraTokenProvider(scope: string): () => Promise<string> {
  let credential: { getToken(scope: string): Promise<{ token: string } | null> } | undefined;
  return async () => {
    if (!credential) {
      const { DefaultAzureCredential } = await import("@azure/identity");
      credential = new DefaultAzureCredential();
    }
    const token = await credential.getToken(scope);
    if (!token) throw new Error(`Entra ID returned no token for ${scope}`);
    return token.token;
  };
}
