import type { EmployeeType } from '../../normalize/types.js';
import { esc } from './escape.js';

export interface Bar {
  label: string;
  value: number;
  text: string;
}

/**
 * Horizontal bars, one per row, in the given order: inline SVG at its own size (narrower on a
 * narrow screen or page), the label column as wide as the longest label needs.
 */
export function barChart(bars: readonly Bar[], title: string): string {
  const rowH = 26;
  // At most 8 px a character at 12 px (capitals are wider than the average 7).
  const longest = Math.max(4, ...bars.map((b) => Math.min(34, b.label.length)));
  const labelW = Math.min(300, Math.ceil(longest * 8) + 12);
  const barW = 360;
  const valueW = Math.max(70, ...bars.map((b) => b.text.length * 7 + 10));
  const width = labelW + barW + valueW;
  const height = Math.max(1, bars.length) * rowH + 10;
  const rows = bars
    .map((b, i) => {
      const y = 5 + i * rowH;
      const w = Math.max(0, Math.min(1, b.value)) * barW;
      // About 7 px a character at 12 px: longer names are cut, the full name is in the tooltip.
      const label = b.label.length > 34 ? `${b.label.slice(0, 33)}…` : b.label;
      const hue = b.value >= 0.8 ? 'ok' : b.value >= 0.5 ? 'mid' : 'low';
      return (
        `<g class="bar-row"><title>${esc(b.label)}: ${esc(b.text)}</title>` +
        `<text x="${labelW - 8}" y="${y + 17}" text-anchor="end" class="label">${esc(label)}</text>` +
        `<rect class="track" x="${labelW}" y="${y + 4}" width="${barW}" height="${rowH - 8}" rx="3"/>` +
        `<rect class="bar ${hue}" data-label="${esc(b.label)}" data-value="${b.value}" x="${labelW}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowH - 8}" rx="3"/>` +
        `<text x="${(labelW + w + 6).toFixed(1)}" y="${y + 17}" class="value">${esc(b.text)}</text></g>`
      );
    })
    .join('');
  return `<svg class="chart bars" role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" preserveAspectRatio="xMinYMin meet">${rows}</svg>`;
}

export interface Bin {
  /** Lowest JP in the bin; the first bin holds exactly 0 JP. */
  from: number;
  /** Exclusive upper bound; Infinity for the last bin. */
  to: number;
  count: number;
}

/** Employees per JP bin: exactly 0, then steps of `step` JP up to `last`, then `last` and more. */
export function jpBins(values: readonly number[], step: number, last: number): Bin[] {
  const bins: Bin[] = [{ from: 0, to: 0, count: 0 }];
  for (let from = 0; from < last; from += step) bins.push({ from, to: from + step, count: 0 });
  bins.push({ from: last, to: Number.POSITIVE_INFINITY, count: 0 });
  for (const v of values) {
    if (v <= 0) bins[0]!.count++;
    else bins.find((b, k) => k > 0 && v >= b.from && v < b.to)!.count++;
  }
  return bins;
}

export interface Threshold {
  jp: number;
  label: string;
  types: EmployeeType[];
}

/** A histogram of JP per employee with each required JP marked by a dashed line. */
export function histogram(bins: readonly Bin[], thresholds: readonly Threshold[], title: string, axis: { x: string; y: string }): string {
  const left = 20;
  const top = 20 + thresholds.length * 14;
  const plotH = 180;
  const barW = 34;
  const gap = 6;
  const width = left + bins.length * (barW + gap) + 20;
  const height = top + plotH + 44;
  const max = Math.max(1, ...bins.map((b) => b.count));
  const xOf = (jp: number): number => {
    const k = bins.findIndex((b, i) => i > 0 && jp >= b.from && jp < b.to);
    const i = k < 0 ? bins.length - 1 : k;
    const b = bins[i]!;
    const frac = Number.isFinite(b.to) ? (jp - b.from) / (b.to - b.from) : 0;
    return left + i * (barW + gap) - gap / 2 + frac * (barW + gap);
  };
  const bars = bins
    .map((b, i) => {
      const h = (b.count / max) * plotH;
      const x = left + i * (barW + gap);
      const y = top + plotH - h;
      const label = i === 0 ? '0' : Number.isFinite(b.to) ? `${b.from}–${b.to}` : `≥${b.from}`;
      return (
        `<g><title>${esc(label)} ${esc(axis.x)}: ${b.count} ${esc(axis.y)}</title>` +
        `<rect class="hist" data-from="${b.from}" data-count="${b.count}" x="${x}" y="${y.toFixed(1)}" width="${barW}" height="${h.toFixed(1)}"/>` +
        (b.count ? `<text x="${x + barW / 2}" y="${(y - 4).toFixed(1)}" text-anchor="middle" class="value">${b.count}</text>` : '') +
        `<text x="${x + barW / 2}" y="${top + plotH + 16}" text-anchor="middle" class="tick">${esc(label)}</text></g>`
      );
    })
    .join('');
  const lines = thresholds
    .map((t, i) => {
      const x = xOf(t.jp).toFixed(1);
      return `<g class="threshold" data-jp="${t.jp}"><line x1="${x}" x2="${x}" y1="${14 + i * 14}" y2="${top + plotH}"/><text x="${x}" y="${12 + i * 14}" dx="4" class="tick">${esc(t.label)}</text></g>`;
    })
    .join('');
  const axisLine = `<line class="axis" x1="${left - 4}" x2="${width - 10}" y1="${top + plotH}" y2="${top + plotH}"/>`;
  const xLabel = `<text x="${(left + width) / 2}" y="${height - 6}" text-anchor="middle" class="tick">${esc(axis.x)}</text>`;
  return `<svg class="chart histogram" role="img" aria-label="${esc(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" preserveAspectRatio="xMinYMin meet">${axisLine}${bars}${lines}${xLabel}</svg>`;
}
