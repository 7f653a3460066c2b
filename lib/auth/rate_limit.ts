/** A fixed-window limiter in memory: enough for one server process (sign-in, sign-up, resets). */
export interface RateLimiter {
  /** Counts one attempt for `key`; returns seconds to wait when over the limit, else 0. */
  hit(key: string): number;
  reset(key: string): void;
}

export function createRateLimiter(limit: number, windowSeconds: number): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key) {
      const now = Date.now();
      let w = windows.get(key);
      if (!w || now - w.start >= windowSeconds * 1000) {
        w = { start: now, count: 0 };
        windows.set(key, w);
        // Forget old windows now and then so the map cannot grow without bound.
        if (windows.size > 10_000) {
          for (const [k, v] of windows) {
            if (now - v.start >= windowSeconds * 1000) windows.delete(k);
          }
        }
      }
      w.count++;
      return w.count > limit ? Math.ceil((w.start + windowSeconds * 1000 - now) / 1000) : 0;
    },
    reset(key) {
      windows.delete(key);
    },
  };
}
