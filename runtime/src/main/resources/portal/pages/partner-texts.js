// English and Chinese texts of the partner pages (merchant, advertiser, manufacturer), registered with addTexts.
import {addTexts} from '../i18n.js';

addTexts({
  en: {
    readers: 'Readers and POS terminals', reader: 'Reader', readerHealth: 'Health', location: 'Location', lastTap: 'Last tap',
    lastPayment: 'Last payment', lastSeen: 'Last seen', tapsHour: 'Taps (1 h)', paymentsHour: 'Payments (1 h)',
    healthHelp: 'OK: seen within 15 minutes; QUIET: seen before; NEVER_SEEN: no tap or payment yet. Seen = its last tap or payment.',
    noReaders: 'No readers or terminals are registered for you; an administrator registers them.',
    activity: 'Taps and payments per minute (last hour)', taps: 'Taps', payments: 'Payments',
    events: 'Latest events', eventType: 'Event', eventData: 'Data',
    eventsHelp: 'The last 100 events naming you since the bus started; your topic tapbus.partner.<id>.events has them all.',
    campaigns: 'Campaigns and coupons', campaign: 'Campaign', spent: 'Spent', redemptions: 'Redemptions',
    budgetLeft: 'Budget left', coupons: 'Coupons', delivery: 'Coupons sent by',
    deliveryNONE: 'app and tag scans only', deliverySMS: 'SMS', deliveryMMS: 'MMS with QR code', noBudget: 'no budget', units: 'uses', noCampaigns: 'You published no campaigns.',
    products: 'Products', sku: 'SKU', batches: 'Tag batches', batch: 'Batch', product: 'Product', mode: 'Mode', tags: 'Tags',
    scans: 'Latest scans', reasons: 'Reasons', place: 'Where', noBatches: 'No tag batches yet.',
    scanMap: 'Suspect and counterfeit scans on the map', scanMapHelp: 'Each dot is a scan that gave its position (the scan URL\'s lat and lon, rounded to about 1 km). The outline of China is rough.',
    noPositions: 'None of these scans carries a position: the scan URL had no lat and lon.',
    withoutPosition: '{n} of these scans carry no position and are not on the map.',
    scansOverTime: 'Scans over time by verdict', perHourScans: 'per hour', perDayScans: 'per day',
    GENUINE: 'genuine', SUSPECT: 'suspect', COUNTERFEIT: 'counterfeit', UNKNOWN: 'unknown'
  },
  zh: {
    readers: '读卡器和 POS 终端', reader: '读卡器', readerHealth: '健康状况', location: '位置', lastTap: '最近刷卡',
    lastPayment: '最近支付', lastSeen: '最近活动', tapsHour: '刷卡（1 小时）', paymentsHour: '支付（1 小时）',
    healthHelp: 'OK：15 分钟内有活动；QUIET：之前有活动；NEVER_SEEN：还没有刷卡或支付。活动 = 最近一次刷卡或支付。',
    noReaders: '您还没有登记的读卡器或终端，由管理员登记。',
    activity: '每分钟刷卡和支付（最近一小时）', taps: '刷卡', payments: '支付',
    events: '最新事件', eventType: '事件', eventData: '数据',
    eventsHelp: '总线启动以来与您有关的最近 100 个事件；完整的事件在您的主题 tapbus.partner.<id>.events 中。',
    campaigns: '营销活动和优惠券', campaign: '活动', spent: '已支出', redemptions: '核销次数',
    budgetLeft: '剩余预算', coupons: '优惠券', delivery: '优惠券发送方式',
    deliveryNONE: '仅应用和标签扫描', deliverySMS: '短信', deliveryMMS: '带二维码的彩信', noBudget: '无预算', units: '次', noCampaigns: '您还没有发布营销活动。',
    products: '产品', sku: '货号', batches: '标签批次', batch: '批次', product: '产品', mode: '模式', tags: '标签数',
    scans: '最近扫描', reasons: '原因', place: '地点', noBatches: '还没有标签批次。',
    scanMap: '可疑和假冒扫描地图', scanMapHelp: '每个点是一次带位置的扫描（扫描网址中的 lat 和 lon，约精确到 1 公里）。中国轮廓为示意。',
    noPositions: '这些扫描都没有位置：扫描网址中没有 lat 和 lon。',
    withoutPosition: '其中 {n} 次扫描没有位置，不在地图上。',
    scansOverTime: '按结果统计的扫描趋势', perHourScans: '每小时', perDayScans: '每天',
    GENUINE: '真品', SUSPECT: '可疑', COUNTERFEIT: '假冒', UNKNOWN: '未知'
  }
});
