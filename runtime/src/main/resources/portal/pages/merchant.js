// A merchant's sections of its page: its readers and POS terminals with their health (GET /api/partners/me/readers),
// taps and payments per minute as a chart (/partners/me/activity), its latest events (/partners/me/events) and the
// campaigns and coupons it published (GET /api/campaigns). Every call answers the signed-in partner's own data only.
import {get} from '../api.js';
import {h, section, table, badge, money, when} from '../dom.js';
import {t} from '../i18n.js';
import {stackedBars} from './charts.js';
import './partner-texts.js';

export async function readerSection() {
  const mine = await get('/partners/me/readers');
  if (!mine.readers.length) {
    return section(t('readers'), h('p', {className: 'muted', id: 'no-readers'}, t('noReaders')));
  }
  return section(t('readers'), table([t('reader'), t('kind'), t('state'), t('readerHealth'), t('location'), t('lastTap'),
    t('lastPayment'), t('tapsHour'), t('paymentsHour')], mine.readers.map(r => [r.readerId, r.kind, badge(r.status), badge(r.health),
    r.location || '', when(r.lastTapAt), when(r.lastPaymentAt), {num: r.tapsLastHour}, {num: r.paymentsLastHour}]), 'readers'),
  h('p', {className: 'muted'}, t('healthHelp')));
}

export async function activitySection() {
  const activity = await get('/partners/me/activity?minutes=60');
  const buckets = activity.minutes.map(m => ({
    label: new Date(m.minute).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'}),
    counts: {taps: m.taps, payments: m.payments}
  }));
  return section(t('activity'), stackedBars({id: 'activity-chart', title: t('activity'), buckets, tickEvery: 10,
    series: [{key: 'taps', text: t('taps')}, {key: 'payments', text: t('payments')}]}));
}

export async function eventSection() {
  const mine = await get('/partners/me/events');
  return section(t('events'), mine.events.length
    ? table([t('when'), t('eventType'), t('eventData')], mine.events.slice(0, 30).map(e => [when(e.occurredAt), e.type,
      h('code', {}, summary(e.data))]), 'events')
    : h('p', {className: 'muted'}, t('none')), h('p', {className: 'muted'}, t('eventsHelp')));
}

function summary(data) {
  if (!data || typeof data !== 'object') return '';
  const text = Object.entries(data).filter(([, v]) => v !== null && typeof v !== 'object').map(([k, v]) => `${k}=${v}`).join(' ');
  return text.length > 160 ? text.slice(0, 157) + '...' : text;
}

export async function campaignSection() {
  const mine = await get('/campaigns');
  if (!mine.campaigns.length) {
    return section(t('campaigns'), h('p', {className: 'muted'}, t('noCampaigns')));
  }
  return section(t('campaigns'), table([t('campaign'), t('kind'), t('state'), t('spent'), t('redemptions'), t('budgetLeft'), t('coupons'), t('delivery')],
    mine.campaigns.map(s => {
      const c = s.campaign;
      return [h('span', {}, c.definition.name || c.campaignId, h('br'), h('small', {className: 'muted'}, c.campaignId)), c.definition.kind,
        badge(c.status), {num: money(c.spentMinor)}, {num: c.redemptions}, budget(s),
        Object.entries(s.coupons).map(([state, n]) => `${state} ${n}`).join(', '),
        t('delivery' + (c.definition.delivery || 'NONE'))];
    }), 'campaigns'));
}

function budget(s) {
  const parts = [];
  if (s.budgetLeftMinor !== null && s.budgetLeftMinor !== undefined) parts.push(money(s.budgetLeftMinor));
  if (s.budgetLeftUnits !== null && s.budgetLeftUnits !== undefined) parts.push(`${s.budgetLeftUnits} ${t('units')}`);
  return parts.length ? parts.join(' / ') : t('noBudget');
}

/** Transactions and the settlement totals per day (approved amounts at its own readers, GET /api/transactions). */
export async function settlementSections() {
  const transactions = await get('/transactions');
  const days = new Map();
  for (const x of transactions) {
    const day = String(x.createdAt).slice(0, 10);
    const sum = days.get(day) || {count: 0, total: 0, currency: x.currency};
    if (x.status === 'APPROVED') {
      sum.count += 1;
      sum.total += x.amountMinor || 0;
    }
    days.set(day, sum);
  }
  return [section(t('perDay'), table([t('day'), t('count'), t('total')],
    [...days.entries()].map(([day, s]) => [day, {num: s.count}, {num: money(s.total, s.currency)}]), 'per-day')),
  section(t('transactions'), table([t('when'), t('card'), t('amount'), t('verdict'), t('why')],
    transactions.map(x => [when(x.createdAt), x.cardUid || '', {num: money(x.amountMinor, x.currency)}, badge(x.status),
      (x.reasons || []).map(r => r.message || r.code).join('; ')]), 'transactions'))];
}
