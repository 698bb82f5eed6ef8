// A partner's own page: who the credential is, then by role: a merchant's readers and POS terminals with their health,
// taps and payments per minute, events, campaigns and coupons, settlement per day and transactions; an advertiser's
// campaigns and events; a manufacturer's products, tag batches and scans (map and over time). Each section calls the
// REST API with the session's own credential, which answers only this partner's data.
import {get} from '../api.js';
import {h, section} from '../dom.js';
import {t} from '../i18n.js';
import {readerSection, activitySection, eventSection, campaignSection, settlementSections} from './merchant.js';
import {manufacturerSections} from './manufacturer.js';

export async function partnerPage(view, session) {
  const me = await get('/partners/me');
  view.append(h('h1', {}, t('navPartner')),
    section(me.partnerId, h('p', {id: 'partner-me'}, `${t('keyId')}: ${me.keyId} - ${t('roles')}: ${me.roles.join(', ')}`)));
  const has = role => session.roles.includes(role);
  if (has('merchant')) {
    view.append(await readerSection(), await activitySection());
  }
  if (has('merchant') || has('advertiser')) {
    view.append(await campaignSection());
  }
  if (has('merchant') || has('advertiser') || has('manufacturer')) {
    view.append(await eventSection());
  }
  if (has('manufacturer')) {
    view.append(...await manufacturerSections());
  }
  if (has('merchant') || has('admin')) {
    view.append(...await settlementSections());
  }
}
