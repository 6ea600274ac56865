/** One thing wrong with the knowledge, pinned to the place a moderator must edit. */
export interface Problem {
  readonly severity: 'error' | 'warning';
  /** The file as the caller named its folder, e.g. `knowledge/market/china.yaml`. */
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

export function formatProblem(problem: Problem): string {
  const prefix = problem.severity === 'warning' ? 'warning: ' : '';
  return `${problem.file}:${problem.line}:${problem.col} ${prefix}${problem.message}`;
}

export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.message.localeCompare(b.message));
}
