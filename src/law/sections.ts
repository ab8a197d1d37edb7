/**
 * Code sections as the documents print them: each section once, in its most
 * specific form. A record may list a section both bare and with its
 * subdivision ("HS 11357(c), HS 11357", "HS 11360, HS 11360(a)"): the bare
 * form adds nothing, so it is left out. Distinct subdivisions of one section
 * ("HS 11357(b), HS 11357(c)") all stay. The case record keeps what the input
 * said (the ceilings and the manifest read it); this is for printing.
 */

const key = (s: string) => s.replace(/\s+/g, ' ').replace(/ \(/g, '(').trim().toUpperCase();

function distinct(sections: readonly string[]): readonly string[] {
  const keys = [...new Set(sections.map(key).filter((k) => k !== ''))];
  const kept = new Set(keys.filter((k) => !keys.some((t) => t.startsWith(`${k}(`))));
  const out: string[] = [];
  for (const s of sections) {
    const k = key(s);
    if (kept.delete(k)) out.push(s.trim());
  }
  return Object.freeze(out);
}

/**
 * The answers for lists of several sections, by the list joined: a county's
 * exhibit prints a few hundred distinct lists a million times over (exhibit,
 * index.csv, both renderers). Bounded; a pure function's cache, so nothing
 * of one run shows in another.
 */
const SEVERAL = new Map<string, readonly string[]>();
const SEVERAL_MAX = 4096;
const NONE: readonly string[] = Object.freeze([]);

/** Each section once, in its most specific form, in order of appearance. */
export function distinctSections(sections: readonly string[]): readonly string[] {
  if (sections.length === 0) return NONE;
  if (sections.length === 1) {
    // One section is kept as it is, trimmed, unless it is only spaces (its key would be empty).
    const t = sections[0]!.trim();
    return t === '' ? NONE : [t];
  }
  const k = sections.join('\u0000');
  let hit = SEVERAL.get(k);
  if (!hit) {
    if (SEVERAL.size >= SEVERAL_MAX) SEVERAL.clear();
    SEVERAL.set(k, (hit = distinct(sections)));
  }
  return hit;
}
