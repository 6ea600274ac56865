import type { Fact } from '../knowledge/schema.ts';
import type { Snapshot } from '../knowledge/snapshot.ts';
import { countriesOf } from './fact-text.ts';
import { FactIndex } from './fact-index.ts';
import { isEverydayWord } from './everyday-words.ts';
import { Lexicon, type EntityType } from './lexicon.ts';
import type { RankingParams } from './ranking-params.ts';
import { sortInSlices, type Build } from './sliced.ts';

/** A fact's fields as fuse.js ranks them: the names of its countries and materials spelled out. */
export interface RankRecord {
  readonly title: string;
  readonly aliases: readonly string[];
  readonly countries: readonly string[];
  readonly materials: readonly string[];
  readonly tags: readonly string[];
  readonly summary: string;
}

export interface Choice {
  readonly name: string;
  readonly value: string;
}

/** Everything SearchIndex holds, built as steps that may pause between facts (see sliced.ts). */
export interface SearchIndexParts {
  readonly lexicon: Lexicon;
  readonly facts: FactIndex;
  readonly rankRecords: readonly RankRecord[];
  /** Fact and source ids with their labels, sorted by id, and the same labels lowercased for matching. */
  readonly idChoices: readonly Choice[];
  readonly idHaystacks: readonly string[];
}

/** Steps between which a build may pause: each handles this many facts or ids. */
const STEP = 64;

export function* buildParts(snapshot: Snapshot, params: RankingParams): Build<SearchIndexParts> {
  const named = new Set<string>();
  for (let i = 0; i < snapshot.facts.length; i++) {
    for (const code of countriesOf(snapshot.facts[i] as Fact)) named.add(code);
    if (i % STEP === STEP - 1) yield;
  }
  const lexicon = new Lexicon(snapshot.countries, snapshot.materials, named);
  for (let i = 0; i < snapshot.facts.length; i++) {
    for (const alias of (snapshot.facts[i] as Fact).aliases) lexicon.addName(alias);
    if (i % STEP === STEP - 1) yield;
  }
  // The word list is read once per process (about 0.1 s); here, rather than on the first question.
  isEverydayWord('', params.everydayWordRank);
  yield;
  const facts = yield* FactIndex.buildInSteps(snapshot, params);
  const rankRecords: RankRecord[] = [];
  const choices: Choice[] = [];
  for (let i = 0; i < snapshot.facts.length; i++) {
    const fact = snapshot.facts[i] as Fact;
    rankRecords.push(rankRecord(snapshot, fact));
    choices.push({ name: `${fact.id} — ${fact.title}`, value: fact.id });
    if (i % STEP === STEP - 1) yield;
  }
  for (const source of snapshot.sources) choices.push({ name: `${source.id} — ${source.publisher}`, value: source.id });
  yield;
  const idChoices = yield* sortInSlices(choices, (a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  const idHaystacks: string[] = [];
  for (let i = 0; i < idChoices.length; i++) {
    idHaystacks.push((idChoices[i] as Choice).name.toLowerCase());
    if (i % STEP === STEP - 1) yield;
  }
  return { lexicon, facts, rankRecords, idChoices, idHaystacks };
}

export function rankRecord(snapshot: Snapshot, fact: Fact): RankRecord {
  const names = (codes: readonly string[], type: EntityType) =>
    codes.flatMap((code) => {
      const entity = type === 'country' ? snapshot.countryByCode.get(code) : snapshot.materialByCode.get(code);
      return entity ? [entity.name, ...entity.aliases] : [code];
    });
  return {
    title: fact.title,
    aliases: fact.aliases,
    countries: names(fact.countries, 'country'),
    materials: names(fact.materials, 'material'),
    tags: fact.tags,
    summary: fact.summary,
  };
}
