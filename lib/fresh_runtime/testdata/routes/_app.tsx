import type { PageProps } from "../../mod.ts";

export default function App({ Component }: PageProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>Fixture</title>
        <link rel="icon" href="/favicon.svg" />
      </head>
      <body class="bg-white text-gray-900">
        <Component />
      </body>
    </html>
  );
}
