/** The HTML shell of every page. */
import { define } from "../utils.ts";
import { realtimeClientConfig, realtimeMeta } from "../lib/ports/realtime/supabase.ts";
import { headFor } from "../lib/web/head.ts";
import { ViewerZone } from "../components/When.tsx";

export default define.page(function App({ Component, state, url }) {
  const realtime = realtimeMeta(realtimeClientConfig(state.platform.config));
  const head = headFor(state.head, url.pathname);
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta {...realtime} />
        <title>{head.title}</title>
        {head.meta.map((m) => <meta key={"property" in m ? m.property : m.name} {...m} />)}
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </head>
      <body class="min-h-screen bg-gray-50 text-gray-900 antialiased">
        {/* Times on every page read in the viewer's zone (components/When.tsx). */}
        <ViewerZone.Provider value={state.viewerZone ?? null}>
          <Component />
        </ViewerZone.Provider>
      </body>
    </html>
  );
});
