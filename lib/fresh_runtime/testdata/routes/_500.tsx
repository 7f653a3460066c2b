import { define } from "../utils.ts";
import { HttpError } from "../../error.ts";

export default define.page(({ error }) =>
  error instanceof HttpError && error.status < 500
    ? <h1 class="client-error">{error.message}</h1>
    : <h1 class="server-error">Something broke{error instanceof Error ? " (error set)" : ""}</h1>
);
