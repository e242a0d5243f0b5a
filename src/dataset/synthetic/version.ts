/**
 * The version of the synthetic generators, recorded in every dataset manifest. Bump it whenever the output for a
 * given (task, n, seed, system prompt) changes.
 */
export const GENERATOR_VERSION = "synthetic/1.0.0";
