// A manufacturer's sections of its page: products (GET /api/products), tag batches (GET /api/tag-batches), their
// latest scans (GET /api/tag-batches/{id}/scans), suspect and counterfeit scans on a map (when a scan carries a
// position) and all scans over time by verdict. The API answers the signed-in manufacturer's own batches only.
import {get} from '../api.js';
import {h, section, table, badge, when} from '../dom.js';
import {t} from '../i18n.js';
import {stackedBars, scanMap, legend} from './charts.js';
import './partner-texts.js';

const VERDICTS = ['GENUINE', 'SUSPECT', 'COUNTERFEIT', 'UNKNOWN'];
const HOUR = 3600 * 1000;

export async function manufacturerSections() {
  const [products, batches] = await Promise.all([get('/products'), get('/tag-batches')]);
  const scans = (await Promise.all(batches.slice(0, 20).map(b => get(`/tag-batches/${encodeURIComponent(b.batchId)}/scans?limit=500`))))
    .flat().sort((a, b) => String(b.scannedAt).localeCompare(String(a.scannedAt)));
  return [
    section(t('products'), products.length ? table([t('product'), t('sku'), t('name'), t('created')],
      products.map(p => [p.productId, p.sku, p.name, when(p.createdAt)]), 'products') : h('p', {className: 'muted'}, t('none'))),
    section(t('batches'), batches.length ? table([t('batch'), t('product'), t('mode'), t('tags'), t('created')],
      batches.map(b => [b.batchId, b.productId, b.mode, {num: b.tags}, when(b.createdAt)]), 'batches')
      : h('p', {className: 'muted'}, t('noBatches'))),
    mapSection(scans),
    timeSection(scans),
    section(t('scans'), scans.length ? table([t('when'), t('batch'), 'UID', t('verdict'), t('reasons'), t('place')],
      scans.slice(0, 50).map(s => [when(s.scannedAt), s.batchId, s.uidMasked || '', badge(s.verdict), (s.reasons || []).join(', '),
        place(s)]), 'scans') : h('p', {className: 'muted'}, t('none')))
  ];
}

function place(s) {
  const parts = [];
  if (s.storeId) parts.push(s.storeId);
  if (s.readerId) parts.push(s.readerId);
  if (s.latitude !== null && s.latitude !== undefined) parts.push(`${s.latitude}, ${s.longitude}`);
  return parts.join(' ');
}

function mapSection(scans) {
  const bad = scans.filter(s => s.verdict === 'SUSPECT' || s.verdict === 'COUNTERFEIT');
  const placed = bad.filter(s => s.latitude !== null && s.latitude !== undefined && s.longitude !== null && s.longitude !== undefined);
  const notes = [h('p', {className: 'muted'}, t('scanMapHelp'))];
  if (bad.length && !placed.length) {
    notes.push(h('p', {className: 'coming', id: 'no-positions'}, t('noPositions')));
  } else if (placed.length < bad.length) {
    notes.push(h('p', {className: 'muted', id: 'without-position'}, t('withoutPosition', {n: bad.length - placed.length})));
  }
  const points = placed.map(s => ({lat: s.latitude, lon: s.longitude, verdict: s.verdict,
    label: `${t(s.verdict)} ${s.batchId} ${s.uidMasked || ''} ${when(s.scannedAt)} (${s.latitude}, ${s.longitude})`}));
  return section(t('scanMap'), scanMap({id: 'scan-map', title: t('scanMap'), points}),
    legend(['SUSPECT', 'COUNTERFEIT'].map(v => ({key: v, text: t(v)}))), ...notes);
}

function timeSection(scans) {
  const times = scans.map(s => new Date(s.scannedAt).getTime());
  const now = Date.now();
  const first = times.length ? Math.min(...times) : now;
  const daily = now - first > 72 * HOUR;
  const size = daily ? 24 * HOUR : HOUR;
  const start = Math.floor(Math.max(first, now - 90 * 24 * HOUR) / size) * size;
  const count = Math.max(daily ? 7 : 24, Math.floor((now - start) / size) + 1);
  const from = Math.floor(now / size) * size - (count - 1) * size;
  const buckets = Array.from({length: count}, (_, i) => ({
    label: daily ? new Date(from + i * size).toLocaleDateString() : new Date(from + i * size).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'}),
    counts: {}
  }));
  times.forEach((time, i) => {
    const b = buckets[Math.floor((time - from) / size)];
    if (b) b.counts[scans[i].verdict] = (b.counts[scans[i].verdict] || 0) + 1;
  });
  const title = `${t('scansOverTime')} (${t(daily ? 'perDayScans' : 'perHourScans')})`;
  return section(title, stackedBars({id: 'scan-chart', title, buckets, tickEvery: Math.ceil(count / 8),
    series: VERDICTS.map(v => ({key: v, text: t(v)}))}));
}
