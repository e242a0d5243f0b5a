/**
 * POSIX shell quoting for the commands we send to a GPU host over SSH (ssh hands its command to the
 * remote user's shell as one string, so every argument must survive that shell unchanged).
 */

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** One argument, quoted so any POSIX shell reads it back byte for byte. */
export function shellQuote(arg: string): string {
  if (arg !== "" && SAFE.test(arg)) return arg;
  // Inside single quotes nothing is special but the quote itself, which is closed, escaped and reopened.
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** A whole command line from an argument array. */
export function shellCommand(argv: readonly string[]): string {
  return argv.map(shellQuote).join(" ");
}

/**
 * A remote path, quoted, keeping a leading `~` or `~/` meaning the remote home folder (the usual way to
 * write CFT_GPU_WORKDIR), which quoting alone would turn into a folder literally named `~`.
 */
export function shellPath(path: string): string {
  if (path === "~") return '"$HOME"';
  if (path.startsWith("~/")) return `"$HOME"/${shellQuote(path.slice(2))}`;
  return shellQuote(path);
}
