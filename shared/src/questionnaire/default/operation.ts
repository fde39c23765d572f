import { bands, dimension, help, multiple, numeric, section, single, yesno } from './build';

/** 运行 — ISO 56002 §8 (initiatives, processes, collaboration). */
export const operation = dimension(
  'operation',
  '运行',
  8,
  'ISO 56002 §8',
  '策划和管理创新举措，按识别机会、创建概念、验证概念、开发方案、部署方案的过程开展创新。',
  [
    section('operation_process', '创新举措与过程', [
      single(
        'op_initiatives',
        '企业如何管理创新项目的立项、实施和结题？',
        help(
          '创新举措应有明确的目标、范围、资源、时间和评审节点。',
          '研发项目管理制度、立项书、阶段评审记录。',
          'ISO 56002 §8.2',
        ),
        [
          ['l0', '没有规范', 0],
          ['l1', '只有重大项目有立项审批', 1],
          ['l2', '所有研发项目按统一流程立项和结题', 2],
          ['l3', '流程中设有阶段评审（决策节点）', 3],
          ['l4', '阶段评审综合考虑技术、市场和知识产权，据此继续、调整或终止项目', 4],
        ],
      ),
      multiple(
        'op_process',
        '企业的创新过程覆盖了哪些环节？',
        help(
          'ISO 56002 把创新过程分为识别机会、创建概念、验证概念、开发方案、部署方案五个环节，各环节可迭代、非线性地进行。',
          '创新流程文件、典型项目在各环节的输出。',
          'ISO 56002 §8.3',
        ),
        [
          ['identify', '识别机会', 1],
          ['concept', '创建概念', 1],
          ['validate', '验证概念（原型、试点）', 1],
          ['develop', '开发方案', 1],
          ['deploy', '部署方案（上市、推广）', 1],
        ],
        { none: '尚未形成创新过程' },
      ),
      numeric(
        'new_products',
        '上一年度推出的新产品（含新服务、新工艺）数量',
        help(
          '上一年度首次投放市场或投入使用、在技术原理或性能上有实质改进的产品、服务或工艺。',
          '新产品鉴定或验收报告、上市销售记录、科技统计年报。',
          'ISO 56002 §8.3（部署方案）',
        ),
        { unit: '个', format: 'integer', max: 100_000, bands: bands([1, 1], [3, 2], [5, 3], [10, 4]) },
      ),
    ]),
    section('operation_collaboration', '合作创新', [
      multiple(
        'op_collaboration',
        '上一年度企业开展了哪些合作创新？',
        help(
          '合作创新可获取外部知识和能力，但须事先约定知识产权安排。',
          '合作协议、联盟成员证书、项目任务书。',
          'ISO 56002 §8.3；ISO 56002 §4.2',
        ),
        [
          ['academia', '产学研合作项目', 1],
          ['alliance', '参加产业技术创新联盟或专利联盟', 1],
          ['chain', '与客户或供应商联合研发', 1],
          ['open', '开放式创新（众包、创新挑战赛、孵化投资）', 1],
          ['international', '国际科技合作', 1],
        ],
        { cap: 4, none: '未开展' },
      ),
      single(
        'op_collab_ip',
        '合作项目中如何约定知识产权？',
        help(
          '背景知识产权是合作前各方已有的知识产权；成果归属和收益分配约定不清，是合作纠纷的主要原因。只有开展了合作创新的企业回答本题。',
          '合作合同中的知识产权条款、法务审核记录。',
          'ISO 56005 §4（法律考量）；ISO 56002 §8.3',
        ),
        [
          ['none', '没有约定', 0],
          ['some', '部分合同有约定', 1],
          ['all', '所有合作合同都约定了背景知识产权、成果归属和收益分配', 3],
          ['reviewed', '都有约定，经知识产权或法务人员审核，并跟踪履行', 4],
        ],
        {
          // Only for those who collaborate: the others never see it and lose nothing.
          visibleIf: {
            all: [
              { question: 'op_collaboration', answered: true },
              { not: { question: 'op_collaboration', includes: 'none' } },
            ],
          },
        },
      ),
      yesno(
        'op_feedback',
        '新产品上市（方案部署）后，企业是否收集用户反馈并评价创新成效？',
        help(
          '部署后的反馈用于评价价值是否实现，并为下一轮创新识别机会。',
          '用户反馈记录、上市后评价报告。',
          'ISO 56002 §8.3（部署方案）',
        ),
        2,
      ),
    ]),
  ],
);
