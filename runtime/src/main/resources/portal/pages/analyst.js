// The analyst's page: the decision explorer (filters, a chart of verdicts and reasons, a keyset-paged table of
// recorded decisions, one decision opened with its facts) and the what-if workbench (analyst-whatif.js). Sessions
// with the analyst or admin role; the API decides what they see.
import {get} from '../api.js';
import {h, section, table, badge, when} from '../dom.js';
import {t} from '../i18n.js';
import {failed} from '../ui.js';
import './analyst-texts.js';
import {barChart} from './analyst-chart.js';
import {showDecision} from './analyst-decision.js';
import {whatIfSection, instant, localInput} from './analyst-whatif.js';

const FILTERS = [['card', 'fCard'], ['reader', 'fReader'], ['merchant', 'fMerchant'], ['verdict', 'fVerdict'],
  ['reason', 'fReason'], ['rule', 'fRule'], ['version', 'fVersion'], ['decision', 'fDecision'], ['from', 'fFrom'], ['to', 'fTo']];
const TIMES = ['from', 'to'];
const PAGE = 25;

function styles() {
  if (!document.getElementById('analyst-css')) {
    document.head.append(h('link', {rel: 'stylesheet', id: 'analyst-css', href: '/portal/pages/analyst.css'}));
  }
}

export async function analystPage(view, session) {
  styles();
  const detail = h('section', {className: 'card', id: 'decision-detail', tabindex: '-1', hidden: true});
  const open = id => showDecision(detail, id).catch(failed);
  const explorer = explorerSection(open);
  view.append(h('h1', {}, t('analystTitle')), explorer.element, detail, whatIfSection(session, open));
  await explorer.search();
}

function explorerSection(open) {
  const inputs = Object.fromEntries(FILTERS.map(([name]) => [name,
    h('input', {type: TIMES.includes(name) ? 'datetime-local' : 'text', id: 'filter-' + name, maxlength: 128, name})]));
  // the last 7 days unless the analyst says otherwise: the counts behind the chart then read a range of the key
  inputs.from.setAttribute('value', localInput(new Date(Date.now() - 7 * 86400000)));
  const summary = h('p', {id: 'filter-summary', className: 'muted'});
  const charts = h('div', {id: 'breakdown'});
  const results = h('div', {id: 'decision-results'});
  const more = h('button', {type: 'button', className: 'secondary', id: 'decisions-older', hidden: true}, t('older'));
  let rows = [];
  let cursor = null;

  const params = () => {
    const query = new URLSearchParams();
    for (const [name] of FILTERS) {
      const value = TIMES.includes(name) ? instant(inputs[name].value) : inputs[name].value.trim();
      if (value) query.set(name, value);
    }
    return query;
  };
  const chosen = (name, value) => {
    inputs[name].value = value;
    search().catch(failed);
  };
  const showPage = page => {
    rows = rows.concat(page.decisions);
    cursor = page.nextCursor;
    more.hidden = !cursor;
    results.replaceChildren(rows.length ? decisionTable(rows, open) : h('p', {className: 'muted', id: 'no-decisions'}, t('noneFound')));
  };
  const search = async () => {
    const query = params();
    const used = FILTERS.filter(([name]) => query.has(name))
      .map(([name, label]) => `${t(label)} = ${TIMES.includes(name) ? when(query.get(name)) : query.get(name)}`);
    summary.textContent = used.length ? t('filterSummary', {filters: used.join(', ')}) : t('allDecisions');
    const [counts, page] = await Promise.all([get('/decisions/breakdown?' + query), get(`/decisions?${query}&limit=${PAGE}`)]);
    rows = [];
    showPage(page);
    charts.replaceChildren(
      h('p', {id: 'breakdown-total'}, t('breakdownOf', {count: counts.total}), ' ', h('span', {className: 'muted'}, t('chartHelp'))),
      h('div', {className: 'grid'},
        h('div', {}, h('h3', {}, t('byVerdict')), barChart('chart-verdicts', t('byVerdict'), counts.byVerdict, v => chosen('verdict', v))),
        h('div', {}, h('h3', {}, t('byReason')), barChart('chart-reasons', t('byReason'), counts.byReason, r => chosen('reason', r)),
          counts.reasonsPartial ? h('p', {className: 'muted'}, t('partialReasons')) : null)));
  };
  more.addEventListener('click', async () => {
    try {
      const query = params();
      query.set('cursor', cursor);
      showPage(await get(`/decisions?${query}&limit=${PAGE}`));
    } catch (e) {
      failed(e);
    }
  });
  const form = h('form', {id: 'decision-filters', role: 'search'},
    h('div', {className: 'filters'}, FILTERS.map(([name, label]) => h('div', {}, h('label', {for: 'filter-' + name}, t(label)), inputs[name]))),
    h('button', {type: 'submit', id: 'decisions-search'}, t('search')),
    h('button', {type: 'reset', className: 'secondary', id: 'decisions-reset'}, t('resetFilters')));
  form.addEventListener('submit', event => {
    event.preventDefault();
    search().catch(failed);
  });
  form.addEventListener('reset', () => setTimeout(() => search().catch(failed)));
  const element = h('div', {},
    section(t('explorer'), form, summary),
    section(t('breakdown'), charts),
    section(t('navAnalyst'), results, more));
  return {element, search};
}

function decisionTable(rows, open) {
  // the first cell opens the decision (a button, so the keyboard reaches it without scrolling the table sideways)
  return table([t('when'), t('decision'), t('fCard'), t('fReader'), t('fMerchant'), t('verdict'), t('reasons'), t('rulesFired')],
    rows.map(d => [h('button', {type: 'button', className: 'link open-decision', id: 'open-' + d.decisionId,
      title: t('open'), onclick: () => open(d.decisionId)}, when(d.decidedAt)), d.decisionName, d.cardUid || '', d.readerId || '',
    d.merchantId || '', badge(d.verdict), (d.reasons || []).map(r => r.code).join(', '), (d.rulesFired || []).join(', ')]), 'decisions');
}
