import { define } from "../../utils.ts";

export default define.page(({ Component }) => (
  <section class="users-layout">
    <Component />
  </section>
));
