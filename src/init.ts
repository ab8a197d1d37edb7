/**
 * `init`: a starter config from a case list. Every court string and county
 * found is listed, spellings that match ignoring case and spaces are put
 * together as aliases of one court, and the attorney details are TODOs.
 */
import { diag, type Diagnostic } from './diagnostics/catalog';
import { normaliseCourtKey } from './config/courts';
import { headerIndex } from './ingest/row';
import { parseTable } from './ingest/table';
import type { Preset } from './ingest';
import { plural } from './words';

interface Found {
  spellings: Map<string, number>;
}

const q = (s: string) => JSON.stringify(s);
const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'court';

export async function initConfig(inputs: Array<{ name: string; stream: NodeJS.ReadableStream | string }>, preset: Preset): Promise<{ yaml: string; diagnostics: Diagnostic[] }> {
  const courts = new Map<string, Found>();
  const counties = new Map<string, number>();
  const diagnostics: Diagnostic[] = [];
  const courtCol = preset === 'gogen' ? 'stp_ori_descr' : 'court';
  for (const input of inputs) {
    let ci = -1;
    let ki = -1;
    const out = await parseTable(input.stream, input.name, {
      header(fields, line) {
        const idx = headerIndex(fields);
        ci = idx.get(courtCol) ?? -1;
        ki = idx.get('stp_ori_cnty_name') ?? -1;
        if (ci < 0) return diag('BM104', { file: input.name, line }, `no "${preset === 'gogen' ? 'STP_ORI_DESCR' : 'court'}" column to take court names from`, preset === 'gogen' ? 'pass a gogen file, or --preset canonical' : 'pass a canonical file, or --preset gogen');
        return undefined;
      },
      row(fields) {
        const court = (fields[ci] ?? '').trim();
        if (court) {
          const key = normaliseCourtKey(court);
          const f = courts.get(key) ?? { spellings: new Map() };
          f.spellings.set(court, (f.spellings.get(court) ?? 0) + 1);
          courts.set(key, f);
        }
        const county = ki >= 0 ? (fields[ki] ?? '').trim() : '';
        if (county) counties.set(county, (counties.get(county) ?? 0) + 1);
      },
    });
    if (out.fatal) diagnostics.push(out.fatal);
  }
  const countyName = [...counties.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'TODO';
  const lines: string[] = [
    '# Starter config written by `bulk-motions init`. Fill in every TODO, in values and in comments:',
    '# a TODO comment marks a value init guessed. `generate` refuses to write documents while any is left',
    '# (or stamps them DRAFT - NOT FOR FILING with --draft); `validate` lists them.',
    '# See docs/config.md for every key.',
    '',
    `county: ${q(titleCase(countyName))}${counties.size ? '   # TODO: check (guessed from the data)' : ''}`,
    ...(counties.size > 1 ? [`# counties found: ${[...counties.entries()].map(([c, n]) => `${c} (${plural(n, 'row')})`).join(', ')}`] : []),
    'court_title: "SUPERIOR COURT OF THE STATE OF CALIFORNIA"',
    '',
    'agencies:',
    '  - id: da',
    '    name: "TODO County District Attorney"',
    '    attorneys:',
    '      - name: "TODO attorney name"',
    '        title: "Deputy District Attorney"   # TODO: check',
    '        bar_number: "TODO"   # State Bar number, digits only',
    '    address: ["TODO street", "TODO city, CA 9XXXX"]',
    '    phone: "TODO"',
    '    email: "TODO"',
    '    # Facts printed only when set (docs/config.md): how the cases were found,',
    '    # the screening criteria, the reviewing attorney\'s declaration.',
    '    # identified_by: doj_list   # doj_list | county_records | both',
    '    # screening_criteria: "TODO one paragraph"',
    '    # declaration: { name: "TODO", title: "Deputy District Attorney" }',
    '',
    `# ${plural(courts.size, 'court')} found. Spellings that differ only in case or spacing match anyway;`,
    '# add city: to a former municipal court whose misdemeanors a city attorney prosecuted.',
    'courts:',
  ];
  const used = new Set<string>();
  for (const f of [...courts.values()].sort((a, b) => (mostUsed(a) < mostUsed(b) ? -1 : 1))) {
    const name = mostUsed(f);
    let id = slug(name);
    for (let n = 2; used.has(id); n++) id = `${slug(name)}-${n}`;
    used.add(id);
    const total = [...f.spellings.values()].reduce((a, b) => a + b, 0);
    lines.push(`  - id: ${id}   # ${plural(total, 'row')}`, `    name: ${q(name)}   # TODO: the court's name as the clerk knows it (copied from the data)`, `    aliases: [${[...f.spellings.keys()].sort().map(q).join(', ')}]`);
  }
  if (courts.size === 0) lines.push('  [] # TODO: no courts were found');
  lines.push(
    '',
    'routing:',
    '  - agency: da',
    '    case_types: [felony, misdemeanor, infraction]   # TODO: check (a city attorney may file misdemeanors)',
    '',
    'determinations:',
    '  Eligible for Dismissal: dismiss          # TODO: confirm (dismiss, or dismiss_and_seal)',
    '  Eligible for Reduction:',
    '    felony: reduce_to_misdemeanor',
    '    misdemeanor: reduce_to_infraction',
    '',
    'input:',
    `  preset: ${preset}`,
    '',
    '# The caption\'s case number for the bulk proceeding; without it, a blank line for the clerk.',
    '# case_number: "TODO"',
    '# hearing: { date: "YYYY-MM-DD", time: "8:30 a.m.", department: "TODO", courthouse: "TODO", address: ["TODO"] }',
    '# notice: { parties: [{ name: "TODO County Public Defender", address: ["TODO"] }] }',
    '',
  );
  return { yaml: lines.join('\n'), diagnostics };
}

function mostUsed(f: Found): string {
  return [...f.spellings.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
}

function titleCase(s: string): string {
  return s.toLowerCase().replace(/\b\p{L}/gu, (c) => c.toUpperCase());
}
