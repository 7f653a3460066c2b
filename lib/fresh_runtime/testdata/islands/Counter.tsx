import { useState } from "preact/hooks";

export interface CounterProps {
  start: number;
  label: string;
}

export default function Counter({ start, label }: CounterProps) {
  const [count, setCount] = useState(start);
  return (
    <div class="counter flex gap-2">
      <button type="button" class="rounded bg-indigo-600 px-3" onClick={() => setCount(count + 1)}>
        +1
      </button>
      <output>{count}</output> <span>{label}</span>
    </div>
  );
}
