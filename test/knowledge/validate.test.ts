import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/knowledge/problems.ts';
import { buildSnapshot, type KnowledgeFile, type LoadResult } from '../../src/knowledge/validate.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/knowledge');
const NOW = new Date('2026-11-23T12:00:00Z');

function baseFiles(): KnowledgeFile[] {
  const dir = path.join(FIXTURES, 'base');
  return readdirSync(dir)
    .sort()
    .map((name) => ({ path: `knowledge/${name}`, bytes: readFileSync(path.join(dir, name)) }));
}

/** The base fixture set plus one broken file, shown as `knowledge/<name>`. */
function withBroken(name: string): LoadResult {
  const bytes = readFileSync(path.join(FIXTURES, 'broken', name));
  return buildSnapshot([...baseFiles(), { path: `knowledge/${name}`, bytes }], NOW);
}

function errorsOf(result: LoadResult): string[] {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors.map(formatProblem);
}

describe('buildSnapshot on valid knowledge', () => {
  it('returns an immutable snapshot with every entry and a content version', () => {
    const result = buildSnapshot(baseFiles(), NOW);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { snapshot } = result;
    expect(snapshot.facts.map((fact) => fact.id)).toEqual(['cn-mining-share-2024', 'cn-dy-tb-licences-2025', 'india-central-asia-dialogue-2025']);
    expect(snapshot.sources).toHaveLength(3);
    expect(snapshot.countryByCode.get('CN')?.aliases).toContain('PRC');
    expect(snapshot.materialByCode.get('Dy')?.group).toBe('heavy');
    expect(snapshot.loadedAt).toBe('2026-11-23T12:00:00.000Z');
    expect(snapshot.version).toMatch(/^[0-9a-f]{12}$/);
    expect(snapshot.origins.get('cn-dy-tb-licences-2025')).toEqual({ file: 'knowledge/facts.yaml', line: 17 });
    expect(Object.isFrozen(snapshot.facts)).toBe(true);
    expect(Object.isFrozen(snapshot.facts[0]?.countries)).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  it('gives the same version for the same content and a new one when a byte changes', () => {
    const files = baseFiles();
    const first = buildSnapshot(files, NOW);
    const again = buildSnapshot(files, new Date());
    const edited = files.map((file) => (file.path.endsWith('facts.yaml') ? { ...file, bytes: Buffer.from(`${file.bytes.toString()}\n`) } : file));
    const changed = buildSnapshot(edited, NOW);
    expect(first.ok && again.ok && changed.ok).toBe(true);
    if (!first.ok || !again.ok || !changed.ok) return;
    expect(again.snapshot.version).toBe(first.snapshot.version);
    const elsewhere = buildSnapshot(
      files.map((file) => ({ ...file, path: `/srv/bot/${file.path}` })),
      NOW,
    );
    expect(elsewhere.ok && elsewhere.snapshot.version).toBe(first.snapshot.version);
    expect(changed.snapshot.version).not.toBe(first.snapshot.version);
  });

  it('applies defaults from the schema (tags, materials, targets)', () => {
    const result = buildSnapshot(baseFiles(), NOW);
    if (!result.ok) throw new Error('base fixtures must load');
    const restriction = result.snapshot.factById.get('cn-dy-tb-licences-2025');
    expect(restriction?.kind === 'restriction' && restriction.targets).toEqual([]);
    expect(result.snapshot.factById.get('india-central-asia-dialogue-2025')?.materials).toEqual([]);
  });
});

describe('buildSnapshot reports each class of problem at its file, line and column', () => {
  const cases: Array<[string, string[]]> = [
    ['schema-error.yaml', ["knowledge/schema-error.yaml:2:5 fact 'missing-title': missing required field 'title'"]],
    ['wrong-type.yaml', [`knowledge/wrong-type.yaml:7:16 fact 'countries-not-a-list': countries must be a list, not text ("China")`]],
    [
      'unknown-field.yaml',
      [
        "knowledge/unknown-field.yaml:2:5 fact 'misspelled-field': missing required field 'summary'",
        "knowledge/unknown-field.yaml:5:5 fact 'misspelled-field': unknown field 'summmary' (did you mean 'summary'?)",
      ],
    ],
    ['bad-kind.yaml', ["knowledge/bad-kind.yaml:3:11 fact 'unknown-kind': kind must be one of market-share, restriction, policy, meeting, background (found 'rumour')"]],
    ['duplicate-id.yaml', ["knowledge/duplicate-id.yaml:2:9 duplicate fact id 'cn-mining-share-2024' (first defined at knowledge/facts.yaml:2:9)"]],
    ['unknown-source.yaml', ["knowledge/unknown-source.yaml:9:17 fact 'cites-unknown-source': unknown source 'usgs-mcs-2052' (did you mean 'usgs-mcs-2025'?)"]],
    ['unknown-country.yaml', ["knowledge/unknown-country.yaml:7:21 fact 'unknown-country-code': unknown country code 'QQ' (did you mean 'XX'?)"]],
    ['unknown-material.yaml', ["knowledge/unknown-material.yaml:8:21 fact 'unknown-material-code': unknown material 'Dyy' (did you mean 'Dy'?)"]],
    ['impossible-date.yaml', ["knowledge/impossible-date.yaml:6:11 fact 'february-thirtieth': date must be a real date written YYYY, YYYY-MM or YYYY-MM-DD"]],
    ['invalid-date.yaml', ["knowledge/invalid-date.yaml:6:11 fact 'written-date': date must be a real date written YYYY, YYYY-MM or YYYY-MM-DD"]],
    ['no-citation.yaml', ["knowledge/no-citation.yaml:8:16 fact 'uncited-fact': citations must list at least one source: every fact cites one"]],
    ['missing-citations.yaml', ["knowledge/missing-citations.yaml:2:5 fact 'fact-without-citations-key': a fact must cite at least one source (missing citations)"]],
    ['bad-url.yaml', ["knowledge/bad-url.yaml:5:10 source 'ftp-source': url must be an http(s) address"]],
    [
      'shares-over-100.yaml',
      [
        "knowledge/shares-over-100.yaml:14:7 percent shares for mining in 2024 from source 'usgs-mcs-2025' sum to 109% (facts: cn-mining-share-2024, us-mining-share-2024-inflated); they cannot exceed 100%",
      ],
    ],
    [
      'effective-before-announced.yaml',
      ["knowledge/effective-before-announced.yaml:13:16 fact 'backdated-restriction': effective date 2025-09-01 precedes the announcement on 2025-10-09"],
    ],
    ['yaml-syntax.yaml', ['knowledge/yaml-syntax.yaml:6:1 YAML syntax: Missing closing "quote']],
    ['alias-bomb.yaml', ['knowledge/alias-bomb.yaml:1:1 YAML uses too many aliases (more than 200 expansions); write the values out instead']],
    ['top-level-list.yaml', ['knowledge/top-level-list.yaml:1:1 a knowledge file must be a mapping with any of: sources, facts, countries, materials']],
  ];

  it.each(cases)('%s', (name, expected) => {
    expect(errorsOf(withBroken(name))).toEqual(expected);
  });

  it('has a fixture for every case and a case for every error fixture', () => {
    const warningFixtures = ['uncited-source.yaml', 'superseded-without-link.yaml'];
    const fixtures = readdirSync(path.join(FIXTURES, 'broken')).filter((name) => !warningFixtures.includes(name));
    expect(cases.map(([name]) => name).sort()).toEqual(fixtures.sort());
  });

  it('reports every problem of every file at once, not only the first', () => {
    const broken = ['unknown-source.yaml', 'impossible-date.yaml', 'bad-url.yaml'].map((name) => ({
      path: `knowledge/${name}`,
      bytes: readFileSync(path.join(FIXTURES, 'broken', name)),
    }));
    const result = buildSnapshot([...baseFiles(), ...broken], NOW);
    const files = errorsOf(result).map((line) => line.split(':')[0]);
    // Schema errors stop cross-checks (an invalid entry cannot be checked against others), so the
    // unknown source shows once the schema errors are fixed; the two schema errors show together.
    expect(files).toEqual(['knowledge/bad-url.yaml', 'knowledge/impossible-date.yaml']);
  });
});

describe('warnings do not stop a load', () => {
  it('warns about a source that nothing cites', () => {
    const result = withBroken('uncited-source.yaml');
    expect(result.ok).toBe(true);
    expect(result.warnings.map(formatProblem)).toEqual(["knowledge/uncited-source.yaml:2:9 warning: source 'nobody-cites-me' is not cited by any fact"]);
  });

  it('warns about a superseded fact that does not name its successor', () => {
    const result = withBroken('superseded-without-link.yaml');
    expect(result.ok).toBe(true);
    expect(result.warnings.map(formatProblem)).toEqual([
      "knowledge/facts.yaml:2:9 warning: fact 'cn-mining-share-2024' is superseded by 'cn-mining-share-2024-revised' but has no supersededBy: cn-mining-share-2024-revised",
    ]);
  });
});

describe('bytes that are not YAML text', () => {
  const load = (bytes: Uint8Array) => buildSnapshot([...baseFiles(), { path: 'knowledge/odd.yaml', bytes }], NOW);

  it('reports a binary file with the position of its first NUL byte', () => {
    const bytes = Buffer.concat([Buffer.from('facts:\n  - id: x'), Buffer.from([0, 1, 2, 3])]);
    expect(errorsOf(load(bytes))).toEqual(['knowledge/odd.yaml:2:10 file is binary (it contains a NUL byte); knowledge files must be UTF-8 YAML text']);
  });

  it('reports a Latin-1 file at the first byte that is not UTF-8', () => {
    const bytes = Buffer.from('facts:\n  - id: caf\xe9\n', 'latin1');
    expect(errorsOf(load(bytes))).toEqual(['knowledge/odd.yaml:2:12 file is not valid UTF-8 (byte 0xe9); save it as UTF-8']);
  });

  it('reports an empty file instead of loading an empty knowledge base', () => {
    expect(errorsOf(load(Buffer.from('  \n')))).toEqual(['knowledge/odd.yaml:1:1 file is empty; it needs at least one of: sources, facts, countries, materials']);
  });

  it('accepts a UTF-8 byte-order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('sources: []\n')]);
    expect(load(bytes).ok).toBe(true);
  });
});
