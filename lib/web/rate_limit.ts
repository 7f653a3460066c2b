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

/** Every limit the edge and the auth pages apply, per server process. */
export interface Limits {
  /** API, functions and /auth/v1 requests per client (user, else address) per minute. */
  api: RateLimiter | null;
  /** Failed sign-ins per account (e-mail), whatever address they come from. */
  signInPerAccount: RateLimiter;
  /** Sign-in attempts per client address. */
  signInPerAddress: RateLimiter;
  signUpPerAddress: RateLimiter;
  /** Mail-sending actions (password resets, invites): per recipient and per address. */
  mailPerRecipient: RateLimiter;
  mailPerAddress: RateLimiter;
}

export function createLimits(apiPerMinute: number): Limits {
  return {
    api: apiPerMinute > 0 ? createRateLimiter(apiPerMinute, 60) : null,
    signInPerAccount: createRateLimiter(10, 300),
    signInPerAddress: createRateLimiter(100, 300),
    signUpPerAddress: createRateLimiter(20, 600),
    mailPerRecipient: createRateLimiter(3, 900),
    mailPerAddress: createRateLimiter(20, 900),
  };
}
