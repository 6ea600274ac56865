import { loadKnowledge } from '../knowledge/load.ts';
import { formatProblem } from '../knowledge/problems.ts';
import { SearchIndex } from '../search/search-index.ts';

/** Loads the knowledge for a console session, or explains on stderr why it cannot and exits 1. */
export async function loadIndexOrExit(dir: string): Promise<SearchIndex> {
  const result = await loadKnowledge(dir);
  if (!result.ok) {
    process.stderr.write(`The knowledge in ${dir} has errors; fix them (npm run kb:check) and try again:\n`);
    for (const problem of result.errors.slice(0, 50)) process.stderr.write(`${formatProblem(problem)}\n`);
    process.exit(1);
  }
  return new SearchIndex(result.snapshot);
}
