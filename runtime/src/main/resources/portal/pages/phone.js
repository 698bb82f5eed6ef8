// A phone user's own page: cards and their states ("block my card"), balances, each card's history with the reasons
// of every decision in words, memberships, coupons and tickets (phone-wallet.js), consents. Only the /api/app
// operations: the session's device token sees this user's data and nothing else.
import {get, post} from '../api.js';
import {h, section, table, field, badge, money, when} from '../dom.js';
import {t} from '../i18n.js';
import {status, failed} from '../ui.js';
import {walletSections} from './phone-wallet.js';

export async function phonePage(view) {
  const [cards, accounts, consents] = await Promise.all([get('/app/cards'), get('/app/accounts'), get('/app/consents')]);
  view.append(h('h1', {}, t('myCards')));
  view.append(section(t('myCards'), table([t('card'), t('state'), t('issued'), ''], cards.cards.map(c => [
    c.cardUid, badge(c.status), when(c.issuedAt), c.status === 'ACTIVE' ? blockButton(view, c.cardUid) : ''
  ]), 'cards')));
  view.append(section(t('balances'), table([t('account'), t('kind'), t('state'), t('balance')],
    accounts.accounts.map(a => [a.accountId, a.kind, badge(a.status), {num: money(a.balanceMinor, a.currency)}]), 'accounts')));
  for (const c of cards.cards) {
    view.append(await historySection(c.cardUid));
  }
  view.append(await membershipSection());
  view.append(...await walletSections());
  view.append(consentSection(view, consents.consents));
}

function blockButton(view, cardUid) {
  const cell = h('span');
  const ask = h('button', {type: 'button', className: 'danger', id: 'block-' + cardUid, onclick: () => {
    const yes = h('button', {type: 'button', className: 'danger', id: 'confirm-block-' + cardUid, onclick: async () => {
      try {
        await post(`/app/cards/${encodeURIComponent(cardUid)}/block`);
        view.replaceChildren();
        await phonePage(view);
        status(t('blocked', {card: cardUid}), 'ok');
      } catch (e) {
        failed(e);
      }
    }}, t('block'));
    cell.replaceChildren(h('span', {}, t('blockConfirm', {card: cardUid}), ' '), yes);
    yes.focus();
  }}, t('block'));
  cell.append(ask);
  return cell;
}

async function historySection(cardUid) {
  const history = await get(`/app/cards/${encodeURIComponent(cardUid)}/history`);
  const rows = history.transactions.map(x => [when(x.createdAt), `${x.kind} ${x.merchantId || ''}`.trim(),
    {num: money(x.amountMinor, x.currency)}, badge(x.status), reasons(x)]);
  return section(t('historyOf', {card: cardUid}),
    rows.length ? table([t('when'), t('what'), t('amount'), t('verdict'), t('why')], rows, 'history-' + cardUid)
      : h('p', {className: 'muted'}, t('none')));
}

function reasons(x) {
  if (x.reasons && x.reasons.length) {
    return h('ul', {}, x.reasons.map(r => h('li', {}, r.message || r.code)));
  }
  return x.status === 'APPROVED' ? t('noReasons') : '';
}

async function membershipSection() {
  try {
    const m = await get('/app/memberships');
    return section(t('memberships'), m.memberships.length
      ? table([t('programme'), t('card'), t('tier'), t('points')],
        m.memberships.map(x => [x.programmeId, x.memberNumber, x.tier || '', {num: x.points}]), 'memberships')
      : h('p', {className: 'muted'}, t('none')));
  } catch (e) {
    return section(t('memberships'), h('p', {className: 'muted'}, t('failed', {detail: e.message})));
  }
}

function consentSection(view, consents) {
  const purpose = h('input', {type: 'text', id: 'consent-purpose', maxlength: 64, value: 'marketing'});
  const record = granted => async () => {
    try {
      await post('/app/consents', {purpose: purpose.value.trim(), granted});
      view.replaceChildren();
      await phonePage(view);
      status(t(granted ? 'grant' : 'withdraw') + ': ' + purpose.value.trim(), 'ok');
    } catch (e) {
      failed(e);
    }
  };
  return section(t('consents'),
    consents.length ? table([t('purpose'), t('granted'), t('when')],
      consents.map(c => [c.purpose, c.granted ? t('yes') : t('no'), when(c.recordedAt)]), 'consents')
      : h('p', {className: 'muted'}, t('none')),
    ...field(t('purpose'), purpose),
    h('button', {type: 'button', id: 'consent-grant', onclick: record(true)}, t('grant')),
    h('button', {type: 'button', id: 'consent-withdraw', className: 'secondary', onclick: record(false)}, t('withdraw')));
}
