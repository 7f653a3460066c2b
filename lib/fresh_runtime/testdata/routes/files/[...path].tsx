import { define } from "../../utils.ts";

export default define.page(({ params }) => <p class="file-path">path=[{params.path}]</p>);
