// One recorded decision on the analyst page (GET /api/decisions/{id}): its outcome, the reasons, the rules that fired
// in firing order, and the facts the rules decided on, every value as text.
import {get} from '../api.js';
import {h, table, badge, when} from '../dom.js';
import {t} from '../i18n.js';

/** Renders decision {@code id} into {@code panel} (a section), shows it and moves the focus there. */
export async function showDecision(panel, id) {
  const d = await get(`/decisions/${encodeURIComponent(id)}`);
  const item = (label, value) => [h('dt', {}, label), h('dd', {}, value === null || value === undefined ? '' : value)];
  panel.replaceChildren(
    h('h2', {}, t('decisionTitle', {id: d.decisionId})),
    h('dl', {className: 'decision', id: 'decision-outcome'},
      item(t('decision'), d.decisionName), item(t('version'), d.ruleSetVersion), item(t('outcome'), badge(d.verdict)),
      item(t('ruleVerdict'), d.ruleVerdict ? badge(d.ruleVerdict) : ''), item(t('decidedAt'), when(d.decidedAt)),
      item(t('fCard'), d.cardUid), item(t('fReader'), d.readerId), item(t('fMerchant'), d.merchantId),
      item(t('txn'), d.txnId), item(t('correlation'), d.correlationId)),
    h('h3', {}, t('reasons')),
    (d.reasons || []).length
      ? h('ul', {id: 'decision-reasons'}, d.reasons.map(r => h('li', {}, `${r.code}: ${r.message || ''}`)))
      : h('p', {className: 'muted', id: 'decision-reasons'}, t('noReasons')),
    h('h3', {}, `${t('rulesFired')} (${t('firingOrder')})`),
    h('ol', {id: 'decision-rules'}, (d.rulesFired || []).map(r => h('li', {}, r))),
    h('h3', {}, t('facts')),
    d.facts && typeof d.facts === 'object'
      ? table([t('fact'), t('value')], Object.entries(d.facts).map(([k, v]) => [k, shown(v)]), 'decision-facts')
      : h('p', {className: 'muted', id: 'decision-facts'}, t('noFacts')),
    h('button', {type: 'button', className: 'secondary', id: 'decision-close', onclick: () => {
      panel.hidden = true;
    }}, t('close')));
  panel.hidden = false;
  panel.focus();
  panel.scrollIntoView({block: 'start'});
  return d;
}

function shown(value) {
  return value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value);
}
