// The first step of `npm test`: browser tests drive Debian's Chromium, so on a bare Debian or
// Ubuntu machine the test command installs it (`chromium` plus `fonts-dejavu-core`, the fonts
// the screenshots and layout checks assume) and, when it cannot, stops with one line saying why
// and what to do. Everything the step touches (file checks, commands, the user id) comes in
// through `EnsureDeps`, so tests/scripts/ensureChromium.test.ts runs every branch without
// installing or removing anything.

/** Debian's path for its `chromium` package; tests/browser/harness.ts uses the same default. */
export const DEBIAN_CHROMIUM = "/usr/bin/chromium";
export const APT_PACKAGES = ["chromium", "fonts-dejavu-core"] as const;

export interface EnsureDeps {
  /** True when `path` exists and is executable. */
  isExecutable(path: string): boolean;
  /** True when `name` is a command on PATH. */
  hasCommand(name: string): boolean;
  /** The effective user id (0 is root). */
  uid(): number;
  /** True when a person can answer a sudo password prompt. */
  interactive(): boolean;
  /** Runs a command with inherited output; returns its exit status. */
  run(command: string, args: readonly string[]): number;
  log(line: string): void;
}

export interface EnsureResult {
  ok: boolean;
  /** The Chromium binary the browser tests will launch. */
  path: string;
  /** One line for the reader: what happened, or why not and what to do. */
  message: string;
}

const MANUAL = `install it (sudo apt-get install chromium fonts-dejavu-core) or set CHROMIUM_PATH to a Chromium binary`;

/** Makes sure the browser tests have a Chromium, installing Debian's package when it can. */
export function ensureChromium(env: {CHROMIUM_PATH?: string | undefined}, deps: EnsureDeps): EnsureResult {
  const custom = env.CHROMIUM_PATH?.trim();
  if (custom) {
    // The reader chose a binary; installing Debian's package would not put anything there.
    return deps.isExecutable(custom)
      ? {ok: true, path: custom, message: `chromium: using ${custom} (CHROMIUM_PATH)`}
      : {ok: false, path: custom, message: `chromium: CHROMIUM_PATH=${custom} is not an executable file; fix the path or unset it to use ${DEBIAN_CHROMIUM}`};
  }
  const path = DEBIAN_CHROMIUM;
  if (deps.isExecutable(path)) return {ok: true, path, message: `chromium: found ${path}`};

  const fail = (why: string): EnsureResult => ({ok: false, path, message: `chromium: ${path} is missing and ${why}; ${MANUAL}`});
  if (!deps.hasCommand("apt-get")) return fail("apt-get is not available to install it");
  let prefix: string[] = [];
  if (deps.uid() !== 0) {
    if (!deps.hasCommand("sudo")) return fail("installing it needs root (not root, no sudo)");
    // Without a terminal a password prompt would hang the test run, so sudo may not ask.
    prefix = deps.interactive() ? ["sudo"] : ["sudo", "-n"];
  }
  const apt = (args: string[]): number => {
    const [command, ...rest] = [...prefix, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", ...args];
    return deps.run(command as string, rest);
  };
  deps.log(`chromium: ${path} is missing; installing Debian's ${APT_PACKAGES.join(" and ")} for the browser tests`);
  if (apt(["update", "-qq"]) !== 0) return fail("`apt-get update` failed");
  if (apt(["install", "-y", "-qq", "--no-install-recommends", ...APT_PACKAGES]) !== 0) return fail("`apt-get install` failed");
  if (!deps.isExecutable(path)) return fail(`the ${APT_PACKAGES[0]} package did not provide it`);
  return {ok: true, path, message: `chromium: installed ${path}`};
}
