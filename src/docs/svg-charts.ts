/**
 * Charts as plain SVG strings, for documents that must be one self-contained file: the training loss curve
 * (train and validation loss over steps), the "delta with interval" chart of a regression test (a point per
 * metric at its change, a bar for the 95% interval, a zero line, coloured and shaped by verdict) and a bar
 * chart of metric values with interval whiskers. No scripts, fonts or links. Empty, NaN and single-point
 * data give a valid SVG that says so, never a broken one. Every coordinate is a finite number.
 */
import type { BarRow, DeltaRow, LossPoint } from "./document.js";

const FONT = "system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif";
const INK = "#24292f";
const MUTED = "#57606a";
const GRID = "#d8dee4";
const TRAIN = "#0969da";
const VALID = "#bc4c00";
export const VERDICT_COLORS = { PASS: "#1a7f37", WARN: "#9a6700", FAIL: "#cf222e" } as const;

export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );
}

/** A coordinate: rounded to a tenth, and never NaN or infinite in the output. */
const n = (v: number): string => (Number.isFinite(v) ? String(Math.round(v * 10) / 10) : "0");
const finite = (v: number | null | undefined): v is number => typeof v === "number" && Number.isFinite(v);

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Round ticks covering [lo, hi] (lo < hi), and the domain widened to the outer ticks. */
export function niceScale(lo: number, hi: number, count = 5): { lo: number; hi: number; ticks: number[] } {
  if (!(hi > lo)) [lo, hi] = [lo - 1, lo + 1];
  const raw = (hi - lo) / count;
  let step = 10 ** Math.floor(Math.log10(raw));
  const ratio = raw / step;
  step *= ratio > 5 ? 10 : ratio > 2 ? 5 : ratio > 1 ? 2 : 1;
  const start = Math.floor(lo / step + 1e-9);
  const end = Math.ceil(hi / step - 1e-9);
  const digits = Math.max(0, -Math.floor(Math.log10(step)));
  const ticks: number[] = [];
  for (let i = start; i <= end; i++) ticks.push(Number((i * step).toFixed(digits)));
  return { lo: start * step, hi: end * step, ticks };
}

function tickLabel(v: number, ticks: number[], suffix = ""): string {
  const step = ticks.length > 1 ? Math.abs((ticks[1] as number) - (ticks[0] as number)) : 1;
  const digits = Math.max(0, Math.min(6, -Math.floor(Math.log10(step || 1))));
  const s = v.toFixed(digits);
  return `${Number(s) === 0 ? (0).toFixed(digits) : s.replace("-", "\u2212")}${suffix}`;
}

function open(width: number, height: number, title: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"` +
    ` role="img" aria-label="${escapeXml(title)}" font-family="${FONT}" font-size="11" fill="${INK}">` +
    `<title>${escapeXml(title)}</title>` +
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`
  );
}

function empty(width: number, height: number, title: string, message: string): string {
  return `${open(width, height, title)}<text x="${n(width / 2)}" y="${n(height / 2)}" text-anchor="middle" fill="${MUTED}">${escapeXml(message)}</text></svg>`;
}

const text = (x: number, y: number, s: string, attrs = ""): string =>
  `<text x="${n(x)}" y="${n(y)}"${attrs ? ` ${attrs}` : ""}>${escapeXml(s)}</text>`;
const line = (x1: number, y1: number, x2: number, y2: number, attrs: string): string =>
  `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" ${attrs}/>`;

/** Keeps at most `max` points, evenly spaced, always with the first and the last. */
function thin<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  const stride = (items.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => items[Math.round(i * stride)] as T);
}

export interface ChartOptions {
  title?: string;
  width?: number;
}

/** Training loss over steps: train loss, and validation loss when any row has it. */
export function lossChart(points: LossPoint[], options: ChartOptions = {}): string {
  const title = options.title ?? "Training loss";
  const width = options.width ?? 640;
  const height = 320;
  const series = (pick: (p: LossPoint) => number | null) =>
    thin(
      points
        .filter((p) => finite(p.step) && finite(pick(p)))
        .map((p) => ({ x: p.step, y: pick(p) as number }))
        .sort((a, b) => a.x - b.x),
      600,
    );
  const train = series((p) => p.train);
  const valid = series((p) => p.valid);
  const all = [...train, ...valid];
  if (all.length === 0) return empty(width, height, title, "No training metrics recorded yet");

  const [ml, mr, mt, mb] = [60, 16, 34, 46];
  const xs = all.map((p) => p.x);
  const ys = all.map((p) => p.y);
  const xScale = niceScale(Math.min(...xs), Math.max(...xs), 6);
  const xTicks = xScale.ticks.filter((t) => Number.isInteger(t));
  const yMin = Math.min(...ys);
  const yMax = Math.max(...ys);
  const pad = yMax > yMin ? (yMax - yMin) * 0.05 : Math.abs(yMax) * 0.1 || 1;
  const yScale = niceScale(yMin >= 0 ? Math.max(0, yMin - pad) : yMin - pad, yMax + pad, 5);
  const px = (v: number) => ml + ((v - xScale.lo) / (xScale.hi - xScale.lo)) * (width - ml - mr);
  const py = (v: number) => height - mb - ((v - yScale.lo) / (yScale.hi - yScale.lo)) * (height - mt - mb);

  const parts: string[] = [open(width, height, title)];
  for (const t of yScale.ticks) {
    parts.push(line(ml, py(t), width - mr, py(t), `stroke="${GRID}" stroke-width="1"`));
    parts.push(text(ml - 6, py(t) + 4, tickLabel(t, yScale.ticks), `text-anchor="end" fill="${MUTED}"`));
  }
  for (const t of xTicks) {
    parts.push(line(px(t), height - mb, px(t), height - mb + 4, `stroke="${MUTED}"`));
    parts.push(text(px(t), height - mb + 16, tickLabel(t, [0, 1]), `text-anchor="middle" fill="${MUTED}"`));
  }
  parts.push(line(ml, height - mb, width - mr, height - mb, `stroke="${MUTED}"`));
  parts.push(line(ml, mt, ml, height - mb, `stroke="${MUTED}"`));
  parts.push(text((ml + width - mr) / 2, height - 8, "step", `text-anchor="middle" fill="${MUTED}"`));
  parts.push(
    text(
      14,
      (mt + height - mb) / 2,
      "loss",
      `text-anchor="middle" fill="${MUTED}" transform="rotate(-90 14 ${n((mt + height - mb) / 2)})"`,
    ),
  );

  const draw = (pts: { x: number; y: number }[], color: string, dash: string) => {
    if (pts.length >= 2) {
      const coords = pts.map((p) => `${n(px(p.x))},${n(py(p.y))}`).join(" ");
      parts.push(`<polyline points="${coords}" fill="none" stroke="${color}" stroke-width="2"${dash}/>`);
    }
    if (pts.length <= 40)
      for (const p of pts)
        parts.push(`<circle cx="${n(px(p.x))}" cy="${n(py(p.y))}" r="3" fill="${color}"/>`);
  };
  draw(train, TRAIN, "");
  draw(valid, VALID, ' stroke-dasharray="6 4"');

  const legend: [string, string, string][] = [];
  if (train.length) legend.push(["train loss", TRAIN, ""]);
  if (valid.length) legend.push(["validation loss", VALID, ' stroke-dasharray="6 4"']);
  legend.forEach(([label, color, dash], i) => {
    const x = ml + i * 140;
    parts.push(`<line x1="${x}" y1="16" x2="${x + 24}" y2="16" stroke="${color}" stroke-width="2"${dash}/>`);
    parts.push(text(x + 30, 20, label));
  });
  parts.push("</svg>");
  return parts.join("");
}

/** A verdict's marker: PASS a circle, WARN a diamond, FAIL a square, so print in grey still tells them apart. */
function marker(verdict: DeltaRow["verdict"], x: number, y: number): string {
  const color = VERDICT_COLORS[verdict];
  if (verdict === "PASS") return `<circle cx="${n(x)}" cy="${n(y)}" r="5" fill="${color}"/>`;
  if (verdict === "WARN")
    return `<polygon points="${n(x)},${n(y - 6)} ${n(x + 6)},${n(y)} ${n(x)},${n(y + 6)} ${n(x - 6)},${n(y)}" fill="${color}"/>`;
  return `<rect x="${n(x - 5)}" y="${n(y - 5)}" width="10" height="10" fill="${color}"/>`;
}

/** One row per metric: the change as a point, its 95% interval as a bar, the tolerance as a dashed tick. */
export function deltaChart(rows: DeltaRow[], options: ChartOptions & { axisLabel?: string } = {}): string {
  const title = options.title ?? "Change from baseline with 95% interval";
  const width = options.width ?? 720;
  if (rows.length === 0) return empty(width, 80, title, "No metrics compared");
  const [ml, mr, mt, mb, rowH] = [190, 170, 12, 44, 28];
  const height = mt + mb + rows.length * rowH;
  const values = rows.flatMap((r) => [r.delta, r.low, r.high, r.limit ?? null]).filter(finite);
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const pad = hi > lo ? (hi - lo) * 0.08 : 1;
  const scale = niceScale(lo - (lo < 0 ? pad : 0), hi + (hi > 0 ? pad : 0), 6);
  const px = (v: number) => ml + ((v - scale.lo) / (scale.hi - scale.lo)) * (width - ml - mr);
  const bottom = height - mb;

  const parts: string[] = [open(width, height, title)];
  for (let i = 1; i < rows.length; i += 2)
    parts.push(`<rect x="0" y="${n(mt + i * rowH)}" width="${width}" height="${rowH}" fill="#f6f8fa"/>`);
  for (const t of scale.ticks) {
    parts.push(line(px(t), mt, px(t), bottom, `stroke="${GRID}" stroke-width="1"`));
    parts.push(text(px(t), bottom + 16, tickLabel(t, scale.ticks), `text-anchor="middle" fill="${MUTED}"`));
  }
  parts.push(line(px(0), mt, px(0), bottom, `stroke="${INK}" stroke-width="1.5"`));
  parts.push(line(ml, bottom, width - mr, bottom, `stroke="${MUTED}"`));
  parts.push(
    text(
      (ml + width - mr) / 2,
      height - 8,
      options.axisLabel ?? "change (candidate − baseline)",
      `text-anchor="middle" fill="${MUTED}"`,
    ),
  );
  rows.forEach((row, i) => {
    const y = mt + i * rowH + rowH / 2;
    const color = VERDICT_COLORS[row.verdict];
    parts.push(text(ml - 8, y + 4, clip(row.label, 30), 'text-anchor="end"'));
    if (finite(row.limit))
      parts.push(
        line(px(row.limit), y - 10, px(row.limit), y + 10, `stroke="${MUTED}" stroke-dasharray="3 2"`),
      );
    if (finite(row.low) && finite(row.high)) {
      const [a, b] = row.low <= row.high ? [row.low, row.high] : [row.high, row.low];
      parts.push(
        line(
          px(a),
          y,
          px(b),
          y,
          `stroke="${color}" stroke-width="6" stroke-opacity="0.35" stroke-linecap="round"`,
        ),
      );
      parts.push(line(px(a), y - 5, px(a), y + 5, `stroke="${color}"`));
      parts.push(line(px(b), y - 5, px(b), y + 5, `stroke="${color}"`));
    }
    if (finite(row.delta)) parts.push(marker(row.verdict, px(row.delta), y));
    else parts.push(text(px(0) + 8, y + 4, "no data", `fill="${MUTED}"`));
    parts.push(text(width - mr + 10, y + 4, clip(row.text, 16), ""));
    parts.push(text(width - 10, y + 4, row.verdict, `text-anchor="end" font-weight="700" fill="${color}"`));
  });
  parts.push("</svg>");
  return parts.join("");
}

/** One horizontal bar per metric with its interval as a whisker. */
export function barChart(
  rows: BarRow[],
  options: ChartOptions & { axisLabel?: string; percent?: boolean } = {},
): string {
  const title = options.title ?? "Metric values with 95% intervals";
  const width = options.width ?? 720;
  if (rows.length === 0) return empty(width, 80, title, "No metrics to show");
  const [ml, mr, mt, mb, rowH] = [210, 90, 12, 44, 28];
  const height = mt + mb + rows.length * rowH;
  const values = rows.flatMap((r) => [r.value, r.low, r.high]).filter(finite);
  const lo = Math.min(0, ...values);
  const hi = Math.max(options.percent ? 100 : 0, ...values);
  const scale = niceScale(lo, hi > lo ? hi : lo + 1, 5);
  const px = (v: number) => ml + ((v - scale.lo) / (scale.hi - scale.lo)) * (width - ml - mr);
  const bottom = height - mb;
  const suffix = options.percent ? "%" : "";

  const parts: string[] = [open(width, height, title)];
  for (const t of scale.ticks) {
    parts.push(line(px(t), mt, px(t), bottom, `stroke="${GRID}" stroke-width="1"`));
    parts.push(
      text(px(t), bottom + 16, tickLabel(t, scale.ticks, suffix), `text-anchor="middle" fill="${MUTED}"`),
    );
  }
  parts.push(line(px(0), mt, px(0), bottom, `stroke="${MUTED}"`));
  parts.push(line(ml, bottom, width - mr, bottom, `stroke="${MUTED}"`));
  if (options.axisLabel)
    parts.push(
      text((ml + width - mr) / 2, height - 8, options.axisLabel, `text-anchor="middle" fill="${MUTED}"`),
    );
  rows.forEach((row, i) => {
    const y = mt + i * rowH + rowH / 2;
    const label = clip(row.label, 30) + (row.critical ? " ◆" : "");
    parts.push(text(ml - 8, y + 4, label, `text-anchor="end"${row.critical ? ' font-weight="700"' : ""}`));
    if (finite(row.value)) {
      const [a, b] = [px(Math.min(0, row.value)), px(Math.max(0, row.value))];
      parts.push(
        `<rect x="${n(a)}" y="${n(y - 8)}" width="${n(Math.max(0.5, b - a))}" height="16" fill="${TRAIN}" fill-opacity="0.75"/>`,
      );
    } else parts.push(text(px(0) + 8, y + 4, "no data", `fill="${MUTED}"`));
    if (finite(row.low) && finite(row.high)) {
      parts.push(line(px(row.low), y, px(row.high), y, `stroke="${INK}" stroke-width="1.5"`));
      parts.push(line(px(row.low), y - 5, px(row.low), y + 5, `stroke="${INK}" stroke-width="1.5"`));
      parts.push(line(px(row.high), y - 5, px(row.high), y + 5, `stroke="${INK}" stroke-width="1.5"`));
    }
    parts.push(text(width - mr + 8, y + 4, clip(row.text, 14)));
  });
  parts.push("</svg>");
  return parts.join("");
}
