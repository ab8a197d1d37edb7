/**
 * Config validation: every problem is a BM6xx diagnostic naming the key and
 * the line. Table-driven over edits of the base Los Angeles-like config.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfig } from '../src/config/load';
import type { DiagnosticCode } from '../src/diagnostics/catalog';
import { BASE_CONFIG_YAML, DA_MISDEMEANOR_FALLBACK, edit, lineOf } from './helpers/fixtures';

const FILE = 'config.yaml';

interface BadCase {
  name: string;
  yaml: string;
  code: DiagnosticCode;
  /** Text on the line the diagnostic must point at. */
  lineWith?: string;
  /** Expected `column` (the key path). */
  keyPath?: string;
  /** Substrings the message (or hint) must hold. */
  says?: string[];
}

const B = BASE_CONFIG_YAML;

const bad: BadCase[] = [
  {
    name: 'YAML syntax error: unclosed quote',
    yaml: edit(B, 'phone: "(213) 555-0100"', 'phone: "(213) 555-0100'),
    code: 'BM601',
    lineWith: 'phone: "(213) 555-0100',
  },
  {
    name: 'YAML syntax error: a key repeated in one map',
    yaml: edit(B, '    email: prop64@da.example.org\n', '    email: prop64@da.example.org\n    email: second@da.example.org\n'),
    code: 'BM601',
    lineWith: 'second@da.example.org',
  },
  {
    name: 'missing State Bar number',
    yaml: edit(B, '        bar_number: "123456"\n', ''),
    code: 'BM602',
    // The key is absent, so the line is that of the attorney it belongs to.
    lineWith: '- name: Alex Example',
    keyPath: 'agencies[0].attorneys[0].bar_number',
    says: ['agencies[0].attorneys[0].bar_number'],
  },
  {
    name: 'State Bar number with letters',
    yaml: edit(B, 'bar_number: "123456"', 'bar_number: "SBN12345"'),
    code: 'BM602',
    lineWith: 'SBN12345',
    keyPath: 'agencies[0].attorneys[0].bar_number',
    says: ['State Bar number'],
  },
  {
    name: 'State Bar number too long (8 digits)',
    yaml: edit(B, 'bar_number: "654321"', 'bar_number: "12345678"'),
    code: 'BM602',
    lineWith: '12345678',
    keyPath: 'agencies[1].attorneys[0].bar_number',
  },
  {
    name: 'unknown key inside a court',
    yaml: edit(B, '    city: Long Beach\n', '    city: Long Beach\n    fax: "(562) 555-0199"\n'),
    code: 'BM602',
    lineWith: 'fax:',
    keyPath: 'courts[1].fax',
    says: ['"fax"'],
  },
  {
    name: 'unknown top-level key',
    yaml: edit(B, 'input:\n', 'group_by: [court]\ninput:\n'),
    code: 'BM602',
    lineWith: 'group_by:',
    keyPath: 'group_by',
    says: ['"group_by"'],
  },
  {
    name: 'agency id that is not a slug',
    yaml: edit(B, '  - id: long-beach', '  - id: Long Beach'),
    code: 'BM602',
    lineWith: '- id: Long Beach',
    keyPath: 'agencies[1].id',
  },
  {
    name: 'determination mapped to a relief that does not exist',
    yaml: edit(B, 'Eligible for Dismissal: dismiss_and_seal', 'Eligible for Dismissal: expunge'),
    code: 'BM602',
    lineWith: 'expunge',
    says: ['determinations'],
  },
  {
    name: 'empty config',
    yaml: '',
    code: 'BM602',
    says: ['county'],
  },
  {
    name: 'duplicated alias across two courts, differing in case and spaces',
    yaml: edit(B, '    aliases: ["CAMC Long Beach"]\n', '    aliases:\n      - CAMC Long Beach\n      - "  casc LOS  angeles central "\n'),
    code: 'BM603',
    lineWith: 'casc LOS  angeles central',
    keyPath: 'courts[1].aliases[1]',
    says: ['courts[0]'],
  },
  {
    name: "a court's name equal to another court's alias",
    yaml: edit(B, '    name: Long Beach Courthouse', '    name: CASCLos Angeles Central'),
    code: 'BM603',
    lineWith: 'name: CASCLos Angeles Central',
    keyPath: 'courts[1].name',
  },
  {
    name: 'routing names an unknown agency',
    yaml: edit(B, '  - agency: long-beach', '  - agency: pasadena'),
    code: 'BM604',
    lineWith: 'agency: pasadena',
    keyPath: 'routing[1].agency',
    says: ['"pasadena"', 'da, long-beach'],
  },
  {
    name: 'routing names a city no court has',
    yaml: edit(B, '    cities: [Long Beach]', '    cities: [Lomg Beach]'),
    code: 'BM604',
    lineWith: 'Lomg Beach',
    keyPath: 'routing[1].cities[0]',
  },
  {
    name: 'routing names an unknown court',
    yaml: edit(B, '    cities: [Long Beach]', '    courts: [camc-pasadena]'),
    code: 'BM604',
    lineWith: 'camc-pasadena',
    keyPath: 'routing[1].courts[0]',
  },
  {
    name: 'duplicate agency id',
    yaml: edit(B, '  - id: long-beach', '  - id: da # duplicate'),
    code: 'BM605',
    lineWith: '# duplicate',
    keyPath: 'agencies[1].id',
  },
  {
    name: 'duplicate court id',
    yaml: edit(B, '  - id: camc-long-beach', '  - id: casc-los-angeles-central # duplicate'),
    code: 'BM605',
    lineWith: '# duplicate',
    keyPath: 'courts[1].id',
  },
  {
    name: 'determinations maps "Not eligible"',
    yaml: edit(B, 'determinations:\n', 'determinations:\n  Not eligible: dismiss\n'),
    code: 'BM606',
    lineWith: 'Not eligible: dismiss',
    says: ['Not eligible'],
  },
  {
    name: 'determinations maps "hand review" in another case',
    yaml: edit(B, 'determinations:\n', 'determinations:\n  hand review: dismiss\n'),
    code: 'BM606',
    lineWith: 'hand review: dismiss',
  },
  {
    name: 'determinations maps "To be reviewed by City Attorneys"',
    yaml: edit(B, 'determinations:\n', 'determinations:\n  To be reviewed by City Attorneys:\n    misdemeanor: dismiss\n'),
    code: 'BM606',
    // The value is a map, so the line given is that of the map (the next
    // line), not of the key; the key path is what names it here.
    keyPath: 'determinations.To be reviewed by City Attorneys',
  },
];

describe('parseConfig rejects a bad config with a located diagnostic', () => {
  test.each(bad)('$code: $name', ({ yaml, code, lineWith, keyPath, says }) => {
    const r = parseConfig(yaml, FILE);
    expect(r.config).toBeUndefined();
    expect(r.diagnostics.length).toBeGreaterThan(0);
    // Every config problem is fatal.
    for (const d of r.diagnostics) expect(d.severity).toBe('fatal');
    const hits = r.diagnostics.filter((d) => d.code === code);
    expect(hits.map((d) => d.code)).toContain(code);
    let d = hits[0]!;
    if (lineWith !== undefined) {
      const want = lineOf(yaml, lineWith);
      // Compare code+line pairs so a miss shows the lines we did get.
      expect(hits.map((h) => `${h.code}@${h.line}`)).toContain(`${code}@${want}`);
      d = hits.find((h) => h.line === want)!;
    }
    expect(d!.file).toBe(FILE);
    if (keyPath !== undefined) expect(d!.column).toBe(keyPath);
    for (const s of says ?? []) expect(`${d!.message}\n${d!.hint ?? ''}`).toContain(s);
  });
});

describe('parseConfig accepts a valid config', () => {
  test('the base config has no diagnostics and keeps its values', () => {
    const r = parseConfig(BASE_CONFIG_YAML, FILE);
    expect(r.diagnostics).toEqual([]);
    expect(r.config!.agencies.map((a) => a.id)).toEqual(['da', 'long-beach']);
    expect(r.config!.courts.map((c) => c.id)).toEqual(['casc-los-angeles-central', 'camc-long-beach']);
    expect(r.config!.routing).toHaveLength(3);
    expect(r.config!.determinations['Eligible for Dismissal']).toBe('dismiss_and_seal');
    expect(r.config!.input.preset).toBe('gogen');
  });

  test.each([
    ['a bar number written as a YAML number', edit(B, 'bar_number: "123456"', 'bar_number: 123456')],
    ['the base config without the misdemeanor fallback route', edit(B, DA_MISDEMEANOR_FALLBACK, '')],
    ["a court's own name repeated as its alias", edit(B, '    aliases: ["CAMC Long Beach"]', '    aliases: ["CAMC Long Beach", "long beach courthouse"]')],
  ])('%s', (_name, yaml) => {
    const r = parseConfig(yaml, FILE);
    expect(r.diagnostics).toEqual([]);
    expect(r.config).toBeDefined();
  });

  test('a bar number given as a number is kept as digits', () => {
    const r = parseConfig(edit(B, 'bar_number: "123456"', 'bar_number: 123456'), FILE);
    expect(r.config!.agencies[0]!.attorneys[0]!.bar_number).toBe('123456');
  });
});

describe('the sample configs parse cleanly', () => {
  const root = path.resolve(__dirname, '..');
  for (const county of ['los-angeles', 'alameda']) {
    const file = path.join(root, 'samples', county, 'config.yaml');
    // The samples ship with the package and the docs point at them: a moved one fails here, never skips.
    test(`samples/${county}/config.yaml`, () => {
      expect(fs.existsSync(file)).toBe(true);
      const r = parseConfig(fs.readFileSync(file, 'utf8'), file);
      expect(r.diagnostics).toEqual([]);
      expect(r.config).toBeDefined();
    });
  }
});
