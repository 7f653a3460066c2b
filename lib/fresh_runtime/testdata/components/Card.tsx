export interface CardProps {
  title: string;
}

export function Card({ title }: CardProps) {
  return <div class="card rounded-lg bg-indigo-50 p-6 shadow-md">{title}</div>;
}
