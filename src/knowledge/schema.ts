import { z } from 'zod';
import { isValidPartialDate } from './dates.ts';

/**
 * The knowledge contract (see knowledge/README.md for the moderators' view of it).
 * Every knowledge file is a mapping whose top-level keys are any of
 * `sources`, `facts`, `countries` and `materials`, each a list.
 */

export const KEBAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const id = z
  .string()
  .min(3, 'must be at least 3 characters')
  .max(80, 'must be at most 80 characters')
  .regex(KEBAB_ID, 'must be kebab-case: lowercase letters, digits and single hyphens');

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

/** A bare `2026` in a list of tags is meant as text; YAML would read it as a number. */
const textOrNumber = (max: number) => z.union([z.number().transform(String), z.string()]).pipe(text(max));

/**
 * YAML reads `date: 2024` as a number and `date: 2024-05-01` as a string; both are partial dates.
 * Impossible dates (2025-02-30) are rejected here so that every consumer can trust the value.
 */
export const partialDate = z
  .union([z.string(), z.number().int()])
  .transform((value) => String(value))
  .refine(isValidPartialDate, { message: 'must be a real date written YYYY, YYYY-MM or YYYY-MM-DD' });

/** Country and material codes are checked against reference data by the cross-checker, not here. */
const countryCode = z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter code such as CN, US or EU');
const materialCode = z.string().min(1).max(40);

export const citationSchema = z
  .object({
    source: id,
    quote: text(200).optional(),
    locator: text(120).optional(),
  })
  .strict();

const commonFactFields = {
  id,
  title: text(200),
  summary: text(1200),
  date: partialDate,
  countries: z.array(countryCode).min(1, 'must name at least one country or bloc (XX for the world)'),
  materials: z.array(materialCode).default([]),
  tags: z.array(textOrNumber(40)).default([]),
  aliases: z.array(textOrNumber(100)).default([]),
  citations: z.array(citationSchema).min(1, 'must list at least one source: every fact cites one'),
  supersedes: id.optional(),
  supersededBy: id.optional(),
};

export const RESTRICTION_STATUSES = ['proposed', 'announced', 'in-force', 'suspended', 'lifted'] as const;
export const RESTRICTION_MEASURES = [
  'export-licence',
  'export-ban',
  'export-quota',
  'production-quota',
  'technology-ban',
  'entity-list',
  'tariff',
  'import-restriction',
  'investigation',
  'other',
] as const;

export const restrictionFactSchema = z
  .object({
    ...commonFactFields,
    kind: z.literal('restriction'),
    imposedBy: countryCode,
    /** Destinations the measure singles out; empty means it applies to all. */
    targets: z.array(countryCode).default([]),
    measure: z.enum(RESTRICTION_MEASURES),
    announced: partialDate,
    effective: partialDate.optional(),
    expires: partialDate.optional(),
    status: z.enum(RESTRICTION_STATUSES),
    /** The date on which a source last confirmed the status. */
    statusAsOf: partialDate.optional(),
    /**
     * The last day of the recorded status by its own terms (a suspension "until 2026-11-10", a
     * temporary licence's deadline): after it the status can no longer be shown as current.
     */
    statusUntil: partialDate.optional(),
  })
  .strict();

export const MARKET_STAGES = ['mining', 'reserves', 'refining', 'magnets', 'imports', 'exports'] as const;
export const SHARE_UNITS = ['percent', 'tonnes', 'usd'] as const;
export const SHARE_QUALIFIERS = ['about', 'over', 'under', 'up-to', 'at-least'] as const;

export const shareSchema = z
  .object({
    country: countryCode,
    value: z.number().nonnegative('must not be negative'),
    unit: z.enum(SHARE_UNITS),
    qualifier: z.enum(SHARE_QUALIFIERS).optional(),
  })
  .strict()
  .refine((share) => share.unit !== 'percent' || share.value <= 100, {
    message: 'a percentage must be at most 100',
    path: ['value'],
  });

export const marketShareFactSchema = z
  .object({
    ...commonFactFields,
    kind: z.literal('market-share'),
    stage: z.enum(MARKET_STAGES),
    year: z.number().int().min(1900).max(2100),
    /** For imports or exports: the country whose trade is measured (Japan's imports, say). */
    market: countryCode.optional(),
    shares: z.array(shareSchema).min(1, 'must list at least one share'),
  })
  .strict();

export const MEETING_EVENTS = ['meeting', 'summit', 'dialogue', 'forum', 'agreement', 'call', 'visit', 'ministerial'] as const;

export const meetingFactSchema = z
  .object({
    ...commonFactFields,
    kind: z.literal('meeting'),
    event: z.enum(MEETING_EVENTS).default('meeting'),
    participants: z.array(countryCode).min(1, 'must list at least one participant'),
    place: text(120).optional(),
    endDate: partialDate.optional(),
    outcome: text(600).optional(),
    nextMeeting: z
      .object({ date: partialDate.optional(), place: text(120).optional(), note: text(300).optional() })
      .strict()
      .optional(),
  })
  .strict();

export const policyFactSchema = z
  .object({
    ...commonFactFields,
    kind: z.literal('policy'),
    actor: countryCode.optional(),
  })
  .strict();

export const backgroundFactSchema = z
  .object({
    ...commonFactFields,
    kind: z.literal('background'),
  })
  .strict();

export const FACT_KINDS = ['market-share', 'restriction', 'policy', 'meeting', 'background'] as const;

export const factSchema = z.discriminatedUnion('kind', [marketShareFactSchema, restrictionFactSchema, policyFactSchema, meetingFactSchema, backgroundFactSchema]);

export const sourceSchema = z
  .object({
    id,
    publisher: text(160),
    title: text(300),
    url: z
      .string()
      .max(600)
      .refine((value) => /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(value), { message: 'must be an http(s) address' }),
    /** `undated` is honest for a page that shows no date and gives no context to infer one. */
    published: z.union([z.literal('undated'), partialDate]),
    accessed: partialDate.optional(),
    note: text(300).optional(),
  })
  .strict();

export const COUNTRY_GROUPS = ['country', 'bloc', 'world', 'territory'] as const;

export const countrySchema = z
  .object({
    code: countryCode,
    name: text(80),
    group: z.enum(COUNTRY_GROUPS).default('country'),
    aliases: z.array(text(80)).default([]),
    /** Cities that stand for the country ("Beijing") but are also just places where things happen. */
    places: z.array(text(80)).default([]),
    members: z.array(countryCode).default([]),
  })
  .strict();

export const MATERIAL_GROUPS = ['light', 'heavy', 'group', 'product', 'other'] as const;

export const materialSchema = z
  .object({
    code: materialCode,
    name: text(80),
    group: z.enum(MATERIAL_GROUPS),
    atomicNumber: z.number().int().positive().optional(),
    aliases: z.array(text(80)).default([]),
    /** A symbol that doubles as an English word ("In", "As") is not matched in free text. */
    ambiguous: z.boolean().default(false),
  })
  .strict();

export const knowledgeFileSchema = z
  .object({
    sources: z.array(z.unknown()).optional(),
    facts: z.array(z.unknown()).optional(),
    countries: z.array(z.unknown()).optional(),
    materials: z.array(z.unknown()).optional(),
  })
  .strict();

export type Citation = z.infer<typeof citationSchema>;
export type RestrictionFact = z.infer<typeof restrictionFactSchema>;
export type MarketShareFact = z.infer<typeof marketShareFactSchema>;
export type Share = z.infer<typeof shareSchema>;
export type MeetingFact = z.infer<typeof meetingFactSchema>;
export type PolicyFact = z.infer<typeof policyFactSchema>;
export type BackgroundFact = z.infer<typeof backgroundFactSchema>;
export type Fact = z.infer<typeof factSchema>;
export type FactKind = Fact['kind'];
export type Source = z.infer<typeof sourceSchema>;
export type Country = z.infer<typeof countrySchema>;
export type Material = z.infer<typeof materialSchema>;
export type RestrictionStatus = (typeof RESTRICTION_STATUSES)[number];
export type MarketStage = (typeof MARKET_STAGES)[number];
