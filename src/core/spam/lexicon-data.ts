// The spam lexicon, as data. Curated for Qingyue from the pooled dark-link scanner lists in the
// corpus (`spam/lexicon-seed.tsv`), regrouped and reweighted for government pages:
// - terms that are only ever spam get weight 3 (one is enough next to another signal);
// - terms that legitimate government news also uses (赌博, 百家乐, 彩票, 六合彩, 冰毒...) get
//   weight 1: they never decide alone, they only add to other evidence;
// - `context` words (在线观看, 永久免费...) are what spam phrases are built from; they count
//   towards a phrase list but never make anything spam on their own;
// - `legit` words (打击, 查处, 福利彩票, 成人教育...) mark a block as talking ABOUT spam topics
//   (enforcement news, state lotteries), which vetoes removal of visible text.
// Profanity and political keywords from the seed lists are left out: they are not SEO spam.
//
// Terms are stored once, in Simplified, lower-case. Traditional (and Taiwan/Hong Kong variant)
// text is matched by folding each character to Simplified first (FOLD_PAIRS below), so every term
// matches in both scripts and in mixed text. ASCII terms only match on word boundaries.

export interface TermGroup {
  /** Group name, reported in reasons (`group:porn`). */
  readonly group:
    'porn' | 'gambling' | 'fake-documents' | 'drugs-weapons' | 'sex-services' | 'context' | 'legit';
  /** Evidence weight of one distinct term of this entry (0 for `legit`). */
  readonly weight: number;
  /** Space-separated terms, Simplified, lower-case. */
  readonly terms: string;
}

export const TERM_GROUPS: readonly TermGroup[] = [
  {
    group: 'porn',
    weight: 3,
    // Left out on purpose, because they hide inside ordinary words: 女优 (妇女优秀), 口交 (出口交易),
    // 性爱 (个性爱好), 做爱 (做爱心), 色网 (特色网站), 情色 (风情色彩), 熟女 (成熟女性),
    // 内射 (国内射击), 群交 (群交流), 岛国 (太平洋岛国), 有码 (所有码头).
    terms:
      '无码 国产av 日韩av 欧美av 亚洲av 免费av av女优 av在线 在线av av视频 a片 毛片 一级毛片 黄片 三级片 ' +
      '伦理片 黄色网站 黄色视频 黄色电影 黄色小说 黄色网址 色情网站 色情视频 色情电影 成人网站 成人电影 ' +
      '成人视频 成人影片 成人影院 成人直播 成人小说 成人论坛 成人游戏 国产成人 国产自拍 自拍偷拍 偷拍自拍 ' +
      '亚洲精品 日韩精品 久久精品 欧美精品 一本道 人妻 熟妇 少妇 巨乳 爆乳 乱伦 肛交 约炮 炮友 ' +
      '裸聊 一夜情 援交 援助交际 淫荡 淫乱 淫妻 骚逼 骚穴 嫩穴 小穴 鸡巴 自慰 潮吹 颜射 口爆 91porn ' +
      '91国产 pornhub porn xvideos 草榴 午夜影院 午夜福利 福利视频 丝袜美腿 美女裸体 全裸 激情视频 ' +
      '激情小说 激情图片 迷奸 狠狠撸 狠狠干 狠狠射 天天撸 夜夜撸 撸管 老司机福利 18禁',
  },
  {
    group: 'porn',
    weight: 1,
    terms: '色情 淫秽 偷拍 强奸 卖淫 嫖娼 幼女 裸体 国产精品 精品国产 精品视频 东京热',
  },
  {
    group: 'gambling',
    weight: 3,
    terms:
      '时时彩 分分彩 北京赛车 北京pk10 pk10 极速赛车 幸运飞艇 真人娱乐 真人荷官 真人视讯 真人游戏 真人现金 ' +
      '网上赌场 线上赌场 在线赌场 赌场网址 赌博网址 新葡京 澳门新葡京 葡京娱乐 威尼斯人娱乐 ' +
      '太阳城集团 太阳城娱乐 皇冠体育 皇冠足球 皇冠娱乐 皇冠平台 皇冠篮球 足球投注 买球网站 赌波 ' +
      '百家乐技巧 百家乐公式 百家乐打法 ag百家乐 ag平台 bbin 现金棋牌 开元棋牌 捕鱼达人 老虎机攻略 ' +
      '首存优惠 存送优惠 注册送彩金 注册领红包 反水优惠 bet365 188bet 1xbet betway ' +
      '金沙娱乐 永利娱乐 永利国际 银河娱乐 亚博体育 乐鱼体育 开云体育 九游会 尊龙凯时 金年会 ' +
      '万博体育 澳门六合彩 香港最快开奖 一肖 特码 曾道人 彩票预测 彩票软件 彩票助手 计划app 赌博app',
  },
  {
    group: 'gambling',
    weight: 1,
    terms:
      '网赌 私彩 黑彩 竞彩 投注 下注 赔率 百家乐 老虎机 博彩 赌博 赌场 彩票 大乐透 开奖 开奖结果 ' +
      '六合彩 威尼斯人 葡京 太阳城 美高梅 快三 快3 轮盘 赌博网站 网络赌博 网上赌博 澳门赌场 澳门博彩 ' +
      '棋牌游戏 娱乐平台 体育投注 在线娱乐 买球 赌球 彩金 必赢 娱乐城 线上娱乐 注册送',
  },
  {
    group: 'fake-documents',
    weight: 3,
    terms:
      '代开发票 发票代开 代开增值税 出售发票 办假证 假文凭 假学历 假毕业证 代办文凭 ' +
      '办文凭 文凭代办 学历代办 刻章办证 办证刻章 私刻公章 代刻公章 枪手代考 四六级答案 代办身份证 ' +
      '身份证代办 出售身份证 出售银行卡 银行卡出售 收购银行卡',
  },
  {
    group: 'fake-documents',
    weight: 1,
    terms: '代考 替考 考试答案 假证 做假证 假发票',
  },
  {
    group: 'drugs-weapons',
    weight: 3,
    terms:
      '出售冰毒 冰毒出售 冰毒价格 购买冰毒 出售枪支 枪支出售 仿真枪出售 出售仿真枪 气枪出售 出售气枪 ' +
      '猎枪出售 迷药 春药 催情药 催情水 听话水 迷幻药 迷情药 三唑仑 乖乖粉 蒙汗药 失忆水 k粉',
  },
  {
    group: 'drugs-weapons',
    weight: 1,
    terms: '冰毒 海洛因 摇头丸 麻古 大麻 氯胺酮 仿真枪 气枪 枪支',
  },
  {
    group: 'sex-services',
    weight: 3,
    terms: '找小姐 外围女 外围模特 裸陪 楼凤 小姐上门',
  },
  {
    group: 'sex-services',
    weight: 1,
    terms: '同城约 同城交友 桑拿按摩 招嫖 买春 包夜 全套服务 特殊服务',
  },
  {
    group: 'context',
    weight: 1,
    terms:
      '在线观看 免费观看 在线播放 在线看 线上看 永久免费 中文字幕 一级 视频在线 免费视频 最新网址 最新地址 ' +
      '官网 手机版 高清 精品 亚洲 欧美 日韩 美女',
  },
  {
    group: 'legit',
    weight: 0,
    terms:
      '打击 查处 破获 侦破 整治 取缔 严打 扫黄打非 扫黄 专项行动 涉嫌 犯罪 违法 依法 警方 公安 警惕 谨防 ' +
      '举报 防范 禁毒 缴获 查获 抓获 判处 获刑 案件 诈骗 反诈 预警 监察 协调局 福利彩票 体育彩票 福彩 体彩 ' +
      '成人教育 成人高考 赛马会 马会 远离 危害 涉赌 涉黄 涉毒 治理 监管 法院 检察',
  },
];

/**
 * Traditional → Simplified character pairs (`繁简` per pair, no separator) for every character the
 * lexicon uses, plus the commonest characters that tell the two scripts apart (for the page-script
 * check). Generated from opencc-js (t/tw/hk → cn, one character at a time) and checked by
 * `tests/unit/spam-lexicon.test.ts`, which fails if a lexicon character lacks a pair.
 */
export const FOLD_PAIRS =
  '萬万與与專专業业東东絲丝兩两嚴严義义為为爲为舉举麼么麽么樂乐書书買买亂乱雲云亞亚產产産产從从侖仑崙仑們们價价優优會会倫伦體体偵侦黨党關关內内冊册鳳凤憑凭凱凯齣出' +
  '擊击劃划辦办務务動动區区協协賣卖厤历曆历歷历發发髮发枱台檯台臺台颱台閤合衕同後后聽听員员團团糰团圍围國国圖图場场墰坛壇坛壜坛罈坛罎坛處处頭头奬奖獎奖姦奸婦妇娛娱' +
  '學学實实傢家對对導导侷局島岛鉅巨乾干幹干榦干倖幸應应開开強强噹当當当綵彩憶忆總总戲戏掃扫報报搖摇擼撸敎教無无時时機机來来極极槍枪査查樣样檢检棊棋樓楼歐欧慾欲畢毕' +
  '氣气沒没註注測测濟济遊游點点熱热愛爱獵猎現现電电監监盤盘眞真碼码視视離离俬私穢秽稅税競竞籃篮紅红約约級级綫线線线經经結结給给絡络締缔繳缴網网羣群艷艳豔艳範范盪荡' +
  '蕩荡葯药藥药獲获穫获懞蒙濛蒙矇蒙襪袜見见觀观計计認认讓让訊讯論论証证證证詐诈試试話话說说説说調调謹谨質质購购費费賭赌賠赔賽赛贏赢車车輪轮軟软達达過过運运還还這这' +
  '進进遠远違违裏里裡里銀银長长門门問问間间陽阳際际韓韩頁页項项預预領领頻频顏颜顔颜飛飞馬马騙骗騷骚魚鱼雞鸡鷄鸡黃黄龍龙';

/**
 * Simplified sides of FOLD_PAIRS that Traditional text writes too (台 干 后 里 范 划 云 出...:
 * 臺/台, 乾/幹/干...). Every other Simplified side appears only in Simplified text, which is how
 * the page-script check tells the scripts apart.
 */
export const SHARED_BY_BOTH_SCRIPTS = '云出划台合同后奸家局巨干幸彩教查棋欲注真私群范蒙里';
