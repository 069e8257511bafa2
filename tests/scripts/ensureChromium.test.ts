import {describe, expect, it} from "vitest";
import {DEBIAN_CHROMIUM, ensureChromium, type EnsureDeps} from "../../scripts/ensureChromium.js";

// A pretend machine: which files exist, which commands are on PATH, who we are, and what each
// command run does. Every command run is recorded so the tests can check what would be executed.
function machine(options: {
  files?: string[];
  commands?: string[];
  uid?: number;
  interactive?: boolean;
  status?: (command: string, args: readonly string[]) => number;
  installs?: boolean;
}) {
  const files = new Set(options.files ?? []);
  const ran: string[] = [];
  const logged: string[] = [];
  const deps: EnsureDeps = {
    isExecutable: (path) => files.has(path),
    hasCommand: (name) => (options.commands ?? ["apt-get", "sudo"]).includes(name),
    uid: () => options.uid ?? 0,
    interactive: () => options.interactive ?? false,
    run(command, args) {
      ran.push([command, ...args].join(" "));
      const status = options.status?.(command, args) ?? 0;
      if (status === 0 && args.includes("install") && (options.installs ?? true)) files.add(DEBIAN_CHROMIUM);
      return status;
    },
    log: (line) => logged.push(line)
  };
  return {deps, ran, logged};
}

describe("ensureChromium", () => {
  it("does nothing when /usr/bin/chromium is already there", () => {
    const m = machine({files: [DEBIAN_CHROMIUM]});
    const result = ensureChromium({}, m.deps);
    expect(result).toMatchObject({ok: true, path: DEBIAN_CHROMIUM});
    expect(m.ran).toEqual([]);
  });

  it("as root, installs Debian's chromium and fonts-dejavu-core with apt-get, then finds it", () => {
    const m = machine({uid: 0});
    const result = ensureChromium({}, m.deps);
    expect(result).toEqual({ok: true, path: DEBIAN_CHROMIUM, message: `chromium: installed ${DEBIAN_CHROMIUM}`});
    expect(m.ran).toEqual([
      "env DEBIAN_FRONTEND=noninteractive apt-get update -qq",
      "env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core"
    ]);
    expect(m.logged).toHaveLength(1);
  });

  it("as a user with sudo and no terminal, runs apt-get through `sudo -n` so a password prompt cannot hang the run", () => {
    const m = machine({uid: 1000});
    expect(ensureChromium({}, m.deps).ok).toBe(true);
    expect(m.ran.every((line) => line.startsWith("sudo -n env DEBIAN_FRONTEND=noninteractive apt-get "))).toBe(true);
  });

  it("at a terminal, lets sudo ask for the password", () => {
    const m = machine({uid: 1000, interactive: true});
    ensureChromium({}, m.deps);
    expect(m.ran[0]).toBe("sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq");
  });

  it("fails in one line, running nothing, when not root and there is no sudo", () => {
    const m = machine({uid: 1000, commands: ["apt-get"]});
    const result = ensureChromium({}, m.deps);
    expect(result.ok).toBe(false);
    expect(result.message).toContain("needs root");
    expect(result.message).toContain("CHROMIUM_PATH");
    expect(result.message).not.toContain("\n");
    expect(m.ran).toEqual([]);
  });

  it("fails in one line when the machine has no apt-get (not Debian or Ubuntu)", () => {
    const m = machine({commands: ["sudo"]});
    const result = ensureChromium({}, m.deps);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/apt-get is not available/);
    expect(m.ran).toEqual([]);
  });

  it("fails when apt-get update fails, and does not go on to install", () => {
    const m = machine({status: (_c, args) => (args.includes("update") ? 100 : 0)});
    const result = ensureChromium({}, m.deps);
    expect(result.ok).toBe(false);
    expect(result.message).toContain("`apt-get update` failed");
    expect(m.ran).toHaveLength(1);
  });

  it("fails when apt-get install fails (for example sudo -n refused: a password is needed)", () => {
    const m = machine({uid: 1000, status: (_c, args) => (args.includes("install") ? 1 : 0)});
    const result = ensureChromium({}, m.deps);
    expect(result.ok).toBe(false);
    expect(result.message).toContain("`apt-get install` failed");
  });

  it("fails when the install succeeds but leaves no /usr/bin/chromium (Ubuntu's snap shim, for one)", () => {
    const m = machine({installs: false});
    const result = ensureChromium({}, m.deps);
    expect(result.ok).toBe(false);
    expect(result.message).toContain("did not provide it");
  });

  it("uses CHROMIUM_PATH when it points at an executable, and installs nothing", () => {
    const m = machine({files: ["/opt/chrome/chrome"]});
    expect(ensureChromium({CHROMIUM_PATH: "/opt/chrome/chrome"}, m.deps)).toMatchObject({ok: true, path: "/opt/chrome/chrome"});
    expect(m.ran).toEqual([]);
  });

  it("refuses a CHROMIUM_PATH that does not exist instead of installing a different browser", () => {
    const m = machine({files: [DEBIAN_CHROMIUM]});
    const result = ensureChromium({CHROMIUM_PATH: "/nope/chromium"}, m.deps);
    expect(result.ok).toBe(false);
    expect(result.message).toContain("CHROMIUM_PATH=/nope/chromium");
    expect(m.ran).toEqual([]);
  });
});
