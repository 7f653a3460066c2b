/** GET /api/docs: browsable API reference rendered from the OpenAPI document (no JavaScript). */
import { define } from "../../utils.ts";
import { listOperations, openApiDocument } from "../../lib/web/api/spec.ts";
import { PageTitle } from "../../components/Page.tsx";

type Json = Record<string, unknown>;

export default define.page(function ApiDocs() {
  const doc = openApiDocument() as { paths: Record<string, Record<string, Json>> };
  const tags = [...new Set(listOperations().map((o) => o.tag))];
  return (
    <>
      <PageTitle sub="Send Authorization: Bearer <token> from POST /api/auth/token. Errors name the field.">
        Soundcheck API
      </PageTitle>
      <p class="mb-6">
        Machine-readable:{" "}
        <a class="text-indigo-700 underline" href="/api/openapi.json">/api/openapi.json</a>
      </p>
      <nav aria-label="API sections" class="mb-6 flex flex-wrap gap-2">
        {tags.map((t) => (
          <a key={t} href={`#${t}`} class="rounded bg-gray-100 px-2 py-1 text-sm">{t}</a>
        ))}
      </nav>
      {tags.map((tag) => (
        <section key={tag} id={tag} class="mb-8">
          <h2 class="mb-3 text-xl font-semibold capitalize">{tag}</h2>
          {listOperations().filter((o) => o.tag === tag).map((op) => {
            const spec = doc.paths[op.path][op.method] as Json;
            const body = (spec.requestBody as Json | undefined)?.content as Json | undefined;
            const responses = spec.responses as Record<string, Json>;
            const ok = Object.entries(responses).find(([s]) => s.startsWith("2"));
            return (
              <details
                key={`${op.method} ${op.path}`}
                class="mb-2 rounded-lg border border-gray-200 bg-white"
              >
                <summary class="cursor-pointer p-3">
                  <code class="mr-2 rounded bg-indigo-600 px-2 py-0.5 text-xs font-bold uppercase text-white">
                    {op.method}
                  </code>
                  <code class="font-semibold">{op.path}</code>
                  <span class="ml-2 text-gray-600">{op.summary}</span>
                  {op.auth && <span class="ml-2 text-xs text-gray-600">(auth)</span>}
                </summary>
                <div class="border-t border-gray-200 p-3 text-sm">
                  {(spec.parameters as Json[]).length > 0 && (
                    <>
                      <h3 class="font-semibold">Parameters</h3>
                      <ul class="mb-2 list-disc pl-6">
                        {(spec.parameters as Json[]).map((p) => (
                          <li key={String(p.name)}>
                            <code>{String(p.name)}</code>{" "}
                            ({String(p.in)}){p.required ? ", required" : ""}
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                  {body && (
                    <>
                      <h3 class="font-semibold">Request body</h3>
                      <pre class="mb-2 overflow-x-auto rounded bg-gray-50 p-2">{JSON.stringify((body["application/json"] as Json).schema, null, 2)}</pre>
                    </>
                  )}
                  {ok && (
                    <>
                      <h3 class="font-semibold">Response {ok[0]}</h3>
                      <pre class="mb-2 overflow-x-auto rounded bg-gray-50 p-2">{JSON.stringify(((ok[1].content as Json)["application/json"] as Json).schema, null, 2)}</pre>
                    </>
                  )}
                  <p class="text-gray-600">
                    Errors: {Object.keys(responses).filter((s) => !s.startsWith("2")).join(", ")}
                  </p>
                </div>
              </details>
            );
          })}
        </section>
      ))}
    </>
  );
});
