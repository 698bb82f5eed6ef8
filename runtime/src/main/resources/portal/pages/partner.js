// A partner's own page: who the credential is, and for a merchant its transactions and the settlement totals per day
// (approved amounts at its own readers, GET /api/transactions, which answers a merchant only its own).
import {get} from '../api.js';
import {h, section, table, badge, money, when} from '../dom.js';
import {t} from '../i18n.js';

export async function partnerPage(view, session) {
  const me = await get('/partners/me');
  view.append(h('h1', {}, t('navPartner')),
    section(me.partnerId, h('p', {id: 'partner-me'}, `${t('keyId')}: ${me.keyId} - ${t('roles')}: ${me.roles.join(', ')}`)));
  if (!session.roles.includes('merchant') && !session.roles.includes('admin')) {
    return;
  }
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
  view.append(section(t('perDay'), table([t('day'), t('count'), t('total')],
    [...days.entries()].map(([day, s]) => [day, {num: s.count}, {num: money(s.total, s.currency)}]), 'per-day')));
  view.append(section(t('transactions'), table([t('when'), t('card'), t('amount'), t('verdict'), t('why')],
    transactions.map(x => [when(x.createdAt), x.cardUid || '', {num: money(x.amountMinor, x.currency)}, badge(x.status),
      (x.reasons || []).map(r => r.message || r.code).join('; ')]), 'transactions')));
}
