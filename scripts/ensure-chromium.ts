// `npm test` runs this first: it finds or installs the Chromium the browser tests drive
// (scripts/ensureChromium.ts), or prints one line saying why it cannot and exits 1.
import {spawnSync} from "node:child_process";
import {accessSync, constants} from "node:fs";
import {ensureChromium} from "./ensureChromium.js";

const result = ensureChromium(process.env, {
  isExecutable(path) {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
  hasCommand: (name) => spawnSync("sh", ["-c", `command -v ${name}`], {stdio: "ignore"}).status === 0,
  uid: () => process.getuid?.() ?? -1,
  interactive: () => process.stdin.isTTY === true,
  run: (command, args) => spawnSync(command, args, {stdio: ["inherit", "ignore", "inherit"]}).status ?? 1,
  log: (line) => console.log(line)
});
if (result.ok) console.log(result.message);
else {
  console.error(result.message);
  process.exit(1);
}
