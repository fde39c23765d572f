import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { publicEndpoints, type TokenPair } from '@assess/shared';
import { transport } from '../../../../platform/http';
import { createApiClient } from '../../../../services/apiClient';
import { createContractClient, PARSE_RESPONSES, reportDrift } from '../../../../services/contractClient';
import { useAsync } from '../../../../hooks/useAsync';
import { ErrorView, LoadingView } from '../../../../components/StateViews';
import { tid } from '../../../../platform/testid';
import './index.scss';

/** No login here: a client without a session (every call is anonymous). */
const noSession = { get: (): TokenPair | null => null, set: () => undefined, clear: () => undefined };
/** The public operations only (shared publicEndpoints): this subpackage carries no staff schemas. */
const publicApi = createContractClient(createApiClient({ base: API_BASE, transport, session: noSession }), publicEndpoints, { parseResponses: PARSE_RESPONSES, onDrift: reportDrift });

const short = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/**
 * The public 公示 page (no login; H5): during and after the period, the enterprises proposed per
 * title and region, with their codes partly hidden; once certified, the 认定名单.
 */
export default function PublicPublicityPage() {
  const campaign = useRouter().params.campaign ?? '';
  const { data, error, loading, reload } = useAsync(() => publicApi.call('getPublicPublicity', { params: { id: campaign }, auth: false }), [campaign]);
  if (loading && !data) return <LoadingView />;
  if (!data) return <ErrorView error={error} onRetry={reload} />;
  const what = data.certified ? '认定名单' : '拟认定名单公示';
  return (
    <View className='page public-publicity' {...tid('public-publicity', { phase: data.phase, certified: data.certified })}>
      <View className='public-header'>
        <Text className='public-title'>
          {data.campaign.year}年国家知识产权优势企业和示范企业{what}
        </Text>
        <Text className='muted'>
          {data.campaign.name} · 公示期 {short(data.period.startsAt)} 至 {short(data.period.endsAt)}（北京时间）· {data.phaseLabel}
        </Text>
      </View>
      {data.titles.map((title) => (
        <View key={title.title} className='card' {...tid(`public-title-${title.title}`, { count: title.count })}>
          <Text className='card-title'>
            {title.label}（{title.count} 家）
          </Text>
          {title.regions.length === 0 ? (
            <Text className='muted'>无</Text>
          ) : (
            title.regions.map((region) => (
              <View key={region.regionCode} className='public-region' {...tid(`public-region-${title.title}-${region.regionCode}`, { count: region.enterprises.length })}>
                <Text className='public-region-name'>
                  {region.regionName}（{region.enterprises.length} 家）
                </Text>
                {region.enterprises.map((enterprise, i) => (
                  <View key={`${enterprise.uscc}-${i}`} className='public-row'>
                    <Text className='public-index'>{i + 1}</Text>
                    <Text className='public-name'>{enterprise.name}</Text>
                    <Text className='public-uscc muted'>{enterprise.uscc}</Text>
                  </View>
                ))}
              </View>
            ))
          )}
        </View>
      ))}
      <Text className='notice' {...tid('public-note')}>
        {data.note}
      </Text>
    </View>
  );
}
