/**
 * Control characters (NUL, escape, carriage return…; tab and line feed stay) and bidirectional
 * controls (U+202E RIGHT-TO-LEFT OVERRIDE, isolates, marks): invisible in a reply, yet they can
 * hide text or show it reversed ("gpj.exe" as "exe.jpg"), so user text loses them before it is shown.
 */
const HIDDEN_CONTROLS = /(?![\t\n])[\p{Cc}\p{Bidi_Control}]/gu;

function stripHiddenControls(text: string): string {
  return text.replace(HIDDEN_CONTROLS, '');
}

/**
 * Text a user typed, made safe to show back: no hidden controls, markdown cannot restyle the reply,
 * and mentions are broken with a zero-width space so they neither ping (allowed_mentions already
 * forbids that) nor look like a ping. One linear pass each: user text can be long.
 */
export function escapeUserText(text: string): string {
  return breakMentions(
    stripHiddenControls(text)
      .replace(/[\\*_~`|[\]]/g, (character) => `\\${character}`)
      .replace(/^([ \t]*)([>#-])/gm, '$1\\$2'),
  );
}

/** Channel links (<#id>) stay: they neither ping nor look like a ping, and digests name channels. */
function breakMentions(text: string): string {
  return text.replace(/@(everyone|here)/gi, '@\u200b$1').replace(/<(@[!&]?)(\d+)>/g, '<$1\u200b$2>');
}

/**
 * A message that may carry fenced code blocks (problem lists, share tables): prose is escaped,
 * code is left as it is (Discord shows it verbatim) with only its mentions broken; neither keeps
 * hidden controls.
 */
export function escapeMessage(text: string): string {
  return stripHiddenControls(text)
    .split(/(```[\s\S]*?```)/g)
    .map((part) => (part.startsWith('```') && part.endsWith('```') && part.length >= 6 ? breakMentions(part) : escapeUserText(part)))
    .join('');
}
