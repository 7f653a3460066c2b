import { define } from "../utils.ts";

export default define.page(({ error }) => (
  <h1 class="server-error">Something broke{error instanceof Error ? " (error set)" : ""}</h1>
));
