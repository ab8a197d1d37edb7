/**
 * Numbers and plurals in text people read (the terminal, diagnostics,
 * reconciliation lines): one format everywhere, "4,646", and real plurals,
 * "1 case", "2 cases", never "case(s)". Numbers in JSON and CSV fields stay
 * plain numbers; this is only for prose.
 */
const NUMBER = new Intl.NumberFormat('en-US');
const PLURAL = new Intl.PluralRules('en-US');

/** 4646 -> "4,646". */
export function num(n: number): string {
  return NUMBER.format(n);
}

/** The word for n of it: plural(1, 'case') -> "1 case", plural(4646, 'row') -> "4,646 rows". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${num(n)} ${PLURAL.select(n) === 'one' ? one : many}`;
}

/** The word alone, without the number: noun(2, 'notice') -> "notices". */
export function noun(n: number, one: string, many = `${one}s`): string {
  return PLURAL.select(n) === 'one' ? one : many;
}
