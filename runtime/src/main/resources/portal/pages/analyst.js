// The analyst's decision explorer and what-if workbench are coming (GET /api/decisions is not there yet).
import {h, section} from '../dom.js';
import {t} from '../i18n.js';

export async function analystPage(view) {
  view.append(h('h1', {}, t('analystTitle')), section(t('navAnalyst'),
    h('p', {className: 'coming', id: 'analyst-coming'}, t('comingAnalyst'))));
}
