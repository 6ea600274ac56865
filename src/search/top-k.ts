/**
 * The first `limit` candidates in the order search returns them, without sorting them all: coverage
 * in twentieths first, then score, then position. A search may find thousands of facts that reach
 * the threshold and keeps ten; each is offered once, and only one better than the worst kept is
 * placed, by insertion into a short sorted run.
 */
export class TopK {
  readonly #limit: number;
  readonly #docs: Int32Array;
  readonly #steps: Int32Array;
  readonly #scores: Float64Array;
  readonly #coverages: Float64Array;
  #count = 0;

  constructor(limit: number) {
    this.#limit = Math.max(0, limit);
    this.#docs = new Int32Array(this.#limit);
    this.#steps = new Int32Array(this.#limit);
    this.#scores = new Float64Array(this.#limit);
    this.#coverages = new Float64Array(this.#limit);
  }

  /** How many it keeps: 0 when the caller collects and sorts instead. */
  get capacity(): number {
    return this.#limit;
  }

  /** The coverage step a candidate needs to be kept once the run is full; -Infinity while it is not. */
  get worstStep(): number {
    return this.#count === this.#limit && this.#limit > 0 ? (this.#steps[this.#limit - 1] as number) : -Infinity;
  }

  get size(): number {
    return this.#count;
  }

  offer(doc: number, step: number, score: number, coverage: number): void {
    const limit = this.#limit;
    if (limit === 0) return;
    const docs = this.#docs;
    const steps = this.#steps;
    const scores = this.#scores;
    const coverages = this.#coverages;
    let position = this.#count;
    if (position === limit) {
      if (!before(step, score, doc, steps[limit - 1] as number, scores[limit - 1] as number, docs[limit - 1] as number)) return;
      position = limit - 1;
    } else {
      this.#count++;
    }
    while (position > 0 && before(step, score, doc, steps[position - 1] as number, scores[position - 1] as number, docs[position - 1] as number)) {
      docs[position] = docs[position - 1] as number;
      steps[position] = steps[position - 1] as number;
      scores[position] = scores[position - 1] as number;
      coverages[position] = coverages[position - 1] as number;
      position--;
    }
    docs[position] = doc;
    steps[position] = step;
    scores[position] = score;
    coverages[position] = coverage;
  }

  /** The kept candidates, best first. */
  entries(): Array<{ doc: number; score: number; coverage: number }> {
    return Array.from({ length: this.#count }, (_, i) => ({ doc: this.#docs[i] as number, score: this.#scores[i] as number, coverage: this.#coverages[i] as number }));
  }
}

function before(step: number, score: number, doc: number, otherStep: number, otherScore: number, otherDoc: number): boolean {
  if (step !== otherStep) return step > otherStep;
  if (score !== otherScore) return score > otherScore;
  return doc < otherDoc;
}
