import Fuse from 'fuse.js';
import type { Country, Material } from '../knowledge/schema.ts';
import { closestName } from './name-distance.ts';
import { STOP_WORDS, tokenize } from './normalize.ts';
import { VOCABULARY } from './vocabulary.ts';

/**
 * The names people use for countries and materials, built from the reference data of a snapshot.
 * It recognises them in a query (longest phrase first, codes only where they cannot be ordinary
 * words) and corrects misspellings with fuse.js, which is at its best on short labels like these.
 */
export type EntityType = 'country' | 'material';

export interface EntityRef {
  readonly type: EntityType;
  readonly code: string;
  readonly name: string;
}

/** How a name was written: a place ("Beijing") only hints at its country; the rest name it. */
export type RecognizedVia = 'name' | 'alias' | 'place' | 'code' | 'fuzzy';

export interface Recognized {
  readonly entity: EntityRef;
  readonly via: RecognizedVia;
  /** Token range [start, end) in the query. */
  readonly start: number;
  readonly end: number;
  /** What the user typed, when it was a misspelling we corrected. */
  readonly correctedFrom?: string;
  /** The country opens a name the facts use ("USA Rare Earth"): its words are the name's too (`addName`). */
  readonly inName?: boolean;
}

interface Label {
  readonly label: string;
  readonly entity: EntityRef;
}

interface Phrase {
  readonly entity: EntityRef;
  readonly via: RecognizedVia;
}

const MAX_PHRASE_TOKENS = 5;
/** Shorter singulars ("ree", "us") are words or codes of their own. */
const MIN_SINGULAR_LENGTH = 5;
const FUZZY_MIN_LENGTH = 4;

/** Words before a unit: "per kg", "how many kg", "a few mt". */
const QUANTITY_WORDS: ReadonlySet<string> = new Set(['per', 'many', 'much', 'few', 'several', 'hundred', 'thousand', 'million', 'billion']);

export class Lexicon {
  readonly entities: readonly EntityRef[];
  readonly #phrases = new Map<string, Phrase>();
  readonly #countryCodes = new Map<string, EntityRef>();
  readonly #materialSymbols = new Map<string, EntityRef>();
  /** Labels by first letter, so completing a word scores dozens of names, not hundreds. */
  readonly #fuseByInitial = new Map<string, Fuse<Label>>();
  /** Labels by first letter, for correcting a misspelt word against whole names. */
  readonly #labelsByInitial = new Map<string, Array<{ label: string; value: EntityRef }>>();
  readonly #labels: Label[] = [];
  /** Names opening with a country ("usa rare earth"), as lowercase tokens joined, and their lengths. */
  readonly #names = new Set<string>();
  readonly #nameLengths = new Set<number>();

  /** Countries whose two-letter code counts when typed in lower case ("cn", "jp"); others only in capitals. */
  readonly #lowercaseCodes: ReadonlySet<string>;

  /**
   * `discussed` lists the countries the facts speak of: a lowercase "cr" in "7280 cr" is the word
   * crore, not Costa Rica, unless the knowledge talks about that country at all.
   */
  constructor(countries: readonly Country[], materials: readonly Material[], discussed: ReadonlySet<string> = new Set(countries.map((country) => country.code))) {
    this.#lowercaseCodes = discussed;
    const entities: EntityRef[] = [];
    for (const country of countries) {
      const entity: EntityRef = { type: 'country', code: country.code, name: country.name };
      entities.push(entity);
      this.#countryCodes.set(country.code, entity);
      this.#addPhrase(country.name, entity, country.code, 'name');
      for (const label of country.aliases) this.#addPhrase(label, entity, country.code, 'alias');
      for (const label of country.places) this.#addPhrase(label, entity, country.code, 'place');
    }
    for (const material of materials) {
      const entity: EntityRef = { type: 'material', code: material.code, name: material.name };
      entities.push(entity);
      if (!material.ambiguous) this.#materialSymbols.set(material.code.toLowerCase(), entity);
      this.#addPhrase(material.name, entity, material.code, 'name');
      for (const label of material.aliases) this.#addPhrase(label, entity, material.code, 'alias');
      if (material.code.length > 2 && !material.ambiguous) this.#addPhrase(material.code, entity, material.code, 'code');
    }
    this.entities = entities;
    const options = { keys: ['label'], includeScore: true, threshold: 0.4, ignoreLocation: true };
    for (const label of this.#labels) {
      const initial = label.label.charAt(0);
      const list = this.#labelsByInitial.get(initial) ?? [];
      list.push({ label: label.label, value: label.entity });
      this.#labelsByInitial.set(initial, list);
    }
    const byInitial = new Map<string, Label[]>();
    for (const label of this.#labels) {
      const initial = label.label.charAt(0);
      byInitial.set(initial, [...(byInitial.get(initial) ?? []), label]);
    }
    for (const [initial, labels] of byInitial) this.#fuseByInitial.set(initial, new Fuse(labels, options));
  }

  #addPhrase(label: string, entity: EntityRef, code: string, via: RecognizedVia): void {
    const key = tokenize(label).join(' ');
    if (key === '' || (key === code.toLowerCase() && code.length <= 2)) return;
    // A stop word ("us", "in") is never a name on its own; the code rules below decide those.
    if (!key.includes(' ') && STOP_WORDS.has(key)) return;
    if (!this.#phrases.has(key)) this.#phrases.set(key, { entity, via });
    this.#labels.push({ label: key, entity });
  }

  /**
   * "USA Rare Earth", "China Northern Rare Earth": a fact's alias written as a proper name (every
   * word capitalised) that opens with a country and holds a material is a company's name. A question
   * writing it names the company, whose facts hold the country's word; it is a country as well.
   */
  addName(alias: string): void {
    const words = alias.trim().split(/\s+/);
    if (words.length < 2 || words.length > MAX_PHRASE_TOKENS + 2 || !words.every((word) => /^[\p{Lu}\d]/u.test(word))) return;
    const tokens = tokenize(alias);
    const typeAt = (from: number, n: number) => (from + n <= tokens.length ? this.#phrases.get(tokens.slice(from, from + n).join(' '))?.entity.type : undefined);
    const country = [3, 2, 1].find((n) => n < tokens.length && typeAt(0, n) === 'country');
    if (country === undefined) return;
    for (let j = country; j < tokens.length; j++) {
      if ([3, 2, 1].some((n) => typeAt(j, n) === 'material')) {
        this.#names.add(tokens.join(' '));
        this.#nameLengths.add(tokens.length);
        return;
      }
    }
  }

  /** "Rare earth magnet", "neodymium magnet": a name whose last word is written in the singular, for a plural name or alias. */
  #pluralOf(words: readonly string[]): Phrase | undefined {
    const last = words[words.length - 1] as string;
    if (last.length < MIN_SINGULAR_LENGTH || last.endsWith('s')) return undefined;
    const phrase = this.#phrases.get([...words.slice(0, -1), `${last}s`].join(' '));
    return phrase && phrase.via !== 'place' ? phrase : undefined;
  }

  /** Whether a name starts at `i`, written as one: "usa rare earth thing" is the country's rare earths. */
  #opensName(raw: readonly string[], lower: readonly string[], i: number): boolean {
    for (const length of this.#nameLengths) {
      if (this.#names.has(lower.slice(i, i + length).join(' ')) && raw.slice(i, i + length).every((token) => /^[\p{Lu}\d]/u.test(token))) return true;
    }
    return false;
  }

  /** Finds the entities in a tokenised query; `raw` keeps the case the user typed. */
  recognize(raw: readonly string[], isKnownWord: (token: string) => boolean): Recognized[] {
    const lower = raw.map((token) => token.toLowerCase());
    const shouting = raw.length > 1 && raw.every((token) => token === token.toUpperCase());
    const found: Recognized[] = [];
    let i = 0;
    while (i < raw.length) {
      const match = this.#matchAt(raw, lower, i, shouting, isKnownWord);
      if (match) {
        found.push(match.entity.type === 'country' && this.#opensName(raw, lower, i) ? { ...match, inName: true } : match);
        i = match.end;
        continue;
      }
      const token = lower[i] as string;
      if (token.length >= FUZZY_MIN_LENGTH && !STOP_WORDS.has(token) && !isKnownWord(token) && !/\d/.test(token)) {
        const corrected = this.correct(token);
        if (corrected) found.push({ entity: corrected, via: 'fuzzy', start: i, end: i + 1, correctedFrom: raw[i] });
      }
      i++;
    }
    return found;
  }

  #matchAt(raw: readonly string[], lower: readonly string[], i: number, shouting: boolean, isKnownWord: (token: string) => boolean): Recognized | undefined {
    for (let n = Math.min(MAX_PHRASE_TOKENS, raw.length - i); n >= 1; n--) {
      const words = lower.slice(i, i + n);
      const phrase = this.#phrases.get(words.join(' ')) ?? this.#pluralOf(words);
      if (phrase) return { ...phrase, start: i, end: i + n };
    }
    const typed = raw[i] as string;
    const token = lower[i] as string;
    // "chinas", "indias": a possessive written without its apostrophe.
    if (token.length >= 5 && token.endsWith('s')) {
      const phrase = this.#phrases.get(token.slice(0, -1));
      if (phrase && phrase.via === 'name') return { ...phrase, start: i, end: i + 1 };
    }
    // "US", "CN", "EU" typed in capitals are codes; "us", "in", "my" in lower case are words.
    const asCountry = this.#countryCodes.get(token.toUpperCase());
    const capitals = typed === typed.toUpperCase() && !shouting;
    // "GM", "GE" in capitals are General Motors and General Electric where the facts use the word and
    // never speak of Gambia or Georgia: a code is a country's only for a country the facts discuss,
    // or for a word they do not use.
    const otherWord = !this.#lowercaseCodes.has(asCountry?.code ?? '') && isKnownWord(token);
    // "per kg", "50 kg", "how many kg": a lowercase code after a figure or a word of quantity is a unit, not
    // Kyrgyzstan; "Rs 7280 crore", before a figure, a currency, not Serbia.
    const unit = !capitals && ((i > 0 && (QUANTITY_WORDS.has(lower[i - 1] ?? '') || /^\d/.test(lower[i - 1] ?? ''))) || /^\d/.test(lower[i + 1] ?? ''));
    if (asCountry && token.length === 2 && !otherWord && !unit && (capitals || this.#lowercaseCodes.has(asCountry.code))) {
      if (capitals || !STOP_WORDS.has(token) || (token === 'us' && usMeansCountry(lower, i))) {
        const symbol = this.#materialSymbols.get(token);
        // "Nd" or "nd" is neodymium; "LA" in capitals is Laos rather than lanthanum.
        if (symbol && !capitals) return { entity: symbol, via: 'code', start: i, end: i + 1 };
        return { entity: asCountry, via: 'code', start: i, end: i + 1 };
      }
    }
    const symbol = this.#materialSymbols.get(token);
    if (symbol && !STOP_WORDS.has(token)) return { entity: symbol, via: 'code', start: i, end: i + 1 };
    return undefined;
  }

  /**
   * The entity a misspelled word means ("kazakstan" → Kazakhstan): the one whole name or alias
   * within a keystroke or two of it (name-distance.ts). A misspelling rarely gets the first letter
   * wrong, so names that start alike are the candidates.
   */
  correct(token: string): EntityRef | undefined {
    return closestName(token, this.#labelsByInitial.get(token.charAt(0)) ?? []);
  }

  /** Entities whose names start with or resemble `prefix`, best first, for autocomplete. */
  complete(prefix: string, type: EntityType, limit: number): EntityRef[] {
    const key = tokenize(prefix).join(' ');
    const ofType = this.entities.filter((entity) => entity.type === type);
    if (key === '') return ofType.slice(0, limit);
    const code = ofType.find((entity) => entity.code.toLowerCase() === key);
    const seen = new Set<EntityRef>(code ? [code] : []);
    const starts = this.#labels.filter((label) => label.entity.type === type && label.label.startsWith(key));
    for (const label of starts.sort((a, b) => a.label.length - b.label.length)) seen.add(label.entity);
    if (seen.size < limit) {
      for (const result of this.#fuseByInitial.get(key.charAt(0))?.search(key, { limit: limit * 4 }) ?? []) {
        if (result.item.entity.type === type) seen.add(result.item.entity);
      }
    }
    return [...seen].slice(0, limit);
  }

  byCode(type: EntityType, code: string): EntityRef | undefined {
    return this.entities.find((entity) => entity.type === type && entity.code === code);
  }

  /** Resolves what a user typed for a country or material option: a code, name, alias or misspelling. */
  resolve(type: EntityType, input: string): EntityRef | undefined {
    const trimmed = input.trim();
    if (trimmed === '') return undefined;
    const exact = this.entities.find((entity) => entity.type === type && (entity.code === trimmed || entity.code.toLowerCase() === trimmed.toLowerCase()));
    if (exact) return exact;
    const key = tokenize(trimmed).join(' ');
    const phrase = this.#phrases.get(key);
    if (phrase?.entity.type === type) return phrase.entity;
    // A misspelling of a whole name, never a name that merely contains what was typed ("Mali" is not Australia).
    const ofType = (this.#labelsByInitial.get(key.charAt(0)) ?? []).filter((label) => label.value.type === type);
    return closestName(key, ofType);
  }
}

/** Words before a lowercase "us" that make it the pronoun: "tell us", "give us", "to us". */
const BEFORE_PRONOUN_US = VOCABULARY.signals.pronounUsAfter;

/**
 * A lowercase "us" is the United States when it opens the question or stands before a word of
 * substance ("us share of mining", "china us tariffs"), and the pronoun after a verb or preposition.
 */
function usMeansCountry(lower: readonly string[], i: number): boolean {
  const next = lower[i + 1];
  if (next === undefined || STOP_WORDS.has(next)) return false;
  const previous = lower[i - 1];
  return previous === undefined || !BEFORE_PRONOUN_US.has(previous);
}
