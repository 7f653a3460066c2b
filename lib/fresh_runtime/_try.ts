import { createApp } from "./mod.ts";
const app = await createApp({ root: import.meta.dirname + "/testdata", initialState: () => ({ trail: [] }), log: () => {} });
const res = await app.fetch(new Request("http://x/counter"));
console.log(await res.text());
console.log((await app.fetch(new Request("http://x/users/escape"))).headers.get("location"));
