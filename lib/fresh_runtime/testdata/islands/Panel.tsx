import Counter from "./Counter.tsx";

export interface PanelProps {
  title: string;
}

/** An island containing another island: the inner one hydrates as part of this one. */
export default function Panel({ title }: PanelProps) {
  return (
    <section class="panel border p-2">
      <h2>{title}</h2>
      <Counter start={10} label="nested" />
    </section>
  );
}
