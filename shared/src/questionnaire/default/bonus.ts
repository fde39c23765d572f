import type { BonusQuestion } from '../schema';
import { bands, help, numeric, single, yesno } from './build';

/**
 * 加分项: the key work the 2023 notice combines with the assessment (国知办函运字〔2023〕572号
 * 二(一): 结合企业开展专利产品备案、"千企百城"商标品牌价值提升行动等重点工作情况，综合确定测评成绩).
 * Together up to 8 raw points, capped at the scale's bonusMax (5).
 */
const notice = '国知办函运字〔2023〕572号 二（一）';

export const bonus: BonusQuestion[] = [
  yesno(
    'bonus_patent_products',
    '企业是否已完成专利产品备案？',
    help(
      '专利产品备案指在国家知识产权局组织的专利产品备案平台登记本企业的专利产品。2023 年测评结合企业开展专利产品备案的情况综合确定成绩。',
      '备案平台的备案记录截图或备案编号。',
      notice,
    ),
    2,
  ),
  numeric(
    'patent_products_filed',
    '已备案的专利产品数量',
    help('截至填报时已在备案平台完成备案的专利产品个数。', '备案记录清单。', notice),
    {
      unit: '个',
      format: 'integer',
      max: 100_000,
      bands: bands([1, 1], [3, 2], [10, 3]),
      visibleIf: { question: 'bonus_patent_products', equals: true },
    },
  ),
  single(
    'bonus_brand_action',
    '企业参加“千企百城”商标品牌价值提升行动的情况',
    help(
      '“千企百城”商标品牌价值提升行动是国家知识产权局组织开展的重点工作。2023 年测评结合企业的参与情况综合确定成绩。',
      '参加行动的确认文件、地方知识产权局出具的证明或入选文件。',
      notice,
    ),
    [
      ['none', '未参加', 0],
      ['joined', '已参加', 1],
      ['results', '参加并取得成效（如入选典型案例、品牌价值明显提升）', 3],
    ],
  ),
];
