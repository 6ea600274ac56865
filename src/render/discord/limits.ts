/**
 * Discord's message limits, each a named constant, enforced here in the renderer and nowhere else.
 * https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 */
export const LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** Sum of every embed's title, description, field names and values, footer and author. */
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  commandName: 32,
  /** A message nonce, which Discord uses to drop a repeated post. */
  nonce: 25,
  /** Messages one history request may return. */
  messagesPerFetch: 100,
  buttonLabel: 80,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  /** Upload size a bot may send in any server (larger limits need boosts). */
  attachmentBytes: 10 * 1024 * 1024,
} as const;

/** An answer's description keeps to a third of what a message may hold, so a long preamble cannot crowd out the facts. */
export const ANSWER_DESCRIPTION_CHARS = Math.floor(LIMITS.embedTotal / 3);
