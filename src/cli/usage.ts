/** A mistake on the command line: printed with a pointer to --help, exit code 2. */
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';

dayjs.extend(customParseFormat);

export class UsageError extends Error {}

/** --as-of, or today: the clock, read at the edge. */
export function asOfDate(value: string | undefined): string {
  if (value === undefined) return dayjs().format('YYYY-MM-DD');
  const d = dayjs(value, 'YYYY-MM-DD', true);
  if (!d.isValid()) throw new UsageError(`--as-of "${value}" is not a date written YYYY-MM-DD`);
  return value;
}
