/**
 * Dates of the law that screening turns on. Counsel corrects them here.
 */

/**
 * Prop 64 took effect on 9 November 2016 [checked]. Relief turns on whether the
 * offense was committed before it; a conviction dated on or after it needs a
 * person to check the offense date, so it goes to review (BM311).
 */
export const PROP_64_EFFECTIVE = '2016-11-09';

/** gogen's yes in "Occurred after 11/9/2016" (it has written Y, Yes and true). */
export const isYes = (v: string): boolean => /^(y|yes|true)$/i.test(v.trim());
