export const config = { skipAppWrapper: true, skipInheritedLayouts: true };

export default function Plain() {
  return <p class="plain">No app wrapper here</p>;
}
