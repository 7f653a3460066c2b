// Scratch: self and inclusive time per function/file from a .cpuprofile, restricted to a time window.
const prof = JSON.parse(await Deno.readTextFile(Deno.args[0]));
const from = Number(Deno.args[1] ?? 0) * 1e6, to = Number(Deno.args[2] ?? 1e9) * 1e6;
const nodes = new Map<number, any>(prof.nodes.map((n: any) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map<number, number>();
let t = prof.startTime, total = 0;
for (let i = 0; i < prof.samples.length; i++) {
  t += prof.timeDeltas[i];
  const rel = t - prof.startTime;
  if (rel < from || rel > to) continue;
  const dt = prof.timeDeltas[i + 1] ?? 0;
  self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + dt);
  total += dt;
}
const key = (n: any) => `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.replace(/.*\/(node_modules\/\.deno\/)?/, "")}:${n.callFrame.lineNumber}`;
const fileKey = (n: any) => { const u = n.callFrame.url; const m = u.match(/node_modules\/\.deno\/([^/]+)/) ?? u.match(/node_modules\/([^/]+)/); return m ? m[1] : (u.replace("file:///work/main/", "") || n.callFrame.functionName); };
const selfBy = new Map<string, number>(), fileBy = new Map<string, number>(), incl = new Map<string, number>();
for (const [id, dt] of self) {
  const n = nodes.get(id);
  selfBy.set(key(n), (selfBy.get(key(n)) ?? 0) + dt);
  fileBy.set(fileKey(n), (fileBy.get(fileKey(n)) ?? 0) + dt);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const k = key(nodes.get(cur)); if (seen.has(k)) continue; seen.add(k);
    incl.set(k, (incl.get(k) ?? 0) + dt);
  }
}
const show = (title: string, m: Map<string, number>, n: number) => {
  console.log(`\n== ${title} (total ${(total / 1e3).toFixed(0)} ms)`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${(100 * v / total).toFixed(1).padStart(5)}%  ${k}`);
};
show("self by file/package", fileBy, 25);
show("self by function", selfBy, 30);
show("inclusive by function", incl, Number(Deno.env.get("N") ?? 60));
