// Greedy label placement for scatter plots (no DOM): each point, in priority order, takes the
// first candidate spot beside its dot that stays inside the frame and clears every dot and every
// label already placed; a label left out gets a second chance if moving one placed label to
// another of its spots frees room. Points with no free spot stay unlabelled (the chart gives
// them a tooltip).

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface LabelRequest {
  id: string;
  text: string;
  /** Dot centre and radius, in pixels. */
  x: number;
  y: number;
  r: number;
  /** Lower goes first. */
  priority: number;
}

export interface PlacedLabel {
  id: string;
  text: string;
  /** Centre of the label's box, in pixels (draw with text-anchor middle, middle baseline). */
  x: number;
  y: number;
  box: Box;
}

export interface PlaceLabelsOptions {
  /** Labels must lie wholly inside this box. */
  bounds: Box;
  /** Width and height of a text in pixels; defaults to {@link estimateTextSize} at 11 px. */
  measure?: (text: string) => {width: number; height: number};
  /** Pixels between a dot's edge and its label. */
  gap?: number;
  /** Pixels of clear space kept around each label. */
  padding?: number;
}

/** Rough text size for a sans-serif face: wide for capitals and digits, so it errs on the large side. */
export function estimateTextSize(text: string, fontSizePx = 11): {width: number; height: number} {
  let ems = 0;
  for (const c of text) {
    if (/[ilj.,:;'|!I1 ]/.test(c)) ems += 0.32;
    else if (/[A-Z0-9MW]/.test(c)) ems += 0.68;
    else ems += 0.56;
  }
  return {width: ems * fontSizePx, height: fontSizePx * 1.25};
}

export function boxesOverlap(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

function inside(box: Box, bounds: Box): boolean {
  return box.left >= bounds.left && box.right <= bounds.right && box.top >= bounds.top && box.bottom <= bounds.bottom;
}

function grow(box: Box, by: number): Box {
  return {left: box.left - by, top: box.top - by, right: box.right + by, bottom: box.bottom + by};
}

/** Label centres to try around a dot: right, left, above, below, then the four diagonals. */
function candidates(p: LabelRequest, width: number, height: number, gap: number): [number, number][] {
  const dx = p.r + gap + width / 2;
  const dy = p.r + gap + height / 2;
  const side = p.r + gap;
  return [
    [p.x + dx, p.y], [p.x - dx, p.y], [p.x, p.y - dy], [p.x, p.y + dy],
    [p.x + side + width / 2, p.y - dy], [p.x - side - width / 2, p.y - dy],
    [p.x + side + width / 2, p.y + dy], [p.x - side - width / 2, p.y + dy]
  ];
}

export function placeLabels(points: readonly LabelRequest[], options: PlaceLabelsOptions): {placed: PlacedLabel[]; unplaced: string[]} {
  const {bounds, measure = (t: string) => estimateTextSize(t), gap = 3, padding = 2} = options;
  const dots: Box[] = points.map((p) => ({left: p.x - p.r, top: p.y - p.r, right: p.x + p.r, bottom: p.y + p.r}));
  const spots = (p: LabelRequest): PlacedLabel[] => {
    const {width, height} = measure(p.text);
    return candidates(p, width, height, gap).map(([x, y]) => ({id: p.id, text: p.text, x, y, box: {left: x - width / 2, top: y - height / 2, right: x + width / 2, bottom: y + height / 2}}));
  };
  const fits = (spot: PlacedLabel, others: readonly PlacedLabel[]) => {
    const padded = grow(spot.box, padding);
    return inside(spot.box, bounds) && !dots.some((d) => boxesOverlap(padded, d)) && !others.some((l) => boxesOverlap(padded, l.box));
  };
  const placed: PlacedLabel[] = [];
  const left: LabelRequest[] = [];
  for (const p of [...points].sort((a, b) => a.priority - b.priority)) {
    const spot = spots(p).find((s) => fits(s, placed));
    if (spot) placed.push(spot);
    else left.push(p);
  }
  // Repair: a label left out may fit if one label already placed moves to another of its spots.
  const unplaced: string[] = [];
  for (const p of left) {
    const mine = spots(p);
    const move = placed.flatMap((q, i) => {
      const rest = placed.filter((_, j) => j !== i);
      return points.filter((r) => r.id === q.id).flatMap(spots)
        .filter((alt) => alt.x !== q.x || alt.y !== q.y)
        .filter((alt) => fits(alt, rest))
        .flatMap((alt) => {
          const spot = mine.find((s) => fits(s, [...rest, alt]));
          return spot ? [{i, alt, spot}] : [];
        })
        .slice(0, 1);
    })[0];
    if (move) {
      placed[move.i] = move.alt;
      placed.push(move.spot);
    } else unplaced.push(p.id);
  }
  return {placed, unplaced};
}
