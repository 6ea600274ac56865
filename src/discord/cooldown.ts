/** Per-user cooldown between commands, with an injected clock so tests need not wait. */
export class Cooldown {
  readonly #lastUse = new Map<string, number>();
  readonly #millis: number;
  readonly #now: () => number;

  constructor(seconds: number, now: () => number = Date.now) {
    this.#millis = seconds * 1000;
    this.#now = now;
  }

  /** Records a use and says whether it was allowed; a refused use does not restart the wait. */
  take(userId: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    if (this.#millis <= 0) return { ok: true };
    const now = this.#now();
    const last = this.#lastUse.get(userId);
    if (last !== undefined && now - last < this.#millis) {
      return { ok: false, retryAfterSeconds: Math.ceil((this.#millis - (now - last)) / 1000) };
    }
    this.#lastUse.set(userId, now);
    if (this.#lastUse.size > 10_000) this.#forgetExpired(now);
    return { ok: true };
  }

  #forgetExpired(now: number): void {
    for (const [user, at] of this.#lastUse) if (now - at >= this.#millis) this.#lastUse.delete(user);
  }
}
