import { define } from "../utils.ts";

export default define.page(({ url }) => <h1 class="not-found">Nothing at {url.pathname}</h1>);
