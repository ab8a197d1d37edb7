/**
 * The one rounding rule for numbers written into a PDF: positions and widths
 * to a hundredth of a point, finer than any printer resolves, so layout
 * arithmetic leaves no float noise in the bytes.
 */
export const round = (n: number) => Math.round(n * 100) / 100;
