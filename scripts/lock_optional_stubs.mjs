// This machine's npm registry lacks some optional platform packages (@deno/darwin-*, Supabase CLI
// builds for other systems). npm then writes a lock file without them, which `npm ci` rejects.
// Run after `npm install`: adds each missing optional dependency as a platform-restricted stub,
// which npm ci skips on other platforms exactly as it would the real entry.
import { readFileSync, writeFileSync } from "node:fs";

const PLATFORMS = [
  [/darwin-arm64/, "darwin", "arm64"],
  [/darwin-x64/, "darwin", "x64"],
  [/linux-arm64/, "linux", "arm64"],
  [/linux-x64/, "linux", "x64"],
  [/(win32|windows)-arm64/, "win32", "arm64"],
  [/(win32|windows)-x64/, "win32", "x64"],
];

const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
const packages = lock.packages;
let added = 0;
for (const meta of Object.values(packages)) {
  for (const [dep, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    if (packages[key]) continue;
    const platform = PLATFORMS.find(([re]) => re.test(dep));
    if (!platform) throw new Error(`no platform known for optional dependency ${dep}`);
    packages[key] = { version, cpu: [platform[2]], os: [platform[1]], optional: true };
    if (dep.includes("musl")) packages[key].libc = ["musl"];
    added++;
  }
}
writeFileSync("package-lock.json", JSON.stringify(lock, null, 2) + "\n");
console.log(`package-lock.json: ${added} optional platform stubs added`);
