// A phone user's coupons (code, campaign, state, valid until) and tickets (kind, validity, uses, on the card or the
// phone), from GET /api/app/overview: the session's device token sees this user's cards and nothing else.
import {get} from '../api.js';
import {h, section, table, badge, when} from '../dom.js';
import {t} from '../i18n.js';
import './phone-texts.js';

export async function walletSections() {
  const overview = await get('/app/overview');
  const coupons = new Map();
  const tickets = [];
  for (const card of overview.cards) {
    for (const c of card.coupons) coupons.set(c.code, c);
    for (const ticket of card.tickets) tickets.push({...ticket, cardUid: card.cardUid});
  }
  return [
    section(t('myCoupons'), coupons.size
      ? table([t('couponCode'), t('couponCampaign'), t('state'), t('validUntil')], [...coupons.values()].map(c =>
        [h('code', {}, c.code), c.campaignId, badge(c.state), c.validUntil ? when(c.validUntil) : t('noEnd')]), 'coupons')
      : h('p', {className: 'muted', id: 'no-coupons'}, t('noCoupons'))),
    section(t('myTickets'), tickets.length
      ? table([t('ticketKind'), t('ticketProduct'), t('validity'), t('ticketUses'), t('carriedOn')], tickets.map(x =>
        [x.kind, x.product, `${when(x.validFrom)} - ${when(x.validUntil)}`,
          {num: x.usesLeft < 0 ? t('unlimited') : `${x.usesLeft} / ${x.uses}`},
          t('carrier' + (x.carrier || 'PHONE'), {card: x.cardUid})]), 'tickets')
      : h('p', {className: 'muted', id: 'no-tickets'}, t('noTickets')))
  ];
}
