/**
 * Fixed data for the synthetic Los Angeles sample: the gogen columns, the
 * courts and their spellings, invented names, offenses and determinations.
 */
import { cumulative } from './prng';

// ---------------------------------------------------------------------------
// Columns
// ---------------------------------------------------------------------------

/** The 20 DOJ columns kept in gogen's All_Results_Condensed.csv, in order. */
export const DOJ_CONDENSED_COLUMNS = [
  'CII_NUMBER',
  'PRI_NAME',
  'GENDER',
  'PRI_DOB',
  'RACE_DESCR',
  'CYC_DATE',
  'STP_EVENT_DATE',
  'STP_ORI_DESCR',
  'STP_ORI_CNTY_NAME',
  'DISP_DATE',
  'OFN',
  'OFFENSE_DESCR',
  'DISP_DESCR',
  'CONV_STAT_DESCR',
  'SENT_LOC_DESCR',
  'SENT_LENGTH',
  'SENT_TIME_CODE',
  'CYC_AGE',
  'COMMENT_TEXT',
  'END_OF_REC',
] as const;

/** The 18 eligibility columns gogen appends, in order. */
export const GOGEN_ELIGIBILITY_COLUMNS = [
  'Case Number',
  '# of convictions on record',
  'Possible Other P64 Charges',
  'Occurred after 11/9/2016',
  'Superstrike Code Section(s)',
  'PC290 Code Section(s)',
  'PC290 Registration',
  'Date of Conviction',
  'Years Since This Conviction',
  'Years Since Any Conviction',
  '# of Prop 64 convictions',
  '# of HS 11357 convictions',
  '# of HS 11358 convictions',
  '# of HS 11359 convictions',
  '# of HS 11360 convictions',
  'Deceased',
  'Eligibility Determination',
  'Eligibility Reason',
] as const;

export const GOGEN_CONDENSED_HEADER: readonly string[] = [...DOJ_CONDENSED_COLUMNS, ...GOGEN_ELIGIBILITY_COLUMNS];

// Column positions, so rows can be filled by name without a lookup per row.
export const C = Object.fromEntries(GOGEN_CONDENSED_HEADER.map((name, i) => [name, i])) as Record<string, number>;
export function col(name: (typeof GOGEN_CONDENSED_HEADER)[number]): number {
  const i = C[name];
  if (i === undefined) throw new Error(`unknown column ${name}`);
  return i;
}
export const COL = {
  cii: col('CII_NUMBER'),
  name: col('PRI_NAME'),
  gender: col('GENDER'),
  dob: col('PRI_DOB'),
  race: col('RACE_DESCR'),
  cycDate: col('CYC_DATE'),
  stpDate: col('STP_EVENT_DATE'),
  court: col('STP_ORI_DESCR'),
  county: col('STP_ORI_CNTY_NAME'),
  dispDate: col('DISP_DATE'),
  ofn: col('OFN'),
  offense: col('OFFENSE_DESCR'),
  disp: col('DISP_DESCR'),
  convStat: col('CONV_STAT_DESCR'),
  sentLoc: col('SENT_LOC_DESCR'),
  sentLength: col('SENT_LENGTH'),
  sentTime: col('SENT_TIME_CODE'),
  cycAge: col('CYC_AGE'),
  comment: col('COMMENT_TEXT'),
  endOfRec: col('END_OF_REC'),
  caseNumber: col('Case Number'),
  convictionsOnRecord: col('# of convictions on record'),
  otherP64: col('Possible Other P64 Charges'),
  after2016: col('Occurred after 11/9/2016'),
  superstrike: col('Superstrike Code Section(s)'),
  pc290Sections: col('PC290 Code Section(s)'),
  pc290Registration: col('PC290 Registration'),
  convictionDate: col('Date of Conviction'),
  yearsSinceThis: col('Years Since This Conviction'),
  yearsSinceAny: col('Years Since Any Conviction'),
  p64Count: col('# of Prop 64 convictions'),
  hs11357: col('# of HS 11357 convictions'),
  hs11358: col('# of HS 11358 convictions'),
  hs11359: col('# of HS 11359 convictions'),
  hs11360: col('# of HS 11360 convictions'),
  deceased: col('Deceased'),
  determination: col('Eligibility Determination'),
  reason: col('Eligibility Reason'),
} as const;

// ---------------------------------------------------------------------------
// Los Angeles courts
// ---------------------------------------------------------------------------

export interface SampleCourt {
  /** STP_ORI_DESCR as DOJ spells it (the tidy spelling). */
  doj: string;
  /** City whose city attorney prosecuted misdemeanors there, if any. */
  city?: string;
  /** Invented felony case-number prefix, e.g. "BA". */
  felonyPrefix: string;
  /** Invented two-letter misdemeanor court code, e.g. "LB" in "4LB01234". */
  misdemeanorCode: string;
  /** Relative share of the county's felony cases. */
  felonyWeight: number;
  /** Relative share of the county's misdemeanor cases. */
  misdemeanorWeight: number;
}

/**
 * Every DOJ court string for Los Angeles County that the sample uses: the
 * CAMC and CASC lists seen in extracts plus the other cities' old municipal
 * courts. `city` matches samples/los-angeles/config.yaml.
 */
export const LA_COURTS: readonly SampleCourt[] = [
  // Former municipal courts (CAMC).
  { doj: 'CAMC Beverly Hills', felonyPrefix: 'SA', misdemeanorCode: 'BH', felonyWeight: 1, misdemeanorWeight: 2 },
  { doj: 'CAMC Compton', felonyPrefix: 'VA', misdemeanorCode: 'CP', felonyWeight: 2, misdemeanorWeight: 6 },
  { doj: 'CAMC Culver City', felonyPrefix: 'SA', misdemeanorCode: 'CC', felonyWeight: 1, misdemeanorWeight: 2 },
  { doj: 'CAMC El Monte', felonyPrefix: 'KA', misdemeanorCode: 'EM', felonyWeight: 1, misdemeanorWeight: 3 },
  { doj: 'CAMC Glendale', felonyPrefix: 'GA', misdemeanorCode: 'GL', felonyWeight: 1, misdemeanorWeight: 2 },
  { doj: 'CAMC Hollywood', city: 'Los Angeles', felonyPrefix: 'BA', misdemeanorCode: 'HW', felonyWeight: 1, misdemeanorWeight: 8 },
  { doj: 'CAMC Long Beach', city: 'Long Beach', felonyPrefix: 'NA', misdemeanorCode: 'LB', felonyWeight: 2, misdemeanorWeight: 12 },
  { doj: 'CAMC Los Angeles Metro', city: 'Los Angeles', felonyPrefix: 'BA', misdemeanorCode: 'CA', felonyWeight: 2, misdemeanorWeight: 16 },
  { doj: 'CAMC San Fernando', city: 'Los Angeles', felonyPrefix: 'PA', misdemeanorCode: 'SF', felonyWeight: 1, misdemeanorWeight: 4 },
  { doj: 'CAMC Santa Monica', city: 'Santa Monica', felonyPrefix: 'SA', misdemeanorCode: 'SM', felonyWeight: 1, misdemeanorWeight: 6 },
  { doj: 'CAMC Van Nuys', city: 'Los Angeles', felonyPrefix: 'LA', misdemeanorCode: 'VN', felonyWeight: 2, misdemeanorWeight: 8 },
  { doj: 'CAMC Torrance', city: 'Torrance', felonyPrefix: 'YA', misdemeanorCode: 'TR', felonyWeight: 1, misdemeanorWeight: 5 },
  { doj: 'CAMC Pasadena', city: 'Pasadena', felonyPrefix: 'GA', misdemeanorCode: 'PS', felonyWeight: 1, misdemeanorWeight: 5 },
  { doj: 'CAMC Inglewood', city: 'Inglewood', felonyPrefix: 'YA', misdemeanorCode: 'IW', felonyWeight: 1, misdemeanorWeight: 5 },
  { doj: 'CAMC Burbank', city: 'Burbank', felonyPrefix: 'GA', misdemeanorCode: 'BU', felonyWeight: 1, misdemeanorWeight: 4 },
  { doj: 'CAMC Hawthorne', city: 'Hawthorne', felonyPrefix: 'YA', misdemeanorCode: 'HA', felonyWeight: 1, misdemeanorWeight: 4 },
  { doj: 'CAMC Redondo Beach', city: 'Redondo Beach', felonyPrefix: 'YA', misdemeanorCode: 'RB', felonyWeight: 1, misdemeanorWeight: 3 },
  { doj: 'CAMC Hermosa Beach', city: 'Hermosa Beach', felonyPrefix: 'YA', misdemeanorCode: 'HB', felonyWeight: 1, misdemeanorWeight: 3 },
  // Superior Court (CASC).
  { doj: 'CASC Alhambra', felonyPrefix: 'GA', misdemeanorCode: 'AH', felonyWeight: 6, misdemeanorWeight: 0 },
  { doj: 'CASC Beverly Hills', felonyPrefix: 'SA', misdemeanorCode: 'BV', felonyWeight: 3, misdemeanorWeight: 0 },
  { doj: 'CASC Glendale', felonyPrefix: 'GA', misdemeanorCode: 'GD', felonyWeight: 4, misdemeanorWeight: 0 },
  { doj: 'CASC Long Beach', city: 'Long Beach', felonyPrefix: 'NA', misdemeanorCode: 'LG', felonyWeight: 10, misdemeanorWeight: 1 },
  { doj: 'CASC Los Angeles', city: 'Los Angeles', felonyPrefix: 'BA', misdemeanorCode: 'LX', felonyWeight: 12, misdemeanorWeight: 1 },
  { doj: 'CASC MC Van Nuys', city: 'Los Angeles', felonyPrefix: 'LA', misdemeanorCode: 'VY', felonyWeight: 10, misdemeanorWeight: 1 },
  { doj: 'CASC San Fernando', city: 'Los Angeles', felonyPrefix: 'PA', misdemeanorCode: 'SN', felonyWeight: 6, misdemeanorWeight: 0 },
  { doj: 'CASC West Covina', felonyPrefix: 'KA', misdemeanorCode: 'WC', felonyWeight: 6, misdemeanorWeight: 1 },
  { doj: 'CASC West LA Airport', city: 'Los Angeles', felonyPrefix: 'YA', misdemeanorCode: 'WL', felonyWeight: 6, misdemeanorWeight: 0 },
  { doj: 'CASC Los Angeles Central', city: 'Los Angeles', felonyPrefix: 'BA', misdemeanorCode: 'CE', felonyWeight: 30, misdemeanorWeight: 2 },
];

// ---------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------

export const LAST_NAMES = [
  'GARCIA', 'HERNANDEZ', 'LOPEZ', 'MARTINEZ', 'RODRIGUEZ', 'GONZALEZ', 'PEREZ', 'SANCHEZ', 'RAMIREZ', 'TORRES',
  'FLORES', 'RIVERA', 'GOMEZ', 'DIAZ', 'REYES', 'MORALES', 'CRUZ', 'ORTIZ', 'SMITH', 'JOHNSON',
  'WILLIAMS', 'BROWN', 'JONES', 'DAVIS', 'MILLER', 'WILSON', 'MOORE', 'TAYLOR', 'ANDERSON', 'THOMAS',
  'JACKSON', 'WHITE', 'HARRIS', 'MARTIN', 'THOMPSON', 'YOUNG', 'KIM', 'LEE', 'PARK', 'CHEN',
  'WONG', 'TRAN', 'SANTOS', 'DELA CRUZ', "O'NEIL", 'VAN DYKE',
  // A few that are not plain ASCII, as real extracts sometimes carry.
  'NGUYỄN', 'MÜLLER', 'Ó BRIAIN', 'PEÑA', 'MUÑOZ', 'JOVANOVIĆ',
];
export const FIRST_NAMES_M = [
  'JOSE', 'JUAN', 'CARLOS', 'LUIS', 'MIGUEL', 'JESUS', 'ANTONIO', 'DAVID', 'MICHAEL', 'JAMES',
  'ROBERT', 'JOHN', 'WILLIAM', 'RICHARD', 'DANIEL', 'ANTHONY', 'KEVIN', 'BRIAN', 'MARCUS', 'ANDRE',
  'TERRELL', 'DARNELL', 'MINH', 'HYUN', 'WEI',
  'JOSÉ', 'RAÚL', 'JOAQUÍN', 'SEÁN', 'FRANÇOIS',
];
export const FIRST_NAMES_F = [
  'MARIA', 'ROSA', 'ANA', 'GUADALUPE', 'PATRICIA', 'LINDA', 'BARBARA', 'ELIZABETH', 'JENNIFER', 'LISA',
  'MICHELLE', 'KIMBERLY', 'ANGELA', 'TANYA', 'KEISHA', 'MAI', 'SOO', 'LIN',
  'ZOË', 'INÉS', 'BEATRIZ', 'SIOBHÁN', 'RENÉE',
];
export const INITIALS = 'ABCDEFGHJKLMNPRSTW'.split('');

export const RACES = ['HISPANIC', 'BLACK', 'WHITE', 'OTHER ASIAN', 'FILIPINO', 'KOREAN', 'VIETNAMESE', 'CHINESE', 'OTHER', 'UNKNOWN'];
export const RACE_WEIGHTS = cumulative([42, 28, 20, 2, 1.5, 1, 1, 1, 2, 1.5]);

/**
 * Modern sections (the 1972 recodification, Stats. 1972, ch. 1407, onward) and the former sections an
 * offense committed before it was charged under: former HS 11530 possession, 11531 sale, furnishing or
 * transport (see ../shared/reference/prop64-law.md). A record keeps the section it was charged under.
 */
export type Section = '11357' | '11357(A)' | '11357(B)' | '11357(C)' | '11358' | '11359' | '11360(A)' | '11360(B)' | '11530' | '11531';
export interface Offense {
  section: Section;
  /** OFFENSE_DESCR spellings seen for this section. */
  descr: readonly string[];
  /** The section as written in COMMENT_TEXT when OFFENSE_DESCR says SEE COMMENT FOR CHARGE. */
  comment: string;
  /** Which "# of HS 113xx convictions" column it counts in; null for a former section, counted in none. */
  base: 0 | 1 | 2 | 3 | null;
}
export const OFFENSES: Record<Section, Offense> = {
  '11357': { section: '11357', descr: ['11357 HS-POSSESS MARIJUANA', '11357 HS-POSS MARIJUANA'], comment: 'CHRG 11357 HS', base: 0 },
  '11357(A)': {
    section: '11357(A)',
    descr: ['11357(A)HS-POSSESS CONCENTRATED CANNABIS', '11357(A) HS-POSSESS CONCENTRATED CANNABIS'],
    comment: 'CHRG 11357(A) HS',
    base: 0,
  },
  '11357(B)': {
    section: '11357(B)',
    descr: ['11357(B)HS-POSSESS MARIJUANA 28.5 GRAMS OR LESS', '11357(B) HS-POSS MARIJUANA 1 OZ/LESS'],
    comment: 'CHRG 11357(B) HS',
    base: 0,
  },
  '11357(C)': {
    section: '11357(C)',
    descr: ['11357(C)HS-POSSESS MARIJUANA', '11357(C) HS-POSSESS MARIJUANA OVER 28.5 GRAMS'],
    comment: 'CHRG 11357 HS',
    base: 0,
  },
  '11358': {
    section: '11358',
    descr: ['11358 HS-CULTIVATE MARIJUANA', '11358 HS-PLANT/CULTIVATE/ETC MARIJUANA/HASH', '11358HS-CULTIVATE MARIJUANA'],
    comment: 'CHRG 11358 HS',
    base: 1,
  },
  '11359': {
    section: '11359',
    descr: ['11359 HS-MARIJUANA POSSESION FOR SALE', '11359 HS-POSSESS MARIJUANA FOR SALE', '11359HS-POSS MARIJUANA FOR SALE'],
    comment: 'CHRG 11359 HS',
    base: 2,
  },
  '11360(A)': {
    section: '11360(A)',
    descr: ['11360(A)HS-TRANSPORT/SELL MARIJUANA', '11360(A) HS-SELL/FURNISH/ETC MARIJUANA/HASH', '11360 HS-TRANSPORT/ETC MARIJUANA'],
    comment: 'CHRG 11360(A) HS',
    base: 3,
  },
  '11360(B)': {
    section: '11360(B)',
    descr: ['11360(B)HS-GIVE/TRANSPORT/ETC < 28.5 GRAMS MARIJUANA', '11360(B) HS-TRANSPORT/GIVE AWAY MARIJUANA 1 OZ/LESS'],
    comment: 'CHRG 11360(B) HS',
    base: 3,
  },
  '11530': {
    section: '11530',
    descr: ['11530 HS-POSSESS MARIJUANA', '11530 HS-POSS MARIJUANA'],
    comment: 'CHRG 11530 HS',
    base: null,
  },
  '11531': {
    section: '11531',
    descr: ['11531 HS-SELL/TRANSPORT MARIJUANA', '11531 HS-TRANSPORT/SELL/FURNISH MARIJUANA'],
    comment: 'CHRG 11531 HS',
    base: null,
  },
};
export const FELONY_SECTIONS: readonly Section[] = ['11359', '11360(A)', '11358', '11357(A)'];
export const FELONY_SECTION_WEIGHTS = cumulative([38, 32, 18, 12]);
export const MISDEMEANOR_SECTIONS: readonly Section[] = ['11357(B)', '11357(C)', '11360(B)', '11357(A)', '11357'];
export const MISDEMEANOR_SECTION_WEIGHTS = cumulative([40, 30, 15, 10, 5]);
/** Offenses before the 1972 recodification: possession (former 11530) and sale or transport (former 11531). */
export const FORMER_SECTIONS: readonly Section[] = ['11530', '11531'];
export const FORMER_FELONY_SECTION_WEIGHTS = cumulative([60, 40]);
export const FORMER_MISDEMEANOR_SECTION_WEIGHTS = cumulative([85, 15]);

export const DISMISSAL = 'Eligible for Dismissal';
export const REDUCTION = 'Eligible for Reduction';
export const NOT_ELIGIBLE = 'Not eligible';
export const MAYBE = 'Maybe Eligible - Flag for Review';
export const HAND_REVIEW = 'Hand Review';
export const CITY_ATTORNEYS = 'To be reviewed by City Attorneys';
