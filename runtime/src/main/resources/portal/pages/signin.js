// Sign in as a phone user (number, then the code of the SMS) or with an API credential.
import {post} from '../api.js';
import {h, section, field} from '../dom.js';
import {t} from '../i18n.js';
import {status, failed} from '../ui.js';

/** Renders the sign-in forms; {@code signedIn} gets the new session. */
export function signInPage(view, signedIn) {
  const msisdn = h('input', {type: 'tel', id: 'msisdn', autocomplete: 'tel', placeholder: '+8613800000001'});
  const code = h('input', {type: 'text', id: 'code', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 6});
  const codeStep = h('div', {hidden: true}, ...field(t('code'), code), h('button', {type: 'submit', id: 'sign-in-phone'}, t('signIn')));
  let registrationId = null;
  const phoneForm = h('form', {id: 'phone-form', novalidate: true},
    h('p', {className: 'muted'}, t('phoneHelp')), ...field(t('msisdn'), msisdn),
    h('button', {type: 'button', id: 'send-code', className: 'secondary', onclick: async () => {
      try {
        registrationId = (await post('/portal/phone-codes', {msisdn: msisdn.value.trim()})).registrationId;
        codeStep.hidden = false;
        status(t('codeSent'), 'ok');
        code.focus();
      } catch (e) {
        failed(e);
      }
    }}, t('sendCode')), codeStep);
  phoneForm.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      await signedIn(await post('/portal/sessions/phone', {registrationId, code: code.value.trim()}));
      status('');
    } catch (e) {
      failed(e);
    }
  });

  const credential = h('input', {type: 'password', id: 'credential', autocomplete: 'off'});
  const partnerForm = h('form', {id: 'partner-form'},
    h('p', {className: 'muted'}, t('credentialHelp')), ...field(t('credential'), credential),
    h('button', {type: 'submit', id: 'sign-in-partner'}, t('signIn')));
  partnerForm.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      await signedIn(await post('/portal/sessions/partner', {credential: credential.value.trim()}));
      status('');
    } catch (e) {
      failed(e);
    }
  });
  view.append(h('h1', {}, t('signInTitle')),
    h('div', {className: 'grid'}, section(t('phoneSignIn'), phoneForm), section(t('partnerSignIn'), partnerForm)));
}
