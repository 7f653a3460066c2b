import { h } from "preact";
import { renderToString } from "preact-render-to-string";
import App from "./testdata/routes/_app.tsx";
import Layout from "./testdata/routes/_layout.tsx";
import Index from "./testdata/routes/index.tsx";
import { createApp } from "./mod.ts";
const props = { data: undefined, url: new URL("http://x/"), params: {}, state: { trail: ["root"] }, Component: () => null };
function bench(name: string, f: () => unknown, n = 20000) {
  for (let i = 0; i < 2000; i++) f();
  const t = performance.now();
  for (let i = 0; i < n; i++) f();
  console.log(name, ((performance.now() - t) / n * 1000).toFixed(1), "µs");
}
bench("rts index only", () => renderToString(h(Index, props)));
bench("rts app+layout+index", () => renderToString(h(App, { ...props, Component: () => h(Layout, { ...props, Component: () => h(Index, props) }) })));
const app = await createApp({ root: import.meta.dirname + "/testdata", initialState: () => ({ trail: [] }), log: () => {} });
bench("rts after createApp (hooks installed)", () => renderToString(h(App, { ...props, Component: () => h(Layout, { ...props, Component: () => h(Index, props) }) })));
bench("new URL", () => new URL("http://x/users/7"));
bench("nonce", () => btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16)))));
bench("uuid", () => crypto.randomUUID());
bench("Response text", () => new Response("<html>".repeat(100), { headers: { "content-type": "text/html" } }));
void app;
