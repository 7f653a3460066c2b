/** Not found. */
import { define } from "../utils.ts";
import { EmptyState } from "../components/Page.tsx";

export default define.page(function NotFound() {
  return (
    <EmptyState title="Page not found">
      <p>That page does not exist or is not yours to see.</p>
      <a class="mt-4 inline-block text-indigo-700 underline" href="/">Back to the start</a>
    </EmptyState>
  );
});
