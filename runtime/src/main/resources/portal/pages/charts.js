// Pictures built as SVG elements in the page (no library, no markup parsed): stacked bars per time bucket, and a
// plain latitude/longitude plot with a grid and a rough outline of China for scan positions. Every label is a text node.
import {h} from '../dom.js';
import {OUTLINE, CITIES} from './china-outline.js';

const NS = 'http://www.w3.org/2000/svg';

/** An SVG element; attributes are set as given, children are elements or text. */
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null) el.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** A legend: one swatch and text per series ({key, text}); the swatch takes the series' CSS class. */
export function legend(series) {
  return h('ul', {className: 'legend'}, series.map(s => h('li', {},
    svg('svg', {width: 12, height: 12, 'aria-hidden': 'true'}, svg('rect', {width: 12, height: 12, class: 'bar-' + s.key})), ' ', s.text)));
}

/**
 * Stacked bars, one per bucket ({label, counts: {key: n}}), series in order ({key, text}); every tickEvery-th bucket
 * is labelled under the axis. Each bar part is a rect with class "bar bar-<key>", data-count and a <title>.
 */
export function stackedBars({id, title, buckets, series, tickEvery = 10, width = 720, height = 220}) {
  const left = 34, bottom = 22, top = 8;
  const plotW = width - left - 8, plotH = height - bottom - top;
  const max = Math.max(1, ...buckets.map(b => series.reduce((n, s) => n + (b.counts[s.key] || 0), 0)));
  const step = plotW / Math.max(1, buckets.length);
  const y = n => top + plotH - (n / max) * plotH;
  const parts = [svg('title', {}, title)];
  for (const v of [0, Math.ceil(max / 2), max]) {
    parts.push(svg('line', {x1: left, x2: width - 8, y1: y(v), y2: y(v), class: 'grid-line'}),
      svg('text', {x: left - 4, y: y(v) + 4, 'text-anchor': 'end', class: 'axis'}, v));
  }
  buckets.forEach((b, i) => {
    let base = 0;
    const x = left + i * step;
    for (const s of series) {
      const n = b.counts[s.key] || 0;
      if (n > 0) {
        parts.push(svg('rect', {x: x + step * 0.1, width: Math.max(1, step * 0.8), y: y(base + n), height: y(base) - y(base + n),
          class: 'bar bar-' + s.key, 'data-count': n, 'data-series': s.key}, svg('title', {}, `${b.label} ${s.text}: ${n}`)));
      }
      base += n;
    }
    if (i % tickEvery === 0) {
      parts.push(svg('text', {x: x + step / 2, y: height - 6, 'text-anchor': 'middle', class: 'axis'}, b.label));
    }
  });
  return h('div', {className: 'chart'}, svg('svg', {id, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title}, parts),
    legend(series));
}

/**
 * Scan positions ({lat, lon, verdict, label}) on an equirectangular lat/lon plot: a 10-degree grid, China's rough
 * outline and some cities; the frame covers China and every point. Each point is a circle with class "scan-<verdict>".
 */
export function scanMap({id, title, points, width = 720, height = 440}) {
  let [w, e, s, n] = [72, 136, 16, 54];
  for (const p of points) {
    w = Math.min(w, p.lon - 2); e = Math.max(e, p.lon + 2); s = Math.min(s, p.lat - 2); n = Math.max(n, p.lat + 2);
  }
  const scale = Math.min(width / (e - w), height / (n - s));
  const px = lon => (lon - w) * scale;
  const py = lat => (n - lat) * scale;
  const parts = [svg('title', {}, title), svg('rect', {x: 0, y: 0, width, height, class: 'map-sea'})];
  for (let lon = Math.ceil(w / 10) * 10; lon <= e; lon += 10) {
    parts.push(svg('line', {x1: px(lon), x2: px(lon), y1: 0, y2: height, class: 'grid-line'}),
      svg('text', {x: px(lon) + 2, y: height - 4, class: 'axis'}, `${lon}°E`));
  }
  for (let lat = Math.ceil(s / 10) * 10; lat <= n; lat += 10) {
    parts.push(svg('line', {x1: 0, x2: width, y1: py(lat), y2: py(lat), class: 'grid-line'}),
      svg('text', {x: 2, y: py(lat) - 2, class: 'axis'}, `${lat}°N`));
  }
  for (const ring of OUTLINE) {
    parts.push(svg('polygon', {points: ring.map(([lon, lat]) => `${px(lon).toFixed(1)},${py(lat).toFixed(1)}`).join(' '), class: 'map-land'}));
  }
  for (const c of CITIES) {
    parts.push(svg('circle', {cx: px(c.lon), cy: py(c.lat), r: 2, class: 'map-city'}),
      svg('text', {x: px(c.lon) + 4, y: py(c.lat) + 3, class: 'map-city-name'}, c.name));
  }
  for (const p of points) {
    parts.push(svg('circle', {cx: px(p.lon), cy: py(p.lat), r: 6, class: 'scan-point scan-' + p.verdict, 'data-verdict': p.verdict},
      svg('title', {}, p.label)));
  }
  return h('div', {className: 'chart'}, svg('svg', {id, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title}, parts));
}
