/**
 * Deterministic synthetic corpus and query set for `npm run bench` (scripts/bench.ts).
 *
 * Facts follow the shapes of src/knowledge/schema.ts and read like the curated knowledge base:
 * template titles and summaries over the real countries (with their aliases) and materials of
 * knowledge/countries.yaml and materials.yaml, the restriction measures, market stages, forums,
 * ministries, deposits and applications of the domain, dated 2010–2026. Kinds are mixed as in the
 * previous standalone benchmark: restriction 30%, policy 25%,
 * meeting 20%, market-share 15%, background 10%.
 *
 * Thirty planted facts each carry an intended query (with typos, aliases, several concepts). Every
 * random fact that would cover all the concepts of a planted query is re-rolled, so each planted
 * query has exactly one fully covering fact among many partial matches.
 */
import { countriesOf } from '../src/search/fact-text.ts';
import {
  MARKET_STAGES,
  MEETING_EVENTS,
  RESTRICTION_MEASURES,
  RESTRICTION_STATUSES,
  type BackgroundFact,
  type Citation,
  type Country,
  type Fact,
  type MarketShareFact,
  type MarketStage,
  type Material,
  type MeetingFact,
  type PolicyFact,
  type RestrictionFact,
  type Share,
  type Source,
} from '../src/knowledge/schema.ts';

// ---------------------------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------------------------

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  readonly #next: () => number;
  constructor(seed: number) {
    this.#next = mulberry32(seed);
  }
  float(): number {
    return this.#next();
  }
  /** Integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.#next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.#next() < p;
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.#next() * items.length)] as T;
  }
  /** `k` distinct items (fewer if the list is shorter), in random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = [...items];
    const out: T[] = [];
    while (out.length < k && copy.length > 0) {
      const i = Math.floor(this.#next() * copy.length);
      out.push(copy[i] as T);
      copy.splice(i, 1);
    }
    return out;
  }
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let r = this.#next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return (entries[entries.length - 1] as readonly [T, number])[0];
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Countries that appear far more often in rare-earth news than the rest. */
const MAJOR = ['CN', 'US', 'EU', 'JP', 'AU', 'IN', 'KR', 'MM', 'VN', 'KZ', 'DE', 'GB', 'CA', 'BR', 'RU', 'MY', 'UZ', 'FR', 'SA', 'ID'];

const RARE_EARTHS = ['La', 'Ce', 'Pr', 'Nd', 'Pm', 'Sm', 'Eu', 'Gd', 'Tb', 'Dy', 'Ho', 'Er', 'Tm', 'Yb', 'Lu', 'Sc', 'Y'];
const GROUPS_AND_PRODUCTS = ['REE', 'HREE', 'LREE', 'NdPr', 'REPM', 'NdFeB', 'SmCo', 'magnet-scrap', 're-tech', 're-equipment'];
const OTHER_MINERALS = ['Ga', 'Ge', 'Sb', 'W', 'Li', 'Co', 'Ni', 'graphite', 'critical-minerals'];

const MINISTRIES: Readonly<Record<string, readonly string[]>> = {
  CN: ['MOFCOM', 'the Ministry of Commerce', 'MIIT', 'the General Administration of Customs', 'the State Council'],
  US: ['the Commerce Department', 'the Department of Energy', 'the Pentagon', 'the Bureau of Industry and Security', 'the White House'],
  EU: ['the European Commission', 'DG GROW', 'the Council of the EU'],
  JP: ['METI', 'JOGMEC', 'the Ministry of Economy, Trade and Industry'],
  IN: ['the Ministry of Mines', 'IREL', 'NITI Aayog'],
  AU: ['Geoscience Australia', 'the Department of Industry', 'Export Finance Australia'],
  KR: ['MOTIE', 'KOMIR'],
  GB: ['the Department for Business and Trade'],
  CA: ['Natural Resources Canada'],
};
const GENERIC_MINISTRIES = ['the ministry of industry', 'the mining ministry', 'the trade ministry', 'the government', 'the cabinet', 'the geological survey'];

const PUBLISHERS: ReadonlyArray<readonly [string, string]> = [
  ['Reuters', 'reuters.com'],
  ['Bloomberg', 'bloomberg.com'],
  ['USGS', 'usgs.gov'],
  ['IEA', 'iea.org'],
  ['Argus Media', 'argusmedia.com'],
  ['Fastmarkets', 'fastmarkets.com'],
  ['Kyodo News', 'english.kyodonews.net'],
  ['Nikkei Asia', 'asia.nikkei.com'],
  ['South China Morning Post', 'scmp.com'],
  ['Mining.com', 'mining.com'],
  ['Financial Times', 'ft.com'],
  ['Benchmark Mineral Intelligence', 'benchmarkminerals.com'],
  ['Adamas Intelligence', 'adamasintel.com'],
  ['CSIS', 'csis.org'],
  ['European Commission', 'ec.europa.eu'],
  ['Global Times', 'globaltimes.cn'],
  ['The Diplomat', 'thediplomat.com'],
  ['Shanghai Metals Market', 'metal.com'],
  ['Project Blue', 'projectblue.com'],
  ['Asian Metal', 'asianmetal.com'],
  ['The Economic Times', 'economictimes.indiatimes.com'],
  ['Astana Times', 'astanatimes.com'],
  ['Jiji Press', 'jiji.com'],
  ['Yonhap', 'en.yna.co.kr'],
  ['Australian Financial Review', 'afr.com'],
  ['Rawmaterials.net', 'rawmaterials.net'],
  ['Kallanish', 'kallanish.com'],
  ['Nature', 'nature.com'],
];

const FORUMS = [
  'G7',
  'G20',
  'Quad',
  'Minerals Security Partnership',
  'SCO',
  'BRICS',
  'ASEAN',
  'APEC',
  'C5+1',
  'India-Central Asia Dialogue',
  'EU-Japan summit',
  'IEA Critical Minerals Summit',
  'Critical Minerals Ministerial',
  'Future Minerals Forum',
  'Africa Mining Indaba',
  'Trade and Technology Council',
  'Indo-Pacific Economic Framework',
  'Critical Raw Materials Club',
];

const REGIONS = ['Central Asia', 'Southeast Asia', 'Africa', 'Latin America', 'Europe', 'the Indo-Pacific', 'the Arctic', 'the Pacific Islands', 'South Asia', 'the Middle East'];

const CITIES: Readonly<Record<string, string>> = {
  CN: 'Beijing',
  US: 'Washington',
  JP: 'Tokyo',
  IN: 'New Delhi',
  AU: 'Canberra',
  KZ: 'Astana',
  UZ: 'Tashkent',
  KR: 'Seoul',
  EU: 'Brussels',
  DE: 'Berlin',
  FR: 'Paris',
  GB: 'London',
  CA: 'Ottawa',
  BR: 'Brasilia',
  SA: 'Riyadh',
  ID: 'Jakarta',
  VN: 'Hanoi',
  MN: 'Ulaanbaatar',
  ZA: 'Pretoria',
  RU: 'Moscow',
  MY: 'Kuala Lumpur',
  KG: 'Bishkek',
  TJ: 'Dushanbe',
};
const NEUTRAL_CITIES = ['Geneva', 'Singapore', 'Vienna', 'Osaka', 'Hiroshima', 'Bali', 'Samarkand', 'Johannesburg', 'Kananaskis', 'Toronto', 'Sydney', 'Busan'];

/** Deposits and plants, with the country they are in. */
const PLACES: ReadonlyArray<readonly [string, string]> = [
  ['Bayan Obo', 'CN'],
  ['Ganzhou', 'CN'],
  ['Baotou', 'CN'],
  ['Mountain Pass', 'US'],
  ['Round Top', 'US'],
  ['Mount Weld', 'AU'],
  ['Nolans', 'AU'],
  ['Browns Range', 'AU'],
  ['Kalgoorlie', 'AU'],
  ['Lovozero', 'RU'],
  ['Tomtor', 'RU'],
  ['Kvanefjeld', 'GL'],
  ['Tanbreez', 'GL'],
  ['Serra Verde', 'BR'],
  ['Araxa', 'BR'],
  ['Steenkampskraal', 'ZA'],
  ['Phalaborwa', 'ZA'],
  ['Kachin State', 'MM'],
  ['Ngualla', 'TZ'],
  ['Songwe Hill', 'MW'],
  ['Kangankunde', 'MW'],
  ['Dong Pao', 'VN'],
  ['Kiruna', 'SE'],
  ['Norra Karr', 'SE'],
  ['Fen', 'NO'],
  ['La Rochelle', 'FR'],
  ['Beylikova', 'TR'],
  ['Khalzan Buregtei', 'MN'],
  ['Kutessay', 'KG'],
  ['Saryarka', 'KZ'],
  ['Kuantan', 'MY'],
  ['Chavara', 'IN'],
  ['Odisha', 'IN'],
  ['Narva', 'EE'],
  ['Saskatoon', 'CA'],
  ['Nechalacho', 'CA'],
  ["Ma'aden", 'SA'],
  ['Makuutu', 'UG'],
  ['Tantalus', 'MG'],
  ['Zandkopsdrift', 'ZA'],
];

const APPLICATIONS = [
  'EV traction motors',
  'wind turbine generators',
  'fighter jet actuators',
  'missile guidance systems',
  'MRI contrast agents',
  'fibre-optic amplifiers',
  'nuclear control rods',
  'catalytic converters',
  'hard-disk drives',
  'smartphone speakers',
  'industrial lasers',
  'display phosphors',
  'glass polishing',
  'refinery cracking catalysts',
  'hybrid vehicle batteries',
  'superconducting wires',
  'medical imaging',
  'precision-guided munitions',
  'robotics',
  'drones',
];
const SECTORS = ['magnet', 'battery', 'defence', 'automotive', 'electronics', 'wind energy', 'semiconductor', 'aerospace'];

const TAGS = [
  'export control',
  'supply chain',
  'licensing',
  'quota',
  'stockpile',
  'magnets',
  'ev',
  'defence',
  'wind',
  'recycling',
  'processing',
  'mining',
  'refining',
  'trade war',
  'tariffs',
  'prices',
  'geopolitics',
  'diversification',
  'offtake',
  'investment',
  'exploration',
  'heavy rare earths',
  'separation',
  'critical minerals',
  'de-risking',
  'wto',
  'sanctions',
  'economic security',
  'joint venture',
  'byproduct',
  'ionic clay',
  'tailings',
  'waste',
  'research reactor',
  'loan',
  'price floor',
  'memorandum',
  'raw ore',
  'smelting',
  'coercion',
  'history',
  'industrial policy',
  'mofcom',
  'entity list',
];

const MEASURE_TITLES: Readonly<Record<RestrictionFact['measure'], readonly string[]>> = {
  'export-licence': ['{c} requires export licences for {m}{to}', '{c} puts {m} exports under licence{to}', '{c} tightens export licensing of {m}'],
  'export-ban': ['{c} bans exports of {m}{to}', '{c} imposes export ban on {m}{to}', '{c} halts {m} shipments{to}'],
  'export-quota': ['{c} cuts export quotas for {m}', '{c} sets {year} export quota for {m}', '{c} raises {m} export quota'],
  'production-quota': ['{c} sets {year} mining and smelting quotas for {m}', '{c} issues production quota for {m}', '{c} lowers {m} output quota'],
  'technology-ban': ['{c} bans export of {m} processing technology', '{c} restricts transfer of {m} separation technology{to}'],
  'entity-list': ['{c} adds {m} producers to its entity list{to}', '{c} blacklists {m} traders{to}'],
  tariff: ['{c} imposes {pct}% tariff on {m}{from}', '{c} raises duties on imported {m}{from}'],
  'import-restriction': ['{c} restricts imports of {m}{from}', '{c} screens {m} imports{from}'],
  investigation: ['{c} opens anti-dumping investigation into {m}{from}', '{c} probes {m} pricing{from}'],
  other: ['{c} orders reporting of {m} inventories', '{c} introduces traceability rules for {m}'],
};
const MEASURE_NOUNS: Readonly<Record<RestrictionFact['measure'], string>> = {
  'export-licence': 'an export licensing requirement',
  'export-ban': 'a ban on exports',
  'export-quota': 'an export quota',
  'production-quota': 'a production quota',
  'technology-ban': 'a ban on exporting processing technology',
  'entity-list': 'entity-list designations',
  tariff: 'a tariff',
  'import-restriction': 'import restrictions',
  investigation: 'an anti-dumping investigation',
  other: 'new reporting rules',
};

const POLICY_ACTIONS = [
  'launches national stockpile of {m}',
  'announces subsidies for {m} refining',
  'offers loans for {m} projects',
  'publishes critical minerals strategy covering {m}',
  'opens tender for {m} exploration',
  'funds recycling of {m} from magnet scrap',
  'sets price floor for {m}',
  'approves new {m} mine at {place}',
  'signs offtake for {m} from {place}',
  'creates sovereign fund for {m} processing',
  'adds {m} to its critical minerals list',
  'backs {m} separation plant at {place}',
  'grants exploration licences for {m}',
  'plans {m} processing hub',
  'studies {m} recovery from mine tailings and waste',
  'forms joint venture to refine {m}',
  'invests in {m} byproduct recovery',
  'launches research programme on {m} substitutes',
];

const STAGE_NOUNS: Readonly<Record<MarketStage, string>> = {
  mining: 'mine production',
  reserves: 'reserves',
  refining: 'refining capacity',
  magnets: 'magnet production',
  imports: 'imports',
  exports: 'exports',
};

// ---------------------------------------------------------------------------------------------
// Corpus
// ---------------------------------------------------------------------------------------------

export interface CorpusBase {
  readonly countries: readonly Country[];
  readonly materials: readonly Material[];
}

/** One concept of a planted query; a fact covers the query when it covers every concept. */
export type Concept =
  | { readonly country: string }
  | { readonly material: string }
  | { readonly year: number }
  /** Any of these words in the fact's text; a trailing `*` matches as a prefix. */
  | { readonly words: readonly string[] };

export interface PlantedQuery {
  readonly query: string;
  readonly factId: string;
  readonly concepts: readonly Concept[];
}

export interface Corpus {
  readonly facts: Fact[];
  readonly sources: Source[];
  readonly planted: readonly PlantedQuery[];
  /** Random facts re-rolled because they covered every concept of a planted query or reused a percent pie. */
  readonly rerolls: number;
}

interface Ctx {
  readonly rng: Rng;
  readonly countryByCode: ReadonlyMap<string, Country>;
  readonly materialByCode: ReadonlyMap<string, Material>;
  readonly countryCodes: readonly string[];
  readonly sources: readonly Source[];
}

export function generateCorpus(n: number, base: CorpusBase, seed = 1): Corpus {
  const rng = new Rng(seed * 7919 + n);
  const countryByCode = new Map(base.countries.map((c) => [c.code, c]));
  const materialByCode = new Map(base.materials.map((m) => [m.code, m]));
  for (const code of [...MAJOR, ...RARE_EARTHS, ...GROUPS_AND_PRODUCTS, ...OTHER_MINERALS]) {
    if (!countryByCode.has(code) && !materialByCode.has(code)) throw new Error(`bench corpus: reference data lacks ${code}`);
  }
  const countryCodes = base.countries.filter((c) => c.group !== 'world').map((c) => c.code);
  const sources = generateSources(rng, Math.max(60, Math.round(100 + n / 20)));
  const ctx: Ctx = { rng, countryByCode, materialByCode, countryCodes, sources };

  const planted = plantedFacts(ctx);
  const plantedChecks = planted.map((p) => compileConcepts(p.concepts));
  // Each planted query must be covered by its own fact and by no other planted fact.
  planted.forEach((p, i) => {
    const covering = planted.filter((other) => (plantedChecks[i] as (fact: Fact) => boolean)(other.fact)).map((other) => other.fact.id);
    if (covering.length !== 1 || covering[0] !== p.fact.id) {
      throw new Error(`bench corpus: planted query "${p.query}" is covered by [${covering.join(', ')}], expected only ${p.fact.id}`);
    }
  });
  const plantedCount = Math.min(planted.length, n);
  const randomCount = n - plantedCount;
  // Planted facts are spread through the corpus, not bunched at the start (ties break by position).
  const plantAt = new Map<number, number>();
  for (let i = 0; i < plantedCount; i++) plantAt.set(Math.floor(((i + 0.5) * n) / plantedCount), i);

  const facts: Fact[] = [];
  const pies = new SharePies();
  for (const p of planted) pies.add(p.fact);
  let rerolls = 0;
  let seq = 0;
  for (let position = 0; position < n; position++) {
    const plantedIndex = plantAt.get(position);
    if (plantedIndex !== undefined) {
      facts.push((planted[plantedIndex] as { fact: Fact }).fact);
      continue;
    }
    let fact = randomFact(ctx, seq++);
    for (let attempt = 0; plantedChecks.some((covers) => covers(fact)) || pies.clashes(fact); attempt++) {
      if (attempt > 200) throw new Error(`bench corpus: could not re-roll ${fact.id} away from the planted queries and the percent pies in use`);
      rerolls++;
      fact = randomFact(ctx, seq++);
    }
    pies.add(fact);
    facts.push(fact);
  }
  if (facts.length !== plantedCount + randomCount) throw new Error('bench corpus: wrong size');
  return {
    facts,
    sources,
    planted: planted.slice(0, plantedCount).map((p) => ({ query: p.query, factId: p.fact.id, concepts: p.concepts })),
    rerolls,
  };
}

function generateSources(rng: Rng, count: number): Source[] {
  const topics = ['export-controls', 'rare-earth-quota', 'magnet-supply', 'critical-minerals', 'heavy-rare-earths', 'refining', 'mining-output', 'summit', 'stockpile', 'tariffs'];
  const sources: Source[] = [];
  for (let i = 0; i < count; i++) {
    const [publisher, domain] = rng.pick(PUBLISHERS);
    const topic = rng.pick(topics);
    const year = rng.int(2010, 2026);
    const published = randomDate(rng, year);
    sources.push({
      id: `${slug(publisher)}-${topic}-${year}-${i}`,
      publisher,
      title: `${capitalize(topic.replace(/-/g, ' '))}: ${rng.pick(['what changed', 'the outlook', 'who is affected', 'analysis', 'explainer', 'data'])} (${year})`,
      url: `https://www.${domain}/${topic}/${year}/${i}`,
      published,
      ...(rng.chance(0.3) ? { accessed: '2026-01-15' } : {}),
    });
  }
  return sources;
}

function citations(ctx: Ctx): Citation[] {
  const picked = ctx.rng.sample(ctx.sources, ctx.rng.chance(0.3) ? 2 : 1);
  return picked.map((source) => ({ source: source.id, ...(ctx.rng.chance(0.2) ? { locator: `paragraph ${ctx.rng.int(1, 12)}` } : {}) }));
}

function pickCountry(ctx: Ctx, exclude: readonly string[] = []): string {
  for (;;) {
    const code = ctx.rng.chance(0.55) ? ctx.rng.pick(MAJOR) : ctx.rng.pick(ctx.countryCodes);
    if (!exclude.includes(code)) return code;
  }
}

function pickMaterials(ctx: Ctx): string[] {
  const count = ctx.rng.weighted<number>([
    [1, 6],
    [2, 3],
    [3, 1],
  ]);
  const out = new Set<string>();
  while (out.size < count) {
    const group = ctx.rng.weighted<readonly string[]>([
      [RARE_EARTHS, 7],
      [GROUPS_AND_PRODUCTS, 2],
      [OTHER_MINERALS, 1],
    ]);
    out.add(ctx.rng.pick(group));
  }
  return [...out];
}

/** Demonyms and adjectives ("Chinese", "Tanzanian") read wrongly where a country's name belongs. */
const DEMONYM = /(?:an|ese|ish|ian|i|ch|ic)$/;

/** A country as prose: usually its name, sometimes an alias or its capital. */
function countryLabel(ctx: Ctx, code: string): string {
  const country = ctx.countryByCode.get(code);
  if (!country) return code;
  // Capitals stand for their governments in headlines ("Beijing halts…").
  if (country.places.length > 0 && ctx.rng.chance(0.1)) return ctx.rng.pick(country.places);
  const aliases = country.aliases.filter((alias) => !DEMONYM.test(alias));
  if (aliases.length > 0 && ctx.rng.chance(0.2)) return ctx.rng.pick(aliases);
  return country.name;
}

function materialLabel(ctx: Ctx, code: string): string {
  return ctx.materialByCode.get(code)?.name ?? code;
}

function list(names: readonly string[]): string {
  if (names.length <= 2) return names.join(' and ');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function randomDate(rng: Rng, year: number): string {
  const precision = rng.weighted<number>([
    [3, 4],
    [2, 3.5],
    [1, 2.5],
  ]);
  if (precision === 1) return String(year);
  const month = rng.int(1, 12);
  if (precision === 2) return `${year}-${pad(month)}`;
  return `${year}-${pad(month)}-${pad(rng.int(1, 28))}`;
}

/** "on 4 April 2025", "in April 2025" or "in 2025", as the date's precision allows. */
function onDate(date: string): string {
  return `${date.length === 10 ? 'on' : 'in'} ${dateText(date)}`;
}

function dateText(date: string): string {
  const [year, month, day] = date.split('-');
  if (month === undefined) return year ?? date;
  const monthName = MONTHS[Number(month) - 1] ?? month;
  return day === undefined ? `${monthName} ${year}` : `${Number(day)} ${monthName} ${year}`;
}

/** A date no earlier than `after`, within `years` years (same year: `after` itself or its bare year). */
function laterDate(rng: Rng, after: string, years: number): string {
  const afterYear = Number(after.slice(0, 4));
  const year = Math.min(2026, afterYear + rng.int(0, years));
  if (year > afterYear) return randomDate(rng, year);
  return rng.chance(0.5) ? after : String(year);
}

function factId(_ctx: Ctx, country: string, materials: readonly string[], word: string, date: string, seq: number): string {
  const material = materials[0] ? slug(materials[0]) : 'ree';
  return `${country.toLowerCase()}-${material}-${word}-${date.slice(0, 4)}-${seq}`;
}

function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template
    .replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

function randomFact(ctx: Ctx, seq: number): Fact {
  const kind = ctx.rng.weighted<Fact['kind']>([
    ['restriction', 30],
    ['policy', 25],
    ['meeting', 20],
    ['market-share', 15],
    ['background', 10],
  ]);
  switch (kind) {
    case 'restriction':
      return randomRestriction(ctx, seq);
    case 'policy':
      return randomPolicy(ctx, seq);
    case 'meeting':
      return randomMeeting(ctx, seq);
    case 'market-share':
      return randomMarketShare(ctx, seq);
    case 'background':
      return randomBackground(ctx, seq);
  }
}

function tags(ctx: Ctx, extra: readonly string[] = []): string[] {
  return [...new Set([...extra, ...ctx.rng.sample(TAGS, ctx.rng.int(1, 4))])];
}

function randomRestriction(ctx: Ctx, seq: number): RestrictionFact {
  const { rng } = ctx;
  const imposedBy = rng.chance(0.45) ? 'CN' : pickCountry(ctx);
  const targets = rng.chance(0.6)
    ? []
    : rng.chance(0.7)
      ? [pickCountry(ctx, [imposedBy])]
      : [pickCountry(ctx, [imposedBy]), pickCountry(ctx, [imposedBy])].filter((c, i, all) => all.indexOf(c) === i);
  const measure = rng.pick(RESTRICTION_MEASURES);
  const materials = pickMaterials(ctx);
  const year = rng.int(2010, 2026);
  const announced = randomDate(rng, year);
  const effective = rng.chance(0.6) ? laterDate(rng, announced, 1) : undefined;
  const status = rng.pick(RESTRICTION_STATUSES);
  const expires = rng.chance(0.1) ? laterDate(rng, effective ?? announced, 3) : undefined;
  const c = countryLabel(ctx, imposedBy);
  const m = list(materials.map((code) => materialLabel(ctx, code)));
  const targetNames = list(targets.map((code) => countryLabel(ctx, code)));
  const pct = String(rng.pick([5, 8, 10, 15, 25, 35, 50, 100]));
  const title =
    fill(rng.pick(MEASURE_TITLES[measure]), {
      c,
      m,
      year: String(year),
      pct,
      to: targets.length > 0 ? ` to ${targetNames}` : '',
      from: targets.length > 0 ? ` from ${targetNames}` : '',
    }) + (rng.chance(0.4) ? ` (${dateText(announced)})` : '');
  const ministry = rng.pick(MINISTRIES[imposedBy] ?? GENERIC_MINISTRIES);
  const statusText: Record<RestrictionFact['status'], string> = {
    proposed: 'was put forward for consultation and is not yet law',
    announced: 'has been announced but is not yet in force',
    'in-force': effective ? `took effect on ${dateText(effective)}` : 'is in force',
    suspended: `was suspended${effective ? ` after taking effect in ${dateText(effective)}` : ''}`,
    lifted: 'has since been lifted',
  };
  const third = rng.pick([
    `${rng.pick(PUBLISHERS)[0]} said it would hit ${rng.pick(SECTORS)} makers in ${targets.length > 0 ? targetNames : rng.pick(REGIONS)}.`,
    `${capitalize(m)} ${materials.length > 1 ? 'are' : 'is'} used in ${rng.pick(APPLICATIONS)} and ${rng.pick(APPLICATIONS)}.`,
    `${targets.length > 0 ? targetNames : 'Importers'} relied on ${c} for about ${rng.int(30, 99)}% of supply at the time.`,
    `Officials described the step as a matter of national security and non-proliferation.`,
  ]);
  const summary = `${capitalize(onDate(announced))} ${ministry} of ${c} announced ${MEASURE_NOUNS[measure]} covering ${m}${targets.length > 0 ? ` aimed at ${targetNames}` : ''}. The measure ${statusText[status]}. ${third}`;
  const countries = [imposedBy, ...targets];
  return {
    id: factId(ctx, imposedBy, materials, measure, announced, seq),
    kind: 'restriction',
    title: capitalize(title),
    summary,
    date: announced,
    countries,
    materials,
    tags: tags(ctx, [measure.replace(/-/g, ' ')]),
    aliases: rng.chance(0.15) ? [`${year} ${ctx.countryByCode.get(imposedBy)?.name ?? imposedBy} ${materialLabel(ctx, materials[0] ?? 'REE')} ${measure.replace(/-/g, ' ')}`] : [],
    citations: citations(ctx),
    imposedBy,
    targets,
    measure,
    announced,
    ...(effective ? { effective } : {}),
    ...(expires ? { expires } : {}),
    status,
    ...(rng.chance(0.5) ? { statusAsOf: randomDate(rng, rng.int(Math.min(2026, year + 1), 2026)) } : {}),
  };
}

function placeFor(ctx: Ctx, country: string): string {
  const local = PLACES.filter(([, code]) => code === country);
  if (local.length > 0 && ctx.rng.chance(0.7)) return ctx.rng.pick(local)[0];
  return ctx.rng.pick(['a new industrial park', 'a coastal processing zone', 'the national research institute', 'a former coal site', 'a northern mining district']);
}

function randomPolicy(ctx: Ctx, seq: number): PolicyFact {
  const { rng } = ctx;
  const actor = pickCountry(ctx);
  const materials = pickMaterials(ctx);
  const year = rng.int(2010, 2026);
  const date = randomDate(rng, year);
  const c = countryLabel(ctx, actor);
  const m = list(materials.map((code) => materialLabel(ctx, code)));
  const place = placeFor(ctx, actor);
  const action = fill(rng.pick(POLICY_ACTIONS), { m, place });
  const amount = `${rng.pick(['$', 'US$', '€', 'A$', '¥'])}${rng.int(5, 900)} million`;
  const summary = [
    `The ${amount} ${rng.pick(['programme', 'package', 'plan', 'initiative', 'scheme'])}, announced by ${rng.pick(MINISTRIES[actor] ?? GENERIC_MINISTRIES)} ${onDate(date)}, covers ${m} ${rng.pick(['exploration', 'processing', 'recycling', 'stockpiling', 'separation', 'magnet making'])}.`,
    rng.pick([
      `The plan aims to cut dependence on imported ${m} for ${rng.pick(APPLICATIONS)} by ${rng.int(2027, 2035)}.`,
      `It follows supply disruptions that hit ${rng.pick(SECTORS)} manufacturers across ${rng.pick(REGIONS)}.`,
      `${rng.pick(PUBLISHERS)[0]} reported that first output is expected in ${rng.int(year, 2030)}.`,
      `Critics questioned whether the ${rng.pick(['loan', 'subsidy', 'stockpile', 'tender', 'fund'])} was large enough.`,
    ]),
    rng.chance(0.5) ? `${capitalize(m)} ${materials.length > 1 ? 'are' : 'is'} used in ${rng.pick(APPLICATIONS)}.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    id: factId(ctx, actor, materials, 'policy', date, seq),
    kind: 'policy',
    title: capitalize(`${c} ${action}${rng.chance(0.3) ? ` (${dateText(date)})` : ''}`),
    summary,
    date,
    countries: [actor],
    materials,
    tags: tags(ctx),
    aliases: [],
    citations: citations(ctx),
    ...(rng.chance(0.85) ? { actor } : {}),
  };
}

function randomMeeting(ctx: Ctx, seq: number): MeetingFact {
  const { rng } = ctx;
  const participants = [...new Set(Array.from({ length: rng.int(2, 5) }, () => pickCountry(ctx)))];
  const host = participants[0] as string;
  const materials = pickMaterials(ctx);
  const year = rng.int(2010, 2026);
  const date = randomDate(rng, year);
  const event = rng.pick(MEETING_EVENTS);
  const forum = rng.chance(0.5) ? rng.pick(FORUMS) : undefined;
  const place = CITIES[host] && rng.chance(0.7) ? CITIES[host] : rng.pick(NEUTRAL_CITIES);
  const names = participants.map((code) => countryLabel(ctx, code));
  const m = list(materials.map((code) => materialLabel(ctx, code)));
  const title = rng.pick([
    `${forum ?? list(names)} ${event} in ${place} discusses ${m} supply`,
    `${list(names.slice(0, 2))} sign ${m} ${rng.pick(['supply agreement', 'memorandum of understanding', 'cooperation framework', 'offtake pact'])}`,
    `${names[0]} hosts ${list(names.slice(1))} for ${rng.pick(['critical minerals', 'rare earth', 'magnet supply chain', 'processing'])} talks`,
    `${forum ? `${forum}: ` : ''}ministers agree on ${m} cooperation (${dateText(date)})`,
  ]);
  const outcome = rng.chance(0.6)
    ? rng.pick([
        `Joint statement on ${m} supply chains.`,
        `MoU on ${m} exploration and processing signed.`,
        'Working group on processing and recycling set up.',
        'Agreement to coordinate stockpiles and share market data.',
        `Launch of a joint initiative on ${m} recycling.`,
        `Pledge of ${rng.int(50, 900)} million for projects in ${rng.pick(REGIONS)}.`,
      ])
    : undefined;
  const nextMeeting = rng.chance(0.3) ? { date: laterDate(rng, date, 2), place: rng.pick(NEUTRAL_CITIES) } : undefined;
  const summary = [
    `${list(names)} met in ${place} ${onDate(date)}${forum ? ` at the ${forum}` : ''} to discuss ${m} supply for ${rng.pick(APPLICATIONS)}.`,
    rng.pick([
      `Delegates discussed diversifying away from concentrated supply and joint investment in ${rng.pick(REGIONS)}.`,
      `The talks covered exploration, refining capacity and stockpiling, according to ${rng.pick(PUBLISHERS)[0]}.`,
      `Officials said the aim was secure, transparent markets for critical minerals.`,
    ]),
  ].join(' ');
  return {
    id: factId(ctx, host, materials, event, date, seq),
    kind: 'meeting',
    title: capitalize(title),
    summary,
    date,
    countries: participants,
    materials,
    tags: tags(ctx, forum ? [forum.toLowerCase().slice(0, 40)] : []),
    aliases: [],
    citations: citations(ctx),
    event,
    participants,
    place,
    ...(outcome ? { outcome } : {}),
    ...(nextMeeting ? { nextMeeting } : {}),
  };
}

/**
 * The percent "pies" already used: one stage, year, source, market and material set (the loader's
 * grouping in src/knowledge/cross-check.ts). A second fact on the same pie could push its sum past
 * 100 %, which the loader rejects, so such a fact is re-rolled and the corpus loads from YAML as it is.
 */
class SharePies {
  readonly #used = new Set<string>();
  static keys(fact: Fact): string[] {
    if (fact.kind !== 'market-share' || !fact.shares.some((share) => share.unit === 'percent')) return [];
    return fact.citations.map((citation) => [fact.stage, fact.year, citation.source, fact.market ?? '', [...fact.materials].sort().join('+')].join('|'));
  }
  clashes(fact: Fact): boolean {
    return SharePies.keys(fact).some((key) => this.#used.has(key));
  }
  add(fact: Fact): void {
    for (const key of SharePies.keys(fact)) this.#used.add(key);
  }
}

function randomMarketShare(ctx: Ctx, seq: number): MarketShareFact {
  const { rng } = ctx;
  const stage = rng.pick(MARKET_STAGES);
  const year = rng.int(2010, 2025);
  const materials = [rng.chance(0.4) ? 'REE' : rng.chance(0.7) ? rng.pick(RARE_EARTHS) : rng.pick([...GROUPS_AND_PRODUCTS, ...OTHER_MINERALS])];
  const holders = [...new Set(Array.from({ length: rng.int(1, 4) }, () => (rng.chance(0.4) ? 'CN' : pickCountry(ctx))))];
  const market = stage === 'imports' || stage === 'exports' ? pickCountry(ctx, holders) : undefined;
  const unit = rng.weighted<Share['unit']>([
    ['percent', 7],
    ['tonnes', 2.5],
    ['usd', 0.5],
  ]);
  // Percentages of one fact describe one pie: they never sum past 100 (the loader rejects that), so a
  // holder left with nothing is dropped. The draws are the same either way, to keep the corpus stable.
  let remaining = 100;
  const shares: Share[] = holders
    .map((country) => {
      const value = unit === 'percent' ? Math.min(remaining, rng.int(2, 90)) : unit === 'tonnes' ? rng.int(1, 300) * 1000 : rng.int(1, 900) * 1_000_000;
      if (unit === 'percent') remaining -= value;
      return { country, value, unit, ...(rng.chance(0.3) ? { qualifier: rng.pick(['about', 'over', 'under', 'up-to', 'at-least'] as const) } : {}) };
    })
    .filter((share) => share.value > 0);
  shares.sort((a, b) => b.value - a.value);
  const publisher = rng.pick(PUBLISHERS)[0];
  const m = materialLabel(ctx, materials[0] as string);
  const first = shares[0] as Share;
  const figure = (share: Share) =>
    share.unit === 'percent' ? `${share.value}%` : share.unit === 'tonnes' ? `${share.value.toLocaleString('en-US')} t` : `$${Math.round(share.value / 1_000_000)} million`;
  const c0 = countryLabel(ctx, first.country);
  const title = market
    ? `${countryLabel(ctx, market)} ${stage === 'imports' ? 'sourced' : 'sold'} ${figure(first)} of its ${m} ${stage} ${stage === 'imports' ? 'from' : 'to'} ${c0} in ${year}`
    : rng.pick([
        `${c0} held ${figure(first)} of global ${m} ${STAGE_NOUNS[stage]} in ${year}`,
        `Top ${m} ${STAGE_NOUNS[stage]} countries in ${year}: ${shares.map((s) => `${countryLabel(ctx, s.country)} ${figure(s)}`).join(', ')}`,
        `${c0} leads ${m} ${STAGE_NOUNS[stage]} in ${year}, per ${publisher}`,
      ]);
  const summary = `${publisher} data for ${year} put ${shares.map((s) => `${countryLabel(ctx, s.country)} at ${figure(s)}`).join(', ')} of ${market ? `${countryLabel(ctx, market)}'s ${m} ${stage}` : `world ${m} ${STAGE_NOUNS[stage]}`}. ${rng.pick(
    [
      `The figures are estimates and other publishers differ.`,
      `Demand from ${rng.pick(APPLICATIONS)} drove the change from the year before.`,
      `Output from ${rng.pick(PLACES)[0]} accounted for much of the total.`,
    ],
  )}`;
  return {
    id: factId(ctx, first.country, materials, `${stage}-share`, String(year), seq),
    kind: 'market-share',
    title: capitalize(title).slice(0, 200),
    summary,
    date: String(year),
    countries: [...new Set([...holders, ...(market ? [market] : [])])],
    materials,
    tags: tags(ctx, [STAGE_NOUNS[stage]]),
    aliases: [],
    citations: citations(ctx),
    stage,
    year,
    ...(market ? { market } : {}),
    shares,
  };
}

function randomBackground(ctx: Ctx, seq: number): BackgroundFact {
  const { rng } = ctx;
  const country = rng.chance(0.25) ? 'XX' : pickCountry(ctx);
  const materials = pickMaterials(ctx);
  const year = rng.int(2010, 2026);
  const date = randomDate(rng, year);
  const m = list(materials.map((code) => materialLabel(ctx, code)));
  const where = country === 'XX' ? 'worldwide' : `in ${countryLabel(ctx, country)}`;
  const title = rng.pick([
    `${capitalize(m)} is essential for ${rng.pick(APPLICATIONS)}`,
    `${capitalize(m)} prices ${rng.pick(['rose', 'fell', 'doubled', 'halved'])} ${where} in ${year}`,
    `How ${m} separation works and why it is hard to replicate ${where}`,
    `${capitalize(m)} deposits ${where}: grades, costs and timelines`,
  ]);
  const plural = materials.length > 1;
  const summary = `${capitalize(m)} ${rng.pick(plural ? ['are key inputs to', 'are used in', 'have few substitutes in'] : ['is a key input to', 'is used in', 'has few substitutes in'])} ${rng.pick(APPLICATIONS)} and ${rng.pick(APPLICATIONS)}. ${rng.pick(
    [
      `Separation needs hundreds of solvent-extraction stages, which is why capacity is concentrated.`,
      `${rng.pick(PUBLISHERS)[0]} estimated that demand would grow ${rng.int(3, 15)}% a year to ${rng.int(2030, 2040)}.`,
      `Prices ${where} are quoted for oxide of 99.5% purity.`,
      `Most known resources ${where} are in ${rng.pick(['carbonatite', 'ionic clay', 'monazite sand', 'tailings'])} deposits.`,
    ],
  )}`;
  return {
    id: factId(ctx, country, materials, 'background', date, seq),
    kind: 'background',
    title,
    summary,
    date,
    countries: [country],
    materials,
    tags: tags(ctx),
    aliases: [],
    citations: citations(ctx),
  };
}

// ---------------------------------------------------------------------------------------------
// Planted facts and their queries
// ---------------------------------------------------------------------------------------------

interface Planted {
  readonly query: string;
  readonly fact: Fact;
  readonly concepts: readonly Concept[];
}

const BAN_WORDS = ['ban', 'bans', 'banned', 'banning', 'embargo*', 'prohibit*', 'halt*', 'stop*', 'suspend*', 'suspension', 'block*'];
const MINE_WORDS = ['mine', 'mines', 'mined', 'mining', 'miner', 'miners'];

function plantedFacts(ctx: Ctx): Planted[] {
  const cite = () => [{ source: (ctx.sources[0] as Source).id }];
  const common = (id: string, title: string, summary: string, date: string, countries: string[], materials: string[], tagList: string[], aliases: string[] = []) => ({
    id,
    title,
    summary,
    date,
    countries,
    materials,
    tags: tagList,
    aliases,
    citations: cite(),
  });
  const restriction = (
    base: ReturnType<typeof common>,
    imposedBy: string,
    targets: string[],
    measure: RestrictionFact['measure'],
    status: RestrictionFact['status'],
    effective?: string,
  ): RestrictionFact => ({ ...base, kind: 'restriction', imposedBy, targets, measure, announced: base.date, status, ...(effective ? { effective } : {}) });
  const policy = (base: ReturnType<typeof common>, actor: string): PolicyFact => ({ ...base, kind: 'policy', actor });
  const meeting = (base: ReturnType<typeof common>, event: MeetingFact['event'], participants: string[], place: string, outcome?: string): MeetingFact => ({
    ...base,
    kind: 'meeting',
    event,
    participants,
    place,
    ...(outcome ? { outcome } : {}),
  });
  const background = (base: ReturnType<typeof common>): BackgroundFact => ({ ...base, kind: 'background' });

  return [
    {
      query: 'chna export ban dysprosim',
      fact: restriction(
        common(
          'cn-dy-export-ban-2025',
          'China bans dysprosium exports pending a new control regime',
          'MOFCOM announced on 4 April 2025 that exports of dysprosium metal, oxide and compounds are banned until a new control list is issued. Japanese and European magnet makers reported halted deliveries within weeks.',
          '2025-04-04',
          ['CN'],
          ['Dy'],
          ['export control', 'heavy rare earths'],
        ),
        'CN',
        [],
        'export-ban',
        'in-force',
        '2025-04-04',
      ),
      concepts: [{ country: 'CN' }, { material: 'Dy' }, { words: ['export*'] }, { words: BAN_WORDS }],
    },
    {
      query: 'kazakstan gadolinum mine',
      fact: policy(
        common(
          'kz-gd-saryarka-mine-2024',
          'Kazakhstan approves gadolinium mine at the Saryarka deposit',
          'The Ministry of Industry approved development of a gadolinium-rich mine at Saryarka in Karaganda region on 12 November 2024, with first ore expected in 2027.',
          '2024-11-12',
          ['KZ'],
          ['Gd'],
          ['mining', 'heavy rare earths'],
        ),
        'KZ',
      ),
      concepts: [{ country: 'KZ' }, { material: 'Gd' }, { words: MINE_WORDS }],
    },
    {
      query: 'PRC neodymium quota 2024',
      fact: restriction(
        common(
          'cn-nd-production-quota-2024',
          'China sets its 2024 neodymium mining quota at 270,000 tonnes of oxide',
          'The Ministry of Industry and Information Technology issued the 2024 quota for light rare earths, led by neodymium, at 270,000 t, a rise of 5.9% on 2023, without publishing it on its website.',
          '2024-08',
          ['CN'],
          ['Nd'],
          ['quota', 'miit'],
        ),
        'CN',
        [],
        'production-quota',
        'in-force',
        '2024-08',
      ),
      concepts: [{ country: 'CN' }, { material: 'Nd' }, { words: ['quota*'] }, { year: 2024 }],
    },
    {
      query: 'who stopped selling dysprosium to japan',
      fact: restriction(
        common(
          'cn-dy-jp-halt-2010',
          'Beijing halts dysprosium shipments to Tokyo after the trawler clash',
          'Customs officers held back cargoes of dysprosium bound for Japanese magnet makers for about two months in late 2010, after a collision near disputed islands. No order was ever published.',
          '2010-09',
          ['CN', 'JP'],
          ['Dy'],
          ['coercion', 'history'],
        ),
        'CN',
        ['JP'],
        'other',
        'lifted',
        '2010-09',
      ),
      concepts: [{ country: 'JP' }, { material: 'Dy' }, { words: BAN_WORDS }],
    },
    {
      query: 'india central asia forum',
      fact: meeting(
        common(
          'in-ree-central-asia-forum-2025',
          'First India-Central Asia Rare Earths Forum meets in New Delhi',
          'India hosted ministers from Kazakhstan, Uzbekistan, Kyrgyzstan, Tajikistan and Turkmenistan on 10 June 2025 to launch a forum on rare-earth exploration and processing.',
          '2025-06-10',
          ['IN', 'KZ', 'UZ', 'KG', 'TJ', 'TM'],
          ['REE'],
          ['exploration'],
        ),
        'forum',
        ['IN', 'KZ', 'UZ', 'KG', 'TJ', 'TM'],
        'New Delhi',
        'Joint working group on rare earths set up.',
      ),
      concepts: [{ country: 'IN' }, { words: ['central'] }, { words: ['asia', 'asian'] }, { words: ['forum*', 'dialogue*'] }],
    },
    {
      query: 'US samarium stockpile',
      fact: policy(
        common(
          'us-sm-defense-stockpile-2024',
          'Pentagon adds samarium to the National Defense Stockpile',
          'The Defense Logistics Agency was authorised in March 2024 to buy samarium metal for samarium-cobalt magnets used in precision-guided munitions.',
          '2024-03',
          ['US'],
          ['Sm'],
          ['defence', 'stockpile'],
        ),
        'US',
      ),
      concepts: [{ country: 'US' }, { material: 'Sm' }, { words: ['stockpil*'] }],
    },
    {
      query: 'australia terbium refinery',
      fact: policy(
        common(
          'au-tb-browns-range-refinery-2025',
          'Australia funds a terbium refinery at Browns Range',
          'The Critical Minerals Facility will lend A$180 million for a plant in Western Australia to refine terbium and other heavy rare earths from Browns Range ore, announced on 2 February 2025.',
          '2025-02-02',
          ['AU'],
          ['Tb'],
          ['processing', 'heavy rare earths'],
        ),
        'AU',
      ),
      concepts: [{ country: 'AU' }, { material: 'Tb' }, { words: ['refin*'] }],
    },
    {
      query: 'vietnam ban on raw rare earth exports',
      fact: restriction(
        common(
          'vn-ree-raw-ore-ban-2025',
          'Vietnam bans exports of raw rare-earth ore',
          'The National Assembly amended the Law on Geology and Minerals in December 2025 so that rare-earth ore may be exported only after domestic processing.',
          '2025-12',
          ['VN'],
          ['REE'],
          ['raw ore', 'processing'],
        ),
        'VN',
        [],
        'export-ban',
        'announced',
      ),
      concepts: [{ country: 'VN' }, { words: ['raw'] }, { words: BAN_WORDS }, { words: ['export*'] }],
    },
    {
      query: 'burma yttrium mine suspension',
      fact: policy(
        common(
          'mm-y-kachin-suspension-2023',
          'Myanmar suspends yttrium mining in Kachin State',
          'The junta ordered a halt to new yttrium-rich ionic clay mining near Pangwa in August 2023 after landslides, according to local monitors.',
          '2023-08',
          ['MM'],
          ['Y'],
          ['ionic clay', 'environment'],
        ),
        'MM',
      ),
      concepts: [{ country: 'MM' }, { material: 'Y' }, { words: MINE_WORDS }, { words: ['suspend*', 'suspension', 'halt*', 'moratori*'] }],
    },
    {
      query: 'EU magnet recycling target 2030',
      fact: policy(
        common(
          'eu-repm-recycling-target-2024',
          'EU sets a 2030 target to recycle permanent magnets',
          'Under the Critical Raw Materials Act adopted in 2024, the EU aims to meet 25% of its demand for strategic raw materials, rare-earth magnets among them, from recycling by 2030.',
          '2024-05',
          ['EU'],
          ['REPM'],
          ['recycling', 'crma'],
        ),
        'EU',
      ),
      concepts: [{ country: 'EU' }, { words: ['magnet', 'magnets'] }, { words: ['recycl*'] }, { words: ['2030'] }],
    },
    {
      query: 'japan lanthanum imports from india',
      fact: {
        ...common(
          'jp-la-imports-india-2023',
          'Japan sourced 18% of its lanthanum imports from India in 2023',
          'Japanese customs data show India supplied 18% of lanthanum compounds imported in 2023, up from 9% in 2020, as Toyota Tsusho expanded its IREL offtake.',
          '2023',
          ['JP', 'IN'],
          ['La'],
          ['imports', 'diversification'],
        ),
        kind: 'market-share',
        stage: 'imports',
        year: 2023,
        market: 'JP',
        shares: [{ country: 'IN', value: 18, unit: 'percent' }],
      },
      concepts: [{ country: 'JP' }, { country: 'IN' }, { material: 'La' }, { words: ['import*'] }],
    },
    {
      query: 'germany scandium offtake deal',
      fact: policy(
        common(
          'de-sc-offtake-2025',
          'German aluminium maker signs scandium offtake deal',
          'A German alloy producer agreed in July 2025 to buy scandium oxide for ten years, with support from the KfW raw materials fund.',
          '2025-07',
          ['DE'],
          ['Sc'],
          ['offtake', 'aerospace'],
        ),
        'DE',
      ),
      concepts: [{ country: 'DE' }, { material: 'Sc' }, { words: ['offtake*'] }],
    },
    {
      query: 'korea holmium tariff',
      fact: restriction(
        common(
          'kr-ho-tariff-2024',
          'South Korea imposes an 8% tariff on imported holmium oxide',
          'The finance ministry set an 8% duty on holmium oxide from January 2024 to protect a domestic separation pilot plant.',
          '2024-01',
          ['KR'],
          ['Ho'],
          ['tariffs'],
        ),
        'KR',
        [],
        'tariff',
        'in-force',
        '2024-01',
      ),
      concepts: [{ country: 'KR' }, { material: 'Ho' }, { words: ['tariff*'] }],
    },
    {
      query: 'brazil ionic clay deposit terbium',
      fact: background(
        common(
          'br-tb-serra-verde-clay-2024',
          "Brazil's Serra Verde ionic clay deposit yields terbium",
          'Serra Verde in Goias is the largest ionic clay deposit outside Asia; its concentrate carries unusually high terbium and dysprosium grades.',
          '2024',
          ['BR'],
          ['Tb'],
          ['ionic clay', 'heavy rare earths'],
        ),
      ),
      concepts: [{ country: 'BR' }, { material: 'Tb' }, { words: ['clay*'] }],
    },
    {
      query: 'canda erbium procesing loan',
      fact: policy(
        common(
          'ca-er-processing-loan-2025',
          'Canada lends C$40 million for an erbium processing plant in Saskatchewan',
          'Natural Resources Canada approved a C$40 million loan in May 2025 for a Saskatoon plant to process erbium for fibre-optic amplifiers.',
          '2025-05',
          ['CA'],
          ['Er'],
          ['processing', 'loan'],
        ),
        'CA',
      ),
      concepts: [{ country: 'CA' }, { material: 'Er' }, { words: ['loan*', 'lend*'] }],
    },
    {
      query: 'greenlnd lutetium exploration licence',
      fact: policy(
        common(
          'gl-lu-exploration-licence-2024',
          'Greenland grants an exploration licence for lutetium in the south',
          'The Greenland government granted a five-year exploration licence in September 2024 covering a lutetium-bearing intrusion near Narsaq.',
          '2024-09',
          ['GL'],
          ['Lu'],
          ['exploration'],
        ),
        'GL',
      ),
      concepts: [{ country: 'GL' }, { material: 'Lu' }, { words: ['explor*'] }, { words: ['licen*'] }],
    },
    {
      query: 'saudi arabia ytterbium refinary investment',
      fact: policy(
        common(
          'sa-yb-refinery-investment-2025',
          'Saudi Arabia announces investment in an ytterbium refinery',
          "Ma'aden and a state fund announced in January 2025 an investment of $450 million in a refinery at Ras Al-Khair that will produce ytterbium oxide.",
          '2025-01',
          ['SA'],
          ['Yb'],
          ['investment', 'processing'],
        ),
        'SA',
      ),
      concepts: [{ country: 'SA' }, { material: 'Yb' }, { words: ['invest*'] }],
    },
    {
      query: 'malaysia thulium waste facility',
      fact: policy(
        common(
          'my-tm-waste-facility-2023',
          'Malaysia licenses a permanent waste facility for thulium residues',
          'The Atomic Energy Licensing Board approved a permanent disposal facility in Pahang in 2023 for residues from thulium and other rare-earth processing.',
          '2023',
          ['MY'],
          ['Tm'],
          ['waste', 'licensing'],
        ),
        'MY',
      ),
      concepts: [{ country: 'MY' }, { material: 'Tm' }, { words: ['waste*'] }],
    },
    {
      query: 'south africa cerium export licence',
      fact: restriction(
        common(
          'za-ce-export-licence-2025',
          'South Africa requires export licences for cerium concentrate',
          'The Department of Mineral Resources made cerium concentrate exports subject to licence from March 2025 to encourage local beneficiation.',
          '2025-03',
          ['ZA'],
          ['Ce'],
          ['beneficiation'],
        ),
        'ZA',
        [],
        'export-licence',
        'in-force',
        '2025-03',
      ),
      concepts: [{ country: 'ZA' }, { material: 'Ce' }, { words: ['licen*'] }],
    },
    {
      query: 'uzbekistan europium agreement with korea',
      fact: meeting(
        common(
          'uz-eu-korea-agreement-2024',
          'Uzbekistan and South Korea sign a europium supply agreement',
          'Seoul and Tashkent agreed on 4 June 2024 that Korean firms will help develop europium and other rare-earth resources, with offtake rights for KOMIR.',
          '2024-06-04',
          ['UZ', 'KR'],
          ['Eu'],
          ['supply chain'],
        ),
        'agreement',
        ['UZ', 'KR'],
        'Seoul',
      ),
      concepts: [{ country: 'UZ' }, { country: 'KR' }, { material: 'Eu' }, { words: ['agree*'] }],
    },
    {
      query: 'us entity list chinese magnet makers',
      fact: restriction(
        common(
          'us-repm-entity-list-2025',
          'US adds Chinese magnet makers to the Entity List',
          'The Bureau of Industry and Security added eleven Chinese producers of permanent magnets to the Entity List in October 2025, citing military end uses.',
          '2025-10',
          ['US', 'CN'],
          ['REPM'],
          ['sanctions', 'defence'],
        ),
        'US',
        ['CN'],
        'entity-list',
        'in-force',
        '2025-10',
      ),
      concepts: [{ country: 'US' }, { country: 'CN' }, { words: ['entity'] }, { words: ['magnet', 'magnets'] }],
    },
    {
      query: 'praseodymium price floor',
      fact: policy(
        common(
          'au-pr-price-floor-2025',
          'Australia weighs a price floor for praseodymium',
          'Canberra is considering a guaranteed minimum price for praseodymium and neodymium oxide produced locally, to shield miners from market swings, officials said in August 2025.',
          '2025-08',
          ['AU'],
          ['Pr'],
          ['prices'],
        ),
        'AU',
      ),
      concepts: [{ material: 'Pr' }, { words: ['floor*'] }],
    },
    {
      query: 'quad critical minerals initiative 2023',
      fact: meeting(
        common(
          'quad-critical-minerals-initiative-2023',
          'Quad leaders launch a Critical Minerals Initiative',
          'Leaders of Australia, India, Japan and the United States announced the initiative in Hiroshima in May 2023 to map supply and coordinate investment.',
          '2023-05-20',
          ['US', 'JP', 'IN', 'AU'],
          ['critical-minerals'],
          ['quad'],
        ),
        'summit',
        ['US', 'JP', 'IN', 'AU'],
        'Hiroshima',
      ),
      concepts: [{ words: ['quad'] }, { words: ['initiativ*'] }, { year: 2023 }],
    },
    {
      query: 'russia promethium reactor',
      fact: background(
        common(
          'ru-pm-reactor-2022',
          'Rosatom produces promethium-147 in a research reactor',
          'Promethium does not occur in mineable quantities; Russia makes promethium-147 by irradiating neodymium targets in a research reactor in Dimitrovgrad.',
          '2022',
          ['RU'],
          ['Pm'],
          ['isotopes'],
        ),
      ),
      concepts: [{ country: 'RU' }, { material: 'Pm' }, { words: ['reactor*'] }],
    },
    {
      query: 'philipines scandium byproduct nickel',
      fact: policy(
        common(
          'ph-sc-nickel-byproduct-2024',
          'Philippines backs scandium recovery as a byproduct of nickel refining',
          'The government endorsed in 2024 a plan to recover scandium oxide as a byproduct at the Taganito high-pressure acid leach nickel plant.',
          '2024',
          ['PH'],
          ['Sc', 'Ni'],
          ['byproduct'],
        ),
        'PH',
      ),
      concepts: [{ country: 'PH' }, { material: 'Sc' }, { material: 'Ni' }, { words: ['byproduct*'] }],
    },
    {
      query: 'france solvay rare earth plant la rochelle',
      fact: policy(
        common(
          'fr-ree-la-rochelle-2022',
          'France supports expansion of the Solvay rare-earth plant at La Rochelle',
          'Solvay announced in October 2022, with state support, new separation lines at La Rochelle to supply European magnet makers.',
          '2022-10',
          ['FR'],
          ['REE'],
          ['processing'],
        ),
        'FR',
      ),
      concepts: [{ country: 'FR' }, { words: ['rochelle'] }],
    },
    {
      query: 'turkey beylikova thorium rare earth',
      fact: background(
        common(
          'tr-ree-beylikova-2022',
          'Turkey reports a large rare-earth and thorium deposit at Beylikova',
          'Turkey said in July 2022 that the Beylikova deposit in Eskisehir holds 694 million tonnes of ore with rare earths, thorium and fluorite.',
          '2022-07',
          ['TR'],
          ['REE'],
          ['deposit'],
        ),
      ),
      concepts: [{ country: 'TR' }, { words: ['beylikova'] }],
    },
    {
      query: 'argentina lithium memorandum with united states',
      fact: meeting(
        common(
          'ar-li-us-memorandum-2024',
          'Argentina and the United States sign a lithium memorandum',
          'The two governments signed a memorandum of understanding in Buenos Aires in April 2024 on lithium and other critical minerals.',
          '2024-04',
          ['AR', 'US'],
          ['Li'],
          ['critical minerals'],
        ),
        'agreement',
        ['AR', 'US'],
        'Buenos Aires',
      ),
      concepts: [{ country: 'AR' }, { country: 'US' }, { material: 'Li' }, { words: ['memorand*', 'mou'] }],
    },
    {
      query: 'mongolia dysprosium joint venture',
      fact: policy(
        common(
          'mn-dy-joint-venture-2025',
          'Mongolia forms a dysprosium joint venture at Khalzan Buregtei',
          'Mongolia and a Korean partner formed a joint venture in March 2025 to develop dysprosium-bearing ore at Khalzan Buregtei.',
          '2025-03',
          ['MN'],
          ['Dy'],
          ['joint venture'],
        ),
        'MN',
      ),
      concepts: [{ country: 'MN' }, { material: 'Dy' }, { words: ['venture*'] }],
    },
    {
      query: 'ndfeb magnet export licence october 2025',
      fact: restriction(
        common(
          'cn-ndfeb-export-licence-2025',
          'China extends export licensing to NdFeB magnets containing heavy rare earths',
          'MOFCOM announcement of 9 October 2025 extended licensing to sintered NdFeB magnets with heavy rare earths, effective 8 November 2025.',
          '2025-10-09',
          ['CN'],
          ['NdFeB'],
          ['magnets', 'licensing'],
        ),
        'CN',
        [],
        'export-licence',
        'suspended',
        '2025-11-08',
      ),
      concepts: [{ material: 'NdFeB' }, { words: ['licen*'] }, { words: ['october'] }, { year: 2025 }],
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Concept coverage (independent of the search engine, so that tuning it cannot change the corpus)
// ---------------------------------------------------------------------------------------------

function factWords(fact: Fact): Set<string> {
  const parts = [fact.title, fact.summary, ...fact.tags, ...fact.aliases];
  if (fact.kind === 'restriction') parts.push(fact.measure, fact.status);
  if (fact.kind === 'market-share') parts.push(fact.stage);
  if (fact.kind === 'meeting') parts.push(fact.event, fact.place ?? '', fact.outcome ?? '', fact.nextMeeting?.place ?? '', fact.nextMeeting?.note ?? '');
  const words = new Set<string>();
  for (const token of parts
    .join(' ')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)) {
    if (token !== '') words.add(token);
  }
  return words;
}

function factYears(fact: Fact): Set<number> {
  const dates = [fact.date];
  if (fact.kind === 'restriction') dates.push(fact.announced, fact.effective ?? '', fact.expires ?? '');
  if (fact.kind === 'meeting') dates.push(fact.endDate ?? '', fact.nextMeeting?.date ?? '');
  const years = new Set(dates.filter(Boolean).map((date) => Number(date.slice(0, 4))));
  if (fact.kind === 'market-share') years.add(fact.year);
  return years;
}

/** A predicate: does a fact cover every concept? Cheap checks (codes) run before the text is read. */
export function compileConcepts(concepts: readonly Concept[]): (fact: Fact) => boolean {
  const countries = concepts.flatMap((c) => ('country' in c ? [c.country] : []));
  const materials = concepts.flatMap((c) => ('material' in c ? [c.material] : []));
  const years = concepts.flatMap((c) => ('year' in c ? [c.year] : []));
  const wordSets = concepts.flatMap((c) => ('words' in c ? [c.words] : []));
  return (fact) => {
    if (!materials.every((code) => fact.materials.includes(code))) return false;
    if (countries.length > 0) {
      const codes = countriesOf(fact);
      if (!countries.every((code) => codes.has(code))) return false;
    }
    const words = factWords(fact);
    if (years.length > 0) {
      const factYearSet = factYears(fact);
      if (!years.every((year) => factYearSet.has(year) || words.has(String(year)))) return false;
    }
    return wordSets.every((alternatives) =>
      alternatives.some((alt) => {
        if (!alt.endsWith('*')) return words.has(alt);
        const prefix = alt.slice(0, -1);
        for (const word of words) if (word.startsWith(prefix)) return true;
        return false;
      }),
    );
  };
}

// ---------------------------------------------------------------------------------------------
// Query set (fixed: the same for every corpus size)
// ---------------------------------------------------------------------------------------------

export type AskClass = 'planted' | 'question' | 'long' | 'keywords' | 'prefix';

export interface AskQuery {
  readonly text: string;
  readonly cls: AskClass;
}

export interface RestrictionInput {
  readonly country?: string;
  readonly material?: string;
  readonly status?: RestrictionFact['status'];
  readonly since?: string;
}

export interface MarketShareInput {
  readonly stage: MarketStage;
  readonly material?: string;
  readonly year?: number;
}

export interface MeetingInput {
  readonly country?: string;
  readonly upcoming?: boolean;
}

export interface QuerySet {
  readonly ask: readonly AskQuery[];
  readonly completeCountry: readonly string[];
  readonly completeMaterial: readonly string[];
  readonly completeId: readonly string[];
  /** What a user types in the option; the bench resolves it as the bot would, then answers. */
  readonly country: readonly string[];
  readonly restrictions: readonly RestrictionInput[];
  readonly marketShare: readonly MarketShareInput[];
  readonly meetings: readonly MeetingInput[];
  readonly source: readonly string[];
}

const QUESTIONS = [
  'who makes magnets',
  'kazakstan rare earth',
  'what did china restrict in 2023',
  'who produces the most dysprosium',
  'does india export rare earths',
  'which countries ban rare earth exports',
  'when did japan and australia meet about critical minerals',
  'what is the eu doing about magnet recycling',
  'us rare earth stockpile',
  "how much of the world's refining does china control",
  'burma heavy rare earth mining',
  'is vietnam mining rare earths',
  'g7 critical minerals action plan',
  'what are the export controls on gallium',
  'who imports terbium from china',
  'brazil rare earth deposits',
  'which countries signed agreements with kazakhstan',
  'latest quota for rare earth mining in china',
  'what happened in 2010 between china and japan',
  'tariffs on chinese magnets',
  'australia rare earth refinery funding',
  'neodymium price 2025',
  'korea europium supply',
  'who restricts yttrium',
  'greenland mining ban',
  'indian rare earth mission',
  'saudi arabia critical minerals investment',
  'entity list rare earth companies',
  'malaysia processing plant licence',
];

const LONG_QUESTIONS = [
  'I am trying to understand which countries have restricted exports of heavy rare earths like dysprosium and terbium since 2023 and whether any of those measures were later suspended or lifted',
  'Can you tell me what share of global rare earth refining capacity China controlled in 2024 compared with Malaysia, Vietnam and the United States, and where those figures come from?',
];

const COUNTRY_TARGETS = [
  'Kazakhstan',
  'China',
  'Japan',
  'Australia',
  'Vietnam',
  'Burma',
  'India',
  'United States',
  'South Korea',
  'Germany',
  'Greenland',
  'Mongolia',
  'kazakstan',
  'brasil',
];
const MATERIAL_TARGETS = [
  'dysprosium',
  'neodymium',
  'terbium',
  'praseodymium',
  'gadolinium',
  'samarium',
  'yttrium',
  'lutetium',
  'magnets',
  'NdFeB',
  'dysprosim',
  'neodimium',
  'prase min',
];

/** A random typo: deletion, transposition, substitution or a doubled letter. */
export function typo(rng: Rng, word: string): string {
  if (word.length < 4) return word;
  const i = rng.int(1, word.length - 2);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  switch (rng.int(0, 3)) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1);
    case 1:
      return word.slice(0, i) + word.charAt(i + 1) + word.charAt(i) + word.slice(i + 2);
    case 2:
      return word.slice(0, i) + rng.pick([...letters]) + word.slice(i + 1);
    default:
      return word.slice(0, i) + word.charAt(i) + word.slice(i);
  }
}

function withTypos(rng: Rng, text: string): string {
  const words = text.split(' ');
  const long = words.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 5);
  if (long.length === 0) return text;
  const count = rng.chance(0.75) ? (rng.chance(0.35) ? 2 : 1) : 0;
  for (const [word, i] of rng.sample(long, count)) words[i] = typo(rng, word);
  return words.join(' ');
}

export function buildQuerySet(base: CorpusBase, corpus: Corpus, seed = 1): QuerySet {
  const rng = new Rng(seed * 104729 + 17);
  const countryByCode = new Map(base.countries.map((c) => [c.code, c]));
  const materialByCode = new Map(base.materials.map((m) => [m.code, m]));
  const countryText = (code: string) => {
    const country = countryByCode.get(code);
    if (!country) return code;
    const label = country.aliases.length > 0 && rng.chance(0.3) ? rng.pick(country.aliases) : country.name;
    return rng.chance(0.5) ? label.toLowerCase() : label;
  };
  const materialText = (code: string) => materialByCode.get(code)?.name ?? code;
  const countryCodes = base.countries.filter((c) => c.group !== 'world').map((c) => c.code);
  const someCountry = () => (rng.chance(0.6) ? rng.pick(MAJOR) : rng.pick(countryCodes));
  const someMaterial = () => (rng.chance(0.8) ? rng.pick(RARE_EARTHS) : rng.pick(GROUPS_AND_PRODUCTS));

  const keywords: string[] = [];
  const keywordWords = [
    'export ban',
    'quota',
    'licence',
    'tariff',
    'export controls',
    'stockpile',
    'refining',
    'mining',
    'magnets',
    'reserves',
    'imports',
    'recycling',
    'investment',
  ];
  for (let i = 0; i < 95; i++) {
    const template = i % 5;
    const raw =
      template === 0
        ? `${countryText(someCountry())} ${materialText(someMaterial())} ${rng.pick(keywordWords)}`
        : template === 1
          ? `${materialText(someMaterial())} ${rng.pick(['mining', 'refining', 'reserves', 'magnet production', 'imports', 'exports'])} ${rng.int(2012, 2026)}`
          : template === 2
            ? `${countryText(someCountry())} ${rng.pick(FORUMS).toLowerCase()}`
            : template === 3
              ? `${countryText(someCountry())} ${countryText(someCountry())} ${materialText(someMaterial())} agreement`
              : `${materialText(someMaterial())} ${rng.pick(APPLICATIONS).toLowerCase()}`;
    keywords.push(withTypos(rng, raw));
  }

  const prefixesOf = (targets: readonly string[], from: number, to: number) =>
    targets.flatMap((target) => {
      const out: string[] = [];
      for (let length = from; length <= Math.min(to, target.length); length++) out.push(target.slice(0, length));
      return out;
    });
  const completeCountry = prefixesOf(COUNTRY_TARGETS, 2, 7);
  const completeMaterial = prefixesOf(MATERIAL_TARGETS, 2, 7);
  const askPrefixes = [...prefixesOf(COUNTRY_TARGETS.slice(0, 11), 3, 4), ...prefixesOf(MATERIAL_TARGETS, 4, 5)].slice(0, 44);

  const plantedIds = corpus.planted.map((p) => p.factId);
  const idTargets = [...plantedIds.slice(0, 8), 'china exp', 'kazakhstan gad', 'quota 20', 'entity li', 'kazakstan gad', 'samarium stock'];
  const completeId = [...prefixesOf(idTargets, 3, 14).filter((_, i) => i % 2 === 0), ...plantedIds.slice(8, 14).map((id) => typo(rng, id))];

  const ask: AskQuery[] = [
    ...corpus.planted.map((p) => ({ text: p.query, cls: 'planted' as const })),
    ...QUESTIONS.map((text) => ({ text, cls: 'question' as const })),
    ...LONG_QUESTIONS.map((text) => ({ text, cls: 'long' as const })),
    ...keywords.map((text) => ({ text, cls: 'keywords' as const })),
    ...askPrefixes.map((text) => ({ text, cls: 'prefix' as const })),
  ];

  const factIds = corpus.facts.map((fact) => fact.id);
  const step = Math.max(1, Math.floor(factIds.length / 5));
  const source = [
    ...plantedIds.slice(0, 10),
    ...[0, 1, 2, 3, 4].map((k) => factIds[Math.min(factIds.length - 1, k * step + 3)] as string),
    ...corpus.sources.slice(0, 5).map((s) => s.id),
    ...plantedIds.slice(10, 14).map((id) => typo(rng, id)),
    'no-such-fact-anywhere',
  ];

  return {
    ask,
    completeCountry,
    completeMaterial,
    completeId,
    country: [
      'China',
      'kazakstan',
      'PRC',
      'Burma',
      'japn',
      'US',
      'australia',
      'Viet Nam',
      'germny',
      'EU',
      'Indonesia',
      'brasil',
      'south korea',
      'greenland',
      'Tajikistan',
      'Mongolia',
      'Saudi',
      'chile',
      'canda',
      'Russia',
      'India',
      'the States',
      'Malaysia',
      'Uzbek',
    ],
    restrictions: [
      { country: 'china' },
      { country: 'chna', material: 'dysprosim' },
      { material: 'gallium' },
      { country: 'US', status: 'in-force' },
      { since: '2024' },
      { material: 'magnets', since: '2023-10' },
      { country: 'japan' },
      { country: 'vietnam', material: 'rare earths' },
      { status: 'lifted' },
      { material: 'NdFeB' },
      { country: 'kazakstan' },
      { country: 'EU', material: 'neodymium' },
      { material: 'terbum' },
      { country: 'Burma', status: 'suspended' },
      {},
      { country: 'India', since: '2020' },
      { material: 'HREE' },
      { country: 'korea', material: 'holmium' },
      { status: 'proposed', since: '2025-01' },
      { country: 'australia' },
    ],
    marketShare: [
      { stage: 'mining' },
      { stage: 'refining', material: 'dysprosium' },
      { stage: 'reserves', year: 2024 },
      { stage: 'magnets' },
      { stage: 'imports', material: 'lanthanum' },
      { stage: 'exports', year: 2023 },
      { stage: 'mining', material: 'neodymum' },
      { stage: 'refining', year: 2020 },
      { stage: 'mining', material: 'rare earths', year: 2022 },
      { stage: 'reserves', material: 'terbium' },
      { stage: 'magnets', material: 'NdFeB', year: 2025 },
      { stage: 'imports' },
      { stage: 'mining', material: 'yttrium', year: 2019 },
      { stage: 'refining' },
      { stage: 'exports', material: 'gadolinum' },
      { stage: 'mining', year: 2030 },
    ],
    meetings: [
      {},
      { upcoming: true },
      { country: 'india' },
      { country: 'japn', upcoming: true },
      { country: 'Kazakhstan' },
      { country: 'US' },
      { country: 'EU', upcoming: true },
      { country: 'australia' },
      { country: 'uzbekistn' },
      { country: 'Brussels' },
      { country: 'China', upcoming: true },
      { country: 'korea' },
    ],
    source,
  };
}

// ---------------------------------------------------------------------------------------------

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
