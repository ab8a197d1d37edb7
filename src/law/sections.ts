/**
 * Code sections as the documents print them: each section once, in its most
 * specific form. A record may list a section both bare and with its
 * subdivision ("HS 11357(c), HS 11357", "HS 11360, HS 11360(a)"): the bare
 * form adds nothing, so it is left out. Distinct subdivisions of one section
 * ("HS 11357(b), HS 11357(c)") all stay. The case record keeps what the input
 * said (the ceilings and the manifest read it); this is for printing.
 */

const key = (s: string) => s.replace(/\s+/g, ' ').replace(/ \(/g, '(').trim().toUpperCase();

/** Each section once, in its most specific form, in order of appearance. */
export function distinctSections(sections: readonly string[]): string[] {
  const keys = [...new Set(sections.map(key).filter((k) => k !== ''))];
  const kept = new Set(keys.filter((k) => !keys.some((t) => t.startsWith(`${k}(`))));
  const out: string[] = [];
  for (const s of sections) {
    const k = key(s);
    if (kept.delete(k)) out.push(s.trim());
  }
  return out;
}
