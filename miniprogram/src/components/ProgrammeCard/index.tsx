import { Text, View } from '@tarojs/components';
import type { MeResponse } from '@assess/shared';
import { tid } from '../../platform/testid';
import './index.scss';

const good = new Set(['under_publicity', 'certified']);

/**
 * After the close: what the national bureau has made visible about the enterprise — the
 * application's outcome (推荐 / 公示中 / 已认定 / 未获推荐 …) and, once certified, its 考核/复核
 * results. Nothing of a bureau's draft or submitted list appears before the 公示.
 */
export function ProgrammeCard({ me }: { me: MeResponse }) {
  const programme = me.programme;
  if (!programme || (!programme.application && programme.reviews.length === 0)) return null;
  const application = programme.application;
  return (
    <View className='card' {...tid('programme', { phase: programme.phase, outcome: application?.outcome ?? '', reviews: programme.reviews.map((r) => `${r.purpose}:${r.outcome}`).join(',') })}>
      <Text className='card-title'>评审结果</Text>
      {application && (
        <View className={`programme-outcome ${good.has(application.outcome) ? 'good' : 'plain'}`} {...tid('programme-application', { outcome: application.outcome })}>
          <Text className='programme-title'>
            申报{application.titleLabel}：{application.label}
          </Text>
          {application.outcome === 'under_publicity' && <Text>已列入国家知识产权局公示名单，公示期满无异议后予以认定。</Text>}
          {application.outcome === 'certified' && <Text>已被认定为国家知识产权{application.titleLabel}。</Text>}
        </View>
      )}
      {programme.reviews.map((review) => (
        <View key={review.purpose} className={`programme-outcome ${review.outcome === 'pass' ? 'good' : 'plain'}`} {...tid(`programme-review-${review.purpose}`, { outcome: review.outcome })}>
          <Text className='programme-title'>{review.label}</Text>
        </View>
      ))}
    </View>
  );
}
