import type { QuestionnaireDefinition } from './schema';
import { bonus } from './default/bonus';
import { context } from './default/context';
import { improvement } from './default/improvement';
import { indicators } from './default/indicators';
import { ipExploitation } from './default/ipExploitation';
import { ipFramework } from './default/ipFramework';
import { ipInnovation } from './default/ipInnovation';
import { ipStrategy } from './default/ipStrategy';
import { ipTools } from './default/ipTools';
import { leadership } from './default/leadership';
import { operation } from './default/operation';
import { performance } from './default/performance';
import { planning } from './default/planning';
import { support } from './default/support';

/**
 * Our default questionnaire, 'iso56005-56002@2023'. The national bureau's real indicator set is
 * not public; this one follows the clause structure of ISO 56002 (§4–§10) and ISO 56005 (§4
 * framework, §5 strategy, §6 the innovation process, the annexes' tools), plus the measured facts
 * a bureau cares about. 100 points over 12 dimensions, plus up to 5 bonus points.
 *
 * Data, not code: it is stored and versioned like any other definition; change it by publishing
 * a new version, never by editing this one once a campaign has pinned it.
 */
export const defaultQuestionnaire: QuestionnaireDefinition = {
  id: 'iso56005-56002',
  version: '2023',
  year: 2023,
  title: '创新管理与知识产权国际标准测评（ISO 56005/56002）',
  description:
    '请如实填写。数据以上一会计年度为准（另有说明的除外）。国家知识产权局将通过多种方式核对信息的真实性，存在弄虚作假行为的，一经发现，立即取消相应资格。',
  scale: { baseMax: 100, bonusMax: 5 },
  dimensions: [
    context,
    leadership,
    planning,
    support,
    operation,
    performance,
    improvement,
    ipFramework,
    ipStrategy,
    ipInnovation,
    ipTools,
    ipExploitation,
  ],
  indicators,
  bonus,
};
