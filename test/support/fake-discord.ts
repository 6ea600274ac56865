/**
 * A loopback, Discord-compatible gateway and REST server for end-to-end tests that drive the REAL
 * discord.js v14 `Client` (no mocking of discord.js internals).
 *
 * Payload shapes are what the real discord.js client needs to accept them: READY needs
 * user/guilds/application/session_id/resume_gateway_url, INTERACTION_CREATE needs entitlements,
 * authorizing_integration_owners, a channel object and member (or user); every JSON response is
 * `Content-Type: application/json`; callbacks answer 204; `@original` arrives as `%40original`.
 *
 * The fake enforces Discord's rules so that tests can fail: bad token (401 / close 4004), the
 * interaction deadline (404 10062), double acknowledgement (400 40060), edits and follow-ups before
 * an acknowledgement (400), message / embed / component / autocomplete limits (400 50035), empty
 * messages (400 50006), unknown channels (404 10003), missing access (403 50001), uploads over
 * 10 files (400 50035) or 10 MiB (413 40005), embed media URLs that are not http(s) or
 * `attachment://` (400 50035), and gateway connections asking for compression or a non-JSON
 * encoding (close 4012, logged to stderr).
 *
 * Uploads are multipart/form-data (`payload_json` + `files[n]`) on every message route: parsed,
 * recorded (`filesOf(request.body)`), stored and served back. As on Discord, an embed image or
 * thumbnail `attachment://name` becomes the uploaded file's URL (with its size for a PNG); one that
 * names no uploaded file is dropped from the embed, which is what a user would see.
 *
 * Channel history: `GET /channels/:id/messages` (after / before / around, limit 1–100, newest
 * first) serves what was posted with `POST /channels/:id/messages`, and a post with
 * `enforce_nonce: true` repeating a recent nonce returns the earlier message instead of a new one.
 *
 * Listens on 127.0.0.1 only, on a random port. Everything is torn down by `close()`.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ButtonStyle,
  ChannelType,
  ComponentType,
  GatewayDispatchEvents,
  GatewayOpcodes,
  InteractionContextType,
  InteractionResponseType,
  InteractionType,
  Locale,
  MessageFlags,
  MessageType,
  OverwriteType,
  PermissionFlagsBits,
} from 'discord.js';
import type {
  APIApplicationCommand,
  APIApplicationCommandAutocompleteDMInteraction,
  APIApplicationCommandAutocompleteGuildInteraction,
  APIApplicationCommandAutocompleteInteraction,
  APIApplicationCommandInteractionDataBasicOption,
  APIApplicationCommandInteractionDataOption,
  APIApplicationCommandOption,
  APIAttachment,
  APIChatInputApplicationCommandDMInteraction,
  APIChatInputApplicationCommandGuildInteraction,
  APIChatInputApplicationCommandInteraction,
  APIChatInputApplicationCommandInteractionData,
  APIEmbed,
  APIGuildInteractionWrapper,
  APIDMInteractionWrapper,
  APIGuildMember,
  APIInteraction,
  APIInteractionDataResolved,
  APIInteractionDataResolvedChannel,
  APIInteractionGuildMember,
  APIMessage,
  APIMessageComponentButtonInteraction,
  APIMessageTopLevelComponent,
  APIOverwrite,
  APIPartialInteractionGuild,
  APIRole,
  APITextChannel,
  APIUser,
  ApplicationFlags,
  ChannelFlags,
  GatewayGuildCreateDispatchData,
  GatewayIdentifyData,
  GatewayReadyDispatchData,
  GatewayResumeData,
  GatewaySendPayload,
  GuildMemberFlags,
  GuildSystemChannelFlags,
  RESTGetAPIGatewayBotResult,
  RoleFlags,
  UserFlags,
} from 'discord-api-types/v10';
import { WebSocket, WebSocketServer, type RawData } from 'ws';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export interface FakeDiscordOptions {
  /** Bot token the fake accepts (default: a recognisable random `FAKE_DISCORD_TOKEN.…` string). */
  token?: string;
  applicationId?: string;
  guildId?: string;
  /** Text channels of the guild; the first one is `channelId` and is named `general`. */
  channelIds?: string[];
  /** HELLO heartbeat interval (default 41250 ms, as Discord). */
  heartbeatIntervalMs?: number;
  /** Initial interaction callbacks later than this after dispatch get 404 10062 (default 3000). */
  interactionDeadlineMs?: number;
  /** Interaction webhook tokens (edits, follow-ups) expire after this (default 15 min). */
  webhookTokenLifetimeMs?: number;
  /**
   * Clock used for the deadlines above, for channel message ids and timestamps, and for the
   * enforce_nonce window (default `Date.now`). Lets a test age an interaction, or let time pass
   * between posts, without sleeping; share it with the bot's injected clock so that the message
   * ids the bot reads back match the times the bot recorded.
   */
  now?: () => number;
  /** How long a nonce sent with `enforce_nonce: true` stays unique per channel and author (default 5 min). */
  nonceWindowMs?: number;
}

export interface RecordedFile {
  /** Multipart field name, e.g. `files[0]`. */
  readonly field: string;
  readonly filename: string;
  readonly contentType: string;
  readonly bytes: Buffer;
}

/** A parsed multipart/form-data body (discord.js sends one whenever files are attached). */
export class MultipartBody {
  constructor(
    /** `payload_json`, parsed. */
    readonly payload_json: unknown,
    readonly files: readonly RecordedFile[],
    /** Any other string fields. */
    readonly fields: Readonly<Record<string, string>>,
  ) {}
}

export interface IncomingRequest {
  readonly method: string;
  /** Full decoded path, e.g. `/api/v10/webhooks/1/tok/messages/@original`. */
  readonly path: string;
  /** Path below `/api/v10` (e.g. `/interactions/1/tok/callback`); equal to `path` outside the API. */
  readonly route: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  /** Parsed JSON, a `MultipartBody`, raw text for other content types, or null when empty. */
  readonly body: unknown;
}

export interface RecordedRequest extends IncomingRequest {
  readonly status: number;
  /** JSON body the fake answered with (null for 204 and binary responses). */
  readonly response: unknown;
  /** `Date.now()` when the request arrived. */
  readonly at: number;
}

export interface GatewayFrame {
  readonly connectionId: number;
  /** Session the connection belonged to when the frame arrived (null before IDENTIFY/RESUME). */
  readonly sessionId: string | null;
  readonly op: GatewayOpcodes;
  readonly payload: GatewaySendPayload;
  readonly at: number;
}

export interface GatewayRejection {
  readonly url: string;
  readonly closeCode: number;
  readonly reason: string;
  readonly at: number;
}

export type InjectedFailure = { status: 429; retryAfterSeconds: number; global?: boolean } | { status: 500 | 502 | 503 };

/** Query of `GET /channels/:id/messages` (all optional; `around`, `before`, `after` exclusive). */
export const MAX_MESSAGES_PER_FETCH = 100;
const DEFAULT_MESSAGES_PER_FETCH = 50;
/** Discord's limit on a message nonce (a string of at most 25 characters, or an integer). */
const MAX_NONCE_CHARS = 25;

/** Who triggers an interaction, and where. */
export interface InteractionActor {
  /** Merged over the default user (`fake.userId`, `alice`). */
  user?: Partial<APIUser>;
  /** Role ids of the member (default none). Create guild roles with `createRole`. */
  roles?: string[];
  /** The member's permissions in the channel (default `FakeDiscord.MEMBER_PERMISSIONS`). */
  permissions?: bigint | string;
  /** The bot's permissions in the channel (default `FakeDiscord.BOT_PERMISSIONS`). */
  appPermissions?: bigint | string;
  nick?: string | null;
  /** Guild channel the interaction happens in (default `fake.channelId`). Ignored for `dm`. */
  channelId?: string;
  /** A DM with the bot instead of a guild interaction. */
  dm?: boolean;
  locale?: Locale;
}

export type OptionValue = string | number | boolean;

export interface ChatInputSpec extends InteractionActor {
  /** Command name. */
  name: string;
  subcommandGroup?: string;
  subcommand?: string;
  /**
   * Either ready-made interaction options, or `{ optionName: value }`; option types are then taken
   * from the commands registered with PUT (falling back to string / integer / number / boolean).
   */
  options?: Record<string, OptionValue> | APIApplicationCommandInteractionDataOption[];
  /** Attachment options: option name → an attachment from `attachmentOption()`. */
  attachments?: Record<string, APIAttachment>;
  resolved?: APIInteractionDataResolved;
  commandId?: string;
}

export interface AutocompleteSpec extends ChatInputSpec {
  /** Name of the focused option. */
  focused: string;
  /** What the user has typed so far. */
  value: string;
}

export interface ButtonSpec extends InteractionActor {
  /** The message carrying the button (default: the latest message the fake stored with that custom_id, else a synthetic one). */
  message?: APIMessage;
}

export interface SentInteraction {
  readonly id: string;
  readonly token: string;
  readonly payload: APIInteraction;
}

export interface InteractionSnapshot {
  readonly id: string;
  readonly token: string;
  readonly type: InteractionType;
  readonly dispatchedAt: number;
  /** Callback type of the initial response, or null while unanswered. */
  readonly responseType: InteractionResponseType | null;
  readonly original: APIMessage | null;
  readonly followUps: readonly APIMessage[];
}

/** The JSON payload of a recorded body: `payload_json` for multipart bodies, the body itself otherwise. */
export function jsonPayload(body: unknown): unknown {
  return body instanceof MultipartBody ? body.payload_json : body;
}

/** Files of a recorded multipart body (empty for JSON bodies). */
export function filesOf(body: unknown): readonly RecordedFile[] {
  return body instanceof MultipartBody ? body.files : [];
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

const API_PREFIX = '/api/v10';
const DISCORD_EPOCH = 1420070400000n;
let snowflakeIncrement = 0;

/** A fresh, unique Discord snowflake. */
export function snowflake(at: number = Date.now()): string {
  snowflakeIncrement = (snowflakeIncrement + 1) % 4096;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | BigInt(snowflakeIncrement)).toString();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function permissionString(value: bigint | string | undefined, fallback: bigint): string {
  if (value === undefined) return fallback.toString();
  return typeof value === 'bigint' ? value.toString() : value;
}

function shardFor(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** Discord counts characters, not UTF-16 units. */
function charCount(text: string): number {
  return Array.from(text).length;
}

function decodePath(pathname: string): string {
  return pathname
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

async function parseBody(raw: Buffer, contentType: string | undefined): Promise<Parsed> {
  if (raw.length === 0) return { ok: true, value: null };
  const type = (contentType ?? '').toLowerCase();
  try {
    if (type.startsWith('multipart/form-data')) {
      const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType ?? '' } }).formData();
      let payload: unknown = null;
      const files: RecordedFile[] = [];
      const fields: Record<string, string> = {};
      for (const [field, value] of form.entries()) {
        if (typeof value === 'string') {
          if (field === 'payload_json') payload = JSON.parse(value);
          else fields[field] = value;
        } else {
          files.push({
            field,
            filename: value.name,
            contentType: value.type || 'application/octet-stream',
            bytes: Buffer.from(await value.arrayBuffer()),
          });
        }
      }
      return { ok: true, value: new MultipartBody(payload, files, fields) };
    }
    if (type.startsWith('application/json')) return { ok: true, value: JSON.parse(raw.toString('utf8')) };
    return { ok: true, value: raw.toString('utf8') };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

// --- replies -----------------------------------------------------------------------------------

interface Reply {
  status: number;
  json?: unknown;
  headers?: Record<string, string>;
  raw?: { bytes: Buffer; contentType: string };
}

const okJson = (json: unknown, status = 200): Reply => ({ status, json });
const noContent = (): Reply => ({ status: 204 });
const apiError = (status: number, code: number, message: string): Reply => ({ status, json: { message, code } });
const unauthorized = (): Reply => apiError(401, 0, '401: Unauthorized');
const unknownInteraction = (): Reply => apiError(404, 10062, 'Unknown interaction');
const unknownMessage = (): Reply => apiError(404, 10008, 'Unknown Message');
const unknownChannel = (): Reply => apiError(404, 10003, 'Unknown Channel');
const missingAccess = (): Reply => apiError(403, 50001, 'Missing Access');
const emptyMessage = (): Reply => apiError(400, 50006, 'Cannot send an empty message');

// --- validation (400 50035 Invalid Form Body, in Discord's nested error format) ----------------

type Path = (string | number)[];
interface Issue {
  path: Path;
  code: string;
  message: string;
}
interface ErrorItem {
  code: string;
  message: string;
}
interface ErrorTree {
  [key: string]: ErrorTree | ErrorItem[];
}

function invalidFormBody(issues: readonly Issue[]): Reply {
  const errors: ErrorTree = {};
  for (const issue of issues) {
    let node = errors;
    for (const segment of issue.path) {
      const key = String(segment);
      const next = node[key];
      if (next === undefined || Array.isArray(next)) {
        const created: ErrorTree = {};
        node[key] = created;
        node = created;
      } else {
        node = next;
      }
    }
    const list = node._errors;
    const item: ErrorItem = { code: issue.code, message: issue.message };
    if (Array.isArray(list)) list.push(item);
    else node._errors = [item];
  }
  return { status: 400, json: { message: 'Invalid Form Body', code: 50035, errors } };
}

interface LengthRule {
  max: number;
  min?: number;
  required?: boolean;
}

/** Checks an optional string field; returns its length in characters (0 when absent or invalid). */
function checkString(issues: Issue[], path: Path, value: unknown, rule: LengthRule): number {
  if (value === undefined || value === null) {
    if (rule.required) issues.push({ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
    return 0;
  }
  if (typeof value !== 'string') {
    issues.push({ path, code: 'BASE_TYPE_STRING', message: 'Must be a string.' });
    return 0;
  }
  const length = charCount(value);
  if (rule.min !== undefined && (length < rule.min || length > rule.max)) {
    issues.push({ path, code: 'BASE_TYPE_BAD_LENGTH', message: `Must be between ${rule.min} and ${rule.max} in length.` });
  } else if (length > rule.max) {
    issues.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${rule.max} or fewer in length.` });
  }
  return length;
}

/** Checks an optional array field; returns it (or null when absent or invalid). */
function checkArray(issues: Issue[], path: Path, value: unknown, rule: LengthRule): unknown[] | null {
  if (value === undefined || value === null) {
    if (rule.required) issues.push({ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
    return null;
  }
  if (!Array.isArray(value)) {
    issues.push({ path, code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' });
    return null;
  }
  if (value.length > rule.max) {
    issues.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${rule.max} or fewer in length.` });
  } else if (rule.min !== undefined && value.length < rule.min) {
    issues.push({ path, code: 'BASE_TYPE_MIN_LENGTH', message: `Must be ${rule.min} or more in length.` });
  }
  return value as unknown[];
}

function checkObject(issues: Issue[], path: Path, value: unknown): value is Record<string, unknown> {
  if (isRecord(value)) return true;
  issues.push({ path, code: 'DICT_TYPE_CONVERT', message: 'Only dictionaries may be used in a DictType' });
  return false;
}

/** Embed limits; returns the embed's text size (title + description + fields + footer + author). */
function validateEmbed(issues: Issue[], path: Path, embed: unknown): number {
  if (!checkObject(issues, path, embed)) return 0;
  let size = 0;
  size += checkString(issues, [...path, 'title'], embed.title, { max: 256 });
  size += checkString(issues, [...path, 'description'], embed.description, { max: 4096 });
  const fields = checkArray(issues, [...path, 'fields'], embed.fields, { max: 25 });
  fields?.forEach((field, i) => {
    const fieldPath = [...path, 'fields', i];
    if (!checkObject(issues, fieldPath, field)) return;
    size += checkString(issues, [...fieldPath, 'name'], field.name, { min: 1, max: 256, required: true });
    size += checkString(issues, [...fieldPath, 'value'], field.value, { min: 1, max: 1024, required: true });
  });
  if (embed.footer !== undefined && embed.footer !== null && checkObject(issues, [...path, 'footer'], embed.footer)) {
    size += checkString(issues, [...path, 'footer', 'text'], embed.footer.text, { max: 2048, required: true });
  }
  if (embed.author !== undefined && embed.author !== null && checkObject(issues, [...path, 'author'], embed.author)) {
    size += checkString(issues, [...path, 'author', 'name'], embed.author.name, { max: 256, required: true });
  }
  for (const media of ['image', 'thumbnail'] as const) {
    const value = embed[media];
    if (value === undefined || value === null || !checkObject(issues, [...path, media], value)) continue;
    const urlPath = [...path, media, 'url'];
    checkString(issues, urlPath, value.url, { min: 1, max: 2048, required: true });
    if (typeof value.url === 'string' && !/^(https?|attachment):\/\//i.test(value.url)) {
      const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value.url)?.[1] ?? '';
      issues.push({ path: urlPath, code: 'URL_TYPE_INVALID_SCHEME', message: `Scheme "${scheme}" is not supported. Scheme must be one of ('http', 'https').` });
    }
  }
  return size;
}

/** Discord's upload limits for a bot: 10 files a message, 10 MiB each (more needs server boosts). */
const MAX_FILES = 10;
const MAX_FILE_BYTES = 10 * 1024 * 1024;

function uploadProblem(files: readonly RecordedFile[]): Reply | null {
  if (files.length > MAX_FILES) {
    return invalidFormBody([{ path: ['attachments'], code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${MAX_FILES} or fewer in length.` }]);
  }
  if (files.some((file) => file.bytes.length > MAX_FILE_BYTES)) return apiError(413, 40005, 'Request entity too large');
  return null;
}

/** Width and height of a PNG (from its IHDR chunk), which Discord reports for image attachments. */
function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

const SELECT_TYPES: ReadonlySet<unknown> = new Set([
  ComponentType.StringSelect,
  ComponentType.UserSelect,
  ComponentType.RoleSelect,
  ComponentType.MentionableSelect,
  ComponentType.ChannelSelect,
]);

function checkCustomId(issues: Issue[], path: Path, value: unknown, seen: Set<string>): void {
  checkString(issues, path, value, { min: 1, max: 100, required: true });
  if (typeof value !== 'string') return;
  if (seen.has(value)) issues.push({ path, code: 'COMPONENT_CUSTOM_ID_DUPLICATED', message: 'Component custom id cannot be duplicated' });
  seen.add(value);
}

function validateInteractiveComponent(issues: Issue[], path: Path, component: Record<string, unknown>, seen: Set<string>): void {
  if (component.type === ComponentType.Button) {
    if (component.style === ButtonStyle.Link) {
      checkString(issues, [...path, 'url'], component.url, { max: 512, required: true });
    } else if (component.style !== ButtonStyle.Premium) {
      checkCustomId(issues, [...path, 'custom_id'], component.custom_id, seen);
    }
    checkString(issues, [...path, 'label'], component.label, { max: 80 });
  } else if (SELECT_TYPES.has(component.type)) {
    checkCustomId(issues, [...path, 'custom_id'], component.custom_id, seen);
    checkString(issues, [...path, 'placeholder'], component.placeholder, { max: 150 });
    if (component.type === ComponentType.StringSelect) {
      const options = checkArray(issues, [...path, 'options'], component.options, { min: 1, max: 25, required: true });
      options?.forEach((option, i) => {
        const optionPath = [...path, 'options', i];
        if (!checkObject(issues, optionPath, option)) return;
        checkString(issues, [...optionPath, 'label'], option.label, { min: 1, max: 100, required: true });
        checkString(issues, [...optionPath, 'value'], option.value, { min: 1, max: 100, required: true });
        checkString(issues, [...optionPath, 'description'], option.description, { max: 100 });
      });
    }
  }
}

function validateComponents(issues: Issue[], path: Path, value: unknown, flags: number): void {
  const seen = new Set<string>();
  if ((flags & MessageFlags.IsComponentsV2) !== 0) {
    let count = 0;
    const walk = (list: unknown, listPath: Path): void => {
      if (!Array.isArray(list)) return;
      list.forEach((component, i) => {
        const componentPath = [...listPath, i];
        if (!checkObject(issues, componentPath, component)) return;
        count += 1;
        validateInteractiveComponent(issues, componentPath, component, seen);
        walk(component.components, [...componentPath, 'components']);
        if (isRecord(component.accessory)) {
          count += 1;
          validateInteractiveComponent(issues, [...componentPath, 'accessory'], component.accessory, seen);
        }
      });
    };
    if (checkArray(issues, path, value, { max: 40 })) walk(value, path);
    if (count > 40) issues.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 40 or fewer in total components.' });
    return;
  }
  const rows = checkArray(issues, path, value, { max: 5 });
  rows?.forEach((row, r) => {
    const rowPath = [...path, r];
    if (!checkObject(issues, rowPath, row)) return;
    if (row.type !== ComponentType.ActionRow) {
      issues.push({
        path: [...rowPath, 'type'],
        code: 'UNION_TYPE_CHOICES',
        message: 'Top-level components must be action rows (type 1) unless the message has the IS_COMPONENTS_V2 flag.',
      });
      return;
    }
    const children = checkArray(issues, [...rowPath, 'components'], row.components, { min: 1, max: 5, required: true });
    let selects = 0;
    children?.forEach((child, k) => {
      const childPath = [...rowPath, 'components', k];
      if (!checkObject(issues, childPath, child)) return;
      if (SELECT_TYPES.has(child.type)) selects += 1;
      validateInteractiveComponent(issues, childPath, child, seen);
    });
    if (children && selects > 0 && children.length > 1) {
      issues.push({ path: [...rowPath, 'components'], code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', message: 'The specified component exceeds the maximum width' });
    }
  });
}

function validateAllowedMentions(issues: Issue[], path: Path, value: unknown): void {
  if (value === undefined || value === null) return;
  if (!checkObject(issues, path, value)) return;
  const parse = checkArray(issues, [...path, 'parse'], value.parse, { max: 3 });
  parse?.forEach((entry, i) => {
    if (entry !== 'users' && entry !== 'roles' && entry !== 'everyone') {
      issues.push({ path: [...path, 'parse', i], code: 'BASE_TYPE_CHOICES', message: "Value must be one of ('roles', 'users', 'everyone')." });
    }
  });
  for (const kind of ['users', 'roles'] as const) {
    const list = checkArray(issues, [...path, kind], value[kind], { max: 100 });
    if (list && list.length > 0 && parse?.includes(kind)) {
      issues.push({ path: [...path, kind], code: 'MUTUALLY_EXCLUSIVE', message: `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.` });
    }
  }
}

/** Message limits shared by channel messages, callbacks, edits and follow-ups. */
function validateMessage(issues: Issue[], path: Path, payload: Record<string, unknown>): void {
  checkString(issues, [...path, 'content'], payload.content, { max: 2000 });
  const embeds = checkArray(issues, [...path, 'embeds'], payload.embeds, { max: 10 });
  if (embeds) {
    let total = 0;
    embeds.forEach((embed, i) => {
      total += validateEmbed(issues, [...path, 'embeds', i], embed);
    });
    if (total > 6000) {
      issues.push({ path: [...path, 'embeds'], code: 'MAX_EMBED_SIZE_EXCEEDED', message: `Embed size exceeds maximum size of 6000 (was ${total})` });
    }
  }
  const flags = typeof payload.flags === 'number' ? payload.flags : 0;
  validateComponents(issues, [...path, 'components'], payload.components, flags);
  validateAllowedMentions(issues, [...path, 'allowed_mentions'], payload.allowed_mentions);
  checkArray(issues, [...path, 'sticker_ids'], payload.sticker_ids, { max: 3 });
}

/** A message nonce: an integer, or a string of at most 25 characters. Returns it when valid. */
function checkNonce(issues: Issue[], payload: Record<string, unknown>): string | number | undefined {
  const nonce = payload.nonce;
  if (nonce === undefined || nonce === null) return undefined;
  if (typeof nonce === 'number') {
    if (Number.isSafeInteger(nonce)) return nonce;
    issues.push({ path: ['nonce'], code: 'NUMBER_TYPE_COERCE', message: `Value "${nonce}" is not int.` });
    return undefined;
  }
  if (typeof nonce !== 'string') {
    issues.push({ path: ['nonce'], code: 'BASE_TYPE_STRING', message: 'Must be a string or an integer.' });
    return undefined;
  }
  if (charCount(nonce) > MAX_NONCE_CHARS) {
    issues.push({ path: ['nonce'], code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${MAX_NONCE_CHARS} or fewer in length.` });
    return undefined;
  }
  return nonce;
}

function validateAutocompleteResult(issues: Issue[], path: Path, data: unknown): void {
  if (!checkObject(issues, path, data)) return;
  const choices = checkArray(issues, [...path, 'choices'], data.choices, { max: 25, required: true });
  choices?.forEach((choice, i) => {
    const choicePath = [...path, 'choices', i];
    if (!checkObject(issues, choicePath, choice)) return;
    checkString(issues, [...choicePath, 'name'], choice.name, { min: 1, max: 100, required: true });
    if (typeof choice.value === 'string') checkString(issues, [...choicePath, 'value'], choice.value, { max: 100 });
    else if (typeof choice.value !== 'number') issues.push({ path: [...choicePath, 'value'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
  });
}

function validateModal(issues: Issue[], path: Path, data: unknown): void {
  if (!checkObject(issues, path, data)) return;
  checkString(issues, [...path, 'custom_id'], data.custom_id, { min: 1, max: 100, required: true });
  checkString(issues, [...path, 'title'], data.title, { min: 1, max: 45, required: true });
  checkArray(issues, [...path, 'components'], data.components, { min: 1, max: 5, required: true });
}

const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Returns the characters counted towards the 4000-character command size limit. */
function validateCommandOptions(issues: Issue[], path: Path, value: unknown, depth: number): number {
  const options = checkArray(issues, path, value, { max: 25 });
  if (!options) return 0;
  let size = 0;
  let sawOptional = false;
  const names = new Set<string>();
  options.forEach((option, i) => {
    const optionPath = [...path, i];
    if (!checkObject(issues, optionPath, option)) return;
    size += checkString(issues, [...optionPath, 'name'], option.name, { min: 1, max: 32, required: true });
    if (typeof option.name === 'string') {
      if (!COMMAND_NAME.test(option.name) || option.name !== option.name.toLowerCase()) {
        issues.push({ path: [...optionPath, 'name'], code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' });
      }
      if (names.has(option.name)) issues.push({ path: [...optionPath, 'name'], code: 'APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS', message: 'Option name already exists' });
      names.add(option.name);
    }
    size += checkString(issues, [...optionPath, 'description'], option.description, { min: 1, max: 100, required: true });
    const nested = option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup;
    if (nested) {
      if (depth >= 2) issues.push({ path: [...optionPath, 'type'], code: 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', message: 'Subcommands nest at most two levels deep' });
      size += validateCommandOptions(issues, [...optionPath, 'options'], option.options, depth + 1);
      return;
    }
    if (option.required === true && sawOptional) {
      issues.push({
        path: [...optionPath, 'required'],
        code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        message: 'Required options must be placed before non-required options',
      });
    }
    if (option.required !== true) sawOptional = true;
    const choices = checkArray(issues, [...optionPath, 'choices'], option.choices, { max: 25 });
    if (choices && choices.length > 0 && option.autocomplete === true) {
      issues.push({ path: [...optionPath, 'autocomplete'], code: 'APPLICATION_COMMAND_OPTION_CHOICES_AUTOCOMPLETE', message: 'Autocomplete cannot be set with choices' });
    }
    choices?.forEach((choice, c) => {
      const choicePath = [...optionPath, 'choices', c];
      if (!checkObject(issues, choicePath, choice)) return;
      size += checkString(issues, [...choicePath, 'name'], choice.name, { min: 1, max: 100, required: true });
      if (typeof choice.value === 'string') size += checkString(issues, [...choicePath, 'value'], choice.value, { min: 1, max: 100 });
    });
  });
  return size;
}

function validateCommands(issues: Issue[], body: unknown): body is Record<string, unknown>[] {
  const commands = checkArray(issues, [], body, { max: 200, required: true });
  if (!commands) return false;
  const seen = new Set<string>();
  let chatInput = 0;
  commands.forEach((command, i) => {
    if (!checkObject(issues, [i], command)) return;
    const type = command.type ?? ApplicationCommandType.ChatInput;
    const isChatInput = type === ApplicationCommandType.ChatInput;
    if (isChatInput) chatInput += 1;
    let size = checkString(issues, [i, 'name'], command.name, { min: 1, max: 32, required: true });
    if (typeof command.name === 'string') {
      if (isChatInput && (!COMMAND_NAME.test(command.name) || command.name !== command.name.toLowerCase())) {
        issues.push({ path: [i, 'name'], code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' });
      }
      const key = `${JSON.stringify(type)}:${command.name}`;
      if (seen.has(key)) issues.push({ path: [i, 'name'], code: 'APPLICATION_COMMANDS_DUPLICATE_NAME', message: `Application command names must be unique (${command.name})` });
      seen.add(key);
    }
    if (isChatInput) {
      size += checkString(issues, [i, 'description'], command.description, { min: 1, max: 100, required: true });
      size += validateCommandOptions(issues, [i, 'options'], command.options, 0);
    } else if (typeof command.description === 'string' && command.description !== '') {
      issues.push({ path: [i, 'description'], code: 'APPLICATION_COMMAND_INVALID_DESCRIPTION', message: 'User and message commands cannot have a description' });
    }
    if (size > 4000) issues.push({ path: [i], code: 'APPLICATION_COMMAND_TOO_LARGE', message: `Command exceeds maximum size (4000), was ${size}` });
  });
  if (chatInput > 100) issues.push({ path: [], code: 'BASE_TYPE_MAX_LENGTH', message: 'At most 100 chat input commands.' });
  return issues.length === 0;
}

// --- interaction state -------------------------------------------------------------------------

interface InteractionState {
  readonly id: string;
  readonly token: string;
  readonly type: InteractionType;
  readonly channelId: string;
  readonly dispatchedAt: number;
  readonly sourceMessage: APIMessage | null;
  response: { type: InteractionResponseType; at: number } | null;
  original: APIMessage | null;
  readonly followUps: Map<string, APIMessage>;
}

const ALLOWED_CALLBACKS: Readonly<Record<number, readonly InteractionResponseType[]>> = {
  [InteractionType.ApplicationCommand]: [InteractionResponseType.ChannelMessageWithSource, InteractionResponseType.DeferredChannelMessageWithSource, InteractionResponseType.Modal],
  [InteractionType.MessageComponent]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.DeferredMessageUpdate,
    InteractionResponseType.UpdateMessage,
    InteractionResponseType.Modal,
  ],
  [InteractionType.ApplicationCommandAutocomplete]: [InteractionResponseType.ApplicationCommandAutocompleteResult],
  [InteractionType.ModalSubmit]: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.DeferredMessageUpdate,
    InteractionResponseType.UpdateMessage,
  ],
};

// --- gateway state -----------------------------------------------------------------------------

interface DispatchFrame {
  op: GatewayOpcodes.Dispatch;
  t: string;
  s: number;
  d: unknown;
}

interface Session {
  readonly id: string;
  readonly shard: [number, number];
  seq: number;
  socket: WebSocket | null;
  readonly events: DispatchFrame[];
  ended: boolean;
}

interface Connection {
  readonly id: number;
  readonly socket: WebSocket;
  session: Session | null;
  droppedByServer: boolean;
}

interface ChannelState {
  readonly id: string;
  name: string;
  position: number;
  deleted: boolean;
  denied: boolean;
}

interface StoredFile {
  readonly filename: string;
  readonly contentType: string;
  readonly bytes: Buffer;
}

interface Waiter<T> {
  readonly predicate: (value: T) => boolean;
  readonly settle: (outcome: { value: T } | { error: Error }) => void;
}

function waitFor<T>(seen: readonly T[], waiters: Waiter<T>[], predicate: (value: T) => boolean, timeoutMs: number, describeTimeout: () => string): Promise<T> {
  const found = seen.find(predicate);
  if (found !== undefined) return Promise.resolve(found);
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      const index = waiters.indexOf(waiter);
      if (index >= 0) waiters.splice(index, 1);
      reject(new Error(describeTimeout()));
    }, timeoutMs);
    const waiter: Waiter<T> = {
      predicate,
      settle: (outcome) => {
        clearTimeout(timer);
        if ('error' in outcome) reject(outcome.error);
        else resolve(outcome.value);
      },
    };
    waiters.push(waiter);
  });
}

function notify<T>(waiters: Waiter<T>[], value: T): void {
  for (const waiter of [...waiters]) {
    let matched: boolean;
    try {
      matched = waiter.predicate(value);
    } catch (error) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.settle({ error: error instanceof Error ? error : new Error(String(error)) });
      continue;
    }
    if (matched) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.settle({ value });
    }
  }
}

function describePredicate(predicate: (value: never) => boolean): string {
  const source = predicate.toString().replace(/\s+/g, ' ');
  return source.length > 200 ? `${source.slice(0, 200)}…` : source;
}

function summarize(request: RecordedRequest): string {
  const query = new URLSearchParams(request.query).toString();
  return `${request.method} ${request.path}${query ? `?${query}` : ''} → ${request.status}`;
}

// ---------------------------------------------------------------------------------------------
// The fake
// ---------------------------------------------------------------------------------------------

export class FakeDiscord {
  /** Regular member: view, send, embed, attach, history, reactions, external emoji, application commands. */
  static readonly MEMBER_PERMISSIONS: bigint =
    PermissionFlagsBits.ViewChannel |
    PermissionFlagsBits.SendMessages |
    PermissionFlagsBits.EmbedLinks |
    PermissionFlagsBits.AttachFiles |
    PermissionFlagsBits.ReadMessageHistory |
    PermissionFlagsBits.AddReactions |
    PermissionFlagsBits.UseExternalEmojis |
    PermissionFlagsBits.UseApplicationCommands;
  /** What a moderator typically has on top of a member. */
  static readonly MODERATOR_PERMISSIONS: bigint = FakeDiscord.MEMBER_PERMISSIONS | PermissionFlagsBits.ManageMessages | PermissionFlagsBits.ManageGuild;
  /** The bot's permissions (its managed role). */
  static readonly BOT_PERMISSIONS: bigint =
    PermissionFlagsBits.ViewChannel |
    PermissionFlagsBits.SendMessages |
    PermissionFlagsBits.EmbedLinks |
    PermissionFlagsBits.AttachFiles |
    PermissionFlagsBits.ReadMessageHistory |
    PermissionFlagsBits.UseApplicationCommands;

  readonly token: string;
  readonly applicationId: string;
  readonly guildId: string;
  /** The first (default) text channel, named `general`. */
  readonly channelId: string;
  /** Owner of the guild (not the default interaction user, so the default user has no implicit permissions). */
  readonly ownerId: string;
  /** Default interaction user (`alice`). */
  readonly userId: string;
  /** Managed role of the bot. */
  readonly botRoleId: string;
  /** `http://127.0.0.1:PORT/api`: pass as discord.js `rest.api` / DISCORD_API_URL. */
  readonly apiUrl: string;
  /** `ws://127.0.0.1:PORT/gateway`. */
  readonly gatewayUrl: string;
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  readonly botUser: APIUser;

  /** Every HTTP request, in arrival order. */
  readonly requests: RecordedRequest[] = [];
  /** Every frame received from gateway clients, in arrival order. */
  readonly gatewayFrames: GatewayFrame[] = [];
  /** Gateway connections refused because of their URL (compress, encoding, version). */
  readonly gatewayRejections: GatewayRejection[] = [];

  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private readonly heartbeatIntervalMs: number;
  private readonly interactionDeadlineMs: number;
  private readonly webhookTokenLifetimeMs: number;
  private readonly now: () => number;
  private readonly createdAt = new Date().toISOString();

  private readonly channels = new Map<string, ChannelState>();
  private readonly roles: APIRole[] = [];
  private readonly dmChannels = new Map<string, string>();
  private globalCommands: APIApplicationCommand[] = [];
  private readonly guildCommands = new Map<string, APIApplicationCommand[]>();
  private readonly interactions = new Map<string, InteractionState>();
  private readonly interactionsByToken = new Map<string, InteractionState>();
  private readonly messages = new Map<string, APIMessage>();
  private readonly channelMessages = new Map<string, APIMessage[]>();
  private readonly files = new Map<string, StoredFile>();
  private readonly sessions = new Map<string, Session>();
  private readonly connections = new Set<Connection>();
  private readonly failures: { predicate: (request: IncomingRequest) => boolean; failure: InjectedFailure; remaining: number }[] = [];
  /** Recent `enforce_nonce` posts, by channel, author and nonce. */
  private readonly nonces = new Map<string, { message: APIMessage; at: number }>();
  private readonly nonceWindowMs: number;
  private readonly requestWaiters: Waiter<RecordedRequest>[] = [];
  private readonly gatewayWaiters: Waiter<GatewayFrame>[] = [];
  private connectionCounter = 0;
  private closed = false;

  /** Starts the fake on 127.0.0.1 and a random port. */
  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('FakeDiscord: server has no TCP address');
    return new FakeDiscord(server, address.port, options);
  }

  private constructor(server: Server, port: number, options: FakeDiscordOptions) {
    this.server = server;
    this.token = options.token ?? `FAKE_DISCORD_TOKEN.${randomBytes(12).toString('hex')}`;
    this.applicationId = options.applicationId ?? snowflake();
    this.guildId = options.guildId ?? snowflake();
    this.ownerId = snowflake();
    this.userId = snowflake();
    this.botRoleId = snowflake();
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 41_250;
    this.interactionDeadlineMs = options.interactionDeadlineMs ?? 3_000;
    this.webhookTokenLifetimeMs = options.webhookTokenLifetimeMs ?? 15 * 60_000;
    this.now = options.now ?? Date.now;
    this.nonceWindowMs = options.nonceWindowMs ?? 5 * 60_000;
    this.origin = `http://127.0.0.1:${port}`;
    this.apiUrl = `${this.origin}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${port}/gateway`;
    this.botUser = {
      id: this.applicationId,
      username: 'rare-earth-bot',
      discriminator: '0',
      global_name: null,
      avatar: null,
      bot: true,
      verified: true,
      mfa_enabled: false,
      flags: 0 as UserFlags,
    };

    const channelIds = options.channelIds && options.channelIds.length > 0 ? options.channelIds : [snowflake()];
    channelIds.forEach((id, position) => {
      this.channels.set(id, { id, name: position === 0 ? 'general' : `channel-${position + 1}`, position, deleted: false, denied: false });
    });
    this.channelId = channelIds[0] ?? snowflake();
    this.roles.push(this.role(this.guildId, '@everyone', FakeDiscord.MEMBER_PERMISSIONS, 0, false), {
      ...this.role(this.botRoleId, 'rare-earth-bot', FakeDiscord.BOT_PERMISSIONS, 1, true),
      tags: { bot_id: this.applicationId },
    });

    this.wss = new WebSocketServer({ noServer: true });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      void this.handleHttp(req, res);
    });
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => this.handleUpgrade(req, socket, head));
  }

  // -------------------------------------------------------------------------------------------
  // Test helpers: guild state
  // -------------------------------------------------------------------------------------------

  /** Creates a guild role (dispatches GUILD_ROLE_CREATE when a client is connected); returns its id. */
  createRole(input: { name: string; permissions?: bigint | string; id?: string }): string {
    const id = input.id ?? snowflake();
    const role = this.role(id, input.name, BigInt(permissionString(input.permissions, 0n)), this.roles.length, false);
    this.roles.push(role);
    this.dispatchIfConnected(GatewayDispatchEvents.GuildRoleCreate, { guild_id: this.guildId, role });
    return id;
  }

  /** Adds a text channel (dispatches CHANNEL_CREATE when a client is connected); returns its id. */
  addChannel(name: string, id: string = snowflake()): string {
    const state: ChannelState = { id, name, position: this.channels.size, deleted: false, denied: false };
    this.channels.set(id, state);
    this.dispatchIfConnected(GatewayDispatchEvents.ChannelCreate, this.channelPayload(state));
    return id;
  }

  /** Deletes a channel: later posts to it get 404 10003, and CHANNEL_DELETE is dispatched. */
  deleteChannel(id: string): void {
    const state = this.channels.get(id);
    if (!state) throw new Error(`FakeDiscord.deleteChannel: unknown channel ${id}`);
    state.deleted = true;
    this.dispatchIfConnected(GatewayDispatchEvents.ChannelDelete, this.channelPayload(state));
  }

  /** Takes the bot's access to a channel away: posts get 403 50001, and CHANNEL_UPDATE carries a deny overwrite. */
  denyAccess(channelId: string): void {
    const state = this.channels.get(channelId);
    if (!state) throw new Error(`FakeDiscord.denyAccess: unknown channel ${channelId}`);
    state.denied = true;
    this.dispatchIfConnected(GatewayDispatchEvents.ChannelUpdate, this.channelPayload(state));
  }

  /** Serves bytes at `/attachments/<id>/<name>` on this server; returns the download URL. */
  serveAttachment(name: string, bytes: Buffer | Uint8Array | string, contentType = 'application/octet-stream'): string {
    return this.storeFile(name, Buffer.from(bytes), contentType).url;
  }

  /** An attachment object (served by this fake) for attachment options and `resolved.attachments`. */
  attachmentOption(name: string, bytes: Buffer | Uint8Array | string, contentType = 'application/octet-stream'): APIAttachment {
    return this.storeFile(name, Buffer.from(bytes), contentType);
  }

  /** Bytes of an attachment the bot uploaded (or that was served), by attachment id. */
  attachmentBytes(id: string): Buffer | undefined {
    return this.files.get(id)?.bytes;
  }

  /** A stored message's attachments with their bytes, in order. */
  messageFiles(message: APIMessage): { attachment: APIAttachment; bytes: Buffer }[] {
    return message.attachments.flatMap((attachment) => {
      const bytes = this.files.get(attachment.id)?.bytes;
      return bytes ? [{ attachment, bytes }] : [];
    });
  }

  /** The GUILD_CREATE payload for the guild, as sent after IDENTIFY. */
  guildPayload(): GatewayGuildCreateDispatchData {
    const botMember: APIGuildMember = {
      user: this.botUser,
      nick: null,
      avatar: null,
      roles: [this.botRoleId],
      joined_at: this.createdAt,
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
      pending: false,
    };
    return {
      id: this.guildId,
      name: 'Rare Earth Test Guild',
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: this.ownerId,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 1,
      explicit_content_filter: 0,
      roles: [...this.roles],
      emojis: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0 as GuildSystemChannelFlags,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      preferred_locale: Locale.EnglishUS,
      public_updates_channel_id: null,
      nsfw_level: 0,
      stickers: [],
      premium_progress_bar_enabled: false,
      hub_type: null,
      safety_alerts_channel_id: null,
      incidents_data: null,
      joined_at: this.createdAt,
      large: false,
      unavailable: false,
      member_count: 2,
      voice_states: [],
      members: [botMember],
      channels: [...this.channels.values()].filter((c) => !c.deleted).map((c) => this.channelPayload(c)),
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  // -------------------------------------------------------------------------------------------
  // Test helpers: gateway
  // -------------------------------------------------------------------------------------------

  /**
   * Sends a dispatch to the connected session(s) owning the event's guild (shard 0 for events with
   * no guild). Events for a session whose socket is momentarily closed are kept and replayed on
   * RESUME. Throws when no client has identified.
   */
  dispatch(event: string, data: unknown): void {
    const targets = this.sessionsFor(event, data);
    if (targets.length === 0) {
      throw new Error(`FakeDiscord.dispatch(${event}): no gateway session; log a client in (await client.login(fake.token)) first`);
    }
    for (const session of targets) this.emit(session, event, data);
  }

  /** Closes every live gateway socket with `code` (default 4000, which makes discord.js RESUME). */
  dropConnection(code = 4000, options: { invalidateSession?: boolean } = {}): number {
    let dropped = 0;
    for (const connection of this.connections) {
      if (!connection.session) continue;
      connection.droppedByServer = true;
      if (options.invalidateSession) connection.session.ended = true;
      connection.socket.close(code, 'fake-discord: connection dropped by test');
      dropped += 1;
    }
    return dropped;
  }

  /** Dispatches a chat-input INTERACTION_CREATE (type 2). */
  sendInteraction(spec: ChatInputSpec): SentInteraction {
    const context = this.interactionContext(spec);
    const command = this.findCommand(spec.name);
    const { options, resolved } = this.buildOptions(spec, command, null);
    const data: APIChatInputApplicationCommandInteractionData = {
      id: spec.commandId ?? command?.id ?? snowflake(),
      name: spec.name,
      type: ApplicationCommandType.ChatInput,
      ...(context.kind === 'dm' ? {} : { guild_id: this.guildId }),
      ...(options.length > 0 ? { options } : {}),
      ...(resolved ? { resolved } : {}),
    };
    const payload: APIChatInputApplicationCommandInteraction =
      context.kind === 'dm'
        ? ({ ...context.common, ...context.dm, type: InteractionType.ApplicationCommand, data } satisfies APIChatInputApplicationCommandDMInteraction)
        : ({ ...context.common, ...context.guild, type: InteractionType.ApplicationCommand, data } satisfies APIChatInputApplicationCommandGuildInteraction);
    return this.deliver(payload, context.channelId, null);
  }

  /** Dispatches an autocomplete INTERACTION_CREATE (type 4) with `focused` marked. */
  sendAutocomplete(spec: AutocompleteSpec): SentInteraction {
    const context = this.interactionContext(spec);
    const command = this.findCommand(spec.name);
    const { options, resolved } = this.buildOptions(spec, command, { name: spec.focused, value: spec.value });
    const data: APIApplicationCommandAutocompleteInteraction['data'] = {
      id: spec.commandId ?? command?.id ?? snowflake(),
      name: spec.name,
      type: ApplicationCommandType.ChatInput,
      ...(context.kind === 'dm' ? {} : { guild_id: this.guildId }),
      options,
      ...(resolved ? { resolved } : {}),
    };
    const payload: APIApplicationCommandAutocompleteInteraction =
      context.kind === 'dm'
        ? ({ ...context.common, ...context.dm, type: InteractionType.ApplicationCommandAutocomplete, data } satisfies APIApplicationCommandAutocompleteDMInteraction)
        : ({ ...context.common, ...context.guild, type: InteractionType.ApplicationCommandAutocomplete, data } satisfies APIApplicationCommandAutocompleteGuildInteraction);
    return this.deliver(payload, context.channelId, null);
  }

  /** Dispatches a button click (type 3, component_type 2) on a message. */
  sendButton(customId: string, spec: ButtonSpec = {}): SentInteraction {
    const context = this.interactionContext(spec);
    const message = spec.message ?? this.findMessageWithCustomId(customId) ?? this.syntheticButtonMessage(customId, context.channelId);
    const data = { custom_id: customId, component_type: ComponentType.Button } as const;
    const payload: APIMessageComponentButtonInteraction =
      context.kind === 'dm'
        ? ({
            ...context.common,
            ...context.dm,
            type: InteractionType.MessageComponent,
            data,
            message,
          } satisfies APIDMInteractionWrapper<APIMessageComponentButtonInteraction>)
        : ({
            ...context.common,
            ...context.guild,
            type: InteractionType.MessageComponent,
            data,
            message,
          } satisfies APIGuildInteractionWrapper<APIMessageComponentButtonInteraction>);
    return this.deliver(payload, context.channelId, message);
  }

  // -------------------------------------------------------------------------------------------
  // Test helpers: failures, log, waiting
  // -------------------------------------------------------------------------------------------

  /**
   * Makes the next request matching `predicate` fail with a 429 (with Discord's headers) or a 5xx;
   * `times` makes the next that many matching requests fail (`Infinity`: until `clearFailures`).
   * discord.js retries a 5xx three times at once, so a post that must fail for good needs
   * `times >= 4`.
   */
  failNext(predicate: (request: IncomingRequest) => boolean, failure: InjectedFailure, times = 1): void {
    if (!(times >= 1)) throw new Error(`FakeDiscord.failNext: times must be at least 1 (got ${times})`);
    this.failures.push({ predicate, failure, remaining: times });
  }

  /** Drops every failure injected with `failNext` that has not happened yet. */
  clearFailures(): void {
    this.failures.length = 0;
  }

  /** Resolves with the first past or future request matching `predicate`; rejects after `timeoutMs`. */
  waitForRequest(predicate: (request: RecordedRequest) => boolean, timeoutMs = 5_000): Promise<RecordedRequest> {
    return waitFor(this.requests, this.requestWaiters, predicate, timeoutMs, () => {
      const recent = this.requests.slice(-15).map(summarize);
      return [
        `FakeDiscord.waitForRequest: no request matched within ${timeoutMs} ms`,
        `  predicate: ${describePredicate(predicate)}`,
        `  ${this.requests.length} request(s) seen${recent.length > 0 ? `, latest:\n    ${recent.join('\n    ')}` : ''}`,
      ].join('\n');
    });
  }

  /** Resolves with the first past or future gateway frame from a client matching `predicate` (e.g. `f => f.op === 6`). */
  waitForGateway(predicate: (frame: GatewayFrame) => boolean, timeoutMs = 5_000): Promise<GatewayFrame> {
    return waitFor(this.gatewayFrames, this.gatewayWaiters, predicate, timeoutMs, () => {
      const ops = this.gatewayFrames.slice(-20).map((f) => `${f.op}@conn${f.connectionId}`);
      return [
        `FakeDiscord.waitForGateway: no gateway frame matched within ${timeoutMs} ms`,
        `  predicate: ${describePredicate(predicate)}`,
        `  ${this.gatewayFrames.length} frame(s) seen${ops.length > 0 ? `, latest ops: ${ops.join(' ')}` : ''}`,
      ].join('\n');
    });
  }

  /** Every callback request for an interaction (including rejected and rate-limited ones). */
  callbacksFor(interactionId: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && this.isCallbackFor(r, interactionId));
  }

  /** Resolves with the first successful (2xx) callback for the interaction. */
  waitForCallback(interactionId: string, timeoutMs = 5_000): Promise<RecordedRequest> {
    return this.waitForRequest((r) => r.method === 'POST' && this.isCallbackFor(r, interactionId) && r.status < 300, timeoutMs);
  }

  /** Every webhook request (edits, follow-ups, fetches) made with an interaction's token. */
  webhookRequestsFor(interactionId: string): RecordedRequest[] {
    const state = this.interactions.get(interactionId);
    if (!state) return [];
    const prefix = `/webhooks/${this.applicationId}/${state.token}`;
    return this.requests.filter((r) => r.route === prefix || r.route.startsWith(`${prefix}/`));
  }

  /** What the fake knows about an interaction: its response, original message and follow-ups. */
  interaction(interactionId: string): InteractionSnapshot | undefined {
    const state = this.interactions.get(interactionId);
    if (!state) return undefined;
    return {
      id: state.id,
      token: state.token,
      type: state.type,
      dispatchedAt: state.dispatchedAt,
      responseType: state.response?.type ?? null,
      original: state.original,
      followUps: [...state.followUps.values()],
    };
  }

  /** Messages the bot posted to a channel through `POST /channels/:id/messages`. */
  messagesIn(channelId: string): readonly APIMessage[] {
    return this.channelMessages.get(channelId) ?? [];
  }

  /** Commands last registered with PUT (guild commands when `guildId` is given). */
  registeredCommands(guildId?: string): readonly APIApplicationCommand[] {
    return guildId === undefined ? this.globalCommands : (this.guildCommands.get(guildId) ?? []);
  }

  /** Closes every socket and the server. Rejects pending waits. Close the discord.js client first. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const error = new Error('FakeDiscord closed while waiting');
    for (const waiter of this.requestWaiters.splice(0)) waiter.settle({ error });
    for (const waiter of this.gatewayWaiters.splice(0)) waiter.settle({ error });
    for (const connection of this.connections) connection.socket.terminate();
    this.connections.clear();
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((err) => (err ? reject(err) : resolve())));
  }

  // -------------------------------------------------------------------------------------------
  // HTTP
  // -------------------------------------------------------------------------------------------

  private async handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    try {
      const url = new URL(req.url ?? '/', this.origin);
      const path = decodePath(url.pathname);
      const route = path.startsWith(`${API_PREFIX}/`) ? path.slice(API_PREFIX.length) : path;
      const query = Object.fromEntries(url.searchParams.entries());
      const raw = await readBody(req);
      const parsed = await parseBody(raw, req.headers['content-type']);
      const incoming: IncomingRequest = {
        method: req.method ?? 'GET',
        path,
        route,
        query,
        headers: req.headers,
        body: parsed.ok ? parsed.value : raw.toString('utf8'),
      };
      const failure = this.takeFailure(incoming);
      let reply: Reply;
      if (failure) reply = this.failureReply(failure);
      else if (!parsed.ok) reply = apiError(400, 50109, `The request body contains invalid JSON. (${parsed.error})`);
      else reply = this.route(incoming);
      this.record({ ...incoming, status: reply.status, response: reply.json ?? null, at });
      this.write(res, reply);
    } catch (error) {
      console.error('[fake-discord] internal error while handling', req.method, req.url, error);
      this.write(res, apiError(500, 0, `fake-discord internal error: ${error instanceof Error ? error.message : String(error)}`));
    }
  }

  private write(res: ServerResponse, reply: Reply): void {
    const headers: Record<string, string> = { ...reply.headers };
    if (reply.raw) {
      headers['content-type'] = reply.raw.contentType;
      headers['content-length'] = String(reply.raw.bytes.length);
      res.writeHead(reply.status, headers);
      res.end(reply.raw.bytes);
      return;
    }
    if (reply.json === undefined || reply.status === 204) {
      res.writeHead(reply.status, headers);
      res.end();
      return;
    }
    const text = JSON.stringify(reply.json);
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(text));
    res.writeHead(reply.status, headers);
    res.end(text);
  }

  private record(request: RecordedRequest): void {
    this.requests.push(request);
    notify(this.requestWaiters, request);
  }

  private takeFailure(request: IncomingRequest): InjectedFailure | null {
    const index = this.failures.findIndex((f) => f.predicate(request));
    const entry = this.failures[index];
    if (!entry) return null;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.failures.splice(index, 1);
    return entry.failure;
  }

  private failureReply(failure: InjectedFailure): Reply {
    if (failure.status !== 429) {
      return apiError(failure.status, 0, `${failure.status}: Internal Server Error (injected by fake-discord)`);
    }
    const seconds = failure.retryAfterSeconds;
    const global = failure.global ?? false;
    return {
      status: 429,
      json: { message: 'You are being rate limited.', retry_after: seconds, global },
      headers: {
        'retry-after': String(seconds),
        'x-ratelimit-limit': '1',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': (Date.now() / 1000 + seconds).toFixed(3),
        'x-ratelimit-reset-after': seconds.toFixed(3),
        'x-ratelimit-bucket': `fake-${randomBytes(8).toString('hex')}`,
        'x-ratelimit-scope': global ? 'global' : 'user',
        ...(global ? { 'x-ratelimit-global': 'true' } : {}),
      },
    };
  }

  private authorized(request: IncomingRequest): boolean {
    return request.headers.authorization === `Bot ${this.token}`;
  }

  private route(request: IncomingRequest): Reply {
    const { method, route } = request;
    const match = (pattern: RegExp): string[] | null => {
      const result = pattern.exec(route);
      return result ? result.slice(1).map((group) => group ?? '') : null;
    };
    const methodNotAllowed = (): Reply => apiError(405, 0, '405: Method Not Allowed');
    let m: string[] | null;

    if ((m = match(/^\/attachments\/(\d+)\/([^/]+)$/)) && !request.path.startsWith(API_PREFIX)) {
      const file = this.files.get(m[0] ?? '');
      if (method !== 'GET' || !file) return { status: 404, raw: { bytes: Buffer.from('Not Found'), contentType: 'text/plain' } };
      return { status: 200, raw: { bytes: file.bytes, contentType: file.contentType } };
    }
    if (!request.path.startsWith(`${API_PREFIX}/`)) {
      return apiError(404, 0, `404: Not Found (fake-discord serves ${API_PREFIX}/… only; got ${request.path})`);
    }

    if (route === '/gateway/bot') {
      if (method !== 'GET') return methodNotAllowed();
      if (!this.authorized(request)) return unauthorized();
      const result: RESTGetAPIGatewayBotResult = {
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 86_400_000, max_concurrency: 16 },
      };
      return okJson(result);
    }
    if (route === '/gateway') return method === 'GET' ? okJson({ url: this.gatewayUrl }) : methodNotAllowed();
    if (route === '/users/@me') {
      if (!this.authorized(request)) return unauthorized();
      return method === 'GET' ? okJson(this.botUser) : methodNotAllowed();
    }
    if (route === '/applications/@me') {
      if (!this.authorized(request)) return unauthorized();
      return method === 'GET' ? okJson({ id: this.applicationId, name: this.botUser.username, bot: this.botUser, flags: 0 }) : methodNotAllowed();
    }
    if ((m = match(/^\/applications\/(\d+)\/commands$/))) {
      if (!this.authorized(request)) return unauthorized();
      if (m[0] !== this.applicationId) return missingAccess();
      if (method === 'GET') return okJson(this.globalCommands);
      if (method === 'PUT') return this.putCommands(request, null);
      return methodNotAllowed();
    }
    if ((m = match(/^\/applications\/(\d+)\/guilds\/(\d+)\/commands$/))) {
      if (!this.authorized(request)) return unauthorized();
      if (m[0] !== this.applicationId || m[1] !== this.guildId) return missingAccess();
      if (method === 'GET') return okJson(this.guildCommands.get(this.guildId) ?? []);
      if (method === 'PUT') return this.putCommands(request, this.guildId);
      return methodNotAllowed();
    }
    if ((m = match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/))) {
      if (method !== 'POST') return methodNotAllowed();
      return this.interactionCallback(request, m[0] ?? '', m[1] ?? '');
    }
    if ((m = match(/^\/webhooks\/(\d+)\/([^/]+)\/messages\/(@original|\d+)$/))) {
      return this.webhookMessage(request, m[0] ?? '', m[1] ?? '', m[2] ?? '');
    }
    if ((m = match(/^\/webhooks\/(\d+)\/([^/]+)$/))) {
      if (method !== 'POST') return methodNotAllowed();
      return this.followUp(request, m[0] ?? '', m[1] ?? '');
    }
    if ((m = match(/^\/channels\/(\d+)$/))) {
      if (!this.authorized(request)) return unauthorized();
      if (method !== 'GET') return methodNotAllowed();
      const state = this.channels.get(m[0] ?? '');
      const denied = this.channelAccess(m[0] ?? '');
      return denied ?? okJson(state ? this.channelPayload(state) : null);
    }
    if ((m = match(/^\/channels\/(\d+)\/messages$/))) {
      if (!this.authorized(request)) return unauthorized();
      if (method === 'GET') return this.getChannelMessages(request, m[0] ?? '');
      if (method !== 'POST') return methodNotAllowed();
      return this.postChannelMessage(request, m[0] ?? '');
    }
    if ((m = match(/^\/channels\/(\d+)\/messages\/(\d+)$/))) {
      if (!this.authorized(request)) return unauthorized();
      if (method !== 'GET') return methodNotAllowed();
      const denied = this.channelAccess(m[0] ?? '');
      if (denied) return denied;
      const message = this.messages.get(m[1] ?? '');
      return message && message.channel_id === m[0] && !(message.flags !== undefined && (message.flags & MessageFlags.Ephemeral) !== 0) ? okJson(message) : unknownMessage();
    }
    return apiError(404, 0, `404: Not Found (fake-discord has no route for ${method} ${request.path})`);
  }

  // --- commands ----------------------------------------------------------------------------------

  private putCommands(request: IncomingRequest, guildId: string | null): Reply {
    const body = request.body;
    const issues: Issue[] = [];
    if (!validateCommands(issues, body)) return invalidFormBody(issues);
    const previous = guildId === null ? this.globalCommands : (this.guildCommands.get(guildId) ?? []);
    const stored = body.map((command): APIApplicationCommand => {
      const type: ApplicationCommandType = typeof command.type === 'number' ? command.type : ApplicationCommandType.ChatInput;
      const name = String(command.name);
      const kept = previous.find((p) => p.name === name && p.type === type);
      return {
        ...command,
        id: kept?.id ?? snowflake(),
        application_id: this.applicationId,
        version: snowflake(),
        type,
        name,
        description: typeof command.description === 'string' ? command.description : '',
        default_member_permissions: typeof command.default_member_permissions === 'string' ? command.default_member_permissions : null,
        ...(guildId === null ? {} : { guild_id: guildId }),
      };
    });
    if (guildId === null) this.globalCommands = stored;
    else this.guildCommands.set(guildId, stored);
    return okJson(stored);
  }

  private findCommand(name: string): APIApplicationCommand | undefined {
    const isMatch = (c: APIApplicationCommand): boolean => c.name === name && c.type === ApplicationCommandType.ChatInput;
    return (this.guildCommands.get(this.guildId) ?? []).find(isMatch) ?? this.globalCommands.find(isMatch);
  }

  // --- interactions --------------------------------------------------------------------------------

  private interactionCallback(request: IncomingRequest, id: string, token: string): Reply {
    const state = this.interactions.get(id);
    if (!state || state.token !== token) return unknownInteraction();
    if (this.now() - state.dispatchedAt > this.interactionDeadlineMs) return unknownInteraction();
    if (state.response) return apiError(400, 40060, 'Interaction has already been acknowledged.');

    const payload = jsonPayload(request.body);
    const files = filesOf(request.body);
    const tooMuch = uploadProblem(files);
    if (tooMuch) return tooMuch;
    if (!isRecord(payload) || typeof payload.type !== 'number') {
      return invalidFormBody([{ path: ['type'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }]);
    }
    const type = payload.type as InteractionResponseType;
    if (!(ALLOWED_CALLBACKS[state.type] ?? []).includes(type)) {
      return invalidFormBody([{ path: ['type'], code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: `Callback type ${type} is not valid for interaction type ${state.type}` }]);
    }
    const data = payload.data;
    const issues: Issue[] = [];
    const messageType = state.type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Default;

    switch (type) {
      case InteractionResponseType.ChannelMessageWithSource: {
        if (!checkObject(issues, ['data'], data)) return invalidFormBody(issues);
        validateMessage(issues, ['data'], data);
        if (issues.length > 0) return invalidFormBody(issues);
        if (this.isEmptyPayload(data, files)) return emptyMessage();
        state.original = this.createMessage(state.channelId, data, files, { type: messageType, interaction: true });
        break;
      }
      case InteractionResponseType.DeferredChannelMessageWithSource: {
        const flags = isRecord(data) && typeof data.flags === 'number' ? data.flags & MessageFlags.Ephemeral : 0;
        state.original = this.createMessage(state.channelId, { content: '', flags }, [], { type: messageType, interaction: true, extraFlags: MessageFlags.Loading });
        break;
      }
      case InteractionResponseType.DeferredMessageUpdate: {
        state.original = state.sourceMessage;
        break;
      }
      case InteractionResponseType.UpdateMessage: {
        if (!checkObject(issues, ['data'], data)) return invalidFormBody(issues);
        validateMessage(issues, ['data'], data);
        if (issues.length > 0) return invalidFormBody(issues);
        if (!state.sourceMessage) return unknownMessage();
        this.applyEdit(state.sourceMessage, data, files);
        if (this.isEmptyMessage(state.sourceMessage)) return emptyMessage();
        state.original = state.sourceMessage;
        break;
      }
      case InteractionResponseType.ApplicationCommandAutocompleteResult: {
        validateAutocompleteResult(issues, ['data'], data);
        if (issues.length > 0) return invalidFormBody(issues);
        break;
      }
      case InteractionResponseType.Modal: {
        validateModal(issues, ['data'], data);
        if (issues.length > 0) return invalidFormBody(issues);
        break;
      }
      default:
        return invalidFormBody([{ path: ['type'], code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: `Callback type ${type} is not supported by fake-discord` }]);
    }

    state.response = { type, at: this.now() };
    if (request.query.with_response === 'true') {
      const original = state.original;
      return okJson({
        interaction: {
          id: state.id,
          type: state.type,
          response_message_id: original?.id,
          response_message_loading: type === InteractionResponseType.DeferredChannelMessageWithSource,
          response_message_ephemeral: original ? ((original.flags ?? 0) & MessageFlags.Ephemeral) !== 0 : false,
        },
        resource: { type, ...(original ? { message: original } : {}) },
      });
    }
    return noContent();
  }

  /** Checks app id, token validity and acknowledgement for interaction webhook routes. */
  private webhookState(appId: string, token: string): { state: InteractionState } | { reply: Reply } {
    const state = this.interactionsByToken.get(token);
    if (!state || this.now() - state.dispatchedAt > this.webhookTokenLifetimeMs) {
      return { reply: apiError(401, 50027, 'Invalid Webhook Token') };
    }
    if (appId !== this.applicationId) return { reply: apiError(404, 10015, 'Unknown Webhook') };
    if (!state.response) {
      return {
        reply: apiError(400, 0, 'Interaction has not been acknowledged: send the initial response (reply, deferReply, update, deferUpdate) before editing or following up.'),
      };
    }
    if (state.response.type === InteractionResponseType.ApplicationCommandAutocompleteResult || state.response.type === InteractionResponseType.Modal) {
      return { reply: apiError(400, 0, 'This interaction was answered with an autocomplete result or a modal; it has no message to edit or follow up.') };
    }
    return { state };
  }

  private webhookMessage(request: IncomingRequest, appId: string, token: string, messageId: string): Reply {
    if (request.method !== 'GET' && request.method !== 'PATCH' && request.method !== 'DELETE') return apiError(405, 0, '405: Method Not Allowed');
    const checked = this.webhookState(appId, token);
    if ('reply' in checked) return checked.reply;
    const { state } = checked;
    const target = messageId === '@original' ? state.original : (state.followUps.get(messageId) ?? null);
    if (!target) return unknownMessage();

    if (request.method === 'GET') return okJson(target);
    if (request.method === 'DELETE') {
      if (messageId === '@original') state.original = null;
      else state.followUps.delete(messageId);
      this.messages.delete(target.id);
      return noContent();
    }
    const payload = jsonPayload(request.body);
    const tooMuch = uploadProblem(filesOf(request.body));
    if (tooMuch) return tooMuch;
    const issues: Issue[] = [];
    if (!checkObject(issues, [], payload)) return invalidFormBody(issues);
    validateMessage(issues, [], payload);
    if (issues.length > 0) return invalidFormBody(issues);
    const candidate: APIMessage = { ...target, attachments: [...target.attachments] };
    this.applyEdit(candidate, payload, filesOf(request.body));
    if (this.isEmptyMessage(candidate)) return emptyMessage();
    Object.assign(target, candidate);
    return okJson(target);
  }

  private followUp(request: IncomingRequest, appId: string, token: string): Reply {
    const checked = this.webhookState(appId, token);
    if ('reply' in checked) return checked.reply;
    const { state } = checked;
    const payload = jsonPayload(request.body);
    const files = filesOf(request.body);
    const tooMuch = uploadProblem(files);
    if (tooMuch) return tooMuch;
    const issues: Issue[] = [];
    if (!checkObject(issues, [], payload)) return invalidFormBody(issues);
    validateMessage(issues, [], payload);
    if (issues.length > 0) return invalidFormBody(issues);
    if (this.isEmptyPayload(payload, files)) return emptyMessage();

    let message: APIMessage;
    const original = state.original;
    if (original && ((original.flags ?? 0) & MessageFlags.Loading) !== 0) {
      // As on Discord, the first follow-up after a deferred reply replaces the "thinking…" message.
      this.applyEdit(original, payload, files);
      message = original;
    } else {
      message = this.createMessage(state.channelId, payload, files, { type: MessageType.Default, interaction: true });
      state.followUps.set(message.id, message);
    }
    return request.query.wait === 'true' ? okJson(message) : noContent();
  }

  private deliver(payload: APIInteraction, channelId: string, sourceMessage: APIMessage | null): SentInteraction {
    const state: InteractionState = {
      id: payload.id,
      token: payload.token,
      type: payload.type,
      channelId,
      dispatchedAt: this.now(),
      sourceMessage,
      response: null,
      original: null,
      followUps: new Map(),
    };
    this.interactions.set(state.id, state);
    this.interactionsByToken.set(state.token, state);
    try {
      this.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    } catch (error) {
      this.interactions.delete(state.id);
      this.interactionsByToken.delete(state.token);
      throw error;
    }
    return { id: state.id, token: state.token, payload };
  }

  private isCallbackFor(request: RecordedRequest, interactionId: string): boolean {
    return request.route.startsWith(`/interactions/${interactionId}/`) && request.route.endsWith('/callback');
  }

  private interactionContext(actor: InteractionActor): {
    channelId: string;
    common: Pick<
      APIChatInputApplicationCommandInteraction,
      | 'id'
      | 'application_id'
      | 'token'
      | 'version'
      | 'app_permissions'
      | 'locale'
      | 'entitlements'
      | 'authorizing_integration_owners'
      | 'attachment_size_limit'
      | 'context'
      | 'channel'
      | 'channel_id'
    >;
  } & (
    | { kind: 'dm'; dm: { user: APIUser } }
    | { kind: 'guild'; guild: { guild_id: string; guild: APIPartialInteractionGuild; member: APIInteractionGuildMember; guild_locale: Locale } }
  ) {
    const id = snowflake();
    const user: APIUser = {
      id: this.userId,
      username: 'alice',
      discriminator: '0',
      global_name: 'Alice',
      avatar: null,
      ...actor.user,
    };
    const base = {
      id,
      application_id: this.applicationId,
      token: `fake-interaction-token.${id}.${randomBytes(16).toString('hex')}`,
      version: 1 as const,
      app_permissions: permissionString(actor.appPermissions, FakeDiscord.BOT_PERMISSIONS),
      locale: actor.locale ?? Locale.EnglishUS,
      entitlements: [],
      attachment_size_limit: 10_485_760,
    };
    if (actor.dm) {
      let dmChannelId = this.dmChannels.get(user.id);
      if (!dmChannelId) {
        dmChannelId = snowflake();
        this.dmChannels.set(user.id, dmChannelId);
      }
      return {
        channelId: dmChannelId,
        common: {
          ...base,
          authorizing_integration_owners: { '0': '0' },
          context: InteractionContextType.BotDM,
          channel: { id: dmChannelId, type: ChannelType.DM },
          channel_id: dmChannelId,
        },
        kind: 'dm',
        dm: { user },
      };
    }
    const channelId = actor.channelId ?? this.channelId;
    const channel = this.channels.get(channelId);
    return {
      channelId,
      common: {
        ...base,
        authorizing_integration_owners: { '0': this.guildId },
        context: InteractionContextType.Guild,
        channel: { id: channelId, type: ChannelType.GuildText, guild_id: this.guildId, name: channel?.name ?? 'unknown' },
        channel_id: channelId,
      },
      kind: 'guild',
      guild: {
        guild_id: this.guildId,
        guild: { id: this.guildId, features: [], locale: Locale.EnglishUS },
        member: {
          user,
          nick: actor.nick ?? null,
          avatar: null,
          roles: actor.roles ?? [],
          joined_at: this.createdAt,
          premium_since: null,
          deaf: false,
          mute: false,
          flags: 0 as GuildMemberFlags,
          pending: false,
          permissions: permissionString(actor.permissions, FakeDiscord.MEMBER_PERMISSIONS),
        },
        guild_locale: Locale.EnglishUS,
      },
    };
  }

  /** Builds interaction options, typing `{ name: value }` shorthands from the registered command. */
  private buildOptions(
    spec: ChatInputSpec,
    command: APIApplicationCommand | undefined,
    focused: { name: string; value: string } | null,
  ): { options: APIApplicationCommandInteractionDataOption[]; resolved: APIInteractionDataResolved | undefined } {
    let definitions: readonly APIApplicationCommandOption[] = command?.options ?? [];
    const pick = (name: string | undefined): void => {
      if (name === undefined) return;
      const found = definitions.find((d) => d.name === name);
      definitions = found && 'options' in found && found.options ? found.options : [];
    };
    pick(spec.subcommandGroup);
    pick(spec.subcommand);

    const resolved: APIInteractionDataResolved = { ...spec.resolved };
    let leaves: APIApplicationCommandInteractionDataBasicOption[];
    if (Array.isArray(spec.options)) {
      leaves = spec.options as APIApplicationCommandInteractionDataBasicOption[];
    } else {
      leaves = Object.entries(spec.options ?? {}).map(([name, value]) => {
        const definition = definitions.find((d) => d.name === name);
        return basicOption(name, definition?.type ?? inferOptionType(value), value, false);
      });
    }
    for (const [name, attachment] of Object.entries(spec.attachments ?? {})) {
      leaves.push({ name, type: ApplicationCommandOptionType.Attachment, value: attachment.id });
      resolved.attachments = { ...resolved.attachments, [attachment.id]: attachment };
    }
    // Channel and role options carry the picked object in `resolved`, as Discord sends them
    // (discord.js builds `options.getChannel()` / `getRole()` from it). Unknown ids stay unresolved.
    for (const leaf of leaves) {
      if (leaf.type === ApplicationCommandOptionType.Channel) {
        const channel = this.channels.get(leaf.value);
        if (!channel || channel.deleted || resolved.channels?.[channel.id]) continue;
        const entry: APIInteractionDataResolvedChannel = {
          id: channel.id,
          name: channel.name,
          type: ChannelType.GuildText,
          permissions: permissionString(spec.permissions, FakeDiscord.MEMBER_PERMISSIONS),
        };
        resolved.channels = { ...resolved.channels, [channel.id]: entry };
      } else if (leaf.type === ApplicationCommandOptionType.Role) {
        const role = this.roles.find((r) => r.id === leaf.value);
        if (role && !resolved.roles?.[role.id]) resolved.roles = { ...resolved.roles, [role.id]: role };
      }
    }
    if (focused) {
      const definition = definitions.find((d) => d.name === focused.name);
      leaves = leaves.filter((o) => o.name !== focused.name);
      leaves.push(basicOption(focused.name, definition?.type ?? ApplicationCommandOptionType.String, focused.value, true));
    }

    let options: APIApplicationCommandInteractionDataOption[] = leaves;
    if (spec.subcommand !== undefined) {
      options = [{ name: spec.subcommand, type: ApplicationCommandOptionType.Subcommand, options: leaves }];
      if (spec.subcommandGroup !== undefined) {
        options = [
          {
            name: spec.subcommandGroup,
            type: ApplicationCommandOptionType.SubcommandGroup,
            options: [{ name: spec.subcommand, type: ApplicationCommandOptionType.Subcommand, options: leaves }],
          },
        ];
      }
    }
    return { options, resolved: Object.keys(resolved).length > 0 ? resolved : undefined };
  }

  // --- messages ----------------------------------------------------------------------------------

  private channelAccess(channelId: string): Reply | null {
    const state = this.channels.get(channelId);
    if (!state || state.deleted) return unknownChannel();
    if (state.denied) return missingAccess();
    return null;
  }

  private postChannelMessage(request: IncomingRequest, channelId: string): Reply {
    const denied = this.channelAccess(channelId);
    if (denied) return denied;
    const payload = jsonPayload(request.body);
    const files = filesOf(request.body);
    const tooMuch = uploadProblem(files);
    if (tooMuch) return tooMuch;
    const issues: Issue[] = [];
    if (!checkObject(issues, [], payload)) return invalidFormBody(issues);
    validateMessage(issues, [], payload);
    const nonce = checkNonce(issues, payload);
    if (payload.enforce_nonce !== undefined && payload.enforce_nonce !== null && typeof payload.enforce_nonce !== 'boolean') {
      issues.push({ path: ['enforce_nonce'], code: 'BASE_TYPE_BOOLEAN', message: 'Must be either true or false.' });
    }
    if (issues.length > 0) return invalidFormBody(issues);
    if (this.isEmptyPayload(payload, files)) return emptyMessage();

    // enforce_nonce: a message by the same author with the same nonce in the last few minutes is
    // returned as it is, and nothing new is created (per channel here; Discord documents the author).
    const nonceKey = nonce === undefined ? null : `${channelId}/${this.botUser.id}/${String(nonce)}`;
    if (nonceKey !== null && payload.enforce_nonce === true) {
      const earlier = this.nonces.get(nonceKey);
      if (earlier && this.now() - earlier.at <= this.nonceWindowMs && this.messages.has(earlier.message.id)) {
        return okJson({ ...earlier.message, nonce });
      }
    }
    const message = this.createMessage(channelId, payload, files, { type: MessageType.Default, interaction: false });
    const list = this.channelMessages.get(channelId) ?? [];
    list.push(message);
    this.channelMessages.set(channelId, list);
    if (nonceKey !== null) this.nonces.set(nonceKey, { message, at: this.now() });
    // The nonce comes back in the answer to the post only; fetched messages do not carry it.
    return okJson(nonce === undefined ? message : { ...message, nonce });
  }

  /**
   * `GET /channels/:id/messages`: at most `limit` (1–100, default 50) of the messages posted to
   * the channel, always newest first, as Discord. `after` gives the messages right after that id,
   * `before` those right before it, `around` those around it (taken in that order of precedence:
   * around, before, after); with none, the latest.
   */
  private getChannelMessages(request: IncomingRequest, channelId: string): Reply {
    const denied = this.channelAccess(channelId);
    if (denied) return denied;
    const issues: Issue[] = [];
    let limit = DEFAULT_MESSAGES_PER_FETCH;
    const rawLimit = request.query.limit;
    if (rawLimit !== undefined) {
      const parsed = /^-?\d+$/.test(rawLimit.trim()) ? Number(rawLimit) : Number.NaN;
      if (!Number.isInteger(parsed)) issues.push({ path: ['limit'], code: 'NUMBER_TYPE_COERCE', message: `Value "${rawLimit}" is not int.` });
      else if (parsed < 1) issues.push({ path: ['limit'], code: 'NUMBER_TYPE_MIN', message: 'int value should be greater than or equal to 1.' });
      else if (parsed > MAX_MESSAGES_PER_FETCH) {
        issues.push({ path: ['limit'], code: 'NUMBER_TYPE_MAX', message: `int value should be less than or equal to ${MAX_MESSAGES_PER_FETCH}.` });
      } else limit = parsed;
    }
    const anchors: Partial<Record<'around' | 'before' | 'after', bigint>> = {};
    for (const key of ['around', 'before', 'after'] as const) {
      const value = request.query[key];
      if (value === undefined) continue;
      if (/^\d{1,20}$/.test(value)) anchors[key] = BigInt(value);
      else issues.push({ path: [key], code: 'NUMBER_TYPE_COERCE', message: `Value "${value}" is not snowflake.` });
    }
    if (issues.length > 0) return invalidFormBody(issues);

    const oldestFirst = [...(this.channelMessages.get(channelId) ?? [])]
      .filter((message) => this.messages.has(message.id))
      .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0));
    let page: APIMessage[];
    if (anchors.around !== undefined) {
      const around = anchors.around;
      const split = oldestFirst.findIndex((message) => BigInt(message.id) >= around);
      const at = split < 0 ? oldestFirst.length : split;
      const start = Math.max(0, at - Math.floor(limit / 2));
      page = oldestFirst.slice(start, start + limit);
    } else if (anchors.before !== undefined) {
      const before = anchors.before;
      page = oldestFirst.filter((message) => BigInt(message.id) < before).slice(-limit);
    } else if (anchors.after !== undefined) {
      const after = anchors.after;
      page = oldestFirst.filter((message) => BigInt(message.id) > after).slice(0, limit);
    } else {
      page = oldestFirst.slice(-limit);
    }
    return okJson(page.reverse());
  }

  private createMessage(
    channelId: string,
    payload: Record<string, unknown>,
    files: readonly RecordedFile[],
    options: { type: MessageType; interaction: boolean; extraFlags?: number },
  ): APIMessage {
    const allowedFlags = MessageFlags.SuppressEmbeds | MessageFlags.SuppressNotifications | MessageFlags.IsComponentsV2 | (options.interaction ? MessageFlags.Ephemeral : 0);
    const flags = ((typeof payload.flags === 'number' ? payload.flags : 0) & allowedFlags) | (options.extraFlags ?? 0);
    const content = typeof payload.content === 'string' ? payload.content : '';
    const at = this.now();
    const message: APIMessage = {
      id: snowflake(at),
      channel_id: channelId,
      author: this.botUser,
      content,
      timestamp: new Date(at).toISOString(),
      edited_timestamp: null,
      tts: payload.tts === true,
      ...this.mentions(content, payload.allowed_mentions),
      attachments: this.attachmentsFrom(payload, files, []),
      embeds: Array.isArray(payload.embeds) ? (payload.embeds as APIEmbed[]) : [],
      components: Array.isArray(payload.components) ? (payload.components as APIMessageTopLevelComponent[]) : [],
      pinned: false,
      type: options.type,
      flags,
      ...(options.interaction ? { webhook_id: this.applicationId, application_id: this.applicationId } : {}),
    };
    message.embeds = this.linkEmbedMedia(message.embeds, message.attachments);
    this.messages.set(message.id, message);
    return message;
  }

  /** Applies an edit (PATCH body or UPDATE_MESSAGE data) to a message in place. */
  private applyEdit(message: APIMessage, payload: Record<string, unknown>, files: readonly RecordedFile[]): void {
    if ('content' in payload) message.content = typeof payload.content === 'string' ? payload.content : '';
    if ('embeds' in payload) message.embeds = Array.isArray(payload.embeds) ? (payload.embeds as APIEmbed[]) : [];
    if ('components' in payload) {
      message.components = Array.isArray(payload.components) ? (payload.components as APIMessageTopLevelComponent[]) : [];
    }
    if ('attachments' in payload || files.length > 0) message.attachments = this.attachmentsFrom(payload, files, message.attachments);
    message.embeds = this.linkEmbedMedia(message.embeds, message.attachments);
    const keep = MessageFlags.Ephemeral;
    const editable = MessageFlags.SuppressEmbeds | MessageFlags.IsComponentsV2;
    const requested = typeof payload.flags === 'number' ? payload.flags & editable : (message.flags ?? 0) & editable;
    message.flags = ((message.flags ?? 0) & keep) | requested;
    Object.assign(message, this.mentions(message.content, payload.allowed_mentions));
    message.edited_timestamp = new Date(this.now()).toISOString();
  }

  private mentions(content: string, allowed: unknown): Pick<APIMessage, 'mention_everyone' | 'mentions' | 'mention_roles'> {
    const rules = isRecord(allowed) ? allowed : null;
    const parse = rules && Array.isArray(rules.parse) ? rules.parse : [];
    const listed = (key: 'users' | 'roles'): unknown[] => (rules && Array.isArray(rules[key]) ? rules[key] : []);
    const permits = (kind: 'users' | 'roles' | 'everyone', id?: string): boolean => rules === null || parse.includes(kind) || (kind !== 'everyone' && listed(kind).includes(id));
    const ids = (pattern: RegExp): string[] => [...new Set([...content.matchAll(pattern)].map((m) => m[1] ?? ''))];
    const users = ids(/<@!?(\d+)>/g).filter((id) => permits('users', id));
    return {
      mention_everyone: /@(everyone|here)\b/.test(content) && permits('everyone'),
      mentions: users.map((id) => ({ id, username: `user-${id}`, discriminator: '0', global_name: null, avatar: null })),
      mention_roles: ids(/<@&(\d+)>/g).filter((id) => permits('roles', id)),
    };
  }

  private attachmentsFrom(payload: Record<string, unknown>, files: readonly RecordedFile[], existing: readonly APIAttachment[]): APIAttachment[] {
    const unused = new Map(files.map((file) => [file.field, file]));
    const result: APIAttachment[] = [];
    if (Array.isArray(payload.attachments)) {
      for (const entry of payload.attachments) {
        if (!isRecord(entry)) continue;
        const id = String(entry.id);
        const kept = existing.find((a) => a.id === id);
        if (kept) {
          result.push(kept);
          continue;
        }
        const file = unused.get(`files[${id}]`);
        if (!file) continue;
        unused.delete(file.field);
        const stored = this.storeFile(typeof entry.filename === 'string' ? entry.filename : file.filename, file.bytes, file.contentType);
        result.push(typeof entry.description === 'string' ? { ...stored, description: entry.description } : stored);
      }
    } else if (files.length === 0) {
      return [...existing];
    }
    for (const file of unused.values()) result.push(this.storeFile(file.filename, file.bytes, file.contentType));
    return result;
  }

  private storeFile(filename: string, bytes: Buffer, contentType: string): APIAttachment {
    const id = snowflake();
    this.files.set(id, { filename, contentType, bytes });
    const url = `${this.origin}/attachments/${id}/${encodeURIComponent(filename)}`;
    return { id, filename, size: bytes.length, url, proxy_url: url, content_type: contentType, ...(pngSize(bytes) ?? {}) };
  }

  /** `attachment://name` in an embed's image or thumbnail → that attachment's URL, or no image at all. */
  private linkEmbedMedia(embeds: readonly APIEmbed[], attachments: readonly APIAttachment[]): APIEmbed[] {
    return embeds.map((embed) => {
      const linked: APIEmbed = { ...embed };
      for (const media of ['image', 'thumbnail'] as const) {
        const url = linked[media]?.url;
        if (url === undefined || !url.startsWith('attachment://')) continue;
        const attachment = attachments.find((candidate) => candidate.filename === url.slice('attachment://'.length));
        if (!attachment) {
          delete linked[media];
          continue;
        }
        linked[media] = {
          url: attachment.url,
          proxy_url: attachment.proxy_url,
          ...(attachment.width != null && attachment.height != null ? { width: attachment.width, height: attachment.height } : {}),
        };
      }
      return linked;
    });
  }

  private isEmptyPayload(payload: Record<string, unknown>, files: readonly RecordedFile[]): boolean {
    const nonEmptyArray = (value: unknown): boolean => Array.isArray(value) && value.length > 0;
    return (
      (typeof payload.content !== 'string' || payload.content.trim() === '') &&
      !nonEmptyArray(payload.embeds) &&
      !nonEmptyArray(payload.components) &&
      !nonEmptyArray(payload.sticker_ids) &&
      !nonEmptyArray(payload.attachments) &&
      files.length === 0 &&
      !isRecord(payload.poll)
    );
  }

  private isEmptyMessage(message: APIMessage): boolean {
    return message.content.trim() === '' && message.embeds.length === 0 && (message.components ?? []).length === 0 && message.attachments.length === 0;
  }

  private findMessageWithCustomId(customId: string): APIMessage | undefined {
    const contains = (value: unknown): boolean => {
      if (Array.isArray(value)) return value.some(contains);
      if (!isRecord(value)) return false;
      return value.custom_id === customId || contains(value.components) || contains(value.accessory);
    };
    return [...this.messages.values()].reverse().find((message) => contains(message.components));
  }

  private syntheticButtonMessage(customId: string, channelId: string): APIMessage {
    return this.createMessage(
      channelId,
      {
        content: '',
        components: [
          { type: ComponentType.ActionRow, components: [{ type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: customId, label: customId.slice(0, 80) }] },
        ],
      },
      [],
      { type: MessageType.Default, interaction: false },
    );
  }

  // --- guild payloads -----------------------------------------------------------------------------

  private role(id: string, name: string, permissions: bigint, position: number, managed: boolean): APIRole {
    return {
      id,
      name,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position,
      permissions: permissions.toString(),
      managed,
      mentionable: false,
      flags: 0 as RoleFlags,
    };
  }

  private channelPayload(state: ChannelState): APITextChannel {
    const overwrites: APIOverwrite[] = state.denied
      ? [
          {
            id: this.applicationId,
            type: OverwriteType.Member,
            allow: '0',
            deny: (PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages).toString(),
          },
        ]
      : [];
    return {
      id: state.id,
      type: ChannelType.GuildText,
      guild_id: this.guildId,
      name: state.name,
      position: state.position,
      permission_overwrites: overwrites,
      topic: null,
      nsfw: false,
      last_message_id: null,
      rate_limit_per_user: 0,
      parent_id: null,
      flags: 0 as ChannelFlags,
    };
  }

  // -------------------------------------------------------------------------------------------
  // Gateway
  // -------------------------------------------------------------------------------------------

  private handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', this.origin);
    if (this.closed || url.pathname !== '/gateway') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, url));
  }

  private onConnection(socket: WebSocket, url: URL): void {
    const connection: Connection = { id: ++this.connectionCounter, socket, session: null, droppedByServer: false };
    this.connections.add(connection);
    socket.on('close', (code: number) => this.onSocketClose(connection, code));
    socket.on('error', (error: Error) => console.error(`[fake-discord] gateway connection ${connection.id} error:`, error.message));

    const version = url.searchParams.get('v');
    const encoding = url.searchParams.get('encoding') ?? 'json';
    const compress = url.searchParams.get('compress');
    let problem: string | null = null;
    if (compress !== null) {
      problem = `compress=${compress} is not supported by fake-discord (is zlib-sync installed? keep it out of the project)`;
    } else if (encoding !== 'json') {
      problem = `encoding=${encoding} is not supported by fake-discord; only encoding=json`;
    } else if (version !== '10') {
      problem = `gateway version v=${version ?? '(missing)'} is not supported; fake-discord speaks v=10`;
    }
    if (problem !== null) {
      const rejection: GatewayRejection = { url: url.toString(), closeCode: 4012, reason: problem, at: Date.now() };
      this.gatewayRejections.push(rejection);
      console.error(`[fake-discord] REJECTED gateway connection ${url.toString()}: ${problem}`);
      socket.close(4012, problem.slice(0, 120));
      return;
    }
    socket.on('message', (data: RawData, isBinary: boolean) => this.onFrame(connection, data, isBinary));
    this.send(socket, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.heartbeatIntervalMs }, s: null, t: null });
  }

  private onSocketClose(connection: Connection, code: number): void {
    this.connections.delete(connection);
    const session = connection.session;
    if (!session || session.socket !== connection.socket) return;
    session.socket = null;
    // A client that closes normally (1000/1001) has ended its session; anything else may RESUME.
    if (!connection.droppedByServer && (code === 1000 || code === 1001)) session.ended = true;
  }

  private send(socket: WebSocket, frame: { op: GatewayOpcodes; d: unknown; s: number | null; t: string | null }): void {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
  }

  private onFrame(connection: Connection, data: RawData, isBinary: boolean): void {
    const { socket } = connection;
    if (isBinary) {
      socket.close(4002, 'Binary (ETF/compressed) frames are not supported by fake-discord.');
      return;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8'));
    } catch {
      socket.close(4002, 'Error while decoding payload.');
      return;
    }
    if (!isRecord(raw) || typeof raw.op !== 'number') {
      socket.close(4002, 'Error while decoding payload.');
      return;
    }
    const payload = raw as unknown as GatewaySendPayload;
    const frame: GatewayFrame = { connectionId: connection.id, sessionId: connection.session?.id ?? null, op: payload.op, payload, at: Date.now() };
    this.gatewayFrames.push(frame);
    notify(this.gatewayWaiters, frame);

    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        this.send(socket, { op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null });
        return;
      case GatewayOpcodes.Identify:
        this.onIdentify(connection, payload.d);
        return;
      case GatewayOpcodes.Resume:
        this.onResume(connection, payload.d);
        return;
      case GatewayOpcodes.RequestGuildMembers:
        if (!connection.session) {
          socket.close(4003, 'Not authenticated.');
          return;
        }
        this.emit(connection.session, GatewayDispatchEvents.GuildMembersChunk, {
          guild_id: payload.d.guild_id,
          members: [],
          chunk_index: 0,
          chunk_count: 1,
          ...(payload.d.nonce !== undefined ? { nonce: payload.d.nonce } : {}),
        });
        return;
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestSoundboardSounds:
        if (!connection.session) socket.close(4003, 'Not authenticated.');
        return;
      default:
        socket.close(4001, 'Unknown opcode.');
    }
  }

  /** IDENTIFY and RESUME alike: one per connection, and only with the bot's token. */
  private authenticates(connection: Connection, token: string): boolean {
    if (connection.session) {
      connection.socket.close(4005, 'Already authenticated.');
      return false;
    }
    if (token !== this.token) {
      connection.socket.close(4004, 'Authentication failed.');
      return false;
    }
    return true;
  }

  private onIdentify(connection: Connection, data: GatewayIdentifyData): void {
    const { socket } = connection;
    if (!this.authenticates(connection, data.token)) return;
    const [shardId, shardCount] = data.shard ?? [0, 1];
    if (!Number.isInteger(shardId) || !Number.isInteger(shardCount) || shardCount < 1 || shardId < 0 || shardId >= shardCount) {
      socket.close(4010, 'Invalid shard.');
      return;
    }
    const session: Session = { id: randomBytes(16).toString('hex'), shard: [shardId, shardCount], seq: 0, socket, events: [], ended: false };
    this.sessions.set(session.id, session);
    connection.session = session;
    const ownsGuild = shardFor(this.guildId, shardCount) === shardId;
    const ready: GatewayReadyDispatchData = {
      v: 10,
      user: this.botUser,
      guilds: ownsGuild ? [{ id: this.guildId, unavailable: true }] : [],
      session_id: session.id,
      resume_gateway_url: this.gatewayUrl,
      shard: [shardId, shardCount],
      application: { id: this.applicationId, flags: 0 as ApplicationFlags, flags_new: '0' },
    };
    this.emit(session, GatewayDispatchEvents.Ready, ready);
    if (ownsGuild) this.emit(session, GatewayDispatchEvents.GuildCreate, this.guildPayload());
  }

  private onResume(connection: Connection, data: GatewayResumeData): void {
    const { socket } = connection;
    if (!this.authenticates(connection, data.token)) return;
    const session = this.sessions.get(data.session_id);
    if (!session || session.ended) {
      this.send(socket, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
      return;
    }
    if (data.seq > session.seq) {
      socket.close(4007, 'Invalid seq.');
      return;
    }
    if (session.socket && session.socket !== socket) session.socket.terminate();
    session.socket = socket;
    connection.session = session;
    for (const event of session.events) {
      if (event.s > data.seq) this.send(socket, event);
    }
    session.seq += 1;
    this.send(socket, { op: GatewayOpcodes.Dispatch, t: GatewayDispatchEvents.Resumed, s: session.seq, d: {} });
  }

  private emit(session: Session, event: string, data: unknown): void {
    session.seq += 1;
    const frame: DispatchFrame = { op: GatewayOpcodes.Dispatch, t: event, s: session.seq, d: data };
    session.events.push(frame);
    if (session.socket) this.send(session.socket, frame);
  }

  private sessionsFor(event: string, data: unknown): Session[] {
    let guildId: string | null = null;
    if (isRecord(data)) {
      if (typeof data.guild_id === 'string') guildId = data.guild_id;
      else if (event.startsWith('GUILD_') && typeof data.id === 'string') guildId = data.id;
    }
    return [...this.sessions.values()].filter(
      (session) => !session.ended && (guildId === null ? session.shard[0] === 0 : shardFor(guildId, session.shard[1]) === session.shard[0]),
    );
  }

  private dispatchIfConnected(event: string, data: unknown): void {
    if (this.sessionsFor(event, data).length > 0) this.dispatch(event, data);
  }
}

// --- option building ---------------------------------------------------------------------------

function inferOptionType(value: OptionValue): ApplicationCommandOptionType {
  if (typeof value === 'boolean') return ApplicationCommandOptionType.Boolean;
  if (typeof value === 'number') return Number.isInteger(value) ? ApplicationCommandOptionType.Integer : ApplicationCommandOptionType.Number;
  return ApplicationCommandOptionType.String;
}

function basicOption(name: string, type: ApplicationCommandOptionType, value: OptionValue, focused: boolean): APIApplicationCommandInteractionDataBasicOption {
  const mark = focused ? { focused: true } : {};
  switch (type) {
    case ApplicationCommandOptionType.Integer:
      return { name, type, value: focused ? String(value) : Number(value), ...mark };
    case ApplicationCommandOptionType.Number:
      return { name, type, value: focused ? String(value) : Number(value), ...mark };
    case ApplicationCommandOptionType.Boolean:
      return { name, type, value: value === true || value === 'true' };
    case ApplicationCommandOptionType.User:
      return { name, type, value: String(value) };
    case ApplicationCommandOptionType.Channel:
      return { name, type, value: String(value) };
    case ApplicationCommandOptionType.Role:
      return { name, type, value: String(value) };
    case ApplicationCommandOptionType.Mentionable:
      return { name, type, value: String(value) };
    case ApplicationCommandOptionType.Attachment:
      return { name, type, value: String(value) };
    default:
      return { name, type: ApplicationCommandOptionType.String, value: String(value), ...mark };
  }
}
