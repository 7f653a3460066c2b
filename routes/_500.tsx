/** Server error: a generic message; the details are in the logs under the request id. */
import { define } from "../utils.ts";
import { EmptyState } from "../components/Page.tsx";

export default define.page(function ServerError() {
  return (
    <EmptyState title="Something went wrong on our side">
      <p>Please try again in a moment. If it keeps happening, tell us what you were doing.</p>
    </EmptyState>
  );
});
