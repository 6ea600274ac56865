import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveEntityOption } from '../../commands/options.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import type { EntityType } from '../../src/search/lexicon.ts';
import { nameDistance, nameTolerance } from '../../src/search/name-distance.ts';
import { tokenize } from '../../src/search/tokens.ts';
import { SearchIndex } from '../../src/search/search-index.ts';

/**
 * A name that is not a misspelling of a whole known name is unknown, never another subject: the
 * fixture knowledge holds only the shipped countries.yaml and materials.yaml, so the real countries
 * and elements of countries-more.yaml and materials-more.yaml are names it does not hold.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const FIXTURE = path.resolve(ROOT, 'test/fixtures/knowledge/ranking');
const namesIn = (file: string, key: 'countries' | 'materials'): string[] =>
  (parse(readFileSync(path.join(ROOT, 'knowledge', file), 'utf8')) as Record<'countries' | 'materials', Array<{ name: string }>>)[key].map((entry) => entry.name);
const UNHELD: ReadonlyArray<readonly [EntityType, string]> = [
  ...namesIn('countries-more.yaml', 'countries').map((name) => ['country', name] as const),
  ...namesIn('materials-more.yaml', 'materials').map((name) => ['material', name] as const),
];

let fixture: SearchIndex;
let shipped: SearchIndex;
beforeAll(async () => {
  const [a, b] = await Promise.all([loadKnowledge(FIXTURE), loadKnowledge(path.join(ROOT, 'knowledge'))]);
  if (!a.ok || !b.ok) throw new Error('knowledge failed to load');
  fixture = new SearchIndex(a.snapshot);
  shipped = new SearchIndex(b.snapshot);
});

/** Every label (name, alias, code) an entity is known by, as the lexicon compares them. */
function labelsOf(index: SearchIndex, type: EntityType, code: string): string[] {
  const entry = type === 'country' ? index.snapshot.countryByCode.get(code) : index.snapshot.materialByCode.get(code);
  if (!entry) return [];
  const places = 'places' in entry ? entry.places : [];
  return [entry.code, entry.name, ...entry.aliases, ...places].map((label) => tokenize(label).join(' '));
}

const closeTo = (typed: string, labels: readonly string[]) => {
  const key = tokenize(typed).join(' ');
  return labels.some((label) => nameDistance(key, label, nameTolerance(key.length)) <= nameTolerance(key.length));
};

describe('names the knowledge does not hold', () => {
  it('the issue’s examples are unknown, with a "did you mean", not another subject', () => {
    for (const [type, name, option] of [
      ['country', 'Mali', 'name'],
      ['country', 'Chad', 'name'],
      ['country', 'Niger', 'name'],
      ['material', 'helium', 'material'],
      ['material', 'coal', 'material'],
      ['material', 'boron', 'material'],
    ] as const) {
      const result = resolveEntityOption(fixture, type, type === 'country' ? 'country' : 'restrictions', option, name);
      expect(result.ok, `${name} resolved to ${result.ok ? result.code : ''}`).toBe(false);
      if (!result.ok) {
        expect(result.answer.status).toBe('error');
        expect(result.answer.message).toMatch(new RegExp(`^Unknown (country or bloc|material) '${name}'\\.`));
      }
    }
  });

  it('property: any such name, in any case, resolves to nothing or to a name within a keystroke or two of it', () => {
    fc.assert(
      fc.property(fc.constantFrom(...UNHELD), fc.constantFrom('lower', 'upper', 'as-is'), fc.constantFrom('', ' ', '  '), ([type, name], casing, pad) => {
        const typed = `${pad}${casing === 'lower' ? name.toLowerCase() : casing === 'upper' ? name.toUpperCase() : name}${pad}`;
        const entity = fixture.resolveEntity(type, typed);
        return entity === undefined || closeTo(typed, labelsOf(fixture, type, entity.code));
      }),
      { numRuns: 400 },
    );
  });

  it('property: free text naming one corrects it only to a name within a keystroke or two', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...UNHELD),
        fc.constantFrom('does {} restrict rare earth exports', '{} mining share', 'what did {} agree with the US'),
        ([type, name], template) => {
          const query = fixture.parse(template.replace('{}', name));
          return query.corrections.every((correction) => correction.to.type !== type || closeTo(correction.from, labelsOf(fixture, correction.to.type, correction.to.code)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('with the reference lists shipped, each is recognised as itself', () => {
    for (const [type, name] of UNHELD) expect(shipped.resolveEntity(type, name)?.name, name).toBe(name);
  });

  it('misspellings of whole names are still corrected', () => {
    expect(fixture.resolveEntity('country', 'kazakstan')?.code).toBe('KZ');
    expect(fixture.resolveEntity('country', 'veitnam')?.code).toBe('VN');
    expect(fixture.resolveEntity('material', 'dysprosim')?.code).toBe('Dy');
    // Two names equally close is no guess.
    expect(fixture.resolveEntity('country', 'irak')).toBeUndefined();
  });
});
