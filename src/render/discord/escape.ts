/**
 * Text a user typed, made safe to show back: markdown cannot restyle the reply, and mentions are
 * broken with a zero-width space so they neither ping (allowed_mentions already forbids that) nor
 * look like a ping. One linear pass: user text can be long.
 */
export function escapeUserText(text: string): string {
  return text
    .replace(/[\\*_~`|>[\]()#-]/g, (character) => `\\${character}`)
    .replace(/@(everyone|here)/gi, '@\u200b$1')
    .replace(/<(@[!&]?|#)(\d+)>/g, '<$1\u200b$2>');
}
