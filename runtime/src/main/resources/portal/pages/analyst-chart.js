// A small horizontal bar chart as inline SVG, built with DOM calls (no chart library, no markup parsing): one bar per
// entry, its label and count as text nodes. Each bar is a button (click, Enter or Space) that calls choose(key).
const SVG = 'http://www.w3.org/2000/svg';
const ROW = 26;
const LABEL = 170;
const WIDTH = 420;

function svg(tag, attributes, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, String(value));
  if (text !== undefined) el.textContent = String(text);
  return el;
}

/** counts: {key: number}, largest first (as the API answers); at most 12 bars. */
export function barChart(id, title, counts, choose) {
  const entries = Object.entries(counts || {}).slice(0, 12);
  const max = Math.max(1, ...entries.map(([, n]) => n));
  const chart = svg('svg', {id, class: 'bars', viewBox: `0 0 ${WIDTH} ${Math.max(1, entries.length) * ROW + 4}`,
    role: 'list', 'aria-label': title});
  entries.forEach(([key, n], i) => {
    const y = i * ROW + 2;
    const bar = svg('g', {class: 'bar', tabindex: 0, role: 'button', 'data-key': key, 'aria-label': `${key}: ${n}`});
    const length = Math.max(2, Math.round((WIDTH - LABEL - 60) * n / max));
    bar.append(svg('title', {}, `${key}: ${n}`), svg('text', {x: 0, y: y + 16, class: 'bar-label'}, key),
      svg('rect', {x: LABEL, y: y + 3, width: length, height: ROW - 8, rx: 3, class: 'bar-rect ' + key.replace(/[^A-Z_]/g, '')}),
      svg('text', {x: LABEL + length + 6, y: y + 16, class: 'bar-count'}, n));
    bar.addEventListener('click', () => choose(key));
    bar.addEventListener('keydown', event => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        choose(key);
      }
    });
    chart.append(bar);
  });
  return chart;
}
