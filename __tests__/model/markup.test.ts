import { parseMarkup, MarkupError } from '../../src/model/markup';

const F = '```';

test('front matter, fences, headings, inline styles, numbered, quote, page break, centred lines', () => {
  const r = parseMarkup(`---
title: "A: B"
footer: F
---
${F}attorney
JANE ROE (SBN 1)
**Office**
${F}

# MEMO

## I. INTRO

Para one *it* **b** ++u++ line
two [[page:A]].

1. First
2. Second

> quote here

---

::: center
Line A
Line B
:::

::: left
No indent.
:::

${F}caption
THE PEOPLE,
Plaintiff,
---
Case No.: X
${F}

${F}exhibit
A
${F}
`);
  expect(r.meta).toEqual({ title: 'A: B', footer: 'F' });
  expect(r.blocks).toEqual([
    { kind: 'attorney', lines: [[{ text: 'JANE ROE (SBN 1)' }], [{ text: 'Office', bold: true }]] },
    { kind: 'heading', level: 1, runs: [{ text: 'MEMO' }] },
    { kind: 'heading', level: 2, runs: [{ text: 'I. INTRO' }] },
    {
      kind: 'paragraph',
      align: 'left',
      indent: true,
      runs: [{ text: 'Para one ' }, { text: 'it', italic: true }, { text: ' ' }, { text: 'b', bold: true }, { text: ' ' }, { text: 'u', underline: true }, { text: ' line two ' }, { pageRef: 'A' }, { text: '.' }],
    },
    { kind: 'numbered', number: '1.', runs: [{ text: 'First' }] },
    { kind: 'numbered', number: '2.', runs: [{ text: 'Second' }] },
    { kind: 'quote', runs: [{ text: 'quote here' }] },
    { kind: 'pageBreak' },
    { kind: 'lines', align: 'center', lines: [[{ text: 'Line A' }], [{ text: 'Line B' }]] },
    { kind: 'paragraph', align: 'left', indent: false, runs: [{ text: 'No indent.' }] },
    { kind: 'caption', left: [[{ text: 'THE PEOPLE,' }], [{ text: 'Plaintiff,' }]], right: [[{ text: 'Case No.: X' }]] },
    { kind: 'exhibit', letter: 'A' },
  ]);
});

test.each([
  [`${F}chart\nx\n${F}\n`, /unknown block "chart"/, 1],
  [`text\n\n${F}caption\nno divider\n${F}\n`, /needs a line "---"/, 3],
  [`${F}exhibit\nAB1\n${F}\n`, /one capital letter/, 1],
  ['    indented code\n', /indented block/, 1],
])('markup errors name the line: %j', (src, message, line) => {
  try {
    parseMarkup(src);
    throw new Error('expected a MarkupError');
  } catch (e) {
    expect(e).toBeInstanceOf(MarkupError);
    expect((e as Error).message).toMatch(message);
    expect((e as MarkupError).line).toBe(line);
  }
});
