/**
 * JSON.stringify(value, null, 2), byte for byte, with every line indented by
 * `indent` after the first: one case of plan.json as it sits in the file,
 * without stringifying it and then re-indenting each line
 * (__tests__/output.test.ts compares the two on arbitrary values).
 */
export function prettyJson(value: unknown, indent: string): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return prettyJson((value as { toJSON: () => unknown }).toJSON(), indent);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    let out = '[\n';
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      // undefined, functions and symbols in an array are null.
      out += `${inner}${v === undefined || typeof v === 'function' || typeof v === 'symbol' ? 'null' : prettyJson(v, inner)}${i < value.length - 1 ? ',\n' : '\n'}`;
    }
    return `${out}${indent}]`;
  }
  let out = '';
  for (const k of Object.keys(value)) {
    const v: unknown = (value as Record<string, unknown>)[k];
    // Left out, as JSON.stringify leaves them out.
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    out += `${out ? ',\n' : ''}${inner}${JSON.stringify(k)}: ${prettyJson(v, inner)}`;
  }
  return out ? `{\n${out}\n${indent}}` : '{}';
}
