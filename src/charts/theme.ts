/**
 * Look shared by every chart. The picture is its own solid, mid-dark card, so it reads the same on
 * Discord's dark and light themes instead of depending on the page behind it; the colours are
 * light enough to stand out on that card and distinct from one another in hue and lightness.
 */
export const THEME = {
  background: '#1f2430',
  text: '#f1f3f7',
  muted: '#a7b0c0',
  grid: '#394152',
  /** Every other row of a timeline, to guide the eye across. */
  band: '#262c39',
  bars: {
    primary: '#4f9cf9',
    leader: '#f5b83d',
    rest: '#8b93a3',
    world: '#5d6779',
  },
  status: {
    proposed: '#b197fc',
    announced: '#fcc419',
    'in-force': '#ff6b6b',
    suspended: '#4dabf7',
    lifted: '#51cf66',
    // What is no longer known to hold reads as doubt, not as another live status: greys and a dull amber.
    ended: '#ced4da',
    expired: '#868e96',
    unconfirmed: '#d9a441',
  },
} as const;

export type BarTone = keyof typeof THEME.bars;

/**
 * The only font family the charts name: DejaVu Sans files registered under an alias of our own, so
 * the picture is identical whether or not the machine has fonts installed (or another DejaVu version).
 */
export const CHART_FONT_FAMILY = 'RareEarthBot DejaVu Sans';
