// English and Chinese texts of the phone user's coupons and tickets, registered with addTexts.
import {addTexts} from '../i18n.js';

addTexts({
  en: {
    myCoupons: 'My coupons', couponCode: 'Code', couponCampaign: 'Campaign', validUntil: 'Valid until', noEnd: 'no end date',
    noCoupons: 'No coupons to use.', myTickets: 'My tickets', ticketKind: 'Kind', ticketProduct: 'Ticket', validity: 'Valid',
    ticketUses: 'Uses left', unlimited: 'unlimited', carriedOn: 'Where', noTickets: 'No valid tickets.',
    carrierCARD: 'on card {card}', carrierTO_CARD: 'goes onto card {card} at its next payment', carrierPHONE: 'on the phone'
  },
  zh: {
    myCoupons: '我的优惠券', couponCode: '券码', couponCampaign: '活动', validUntil: '有效期至', noEnd: '无截止日期',
    noCoupons: '没有可用的优惠券。', myTickets: '我的票', ticketKind: '类型', ticketProduct: '票种', validity: '有效期',
    ticketUses: '剩余次数', unlimited: '不限', carriedOn: '存放位置', noTickets: '没有有效的票。',
    carrierCARD: '在卡 {card} 上', carrierTO_CARD: '下次支付时写入卡 {card}', carrierPHONE: '在手机上'
  }
});
