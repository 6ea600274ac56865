/**
 * Parts of the world people ask about as a group ("which African countries…", "Asian refiners"):
 * the word that names one (as the question and the facts write it) and the ISO codes of its
 * countries. A fact about Angola is about an African country though it never says "Africa".
 */
const AFRICA = [
  'DZ',
  'AO',
  'BJ',
  'BW',
  'BF',
  'BI',
  'CV',
  'CM',
  'CF',
  'TD',
  'KM',
  'CG',
  'CD',
  'CI',
  'DJ',
  'EG',
  'GQ',
  'ER',
  'SZ',
  'ET',
  'GA',
  'GM',
  'GH',
  'GN',
  'GW',
  'KE',
  'LS',
  'LR',
  'LY',
  'MG',
  'MW',
  'ML',
  'MR',
  'MU',
  'MA',
  'MZ',
  'NA',
  'NE',
  'NG',
  'RW',
  'ST',
  'SN',
  'SC',
  'SL',
  'SO',
  'ZA',
  'SS',
  'SD',
  'TZ',
  'TG',
  'TN',
  'UG',
  'ZM',
  'ZW',
];
const ASIA = [
  'AF',
  'BD',
  'BT',
  'BN',
  'KH',
  'CN',
  'IN',
  'ID',
  'JP',
  'KZ',
  'KG',
  'LA',
  'MY',
  'MV',
  'MN',
  'MM',
  'NP',
  'KP',
  'KR',
  'PK',
  'PH',
  'SG',
  'LK',
  'TW',
  'TJ',
  'TH',
  'TL',
  'TM',
  'UZ',
  'VN',
];
const LATIN_AMERICA = ['AR', 'BO', 'BR', 'CL', 'CO', 'CR', 'CU', 'DO', 'EC', 'SV', 'GT', 'HN', 'MX', 'NI', 'PA', 'PY', 'PE', 'UY', 'VE'];

/** Words that name a region, as the stemmer leaves them, with the region's countries. */
const REGIONS: ReadonlyMap<string, readonly string[]> = new Map([
  ['africa', AFRICA],
  ['african', AFRICA],
  ['asia', ASIA],
  ['asian', ASIA],
  ['latam', LATIN_AMERICA],
  ['latin', LATIN_AMERICA],
]);

const NAMES: ReadonlyMap<readonly string[], string> = new Map([
  [AFRICA, 'Africa'],
  [ASIA, 'Asia'],
  [LATIN_AMERICA, 'Latin America'],
]);

/** The countries of the region a word names, if it names one. */
export function regionOf(word: string): readonly string[] | undefined {
  return REGIONS.get(word);
}

/** The name of the region a word names ("african" → "Africa"). */
export function regionName(word: string): string | undefined {
  const codes = REGIONS.get(word);
  return codes ? NAMES.get(codes) : undefined;
}
