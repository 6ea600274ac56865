import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/answer.ts';
import { ask } from '../../src/answer/ask.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { SearchIndex } from '../../src/search/search-index.ts';

/**
 * Free-text questions as real users type them (typos, aliases, capitals, element symbols, informal
 * wording) over the shipped knowledge base, as an acceptance report with floors (see below). Each row
 * lists the fact ids that rightly answer the question, chosen by reading knowledge/**.yaml; the row
 * passes when any one of them is in the top three. Rows are never adjusted to match what the engine
 * happens to return.
 */

const SHIPPED = path.resolve(import.meta.dirname, '../../knowledge');
/** The day the questions are asked, for "last year" and "this month". */
const ASKED_ON = new Date('2026-11-23T12:00:00Z');

interface Row {
  /** What the user typed. */
  readonly q: string;
  /** Facts that answer it; any one of them in the top three passes. */
  readonly expect: readonly string[];
  /** A misspelled name the answer must say it corrected (in its message or its suggestions). */
  readonly corrected?: string;
}

// --- Countries, by name, alias, capital or typo ---------------------------------------------------
const COUNTRIES: Row[] = [
  { q: 'kazakstan rare earth deposits', expect: ['kz-zhana-kazakhstan', 'kz-re-deposits-count', 'kz-zhana-caution'], corrected: 'Kazakhstan' },
  {
    q: 'Burma rare earth mining',
    expect: ['usgs-2024-myanmar-output', 'mm-kia-seizure', 'mm-kia-kanpaiti', 'mm-kia-export-terms', 'myanmar-exports-to-china-2023', 'myanmar-iac-vs-china-quota'],
  },
  { q: 'what did Beijing do to Japan in 2026', expect: ['cn-japan-dual-use-ban-2026', 'cn-japan-heavy-re-licences-halted'] },
  { q: 'vietnam rare earth reserves', expect: ['usgs-vietnam-reserve-revision', 'vietnam-production', 'vietnam-minister-reserve-rank'] },
  { q: 'brasil rare earth reserves', expect: ['usgs-2024-brazil', 'brazil-reserve-rank-third-rex'] },
  { q: 'Lynas plant in Malaysia', expect: ['lynas-malaysia-plant', 'au-lynas-first-dy'] },
  { q: 'greenland uranium ban kvanefjeld', expect: ['gl-uranium-ban', 'gl-kvanefjeld-15pct'] },
  { q: 'did Russia offer its rare earths to the U.S.?', expect: ['ru-putin-offer', 'ru-new-territories'] },
  { q: 'south korea rare earth stockpile target', expect: ['kr-stockpile-180-days', 'kr-stockpile-100-days-2021'] },
  {
    q: 'how dependent is Japan on Chinese rare earths',
    expect: ['japan-dependence-argus', 'japan-dependence-jogmec', 'japan-dependence-former-minister-2024', 'nomura-japan-exposure'],
  },
  { q: 'Ukraine minerals deal with Washington', expect: ['us-ua-minerals-deal', 'us-ua-deal-signatories'] },
  { q: 'saudi arabia rare earth refinery with MP Materials', expect: ['us-sa-mp-maaden', 'us-sa-framework'] },
  { q: 'uzbekistan rare earths MoU with the US', expect: ['us-uz-mou-2026', 'us-uz-dfc-2026'] },
  { q: 'Thailand rare earth production', expect: ['usgs-2024-thailand-output'] },
  { q: 'nigeria rare earth output 2024', expect: ['usgs-2024-nigeria-output'] },
  { q: 'India rare earth reserves', expect: ['usgs-2024-india-reserves', 'india-reserves-fifth-reuters', 'india-reserves-fifth-asean-today', 'usgs-2024-india-output-reserves'] },
  { q: 'Kachin rebels rare earth mines', expect: ['mm-kia-seizure', 'mm-kia-kanpaiti', 'mm-kia-export-terms'] },
  { q: 'laos rare earth refinery', expect: ['la-refinery-policy'] },
  { q: 'Canada critical minerals stockpile', expect: ['ca-dpa-stockpiling'] },
];

// --- Restrictions ---------------------------------------------------------------------------------
const RESTRICTIONS: Row[] = [
  { q: 'who restricts dysprosium exports', expect: ['cn-april-2025-seven-ree', 'cn-april-controls-not-suspended', 'cn-april-2025-not-a-ban'] },
  { q: 'china gallium germanium controls 2023', expect: ['cn-ga-ge-controls-2023', 'cn-ga-ge-item-count', 'cn-ga-ge-first-licences'] },
  { q: 'is the october 2025 export control suspended', expect: ['cn-no70-suspension', 'mofcom-oct30-suspension-statement', 'cn-oct9-2025-six-announcements'] },
  { q: 'Dy Tb export licence', expect: ['cn-april-2025-seven-ree', 'cn-april-controls-not-suspended', 'cn-april-2025-not-a-ban'] },
  { q: 'vietnam rare earth export ban', expect: ['vn-export-ban-law-2025', 'vn-law-effective-2026'] },
  { q: 'china graphite export controls', expect: ['cn-graphite-controls-2023', 'cn-graphite-nine-items', 'cn-graphite-low-sensitivity-lifted'] },
  { q: 'PRC ban on gallium exports to the U.S.', expect: ['cn-us-ban-dec-2024', 'cn-no72-us-suspension'] },
  { q: 'china rare earth technology export ban', expect: ['cn-re-tech-ban-2023', 'cn-oct9-no62-tech', 'cn-tech-catalogue-2023'] },
  { q: 'announcement no. 61 extraterritorial rule', expect: ['cn-oct9-no61-extraterritorial', 'cn-oct9-fdpr-first', 'cn-oct9-no61-end-use'] },
  { q: 'which rare earths did china add to export controls in october 2025', expect: ['cn-oct9-no57-five-ree', 'cn-oct-2025-12-elements'] },
  { q: 'Malaysia ban on raw rare earth exports', expect: ['my-raw-re-moratorium', 'my-us-no-quota-pledge'] },
  { q: 'India IREL told to stop rare earth exports to Japan', expect: ['in-irel-japan-export-halt'] },
  { q: 'Brussels magnet scrap export curb', expect: ['eu-magnet-scrap-export-curb'] },
  { q: 'china rare earth embargo on japan 2010', expect: ['jp-2010-embargo'] },
  { q: 'MP Materials on China export control list', expect: ['cn-2026-entity-list-mp-usar', 'cn-2026-1260h-trigger'] },
  { q: 'trump 100% tariff threat over rare earths', expect: ['us-100pct-tariff-threat', 'wh-fact-sheet-us-side'] },
  { q: 'section 232 critical minerals tariff', expect: ['us-s232-proclamation-11001', 'us-s232-initiation', 'us-s232-formal-start'] },
  { q: 'china general licences for magnet makers', expect: ['cn-general-licences-dec-2025', 'cn-general-licences-mofcom'] },
  { q: 'are Nd and Pr under China export controls', expect: ['cn-april-2025-ndpr-excluded'] },
  { q: 'are the april 2025 rare earth controls still in force', expect: ['cn-april-controls-not-suspended', 'cn-april-2025-seven-ree'] },
  { q: 'holmium erbium export controls', expect: ['cn-oct9-no57-five-ree', 'cn-oct-2025-12-elements'] },
];

// --- Market shares --------------------------------------------------------------------------------
const CHINA_MINING_SHARE = [
  'reuters-china-60-90',
  'et-china-70-mining',
  'millenniumpost-china-shares',
  'ndtv-china-mining-51',
  'rt-china-mining-60',
  'netzero-china-mining-60',
  'steelradar-china-mining-69',
  'miningmx-china-mining-70',
  'oies-china-mining-2022',
  'ani-china-90-rare-earths',
  'principle-civics-china-mining-70',
  'iea-2023-mining-share',
  'usgs-2024-china-mine-output',
  'rm-2025-global-output',
];
const CHINA_MAGNET_SHARE = [
  'iea-china-magnet-share-2025',
  'reuters-china-magnets-90',
  'millenniumpost-china-magnets-90',
  'rt-china-magnets-90',
  'newsbytes-china-magnets-80',
  'china-heavy-magnet-share',
];
const CHINA_REFINING_SHARE = [
  'iea-2023-refining-share',
  'iea-separation-magnet-share',
  'rm-2025-china-processing-share',
  'millenniumpost-china-processing-90',
  'ndtv-china-refining-76',
  'rt-china-processing-80',
  'netzero-china-refining-90',
  'steelradar-china-refining-85',
  'particle-china-processing-85',
  'principle-civics-china-processing-90',
  'iea-china-strategic-minerals-refining-70',
  'iea-china-strategic-minerals-refining-75',
];

const MARKET: Row[] = [
  { q: "how much of the world's rare earths does china mine", expect: CHINA_MINING_SHARE },
  { q: 'who makes magnets', expect: CHINA_MAGNET_SHARE },
  { q: 'china refining share', expect: CHINA_REFINING_SHARE },
  { q: 'australia rare earth production 2024', expect: ['usgs-2024-australia-output'] },
  { q: 'usa reserves', expect: ['usgs-2024-us-reserves'] },
  { q: 'world rare earth production 2024', expect: ['usgs-2024-world-mine-output'] },
  { q: 'how big are china rare earth reserves', expect: ['usgs-2024-china-reserves', 'ndtv-china-34-51-76'] },
  { q: "china's share of gallium", expect: ['project-blue-ga-ge-sb'] },
  { q: 'germanium refining share china', expect: ['project-blue-china-germanium-2023', 'project-blue-ga-ge-sb'] },
  { q: 'antimony mining china share', expect: ['project-blue-china-antimony-2023', 'project-blue-ga-ge-sb'] },
  { q: 'china magnet exports may 2025', expect: ['china-magnet-exports-may-2025', 'china-magnet-exports-us-may-2025', 'china-re-products-exports-may-2025'] },
  { q: "how much of China's rare earth imports come from Myanmar", expect: ['myanmar-share-of-china-imports', 'myanmar-exports-to-china-2023', 'myanmar-iac-vs-china-quota'] },
  { q: 'EU dependence on Chinese magnets', expect: ['eu-magnet-dependence'] },
  { q: 'who controls dysprosium and terbium separation', expect: ['particle-china-dy-tb-separation-99'] },
  { q: 'US rare earth output 2025', expect: ['usgs-mcs2026-us-2025', 'usgs-mcs2026-us-compounds-2025'] },
  { q: 'china share of rare earth mining in 2030', expect: ['iea-2030-mining-projection'] },
  { q: 'brazil rare earth output', expect: ['usgs-2024-brazil-output'] },
  { q: 'India magnet imports from China', expect: ['india-magnet-imports-fy25', 'india-magnet-imports-ckhq-870t', 'china-india-magnet-exports-h1-2025'] },
  { q: 'china graphite production share', expect: ['china-graphite-share-2022'] },
  { q: 'america rare earth imports from china', expect: ['us-imports-from-china-2020-23'] },
];

// --- Meetings -------------------------------------------------------------------------------------
const MEETINGS: Row[] = [
  { q: 'india central asia dialogue', expect: ['icad-4-new-delhi', 'icad-4-joint-statement', 'icad-history', 'icad-3-and-summit'] },
  { q: 'when is the next india central asia meeting', expect: ['icad-4-joint-statement', 'icad-4-new-delhi'] },
  { q: 'modi xi tianjin', expect: ['modi-xi-tianjin', 'sco-tianjin-dates'] },
  { q: 'busan trump xi deal', expect: ['busan-trump-xi', 'busan-tariffs-soybeans', 'mofcom-oct30-suspension-statement', 'wh-fact-sheet-nov-2025'] },
  { q: 'G7 critical minerals action plan', expect: ['g7-cmap-kananaskis', 'g7-cmap-lineage'] },
  { q: 'quad critical minerals initiative', expect: ['quad-cmi-launch', 'quad-fmm-2026-agenda', 'quad-fmm-delhi-2026'] },
  { q: 'geneva trade truce may 2025', expect: ['geneva-truce-may-2025', 'cn-april-2025-not-a-ban'] },
  { q: 'london talks rare earth permits june 2025', expect: ['london-framework-june-2025', 'jl-mag-licence-june-2025'] },
  { q: 'when did trump visit beijing', expect: ['trump-beijing-summit-2026', 'trump-beijing-visit-delay-2026'] },
  { q: 'india brazil rare earth agreement', expect: ['in-br-mou-2026', 'in-br-mou-nonbinding'] },
  { q: 'us japan critical minerals framework', expect: ['us-jp-framework', 'us-jp-framework-details'] },
  { q: 'US Australia rare earth deal', expect: ['us-au-framework', 'us-au-framework-projects', 'us-au-exim-letters'] },
  { q: 'C5+1 summit critical minerals', expect: ['us-c5-summit', 'us-kz-tungsten'] },
  { q: 'when did india join the minerals security partnership', expect: ['msp-membership'] },
  { q: 'Washington critical minerals ministerial February 2026', expect: ['forge-ministerial-2026', 'forge-bilateral-deals', 'forge-eu-japan-mexico'] },
  { q: 'EU central asia summit samarkand', expect: ['eu-central-asia-samarkand', 'kz-re-research-centre-proposal'] },
  { q: 'G7 finance ministers meeting on rare earths january 2026', expect: ['g7-fm-washington-jan-2026'] },
  { q: 'wang yi delhi visit rare earths', expect: ['wang-yi-delhi-aug-2025'] },
  { q: 'where is APEC 2026', expect: ['apec-2026-shenzhen'] },
  { q: 'india central asia rare earth forum', expect: ['ica-rare-earth-forum-first', 'ica-rare-earth-forum-origin'] },
];

// --- Policies -------------------------------------------------------------------------------------
const POLICIES: Row[] = [
  { q: 'india magnet scheme REPM', expect: ['in-repm-approval', 'in-repm-money-split', 'in-repm-structure', 'in-repm-gazette', 'in-repm-rfp-2026'] },
  { q: 'project vault', expect: ['us-project-vault', 'us-project-vault-exim', 'us-project-vault-60-days'] },
  { q: 'EU critical raw materials act', expect: ['eu-crma-benchmarks', 'eu-crma-in-force', 'eu-crma-recycling-raised'] },
  { q: 'japan stockpile jogmec', expect: ['jp-jogmec-role', 'us-jp-framework-details', 'japan-dependence-jogmec'] },
  { q: 'india national critical mineral mission', expect: ['in-ncmm-approval', 'in-ncmm-scope'] },
  { q: 'pentagon stake in MP Materials', expect: ['us-dod-mp-equity', 'us-dod-mp-financing', 'us-dod-mp-price-floor'] },
  { q: 'NdPr price floor', expect: ['us-dod-mp-price-floor'] },
  { q: 'australia critical minerals strategic reserve', expect: ['au-strategic-reserve', 'au-reserve-priorities'] },
  { q: 'RESourceEU plan', expect: ['eu-resourceeu', 'eu-resourceeu-stockpile'] },
  { q: 'india critical mineral recycling scheme', expect: ['in-recycling-scheme', 'in-recycling-targets', 'in-recycling-subsidy-terms'] },
  { q: 'china rare earth mining quota 2024', expect: ['china-quota-2024'] },
  { q: 'EU strategic projects for critical raw materials', expect: ['eu-47-strategic-projects', 'eu-13-external-projects', 'eu-47-capex-permitting'] },
  { q: 'DFC financing for serra verde', expect: ['us-dfc-serra-verde-465', 'us-dfc-serra-verde-565'] },
  { q: 'iluka eneabba refinery loan', expect: ['au-iluka-eneabba'] },
  { q: 'india rare earth corridors budget', expect: ['in-budget-re-corridors-2026'] },
];

// --- Typos, capitals, symbols and informal wording ------------------------------------------------
const INFORMAL: Row[] = [
  {
    q: 'dysprosim',
    expect: ['cn-april-2025-seven-ree', 'cn-april-controls-not-suspended', 'cn-april-2025-not-a-ban', 'particle-china-dy-tb-separation-99', 'au-lynas-first-dy'],
    corrected: 'dysprosium',
  },
  { q: 'neodymum magnets china', expect: [...CHINA_MAGNET_SHARE, 'cn-april-2025-ndpr-excluded', 'cn-general-licences-dec-2025'], corrected: 'neodymium' },
  {
    q: 'chna export ban',
    expect: ['cn-us-ban-dec-2024', 'cn-japan-dual-use-ban-2026', 'cn-re-tech-ban-2023', 'jp-2010-embargo', 'cn-april-2025-seven-ree', 'cn-april-2025-not-a-ban'],
    corrected: 'China',
  },
  { q: 'wat r rare earths', expect: ['ree-definition'] },
  { q: 'galium export ban us', expect: ['cn-us-ban-dec-2024', 'cn-no72-us-suspension'], corrected: 'gallium' },
  { q: 'Austrailia rare earth reserves', expect: ['usgs-2024-australia-reserves'], corrected: 'Australia' },
  { q: 'is china still blocking magnets to india?', expect: ['cn-india-light-magnets-resumed', 'china-india-magnet-exports-h1-2025', 'cn-india-reexport-assurance'] },
  { q: 'how much rare earth is in an f-35', expect: ['defence-ree-content'] },
  { q: 'how many tonnes of magnets from one tonne of oxide', expect: ['reo-to-magnet-ratio'] },
  { q: 'is india in wassenaar?', expect: ['wassenaar-membership'] },
  { q: 'mountain pass mine', expect: ['usgs-2024-us-reserves', 'usgs-2024-us-output'] },
  { q: 'CHINA GALLIUM GERMANIUM EXPORT CONTROLS', expect: ['cn-ga-ge-controls-2023', 'cn-ga-ge-item-count', 'cn-ga-ge-first-licences'] },
  { q: 'PROJECT VAULT', expect: ['us-project-vault', 'us-project-vault-exim', 'us-project-vault-60-days'] },
  { q: 'Ga Ge export licence china', expect: ['cn-ga-ge-controls-2023', 'cn-ga-ge-first-licences', 'cn-ga-ge-item-count'] },
  { q: 'Nd Pr left out of april controls', expect: ['cn-april-2025-ndpr-excluded'] },
  { q: 'first Dy produced outside china', expect: ['au-lynas-first-dy'] },
  { q: 'Washington critical minerals stockpile', expect: ['us-project-vault', 'us-project-vault-60-days'] },
  { q: 'Brussels critical raw materials act benchmarks', expect: ['eu-crma-benchmarks'] },
  { q: 'Sb Ga Ge ban on U.S.', expect: ['cn-us-ban-dec-2024', 'cn-no72-us-suspension'] },
  // From an audit with questions written without looking at the engine.
  {
    q: 'which rare earths need an export licence from china rn',
    expect: ['cn-april-2025-seven-ree', 'cn-april-controls-not-suspended', 'cn-oct-2025-12-elements', 'cn-general-licences-mofcom', 'cn-general-licences-dec-2025'],
  },
  { q: 'what happend in 2010 between china and japan', expect: ['jp-2010-embargo'] },
  { q: "who makes most of the world's magnets lol", expect: ['reuters-china-magnets-90', 'iea-china-magnet-share-2025'] },
  { q: 'latest on the Trump Xi Beijing summit', expect: ['trump-beijing-summit-2026'] },
  { q: 'largest rare earth reserves by country', expect: ['usgs-2024-china-reserves'] },
  { q: "is china's rare earth processing tech export ban still active", expect: ['cn-re-tech-ban-2023'] },
  { q: 'tell us about rare earths', expect: ['ree-definition'] },
];

// A third audit: 70 questions written from the research notes without reading the engine, asked on
// 2026-11-23 (relative dates such as "last year" are read against that day).
const AUDIT_3: Row[] = [
  { q: 'yo does china still ban gallium exports to the US?', expect: ['cn-no72-us-suspension', 'cn-us-ban-dec-2024'] },
  { q: 'is terbium still under export licensing in china', expect: ['cn-april-controls-not-suspended', 'cn-april-2025-seven-ree', 'cn-april-2025-not-a-ban'] },
  { q: 'which rare earths did Beijing put under licence in april 2025?', expect: ['cn-april-2025-seven-ree', 'cn-april-controls-not-suspended'] },
  {
    q: 'what export controls did china announce in october last year',
    expect: ['cn-oct9-2025-six-announcements', 'cn-oct9-no57-five-ree', 'cn-oct-2025-12-elements', 'cn-oct9-nov8-effective'],
  },
  { q: 'how much of global REE mining does the PRC do', expect: ['iea-2023-mining-share', 'rm-2025-global-output', 'steelradar-china-mining-69', 'miningmx-china-mining-70'] },
  { q: 'who makes most of the worlds NdFeB mags', expect: ['iea-china-magnet-share-2025', 'reuters-china-magnets-90', 'millenniumpost-china-magnets-90', 'rt-china-magnets-90'] },
  { q: 'which country has the biggest rare earth reserves', expect: ['usgs-2024-china-reserves'] },
  { q: 'brazil reserves - 2nd or 3rd largest?', expect: ['usgs-2024-brazil', 'brazil-reserve-rank-third-rex'] },
  {
    q: "how big are india's REE reserves",
    expect: ['usgs-2024-india-reserves', 'india-reserves-fifth-reuters', 'india-reserves-fifth-asean-today', 'usgs-2024-india-output-reserves'],
  },
  { q: 'how much did the US mine in 2025?', expect: ['usgs-mcs2026-us-2025'] },
  { q: 'who mines more, australia or myanmar?', expect: ['usgs-2024-myanmar-output', 'usgs-2024-australia-output', 'usgs-mcs2025-2023-revised'] },
  {
    q: 'how dependant is japan on chinese rare earths nowadays',
    expect: ['japan-dependence-argus', 'japan-dependence-jogmec', 'nomura-japan-exposure', 'japan-dependence-former-minister-2024'],
  },
  { q: 'what did beijing do to tokyo in january', expect: ['cn-japan-dual-use-ban-2026', 'cn-japan-heavy-re-licences-halted', 'jp-protest-dual-use-ban'] },
  { q: '2010 senkaku rare earth embargo what happened', expect: ['jp-2010-embargo', 'japan-dependence-2010-argus'] },
  { q: 'what did the G7 agree at Kananaskis on critical minerals', expect: ['g7-cmap-kananaskis', 'g7-cmap-lineage'] },
  { q: 'when did g7 finmins meet in washington about rare earths', expect: ['g7-fm-washington-jan-2026'] },
  { q: 'what came out of the quad meeting in new delhi this year', expect: ['quad-fmm-delhi-2026', 'quad-fmm-2026-agenda', 'in-us-framework-2026'] },
  { q: 'trump xi busan deal - what about rare earths?', expect: ['busan-trump-xi', 'busan-tariffs-soybeans', 'mofcom-oct30-suspension-statement'] },
  { q: 'did trump end up going to beijing', expect: ['trump-beijing-summit-2026', 'trump-beijing-visit-delay-2026'] },
  { q: 'section 232 critical minerals, any tariffs yet?', expect: ['us-s232-proclamation-11001', 'us-s232-initiation', 'us-s232-formal-start'] },
  { q: 'how big is project vault', expect: ['us-project-vault', 'us-project-vault-exim', 'us-project-vault-60-days'] },
  { q: 'pentagon mp materials deal price floor?', expect: ['us-dod-mp-price-floor', 'us-dod-mp-equity'] },
  { q: 'is canada using the DPA to stockpile minerals', expect: ['ca-dpa-stockpiling'] },
  { q: 'india central asia dialogue rare earths june 2025', expect: ['icad-4-new-delhi', 'icad-4-joint-statement'] },
  { q: 'did china ask india to promise magnets wont go to the US?', expect: ['cn-india-reexport-assurance', 'cn-india-wassenaar-request'] },
  { q: 'is india in the wassenaar arrangement', expect: ['wassenaar-membership', 'cn-india-wassenaar-request'] },
  { q: 'modi xi tianjin - anything on rare earths?', expect: ['modi-xi-tianjin', 'cn-india-light-magnets-resumed'] },
  { q: 'india REPM scheme how much money', expect: ['in-repm-approval', 'in-repm-money-split', 'in-repm-gazette'] },
  { q: 'what did india approve for magnets in november last year', expect: ['in-repm-approval', 'in-repm-money-split', 'in-repm-structure'] },
  { q: 'eu crma targets 2030', expect: ['eu-crma-benchmarks'] },
  { q: 'what is ResourceEU', expect: ['eu-resourceeu', 'eu-resourceeu-stockpile', 'eu-magnet-scrap-export-curb'] },
  { q: "how much of EU's magnets come from china", expect: ['eu-magnet-dependence'] },
  { q: 'seoul stockpile target days for rare earths', expect: ['kr-stockpile-180-days', 'kr-stockpile-100-days-2021'] },
  { q: "what's canberra's critical minerals strategic reserve", expect: ['au-strategic-reserve', 'au-reserve-priorities'] },
  { q: 'us australia rare earth deal oct 2025 how much $', expect: ['us-au-framework', 'us-au-framework-projects', 'us-au-exim-letters'] },
  { q: 'hanoi rare earth ore export ban new law?', expect: ['vn-export-ban-law-2025', 'vn-law-effective-2026'] },
  { q: 'malaysia raw rare earth export moratorium - does it apply to the US', expect: ['my-raw-re-moratorium', 'my-us-no-quota-pledge'] },
  { q: 'kazakhstan rare earths discovery how big', expect: ['kz-zhana-kazakhstan', 'kz-zhana-caution'] },
  { q: 'china graphite export controls - still in force?', expect: ['cn-graphite-controls-2023', 'cn-graphite-nine-items'] },
  { q: 'germanium export restrictions prc when effective', expect: ['cn-ga-ge-controls-2023', 'cn-ga-ge-item-count'] },
  { q: 'what % of refined gallium is chinese', expect: ['project-blue-ga-ge-sb'] },
  { q: 'antimony mining share china', expect: ['project-blue-china-antimony-2023'] },
  { q: 'does china ban exporting rare earth seperation tech', expect: ['cn-re-tech-ban-2023', 'cn-tech-catalogue-2023', 'cn-oct9-no62-tech'] },
  { q: "what's the 0.1% rule", expect: ['cn-oct9-no61-extraterritorial', 'cn-oct9-fdpr-first'] },
  { q: 'why did china blacklist MP Materials', expect: ['cn-2026-entity-list-mp-usar', 'cn-2026-1260h-trigger'] },
  { q: 'any new china restrictions this year?', expect: ['cn-japan-dual-use-ban-2026', 'cn-2026-entity-list-mp-usar', 'cn-japan-heavy-re-licences-halted', 'cn-2026-46-us-firms'] },
  { q: 'trump 100% tariff on china - did it happen', expect: ['us-100pct-tariff-threat', 'wh-fact-sheet-us-side'] },
  {
    q: "how much did china's magnet exports fall in may 2025",
    expect: ['china-magnet-exports-may-2025', 'china-magnet-exports-us-may-2025', 'china-re-products-exports-may-2025'],
  },
  { q: 'what are rare earths even used for', expect: ['ree-definition'] },
  { q: 'lynas dysprosium outside china first?', expect: ['au-lynas-first-dy'] },
  { q: 'greenland kvanefjeld uranium ban', expect: ['gl-uranium-ban', 'gl-kvanefjeld-15pct'] },
  { q: 'serra verde DFC loan amount', expect: ['us-dfc-serra-verde-565', 'us-dfc-serra-verde-465'] },
  { q: 'FORGE vs MSP whats the difference', expect: ['forge-ministerial-2026', 'msp-membership'] },
  { q: 'compare china vs US rare earth reserves', expect: ['usgs-2024-china-reserves', 'usgs-2024-us-reserves'] },
];

// A fourth audit, written like the third without reading the engine, on facts the third left out.
const AUDIT_4: Row[] = [
  { q: 'how many tonnes of magnets can u make from 1t of rare earth oxide', expect: ['reo-to-magnet-ratio'] },
  { q: 'how much rare earth stuff goes into an f35 lol', expect: ['defence-ree-content'] },
  { q: 'thailand mines more rare earths than it has in reserves?? how does that work', expect: ['usgs-2024-thailand-reserves', 'usgs-2024-thailand-output'] },
  { q: "why did hanoi's rare earth reserves get cut from 22 million tonnes", expect: ['usgs-vietnam-reserve-revision', 'vietnam-minister-reserve-rank'] },
  { q: 'how much rare earths does malaysia have in the ground', expect: ['malaysia-deposits'] },
  { q: 'lynas ndpr output in the march 2025 quarter?', expect: ['lynas-q1-2025-output'] },
  { q: "whats china's share of germanium refining", expect: ['project-blue-china-germanium-2023', 'project-blue-ga-ge-sb'] },
  { q: "how much of the world's natural graphite comes from china", expect: ['china-graphite-share-2022'] },
  {
    q: 'china is the top producer of how many critical minerals',
    expect: ['bis-china-30-of-44', 'iea-china-strategic-minerals-refining-70', 'iea-china-strategic-minerals-refining-75'],
  },
  { q: 'did china cut magnet shipments to india in the first half of last year', expect: ['china-india-magnet-exports-h1-2025'] },
  { q: 'who has a near monopoly on separated dysprosium and terbium', expect: ['particle-china-dy-tb-separation-99'] },
  { q: 'where does beijing import its rare earths from', expect: ['myanmar-share-of-china-imports', 'myanmar-exports-to-china-2023', 'myanmar-iac-vs-china-quota'] },
  { q: "what % of america's rare earth imports come from china", expect: ['us-imports-from-china-2020-23'] },
  { q: 'how reliant is south korea on china for gallium', expect: ['korea-china-dependence'] },
  { q: "india share of the world's beach sand minerals", expect: ['india-beach-sand-share'] },
  { q: 'india magnet imports fy25 in tonnes', expect: ['india-magnet-imports-fy25', 'india-magnet-imports-ckhq-870t'] },
  { q: "is the eu's magnet scrap export ban in force yet", expect: ['eu-magnet-scrap-export-curb'] },
  { q: 'did putin offer the americans a rare earths deal', expect: ['ru-putin-offer', 'ru-new-territories'] },
  { q: "IEA projection for china's REE refining share by 2030", expect: ['iea-2030-projection', 'iea-2030-mining-projection'] },
  { q: 'g7 critical minerals production alliance in toronto - how much $', expect: ['g7-cmpa-toronto'] },
  { q: 'what did the g7 finmins say about export controls last december', expect: ['g7-fm-dec-2025'] },
  { q: 'what is the india-us TRUST initiative', expect: ['in-us-trust-2025'] },
  { q: 'did new delhi sign up to pax silica', expect: ['in-pax-silica-2026'] },
  { q: 'is the india brazil rare earths mou legally binding', expect: ['in-br-mou-nonbinding', 'in-br-mou-2026'] },
  { q: 'who came up with the idea of an india central asia rare earths forum', expect: ['ica-rare-earth-forum-origin'] },
  { q: "when n where was last year's SCO summit", expect: ['sco-tianjin-dates', 'modi-xi-tianjin'] },
  { q: 'what did wang yi promise india on rare earths', expect: ['wang-yi-delhi-aug-2025'] },
  { q: 'eu japan mexico agreed to price floors with the US?', expect: ['forge-eu-japan-mexico'] },
  { q: 'what came out of the EU central asia summit in samarkand', expect: ['eu-central-asia-samarkand', 'kz-re-research-centre-proposal'] },
  { q: 'when did the quad launch its critical minerals initiative', expect: ['quad-cmi-launch'] },
  { q: 'us japan rare earths deal signed in tokyo - whats in it', expect: ['us-jp-framework', 'us-jp-framework-details'] },
  { q: 'MP Materials saudi JV with maaden, who owns how much', expect: ['us-sa-mp-maaden', 'us-sa-framework'] },
  { q: 'does ukraine keep ownership of its minerals under the deal with washington', expect: ['us-ua-deal-signatories', 'us-ua-minerals-deal'] },
  { q: 'kazakh tungsten jv with the US how big', expect: ['us-kz-tungsten', 'us-kz-tungsten-financing'] },
  { q: 'geneva truce may 2025 what happened to tariffs', expect: ['geneva-truce-may-2025'] },
  { q: 'did mofcom approve any rare earth export permits after the london talks', expect: ['london-framework-june-2025', 'jl-mag-licence-june-2025'] },
  { q: 'which chinese magnet makers got the general export licences', expect: ['cn-general-licences-dec-2025', 'cn-general-licences-mofcom'] },
  { q: 'where is APEC being held this year', expect: ['apec-2026-shenzhen', 'apec-2025-gyeongju'] },
  { q: 'iluka eneabba refinery govt loan amount', expect: ['au-iluka-eneabba'] },
  { q: 'REPM magnet tender deadline got extended?', expect: ['in-repm-bid-extension-2026', 'in-repm-rfp-2026', 'in-repm-prebid-2026'] },
  { q: "which states get india's rare earth corridors", expect: ['in-budget-re-corridors-2026'] },
  { q: 'why did india tell IREL to stop sending rare earths to japan', expect: ['in-irel-japan-export-halt'] },
  { q: 'how much does the KIA charge per tonne on rare earths going to china', expect: ['mm-kia-export-terms'] },
  { q: "who bought greenland's tanbreez deposit", expect: ['gl-tanbreez-sale'] },
  { q: "when will MP's 10X magnet factory start up", expect: ['us-mp-10x-facility'] },
  { q: 'what minerals did usgs add to the critical list last november', expect: ['us-critical-minerals-list-2025'] },
  { q: "were neodymium and praseodymium in china's april 2025 controls", expect: ['cn-april-2025-ndpr-excluded', 'cn-april-2025-seven-ree'] },
  { q: 'will china license rare earths for sub-14nm chip making', expect: ['cn-oct9-no61-end-use'] },
];

// A fifth audit, checking that questions naming a country or metal in passing are not refused.
const AUDIT_5: Row[] = [
  {
    q: 'what did japan do after the 2010 embargo',
    expect: ['jp-jogmec-role', 'japan-dependence-argus', 'japan-dependence-former-minister-2024', 'japan-dependence-2010-bloomberg'],
  },
  { q: 'did germany sign anything at the G7 on critical minerals', expect: ['g7-cmap-kananaskis', 'g7-cmap-lineage', 'g7-cmpa-toronto', 'g7-fm-dec-2025'] },
  {
    q: 'is gallium part of the october controls',
    expect: ['cn-oct9-2025-six-announcements', 'cn-ga-ge-controls-2023', 'cn-april-controls-not-suspended', 'cn-oct9-nov8-effective'],
  },
  { q: "how much did china's magnet shipments to germany drop", expect: ['china-magnet-exports-us-may-2025'] },
  { q: 'did the EU and australia join the G7 finance meeting on rare earths in january', expect: ['g7-fm-washington-jan-2026'] },
  { q: "how much could beijing's curbs on japan end up costing tokyo", expect: ['g7-fm-washington-jan-2026'] },
  { q: "how exposed is japan to china's dual-use export list", expect: ['nomura-japan-exposure', 'cn-japan-dual-use-ban-2026'] },
  { q: 'are japanese firms still getting heavy rare earth magnets from china', expect: ['cn-japan-heavy-re-licences-halted', 'cn-japan-dual-use-ban-2026'] },
  { q: "how did tokyo react to china's dual use ban", expect: ['jp-protest-dual-use-ban'] },
  { q: 'is india still getting light rare earth magnets from china', expect: ['cn-india-light-magnets-resumed'] },
  { q: 'does the EU want its own JOGMEC', expect: ['eu-resourceeu'] },
  { q: 'which countries outside the EU got strategic project status', expect: ['eu-13-external-projects'] },
  { q: "what's the EU's 65% single-supplier rule", expect: ['eu-crma-benchmarks'] },
  { q: 'how many rare earth deposits does kazakhstan actually have', expect: ['kz-re-deposits-count'] },
  { q: 'what did modi and lula sign in february', expect: ['in-br-mou-2026', 'in-br-mou-nonbinding'] },
  { q: "did the saudis sign a minerals deal with washington during MBS's visit", expect: ['us-sa-framework', 'us-sa-mp-maaden'] },
  { q: 'malaysia and thailand signed something with trump on minerals?', expect: ['us-my-th-mous', 'us-asean-four-deals'] },
  { q: 'did uzbekistan and the US sign a rare earths memorandum', expect: ['us-uz-mou-2026', 'us-uz-dfc-2026'] },
  { q: 'did jaishankar and rubio talk critical minerals in washington', expect: ['in-jaishankar-ministerial-2026'] },
  { q: "india us critical minerals framework signed in may - what's in it", expect: ['in-us-framework-2026'] },
  { q: 'does india work with america on lithium recovery', expect: ['in-us-trust-2025'] },
  { q: 'did russia offer americans rare earth projects in occupied ukraine', expect: ['ru-new-territories'] },
  { q: "how much of the world's mineral resources does ukraine have", expect: ['us-ua-deal-signatories'] },
  { q: 'laos refinery deal with a canadian rare earth company?', expect: ['la-refinery-policy'] },
  { q: 'did the philippines sign a minerals deal with the US in february', expect: ['forge-bilateral-deals'] },
  { q: 'did japan announce minerals projects in india at the quad meeting', expect: ['quad-fmm-2026-agenda'] },
  { q: 'is australia building a gallium refinery with japanese money', expect: ['us-au-framework-projects', 'us-au-framework'] },
  { q: 'does the US get antimony from china at all right now', expect: ['cn-no72-us-suspension', 'cn-us-ban-dec-2024', 'wh-fact-sheet-nov-2025'] },
  { q: 'is there any tungsten in the US deals with central asia', expect: ['us-kz-tungsten', 'us-kz-tungsten-financing', 'us-c5-summit'] },
  { q: 'how many of the EU strategic projects are lithium', expect: ['eu-47-strategic-projects'] },
  { q: 'did the EU fund a lithium project in germany', expect: ['eu-resourceeu'] },
  { q: 'can china still export graphite anodes', expect: ['cn-oct9-no58-batteries', 'cn-graphite-controls-2023', 'cn-no70-suspension', 'cn-oct9-nov8-effective'] },
  { q: 'which canadian graphite miner got a government offtake deal', expect: ['ca-dpa-stockpiling'] },
  { q: "is gallium first in line for australia's minerals stockpile", expect: ['au-reserve-priorities', 'au-strategic-reserve'] },
  { q: 'where does korea get its indium', expect: ['korea-china-indium-dependence'] },
  { q: "is scandium on china's april licensing list", expect: ['cn-april-2025-seven-ree', 'cn-april-controls-not-suspended', 'cn-april-2025-not-a-ban'] },
  { q: 'greenland molybdenum mine getting EU money?', expect: ['eu-resourceeu'] },
  { q: "was uranium added to america's critical minerals list", expect: ['us-critical-minerals-list-2025'] },
  { q: 'did the busan deal do anything for germanium exports to america', expect: ['wh-fact-sheet-nov-2025', 'cn-no72-us-suspension'] },
  { q: 'are high-end lithium batteries under chinese export control', expect: ['cn-oct9-no58-batteries', 'cn-oct9-nov8-effective', 'cn-no70-suspension'] },
  {
    q: "the one year suspension of china's october rules - when does it expire",
    expect: ['cn-no70-suspension', 'cn-oct9-2025-six-announcements', 'mofcom-oct30-suspension-statement', 'cn-oct9-no61-extraterritorial'],
  },
  { q: "when's india gonna start making its own magnets", expect: ['in-magnet-production-target'] },
  { q: 'india recycling subsidy max per company?', expect: ['in-recycling-subsidy-terms'] },
  { q: "how much $ is in india's critical mineral mission", expect: ['in-ncmm-approval', 'in-ncmm-scope'] },
  { q: 'how much did the pentagon put into MP materials', expect: ['us-dod-mp-equity', 'us-dod-mp-financing'] },
  { q: 'is the US still fully import dependent for dysprosium', expect: ['usgs-mcs2026-us-2025'] },
  { q: 'myanmar kachin rebels control the rare earth mines now?', expect: ['mm-kia-seizure', 'mm-kia-kanpaiti', 'mm-kia-export-terms'] },
  { q: 'why did china bar its buyers from 46 american companies', expect: ['cn-2026-46-us-firms'] },
];

// A sixth audit, a week of a community's questions across all five kinds of fact.
const AUDIT_6: Row[] = [
  { q: 'nigeria REE output 2024', expect: ['usgs-2024-nigeria-output'] },
  {
    q: 'russia rare earths - how much do they mine and how big are the reserves now? heard usgs slashed them',
    expect: ['usgs-2024-russia-reserves', 'usgs-2024-russia', 'usgs-mcs2025-2023-revised'],
  },
  { q: 'brazil has like the 2nd biggest reserves but how much does it actualy mine', expect: ['usgs-2024-brazil-output'] },
  { q: "australia's rare earth reserves usgs figure?", expect: ['usgs-2024-australia-reserves'] },
  { q: 'china magnet exports year to date 2025 total tonnage', expect: ['china-magnet-exports-ytd-2025'] },
  { q: 'usgs mcs 2024 numbers for 2023 - world and china mine output', expect: ['usgs-2023-data-mcs2024', 'usgs-mcs2025-2023-revised'] },
  {
    q: 'ok so NDTV claims china only has 34% of global rare earth reserves?? thats way less than what usgs says, whats going on',
    expect: ['ndtv-china-34-51-76', 'usgs-2024-china-reserves'],
  },
  { q: 'does china dominate heavy rare earth magnet production too or just the light stuff', expect: ['china-heavy-magnet-share', 'particle-china-dy-tb-separation-99'] },
  { q: 'US output of rare earth compounds and metals 2025', expect: ['usgs-mcs2026-us-compounds-2025'] },
  { q: 'when did china hand out the first gallium germanium export licences', expect: ['cn-ga-ge-first-licences'] },
  { q: 'which graphite products did china drop from temporary controls in oct 2023', expect: ['cn-graphite-low-sensitivity-lifted'] },
  { q: "does china's rare earth quota system cover imported ore now", expect: ['cn-quota-rules-aug-2025'] },
  {
    q: "since when have rare earth technologies been on china's restricted tech export catalogue",
    expect: ['cn-re-tech-catalogue-2001', 'cn-re-tech-ban-2023', 'cn-tech-catalogue-2023'],
  },
  { q: 'holmium export controls china', expect: ['cn-oct9-no57-five-ree', 'cn-oct-2025-12-elements', 'cn-oct9-nov8-effective', 'cn-oct9-2025-six-announcements'] },
  { q: "vietnam new law who's allowed to mine rare earths", expect: ['vn-law-effective-2026', 'vn-export-ban-law-2025'] },
  { q: 'how much is energy transition minerals claiming from greenland', expect: ['gl-uranium-ban'] },
  { q: "what's MOFCOM announcement 56 about", expect: ['cn-oct9-2025-six-announcements', 'cn-oct9-nov8-effective'] },
  { q: "is aveox on china's export control list", expect: ['cn-2026-46-us-firms', 'cn-2026-entity-list-mp-usar'] },
  {
    q: "it's past nov 10 now, did china extend the pause on its october rare earth controls or did they snap back???",
    expect: ['cn-no70-suspension', 'cn-oct9-2025-six-announcements', 'mofcom-oct30-suspension-statement', 'cn-oct9-no61-extraterritorial'],
  },
  { q: "do china's general licences replace the dual-use licensing regime", expect: ['cn-general-licences-mofcom', 'cn-general-licences-dec-2025'] },
  { q: 'china 2021 rare earth mining quota', expect: ['china-quota-2021'] },
  { q: 'was the CRMA recycling target always 25%?', expect: ['eu-crma-recycling-raised', 'eu-crma-benchmarks'] },
  { q: 'how long can permitting take for EU strategic projects under the crma, mines vs others', expect: ['eu-47-capex-permitting'] },
  { q: 'korea resource security council first meeting', expect: ['kr-resource-security-council'] },
  { q: 'which minerals did seoul name as strategic core minerals in 2023', expect: ['kr-2023-critical-list'] },
  {
    q: 'india approved some critical mineral recycling incentive in sept 2025 - how many crore',
    expect: ['in-recycling-scheme', 'in-recycling-targets', 'in-recycling-subsidy-terms'],
  },
  { q: 'lynas texas refinery us govt contract how much', expect: ['us-lynas-texas-contract'] },
  { q: 'are the americans pushing price floors for processed critical minerals with allies', expect: ['us-s232-price-floors', 'forge-eu-japan-mexico', 'forge-ministerial-2026'] },
  { q: 'serra verde pela ema output target', expect: ['br-serra-verde-profile', 'us-dfc-serra-verde-565'] },
  { q: 'how many critical raw materials on the EU list and how many strategic', expect: ['eu-crma-in-force'] },
  { q: 'what did trump say after his call with xi in june 2025 re rare earths', expect: ['trump-xi-call-june-2025'] },
  { q: 'he lifeng bessent seoul meeting before the beijing summit', expect: ['seoul-prep-talks-may-2026'] },
  { q: 'when did the india central asia rare earth forum meet for the first time', expect: ['ica-rare-earth-forum-first'] },
  { q: 'where was the 1st india-central asia dialogue held', expect: ['icad-history'] },
  { q: 'how often do india and the central asian leaders hold a summit', expect: ['icad-3-and-summit'] },
  { q: 'who went to APEC in gyeongju instead of trump', expect: ['apec-2025-gyeongju'] },
  {
    q: 'so trump had all five central asian presidents at the white house last year, was that actually about minerals or just a photo op, and did anyone pledge real money',
    expect: ['us-c5-summit', 'us-kz-tungsten', 'us-kz-tungsten-financing'],
  },
  { q: 'when did estonia join the minerals securty partnership', expect: ['msp-membership'] },
  { q: 'tokayev wants a rare earth research centre in astana?', expect: ['kz-re-research-centre-proposal'] },
  { q: "g7 five point plan for critical minerals security - what's that", expect: ['g7-cmap-lineage'] },
  { q: 'which australian miners got EXIM letters of interest in october 2025', expect: ['us-au-exim-letters'] },
  { q: 'lynas malaysia plant kuantan since when', expect: ['lynas-malaysia-plant'] },
  { q: 'for how many critical minerals is the US 100% import reliant', expect: ['us-import-reliance-2024'] },
  { q: 'when did usgs release mineral commodity summaries 2026', expect: ['usgs-mcs2026-release', 'usgs-mcs2026-us-2025'] },
  { q: 'ANI said china produces 90% of the worlds rare earths, is that mining or processing??', expect: ['ani-china-90-rare-earths'] },
  { q: 'iea magnet rare earth demand forecast 2030 and 2050', expect: ['iea-magnet-ree-demand'] },
  { q: 'how concentrated is critical mineral refining among the top 3 countries according to the IEA', expect: ['iea-2025-top3-concentration'] },
  { q: 'what share of strategic minerals face some kind of export restriction (IEA)', expect: ['iea-export-restrictions-share'] },
  { q: 'saudi arabia untapped mineral wealth how many trillion', expect: ['sa-minerals-valuation'] },
];

const GROUPS: ReadonlyArray<readonly [string, readonly Row[]]> = [
  ['countries', COUNTRIES],
  ['restrictions', RESTRICTIONS],
  ['market shares', MARKET],
  ['meetings', MEETINGS],
  ['policies', POLICIES],
  ['typos, capitals, symbols and informal wording', INFORMAL],
  ['a third audit, dated 2026-11-23', AUDIT_3],
  ['a fourth audit, dated 2026-11-23', AUDIT_4],
  ['a fifth audit, dated 2026-11-23', AUDIT_5],
  ['a sixth audit, dated 2026-11-23', AUDIT_6],
];
const ALL_ROWS = GROUPS.flatMap(([, rows]) => rows);

// --- Questions with no sourced answer -------------------------------------------------------------
const LONG_GIBBERISH = 'qwzx plorb '.repeat(600).slice(0, 6_000);
/** [kind, what the test title shows, the input]. */
const NO_ANSWER: ReadonlyArray<readonly [string, string, string]> = [
  ...(
    [
      ['off-topic', "what's the weather like in Paris tomorrow?"],
      ['off-topic', 'how do I bake sourdough bread'],
      ['off-topic', 'who won the 2022 football world cup'],
      ['off-topic', 'recommend a good sci-fi movie for tonight'],
      ['off-topic', 'tell me a joke'],
      ['advice', 'should i buy MP Materials stock'],
      ['forecast', 'will the NdPr price go up next year'],
      ['gibberish', 'asdfghjkl qwertyuiop zxcvbnm'],
      ['gibberish', 'blorp snazzle quib frobnitz'],
      ['gibberish', 'lorem ipsum dolor sit amet'],
      ['gibberish', '!!! ??? ... ### $$$'],
      ['empty', ''],
      ['empty', '    '],
      ['empty', '\n\t \n'],
      ['emoji-only', '🔥'],
      ['emoji-only', '😀😀😀'],
      ['emoji-only', '🤖 🎉 👍🏽'],
      ['none', 'did canada make chinese companies sell their stakes in canadian lithium miners'],
      ['none', "who's the chairman of china northern rare earth"],
      ['none', "how many ppl work in baotou's rare earth industry"],
      ['none', 'whats the capital of kyrgyzstan'],
      ['none', 'how long does it take to get a permit for a new mine in the US'],
      ['personal', 'how old is xi jinping'],
      ['personal', "what is trump's net worth"],
      ['none-price', 'how much does a kilo of gallium cost these days'],
      ['none-country', 'does sri lanka restrict graphite exports'],
      ['none-metal', "what's the world's biggest platinum producer"],
      ['none-trivia', 'how many moons does jupiter have'],
      ['none-offtopic', 'can you help me write a cover letter'],
      ['none-country', 'egypt rare earth mining plans'],
      ['trivia', "what's the chemical symbol for europium"],
      ['off-topic', 'how do i change my nickname on this server'],
      ['price', 'cerium oxide price per tonne this week'],
      ['not-covered-country', 'is chile going to nationalise its lithium'],
      ['not-covered-country', "how big is turkey's beylikova rare earth deposit"],
      ['off-topic', 'when is the next fed rate decision'],
      ['trivia', 'whats the half-life of thorium-232'],
      ['off-topic', 'suggest a name for my minecraft server'],
      ['off-topic', "what's the weather in beijing today"],
      ['off-topic', 'who won the champions league final this year'],
      ['not-covered', 'whats the dysprosium price per kg today'],
      ['trivia', "what's the atomic number of neodymium"],
      ['not-covered-country', 'does mongolia restrict rare earth exports'],
      ['off-topic', 'recommend a good python library for discord bots'],
      ['off-topic', 'is lithium stock a good buy right now'],
      ['trivia', 'melting point of gallium?'],
      ['not-covered-country', 'bolivia lithium deals with the us?'],
      ['household use', 'tungsten carbide ring for my husband, can the ER cut it off if his finger swells?'],
      ['household use', 'what strength neodymium magnet do i need to hang a picture frame on a metal door'],
      ['household use', 'is it ok to let my kid play with the neodymium magnet balls from the toy shop'],
      ['household use', 'cerium oxide vs baking soda for polishing my car headlights, which works better'],
      ['household use', 'does a gallium spoon really melt in hot tea or is that a fake video'],
    ] as const
  ).map(([kind, text]) => [kind, JSON.stringify(text), text] as const),
  ['6,000 characters', `"qwzx plorb …" (${LONG_GIBBERISH.length} characters)`, LONG_GIBBERISH],
];

/**
 * Questions written when the knowledge had nothing on them, which facts added since answer: each is
 * now answered, and by a fact about its subject (as the report above, the facts are the shipped ones).
 */
const COVERED_SINCE: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['does argentina restrict lithium or rare earth exports', ['ar-lithium-export-duty-kept-2025']],
  ['philippines nickel ore export ban back on?', ['ph-raw-ore-export-ban-bill-2025', 'ph-raw-mineral-export-ban-bill-2025']],
  ['does the DRC restrict cobalt exports', ['cd-cobalt-export-suspension-feb-2025', 'cd-cobalt-suspension-extended-june-2025', 'cd-cobalt-export-quotas-oct-2025']],
  ['who is the ceo of lynas', ['lynas-samarium-q4-fy26-lacaze-retires-2026']],
  ['indonesia nickel export ban still on?', ['id-nickel-ore-export-ban-2020', 'id-nickel-ore-rkab-quota-cut-2026']],
  ['pakistan rare earth deal with washington?', ['us-pakistan-ussm-fwo-mou-2025', 'pk-us-ussm-mou-2025']],
];

let index: SearchIndex;

beforeAll(async () => {
  const result = await loadKnowledge(SHIPPED);
  if (!result.ok) throw new Error(`shipped knowledge failed to load: ${result.errors.map((e) => e.message).join('; ')}`);
  index = new SearchIndex(result.snapshot);
});

function top3(answer: Answer): string[] {
  return answer.answers.slice(0, 3).map((item) => item.factId);
}

function describeTop3(answer: Answer): string {
  return answer.answers
    .slice(0, 3)
    .map((item) => `${item.factId} (${item.title})`)
    .join(' | ');
}

/** Why a row misses, or undefined when it passes: status, top three, corrections and citations. */
function missOf(row: Row): string | undefined {
  const answer = ask(index, row.q, ASKED_ON);
  if (answer.status !== 'answered') return `${answer.status} (${answer.message ?? 'no message'})`;
  const ids = top3(answer);
  if (!row.expect.some((id) => ids.includes(id))) return `top 3: ${describeTop3(answer) || 'nothing'}`;
  if (answer.answers.some((item) => !item.citations.some((citation) => /^https?:\/\/\S+$/.test(citation.url)))) return 'an item without a cited URL';
  if (row.corrected) {
    const wanted = row.corrected.toLowerCase();
    const said = [answer.message ?? '', ...answer.suggestions].map((text) => text.toLowerCase());
    if (!said.some((text) => text.includes(wanted))) return `no correction to ${row.corrected}`;
  }
  return undefined;
}

/**
 * An acceptance report, not the tuning set: the knowledge grows on other branches, and a better
 * new fact may rightly take a row's top three. So each group must reach a floor of rows passing
 * (set a little under what the engine reaches today), the misses are printed, and ranking itself
 * is pinned by order on frozen fixture knowledge (test/search/ranking.test.ts).
 */
const GROUP_FLOOR = 0.8;
const OVERALL_FLOOR = 0.92;
/** Expected ids may be renamed or superseded as the knowledge grows; nearly all must still exist. */
const KNOWN_ID_FLOOR = 0.95;

describe('the phrasing report', () => {
  it('has at least 80 rows, distinct, nearly all expecting ids that exist in the shipped knowledge', () => {
    expect(ALL_ROWS.length).toBeGreaterThanOrEqual(80);
    const known = new Set(index.snapshot.facts.map((fact) => fact.id));
    const ids = ALL_ROWS.flatMap((row) => row.expect);
    expect(ids.filter((id) => known.has(id)).length / ids.length).toBeGreaterThanOrEqual(KNOWN_ID_FLOOR);
    const questions = ALL_ROWS.map((row) => row.q);
    expect(new Set(questions).size).toBe(questions.length);
  });

  it(`answers each group with an expected fact in the top three for at least ${GROUP_FLOOR * 100}% of its rows, ${OVERALL_FLOOR * 100}% overall`, () => {
    const lines: string[] = [];
    let passed = 0;
    const rates: Array<[string, number]> = [];
    for (const [group, rows] of GROUPS) {
      const misses = rows.flatMap((row) => {
        const miss = missOf(row);
        return miss ? [`    ${row.q} → ${miss}`] : [];
      });
      passed += rows.length - misses.length;
      rates.push([group, (rows.length - misses.length) / rows.length]);
      lines.push(`  ${group}: ${rows.length - misses.length}/${rows.length}`, ...misses);
    }
    console.log(`phrasing report (top 3), ${passed}/${ALL_ROWS.length}:\n${lines.join('\n')}`);
    expect(rates.filter(([, rate]) => rate < GROUP_FLOOR)).toEqual([]);
    expect(passed / ALL_ROWS.length).toBeGreaterThanOrEqual(OVERALL_FLOOR);
  });
});

/**
 * Questions outside the domain are declined every time. Questions about subjects the knowledge did
 * not cover when they were written ("none", "not-covered-country") are reported: as knowledge grows
 * a new fact may rightly answer them (Egypt's and Turkey's deposits now have facts), so only half
 * of them must still be declined.
 */
const ALWAYS_DECLINED = new Set(['off-topic', 'none-offtopic', 'none-trivia', 'trivia', 'advice', 'forecast', 'personal', 'gibberish', 'empty', 'emoji-only', '6,000 characters']);
const DECLINED_FLOOR = 0.5;

describe('ask: no answer', () => {
  it.each(NO_ANSWER.filter(([kind]) => ALWAYS_DECLINED.has(kind)))('%s: %s', (_kind, _shown, text) => {
    let answer: Answer | undefined;
    expect(() => {
      answer = ask(index, text, ASKED_ON);
    }).not.toThrow();
    expect(answer?.status).toBe('no-answer');
    expect(answer?.answers).toHaveLength(0);
    expect(Array.isArray(answer?.suggestions)).toBe(true);
  });

  it.each(COVERED_SINCE)('answers %j, which knowledge added since covers, with a fact about it', (text, expected) => {
    const answer = ask(index, text, ASKED_ON);
    expect(answer.status).toBe('answered');
    expect(
      answer.answers.slice(0, 3).some((item) => expected.includes(item.factId)),
      answer.answers.map((item) => item.factId).join(' '),
    ).toBe(true);
  });

  it(`declines at least ${DECLINED_FLOOR * 100}% of the questions about subjects the knowledge does not cover`, () => {
    const rows = NO_ANSWER.filter(([kind]) => !ALWAYS_DECLINED.has(kind));
    const answered = rows.filter(([, , text]) => ask(index, text, ASKED_ON).status !== 'no-answer').map(([kind, shown]) => `${kind}: ${shown}`);
    console.log(`not-covered questions declined: ${rows.length - answered.length}/${rows.length}${answered.length > 0 ? `; answered: ${answered.join(' | ')}` : ''}`);
    expect((rows.length - answered.length) / rows.length).toBeGreaterThanOrEqual(DECLINED_FLOOR);
  });

  it('a 6,000-character query that starts with a real question returns without throwing', () => {
    const text = `who restricts dysprosium exports? ${'and what about the supply chain for magnets '.repeat(200)}`.slice(0, 6_000);
    expect(text).toHaveLength(6_000);
    let answer: Answer | undefined;
    expect(() => {
      answer = ask(index, text);
    }).not.toThrow();
    expect(['answered', 'no-answer']).toContain(answer?.status);
    expect(Array.isArray(answer?.suggestions)).toBe(true);
  });

  it('says which named country or material the knowledge has nothing on, and suggests nothing about it', () => {
    // Andorra is in the reference list (countries-more.yaml) and in no fact.
    const andorra = ask(index, 'does andorra restrict rare earth exports', ASKED_ON);
    expect(andorra.status).toBe('no-answer');
    expect(andorra.message).toBe('No sourced facts about Andorra in the knowledge base yet.');
    expect(andorra.suggestions.join(' ')).not.toMatch(/Andorra/);
    // Helium is in the reference list (materials-more.yaml) and in no fact.
    const helium = ask(index, 'chinese export ban on helium', ASKED_ON);
    expect(helium.message).toBe('No sourced facts about helium in the knowledge base yet.');
    expect(helium.suggestions).toContain('/country name:China');
    expect(helium.suggestions.join(' ')).not.toMatch(/helium/);
    // A country known only through its bloc is not missing: EU facts speak for Germany.
    expect(ask(index, 'germany critical raw materials act', ASKED_ON).status).toBe('answered');
    // Argentina's own facts (a minerals framework with the US) may answer; China's controls may not.
    const argentina = ask(index, 'does argentina restrict lithium or rare earth exports', ASKED_ON);
    for (const item of argentina.answers) expect(index.snapshot.factById.get(item.factId)?.countries).toContain('AR');
    // A country the knowledge has no fact about at all gets the honest no-answer naming it.
    const mali = ask(index, 'does mali restrict lithium or rare earth exports', ASKED_ON);
    expect(mali.status).toBe('no-answer');
    expect(mali.message).toBe('No sourced facts about Mali in the knowledge base yet.');
    // Named to be excluded, a country need not be what the answer is about.
    expect(ask(index, 'first dysprosium produced outside china', ASKED_ON).answers.map((item) => item.factId)).toContain('au-lynas-first-dy');
  });

  it('the gibberish long query is exactly 6,000 characters', () => {
    expect(LONG_GIBBERISH).toHaveLength(6_000);
  });
});
