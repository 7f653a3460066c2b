/** The HTML shell of every page. */
import { define } from "../utils.ts";

export default define.page(function App({ Component, state }) {
  const realtime = state.platform.mode === "supabase"
    ? `supabase ${state.platform.config.SUPABASE_URL} ${state.platform.config.SUPABASE_ANON_KEY}`
    : "embedded";
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="sc-realtime" content={realtime} />
        <title>Soundcheck</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      </head>
      <body class="min-h-screen bg-gray-50 text-gray-900 antialiased">
        <Component />
      </body>
    </html>
  );
});
