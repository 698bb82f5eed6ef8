// Texts of the administrator's readers section, in English and Chinese (registered with i18n.js's addTexts).
import {addTexts} from '../i18n.js';

addTexts({
  en: {
    readerKeys: 'Readers and their keys', readerId: 'Reader', merchant: 'Merchant', location: 'Location',
    keyCheckValue: 'Key check value',
    readerKeysHelp: 'Key check values only (ANSI X9.24-1: the first 5 bytes of AES-CMAC over a zero block): compare them '
      + 'with the value the reader shows. A key is shown once, when the reader is registered, and never again.'
  },
  zh: {
    readerKeys: '读卡器及其密钥', readerId: '读卡器', merchant: '商户', location: '位置', keyCheckValue: '密钥校验值',
    readerKeysHelp: '只显示密钥校验值（ANSI X9.24-1：对全零数据块的 AES-CMAC 的前 5 个字节），可与读卡器显示的值核对。'
      + '密钥只在注册读卡器时显示一次，以后不再显示。'
  }
});
