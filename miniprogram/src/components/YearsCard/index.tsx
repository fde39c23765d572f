import { Text, View } from '@tarojs/components';
import { api } from '../../services/api';
import { useAsync } from '../../hooks/useAsync';
import { pressable } from '../../platform/pressable';
import { tid } from '../../platform/testid';

/**
 * 历年测评: the enterprise's score in each certified year, from its lasting record (keyed by its
 * USCC, so earlier campaigns show too). Quiet while it loads; a failure says so and offers a retry.
 */
export function YearsCard() {
  const { data, error, loading, reload } = useAsync(() => api.history());
  return (
    <View className='card' role='region' aria-label='历年测评' {...tid('years', { count: data?.years.length ?? 0, state: loading ? 'loading' : data ? 'ready' : 'error' })}>
      <Text className='card-title'>历年测评</Text>
      {loading && !data && <Text className='muted'>正在读取历年记录…</Text>}
      {!loading && !data && (
        <Text className='muted' onClick={reload} {...pressable({ role: 'button' })} {...tid('years-error')}>
          历年记录暂时无法读取（{error instanceof Error ? error.message : '网络异常'}），点此重试。
        </Text>
      )}
      {data && data.years.length === 0 && (
        <Text className='muted' {...tid('years-empty')}>
          还没有已认定年度的测评记录。
        </Text>
      )}
      {data && data.years.length > 0 && (
        <View role='list'>
          {data.years.map((year) => (
            <View key={`${year.year}-${year.track}`} role='listitem' className='home-attempt' {...tid(`year-${year.year}`, { score: year.finalScore ?? '' })}>
              <View>
                <Text className='home-attempt-title'>{year.year} 年度</Text>
                <Text className='muted home-attempt-time'>
                  {year.trackLabel}
                  {year.outcomeLabel ? ` · ${year.outcomeLabel}` : ''}
                </Text>
              </View>
              <Text className='home-attempt-score'>{year.finalScore === null ? '—' : `${year.finalScore} 分`}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
