/**
 * The error page: a refused request (4xx) shows what was wrong; a server error shows a generic
 * message (the details are in the logs under the request id).
 */
import { define } from "../utils.ts";
import { EmptyState } from "../components/Page.tsx";
import { HttpError } from "../lib/web/errors.ts";

export default define.page(function ErrorPage({ error }) {
  if (error instanceof HttpError && error.status < 500) {
    return (
      <EmptyState title={error.status === 403 ? "Not allowed" : "That did not work"}>
        <p>{error.message}</p>
        <a class="mt-4 inline-block text-indigo-700 underline" href="/">Back to the start</a>
      </EmptyState>
    );
  }
  return (
    <EmptyState title="Something went wrong on our side">
      <p>Please try again in a moment. If it keeps happening, tell us what you were doing.</p>
    </EmptyState>
  );
});
