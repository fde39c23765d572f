import type { Indicator } from '../schema';
import { bands, help } from './build';

/**
 * Computed indicators: ratios of the numeric facts, scored by bands in their dimension.
 * Each ratio over a possibly-zero denominator says what a zero means (the loader insists).
 */
export const indicators: Indicator[] = [
  {
    id: 'rd_intensity',
    title: '研发投入强度',
    unit: '%',
    help: help(
      '研发费用占营业收入的百分比，由系统根据“上一年度研发费用”和“上一年度营业收入”计算，无需填写。营业收入为 0 时本指标不适用，不计入得分（不加分也不扣分）。',
      '同两项原始数据的证明材料。',
      'ISO 56002 §7.1（资金）',
    ),
    expression: {
      op: 'ratio',
      numerator: { question: 'rd_expense' },
      denominator: { question: 'revenue' },
      scale: 100,
      whenZero: 'exclude',
    },
    dimension: 'support',
    bands: bands([0, 0], [1, 1], [3, 2], [5, 3], [10, 4]),
  },
  {
    id: 'rd_staff_share',
    title: '研发人员占比',
    unit: '%',
    help: help(
      '研发人员占职工总数的百分比，由系统计算，无需填写。',
      '同两项原始数据的证明材料。',
      'ISO 56002 §7.1（人员）',
    ),
    // employees has min 1, so this ratio needs no zero rule.
    expression: { op: 'ratio', numerator: { question: 'rd_staff' }, denominator: { question: 'employees' }, scale: 100 },
    dimension: 'support',
    bands: bands([0, 0], [5, 1], [10, 2], [20, 3], [30, 4]),
  },
  {
    id: 'inventions_per_100_rd',
    title: '每百名研发人员有效发明专利拥有量',
    unit: '件/百人',
    help: help(
      '有效发明专利拥有量 ÷ 研发人员数 × 100，由系统计算，无需填写。研发人员为 0 时按 0 计。',
      '同两项原始数据的证明材料。',
      'ISO 56002 §9.1',
    ),
    expression: {
      op: 'ratio',
      numerator: { question: 'valid_inventions' },
      denominator: { question: 'rd_staff' },
      scale: 100,
      whenZero: { value: 0 },
    },
    dimension: 'performance',
    bands: bands([0, 0], [5, 1], [20, 2], [50, 3], [100, 4]),
  },
  {
    id: 'intensive_share',
    title: '专利密集型产品销售收入占比',
    unit: '%',
    help: help(
      '专利密集型产品销售收入占营业收入的百分比，由系统计算，无需填写。营业收入为 0 时本指标不适用，不计入得分。',
      '同两项原始数据的证明材料。',
      'ISO 56005 附录（知识产权开发利用）',
    ),
    expression: {
      op: 'ratio',
      numerator: { question: 'intensive_sales' },
      denominator: { question: 'revenue' },
      scale: 100,
      whenZero: 'exclude',
    },
    dimension: 'ip_exploitation',
    bands: bands([0, 0], [1, 1], [10, 2], [30, 3], [50, 4]),
  },
  {
    id: 'invention_use_rate',
    title: '有效发明专利实施率',
    unit: '%',
    help: help(
      '已实施的有效发明专利数占有效发明专利拥有量的百分比，由系统计算，无需填写。没有有效发明专利时本指标不适用，不计入得分。',
      '同两项原始数据的证明材料。',
      'ISO 56005 附录（知识产权开发利用）',
    ),
    expression: {
      op: 'ratio',
      numerator: { question: 'implemented_inventions' },
      denominator: { question: 'valid_inventions' },
      scale: 100,
      whenZero: 'exclude',
    },
    dimension: 'ip_exploitation',
    bands: bands([0, 0], [20, 1], [40, 2], [60, 3], [80, 4]),
  },
];
