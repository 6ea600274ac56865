/**
 * Lists built item by item whose length is known only at the end, kept in typed arrays: their
 * memory lies outside the JavaScript heap, so building them gives the collector nothing to mark.
 * Each doubles as it fills.
 */
export class GrowingArray<A extends Int32Array | Float32Array> {
  values: A;
  length = 0;
  readonly #make: (size: number) => A;

  constructor(type: { new (size: number): A }) {
    this.#make = (size) => new type(size);
    this.values = this.#make(1024);
  }

  push(value: number): void {
    if (this.length === this.values.length) {
      const larger = this.#make(this.values.length * 2);
      larger.set(this.values);
      this.values = larger;
    }
    this.values[this.length++] = value;
  }

  /** A copy holding the values pushed, and no more. */
  finish(): A {
    return this.values.slice(0, this.length) as A;
  }
}

/**
 * A list of fact positions in a buffer allocated once per index and reused by every search. Lists
 * of tens of thousands of numbers, grown afresh per search, landed in the collector's old space
 * and brought on the full collections that made the slowest searches at 100k facts. A list past
 * its capacity stops recording and says so (`overflowed`); callers then treat it as "everything".
 */
export class DocList {
  readonly buffer: Int32Array;
  length = 0;
  overflowed = false;

  constructor(capacity: number) {
    this.buffer = new Int32Array(capacity);
  }

  push(doc: number): void {
    if (this.length < this.buffer.length) this.buffer[this.length++] = doc;
    else this.overflowed = true;
  }

  at(position: number): number {
    return this.buffer[position] as number;
  }

  reset(): void {
    this.length = 0;
    this.overflowed = false;
  }
}
