import { define } from "../utils.ts";

export default define.page(({ Component }) => (
  <div class="layout-root p-4">
    <nav>
      <a href="/">Home</a> <a href="/counter">Counter</a>
    </nav>
    <Component />
  </div>
));
