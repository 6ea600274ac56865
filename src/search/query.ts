import type { FactKind, MarketStage } from '../knowledge/schema.ts';
import { intentOf, kindShares, stageOfWrittenWord } from './intent.ts';
import type { EntityRef, Lexicon } from './lexicon.ts';
import type { ParsedQuery } from './parsed-query.ts';
import { MAX_QUERY_CHARS, rawTokens, STOP_WORDS, stem, stripMarkup, tokenize } from './normalize.ts';
import {
  afterSettingWord,
  capitalizedTerms,
  clausesAboutAsker,
  clausesToRead,
  clausesSettingWhen,
  questionCore,
  countriesAsked,
  splitPreambles,
  writtenAt,
} from './query-clauses.ts';
import { clauses, clausesAfterQuestionMark } from './tokens.ts';
import { relativeDates, YEAR } from './relative-dates.ts';
import { VOCABULARY } from './vocabulary.ts';
import { everydayTextShare } from './everyday-words.ts';
import { rankingAsked } from './ranking-question.ts';
import { regionOf } from './regions.ts';
import { namesToExclude } from './scope.ts';
import { excludingWordBefore, regionsOf, sidesOf } from './query-sides.ts';
import {
  asksOrigin,
  asksWhich,
  decadeOf,
  focusOf,
  asksAmount,
  asksShare,
  isInflectedStopWord,
  isMisspeltStopWord,
  isStrayLetter,
  markPhrases,
  ORIGIN_PHRASES,
  asksWhereSupplied,
  splitUnknownCompounds,
  writtenMonths,
  writtenOrdinals,
} from './query-words.ts';

const MAX_TOKENS = 40;
/** A word that one in 10,000 spoken words is ("hold", "try", "while", "side"): a word of any conversation. */
const CONVERSATION_WORD_SHARE = 1e-4;
const MAGNETS = 'magnets';
/** A material that is a kind of magnet: its name holds the word that names the magnets stage ("NdFeB magnets"). */
function isMagnetProduct(entity: EntityRef): boolean {
  return tokenize(entity.name).some((word) => intentOf(stem(word))?.stage === 'magnets');
}
/** Single words that signal how a question is asked (vocabulary.yaml `signals`), not what about. */
const SIGNAL_WORDS: ReadonlySet<string> = new Set([
  ...VOCABULARY.signals.recent,
  ...VOCABULARY.signals.comparison,
  ...VOCABULARY.signals.moreOrLess,
  ...VOCABULARY.signals.askers,
  ...[...VOCABULARY.signals.excluding, ...VOCABULARY.signals.ranking].filter((phrase) => phrase.length === 1).map((phrase) => phrase[0] as string),
]);
const { comparison: COMPARISON_WORDS, moreOrLess: MORE_OR_LESS, recent: RECENT_WORDS } = VOCABULARY.signals;
/**
 * "What did China do in October 2025", "what has India done": the actions of a country, which
 * restrictions, policies and meetings record; reports of its market share are not things it did.
 */
const ACTION_QUESTION = /^\s*(?:so\s+|and\s+)?(?:what|wat|wut)\s+(?:did|does|do|has|have|is|are)\b.*\b(?:do|did|done|doing)\b/i;
const ACTION_KINDS: readonly FactKind[] = ['restriction', 'policy', 'meeting'];
const ACTION_VERBS: ReadonlySet<string> = new Set(['do', 'done', 'doing']);
export function parseQuery(input: string, lexicon: Lexicon, isKnownWord: (token: string) => boolean, now?: Date): ParsedQuery {
  const trimmed = input.trim();
  const truncated = trimmed.length > MAX_QUERY_CHARS;
  const text = truncated ? trimmed.slice(0, MAX_QUERY_CHARS) : trimmed;
  // Mentions, URLs, markup and line breaks are not part of the question (tokens.ts stripMarkup).
  const question = writtenOrdinals(stripMarkup(text));
  const clauseOf: number[] = [];
  const written = clauses(question);
  const tokensOf = written.map((clause) => splitUnknownCompounds(rawTokens(clause), isKnownWord));
  const kept = clausesToRead(question, written, tokensOf, MAX_TOKENS);
  const raw = kept.flatMap((position) => (tokensOf[position] as string[]).map((token) => (clauseOf.push(position), token))).slice(0, MAX_TOKENS);

  const recognized = lexicon.recognize(raw, (token) => isKnownWord(stem(token)));
  const consumed = new Set<number>();
  /** Tokens that name a country, place or material, whichever way they are then read. */
  const entityTokens = new Set<number>();
  /** Tokens that name a material: its name says what the question is about, not what it asks. */
  const materialTokens = new Set<number>();
  /** What the question names, one entry per subject: any kind of magnet is one ("neodymium magnet for magnet fishing"). */
  const subjects = new Set<string>();
  const countries = new Map<string, EntityRef>();
  const places = new Map<string, { country: EntityRef; term: string }>();
  const materials = new Map<string, EntityRef>();
  const bonusTerms: string[] = [];
  let membersAsked: string | undefined;
  const corrections: Array<{ from: string; to: EntityRef }> = [];
  /** Where the action verb of "what did X do" stands: what is named before it acts. */
  const doAt = raw.findIndex((token, index) => index > 0 && ACTION_VERBS.has(token.toLowerCase()));
  const actorCodes = new Set<string>();
  const excluded = new Set<string>();
  const countryAt = new Map<string, number>();
  /** The clauses each country is named in. */
  const countryClauses = new Map<string, Set<number>>();
  for (const match of recognized) {
    if (match.entity.type === 'country' && !countryAt.has(match.entity.code)) countryAt.set(match.entity.code, match.start);
    if (match.entity.type === 'country') countryClauses.set(match.entity.code, (countryClauses.get(match.entity.code) ?? new Set()).add(clauseOf[match.start] ?? 0));
    const excluder = match.entity.type === 'country' ? excludingWordBefore(raw, match.start) : undefined;
    if (excluder) {
      excluded.add(match.entity.code);
      // The word that sets a country aside says how the question is put, not what a fact must say:
      // "outside" matched "projects outside the EU" for "who refines outside China".
      for (let i = excluder.start; i < excluder.end; i++) consumed.add(i);
    }
    if (doAt > 0 && match.start < doAt && match.entity.type === 'country') actorCodes.add(match.entity.code);
    const words = raw.slice(match.start, match.end).map((token) => stem(token.toLowerCase()));
    for (let i = match.start; i < match.end; i++) {
      // "USA Rare Earth": the country's word is also the company's name, which its facts hold.
      if (!match.inName) consumed.add(i);
      entityTokens.add(i);
    }
    if (match.via === 'place') {
      places.set(match.entity.code, { country: match.entity, term: words.join(' ') });
      continue;
    }
    // A material's name or alias ("magnets", "rare earth") is also an ordinary word of the question;
    // a country's alias ("Kachin", "Burma") only helps where a fact happens to use it.
    if (match.entity.type === 'material') for (let i = match.start; i < match.end; i++) materialTokens.add(i);
    subjects.add(match.entity.type === 'material' && isMagnetProduct(match.entity) ? MAGNETS : `${match.entity.type}:${match.entity.code}`);
    if ((match.via === 'alias' || match.via === 'name') && match.entity.type === 'material') {
      for (let i = match.start; i < match.end; i++) consumed.delete(i);
    } else if (match.via === 'alias') {
      bonusTerms.push(...words);
    }
    (match.entity.type === 'country' ? countries : materials).set(match.entity.code, match.entity);
    if (match.entity.type === 'material' && asksWhich(raw, match.start)) membersAsked ??= match.entity.code;
    if (match.correctedFrom) corrections.push({ from: match.correctedFrom, to: match.entity });
  }
  for (const code of countries.keys()) places.delete(code);
  // "Projects outside Europe": the word that sets a region aside says how the question is put, as for a country.
  raw.forEach((token, index) => {
    const members = regionOf(stem(token.toLowerCase()));
    const excluder = members ? excludingWordBefore(raw, index) : undefined;
    if (!excluder || !members) return;
    for (let i = excluder.start; i < excluder.end; i++) consumed.add(i);
    // Its countries are set aside as a country named so would be: "the EU's projects outside Europe" are not the EU's alone.
    for (const code of members) excluded.add(code);
    consumed.add(index);
  });
  const lowered = raw.map((token) => token.toLowerCase());
  const weightOf = (index: number) => {
    const term = stem(lowered[index] as string);
    if (STOP_WORDS.has(lowered[index] as string)) return 0;
    if (entityTokens.has(index) || intentOf(term) !== undefined) return 2;
    // "been holding it for a while and trying to understand": words of any conversation say less of what is asked.
    if (!isKnownWord(term)) return 0;
    return everydayTextShare(term, 1) > CONVERSATION_WORD_SHARE ? 0.5 : 1;
  };
  splitPreambles(lowered, clauseOf, weightOf);

  const { months, monthAsked } = writtenMonths(raw, consumed);

  const kinds = new Set<FactKind>();
  const kindVotes = new Map<FactKind, number>();
  const stages = new Set<MarketStage>();
  const years: number[] = [];
  const terms: string[] = [];
  const relative = new Set<number>();
  // "…our deliveries stopped for weeks last year": when the asker's own story happened is not what is asked.
  const aboutAsker = clausesAboutAsker(written);
  const askerToken = (index: number) => aboutAsker.has(clauseOf[index] ?? 0);
  // Read as dates (so not as terms) either way; only the question's own say when.
  relativeDates(
    raw.map((token, index) => (askerToken(index) ? token : '')),
    now,
    relative,
    [],
    [],
  );
  relativeDates(
    raw.map((token, index) => (askerToken(index) ? '' : token)),
    now,
    relative,
    years,
    months,
  );
  let recent = markPhrases(lowered, VOCABULARY.signals.recentPhrases, relative);
  markPhrases(lowered, ORIGIN_PHRASES, relative);
  let topical = false;
  const hintTerms = new Set<string>();
  const termClause = new Map<string, number>();
  const termAt = new Map<string, number>();
  raw.forEach((token, index) => {
    const lower = token.toLowerCase();
    if (RECENT_WORDS.has(lower)) recent = true;
    if (relative.has(index)) return;
    if (YEAR.test(lower)) {
      if (!askerToken(index)) years.push(Number(lower));
      return;
    }
    const decade = decadeOf(lower);
    if (decade !== undefined) {
      for (let year = decade; year < decade + 10; year++) years.push(year);
      return;
    }
    if (STOP_WORDS.has(lower) || isStrayLetter(lower, raw[index + 1]) || isMisspeltStopWord(lower, isKnownWord) || isInflectedStopWord(lower)) return;
    const term = stem(lower);
    // "besides", "versus", "latest": a signal is read above; where the facts never use the word it
    // says how the question is asked, and is not a subject some fact would have to contain.
    if (SIGNAL_WORDS.has(lower) && !isKnownWord(term)) return;
    const hint = intentOf(term);
    const writtenStage = stageOfWrittenWord(lower);
    if (writtenStage) stages.add(writtenStage);
    if (hint) topical = true;
    if (hint) hintTerms.add(term);
    if (hint) {
      for (const kind of hint.kinds) {
        kinds.add(kind);
        kindVotes.set(kind, (kindVotes.get(kind) ?? 0) + 1);
      }
      if (hint.stage) stages.add(hint.stage);
    }
    if (!consumed.has(index) && !terms.includes(term)) {
      terms.push(term);
      termClause.set(term, clauseOf[index] ?? 0);
      termAt.set(term, index);
    }
  });
  // A share asked for is what a percentage answers; the facts' figures are indexed under the word (answer-form.ts).
  const percent = stem('percent');
  const preferred = new Set<string>();
  if (asksShare(lowered) && !terms.includes(percent)) {
    terms.push(percent);
    preferred.add(percent);
  }
  // "What are rare earths?", "define NdFeB": a definition, which background facts give.
  // A clause may open the question after a greeting ("hello; what are rare earths").
  const openings = clauses(question).map((clause) => clause.trim());
  // "What's the latest on China's controls" asks for news, not what they are.
  const definition = openings.some((clause) => VOCABULARY.signals.definition.test(clause)) && !recent;
  if (countries.size > 0 && asksWhereSupplied(lowered)) {
    stages.add('imports');
    kinds.add('market-share');
    kindVotes.set('market-share', (kindVotes.get('market-share') ?? 0) + 1);
  }
  const action = (countries.size + places.size > 0 || terms.some((term) => regionOf(term) !== undefined)) && openings.some((clause) => ACTION_QUESTION.test(clause));
  if (action)
    for (const kind of ACTION_KINDS) {
      kinds.add(kind);
      kindVotes.set(kind, Infinity);
    }
  const materialWords = new Set([...materialTokens].map((index) => stem(lowered[index] as string)));
  const wordKinds = { kinds: [...kinds], kindShares: kindShares(kindVotes) };
  if (definition) {
    kinds.add('background');
    kindVotes.set('background', Infinity);
    bonusTerms.push(stem('definition'));
  }
  // "magnets" names a material as well as a stage.
  if (stages.has('magnets') && !materials.has('REPM')) {
    const magnets = lexicon.byCode('material', 'REPM');
    if (magnets) materials.set(magnets.code, magnets);
    for (const term of hintTerms) if (intentOf(term)?.stage === 'magnets') materialWords.add(term);
    subjects.add(MAGNETS);
  }

  const comparison = countries.size >= 2 && (lowered.some((token) => COMPARISON_WORDS.has(token)) || (lowered.includes('or') && lowered.some((token) => MORE_OR_LESS.has(token))));

  const sides = sidesOf(lowered, terms, termAt, countryAt);
  const excluding = namesToExclude(lowered);
  /** Clauses holding a question word: they ask something, so they are never a topic. */
  const asking = new Set(lowered.flatMap((token, index) => (VOCABULARY.signals.questionOpeners.has(token) ? [clauseOf[index] ?? 0] : [])));
  const core = questionCore(question, raw, clauseOf, weightOf, asking, aboutAsker);
  // A clause after a question mark that opens with a question word asks too: its words count as the core's do.
  const afterMark = clausesAfterQuestionMark(question);
  const ownQuestions = new Set(
    [...afterMark, ...clausesAfterQuestionMark(question, true)].filter((clause) =>
      VOCABULARY.signals.questionOpeners.has(rawTokens(written[clause] ?? '')[0]?.toLowerCase() ?? ''),
    ),
  );
  // A topic names something the knowledge knows ("arafura nolans - how much NdPr"); "saya dari jakarta" introduces the asker.
  const namesKnown = new Set(terms.filter((term) => isKnownWord(term)).map((term) => termClause.get(term) ?? 0));
  const settingClauses = clausesSettingWhen(written);
  // "the october 2025 rare earth thing confused me, which new elements got added?": where another
  // clause asks, a word no fact holds in one that asks nothing is how the asker feels, not what is asked.
  const unknownBesideAsking = !asking.has(core) && asking.size > 0;
  const remarkWords: ReadonlySet<string> = new Set(unknownBesideAsking ? terms.filter((term) => !isKnownWord(term) && !asking.has(termClause.get(term) ?? 0)) : []);
  const settingTerms = new Set(terms.filter((term) => afterSettingWord(lowered, clauseOf, termAt.get(term) ?? 0)));
  const ranking = rankingAsked(lowered, [...stages], [...countries.values()], excluding);
  const counted = focusOf(lowered, termAt);
  // "…Rs 7280 crore - what capacity and how many companies": what a clause beside the core counts is not required of a fact.
  const focus = counted !== undefined && termClause.get(counted) !== core && !ownQuestions.has(termClause.get(counted) ?? 0) ? undefined : counted;
  return {
    ...(ranking ? { ranking } : {}),
    ...(focus !== undefined ? { focus } : {}),
    ...(membersAsked !== undefined ? { membersAsked } : {}),
    text,
    truncated,
    countries: countriesAsked([...countries.values()], countryClauses, (clause) => writtenAt(clause) >= writtenAt(core)),
    places: [...places.values()],
    materials: [...materials.values()],
    kinds: [...kinds],
    kindShares: kindShares(kindVotes),
    stages: [...stages],
    years,
    months,
    monthAsked,
    terms,
    termPositions: termAt,
    settingTerms,
    bonusTerms: bonusTerms.filter((term) => !terms.includes(term)),
    corrections,
    recent,
    origin: asksOrigin(lowered.filter((_, index) => !settingClauses.has(clauseOf[index] ?? 0))) || definition,
    amount: asksAmount(lowered),
    ...(definition ? { definition: wordKinds } : {}),
    comparison,
    topical,
    // Magnets named beside another subject ("what does terbium do in a magnet") are the stage, the
    // use that the other is put to; named alone ("neodymium magnets for a 6 year old"), the object.
    topicalBesideNames: [...hintTerms].some((term) => !materialWords.has(term) || (subjects.size >= 2 && intentOf(term)?.stage === 'magnets')),
    materialWords,
    namedSubjects: subjects.size,
    excluding,
    excluded: [...excluded],
    ...(sides ? { sides } : {}),
    regions: regionsOf(terms, lexicon),
    actors: action ? [...actorCodes] : [],
    preferred,
    capitalized: capitalizedTerms(raw, clauseOf, afterMark, terms),
    aside: new Set([...terms.filter((term) => termClause.get(term) !== core && !ownQuestions.has(termClause.get(term) ?? 0)), ...remarkWords]),
    remarkWords,
    topic: new Set(
      terms.filter((term) => {
        const clause = termClause.get(term) ?? 0;
        return clause !== core && clause >= 0 && clause < core && !asking.has(clause) && namesKnown.has(clause) && !settingClauses.has(clause) && !aboutAsker.has(clause);
      }),
    ),
  };
}
