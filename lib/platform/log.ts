/** Structured JSON logs, one object per line. */
export type LogEntry = Record<string, unknown> & {
  level?: "debug" | "info" | "warn" | "error";
  msg: string;
};
export type Logger = (entry: LogEntry) => void;

export function createLogger(minLevel: "debug" | "info" | "warn" | "error" = "info"): Logger {
  const order = { debug: 0, info: 1, warn: 2, error: 3 } as const;
  const min = order[minLevel];
  return (entry) => {
    const level = entry.level ?? "info";
    if (order[level] < min) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level, ...entry });
    if (level === "error") console.error(line);
    else console.log(line);
  };
}
