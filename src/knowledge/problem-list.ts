import type { Problem } from './problems.ts';
import type { Position } from './yaml-document.ts';

/** Collects problems as validation walks the files; validation never stops at the first one. */
export class ProblemList {
  readonly #problems: Problem[] = [];

  error(file: string, position: Position, message: string): void {
    this.#problems.push({ severity: 'error', file, line: position.line, col: position.col, message });
  }

  warning(file: string, position: Position, message: string): void {
    this.#problems.push({ severity: 'warning', file, line: position.line, col: position.col, message });
  }

  get errors(): Problem[] {
    return this.#problems.filter((problem) => problem.severity === 'error');
  }

  get warnings(): Problem[] {
    return this.#problems.filter((problem) => problem.severity === 'warning');
  }

  get hasErrors(): boolean {
    return this.#problems.some((problem) => problem.severity === 'error');
  }
}
