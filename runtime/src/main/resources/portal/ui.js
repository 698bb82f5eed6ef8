// The status line under the page (announced to screen readers).
import {ApiError} from './api.js';
import {t} from './i18n.js';

export function status(text, kind = '') {
  const el = document.getElementById('status');
  el.className = 'status ' + kind;
  el.textContent = text;
}

export function failed(error) {
  status(t('failed', {detail: error instanceof ApiError ? error.message : String(error)}), 'error');
}
