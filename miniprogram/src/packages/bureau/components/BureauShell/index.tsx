import { useEffect, useMemo, useState, type ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { ScrollView, Text, View } from '@tarojs/components';
import { regions, type CampaignView } from '@assess/shared';
import { useAsync } from '../../../../hooks/useAsync';
import { EmptyView, ErrorView, LoadingView } from '../../../../components/StateViews';
import { pressable } from '../../../../platform/pressable';
import { tid } from '../../../../platform/testid';
import { bureauRoutes, switchTo } from '../../services/routes';
import { clearStaffData, staffSession } from '../../services/staffSession';
import { staffApi, type StaffMe } from '../../services/staffApi';
import {
  chosenCampaign,
  chosenScope,
  citiesFor,
  forgetStaffContext,
  loadStaffContext,
  rememberCampaign,
  rememberScope,
  roleLabels,
  scopeLabel,
  scopeParams,
  type ScopeChoice,
} from '../../services/staffContext';
import { Select } from '../Select/select';
import { CampaignForm } from '../CampaignForm';
import '../../styles/bureau.scss';

export type Section = 'overview' | 'enterprises' | 'quota' | 'evidence' | 'regions' | 'passLines' | 'publicity' | 'risks' | 'admin' | 'detail';

/** What a workbench page gets once the account and campaign are known. */
export interface Staff {
  me: StaffMe;
  campaigns: CampaignView[];
  campaign: CampaignView;
  scope: ScopeChoice;
  /** The region/city query parameters for the scope chosen. */
  scopeQuery: { region?: string; city?: string };
  setScope(scope: ScopeChoice): void;
}

interface NavItem {
  section: Section;
  label: string;
  url: string;
  national?: boolean;
}

const navItems: readonly NavItem[] = [
  { section: 'overview', label: '概览', url: bureauRoutes.overview() },
  { section: 'enterprises', label: '企业列表', url: bureauRoutes.enterprises() },
  { section: 'quota', label: '初核与推荐', url: bureauRoutes.quota() },
  { section: 'evidence', label: '示范材料', url: bureauRoutes.evidence() },
  { section: 'regions', label: '全国地区一览', url: bureauRoutes.regions(), national: true },
  { section: 'passLines', label: '合格线', url: bureauRoutes.passLines(), national: true },
  { section: 'publicity', label: '公示与认定', url: bureauRoutes.publicity(), national: true },
  { section: 'risks', label: '称号风险', url: bureauRoutes.risks(), national: true },
  { section: 'admin', label: '管理工具', url: bureauRoutes.admin(), national: true },
];

const campaignStateLabels = { not_open: '未开始', open: '进行中', closed: '已关闭' } as const;

export interface BureauShellProps {
  section: Section;
  /** Pages only the national bureau may use. */
  nationalOnly?: boolean;
  /** Show the region/city chooser (pages whose data follow the scope). */
  scoped?: boolean;
  children(staff: Staff): ReactNode;
}

function ScopeBar({ me, scope, onChange }: { me: StaffMe; scope: ScopeChoice; onChange(scope: ScopeChoice): void }) {
  const cities = citiesFor(scope.region);
  const regionOptions = useMemo(() => [{ value: '', label: '全国（全部地区）' }, ...regions.map((r) => ({ value: r.code, label: r.name }))], []);
  const cityOptions = [{ value: '', label: '全部地市' }, ...cities.map((c) => ({ value: c.code, label: c.name }))];
  return (
    <View className='bureau-scope' {...tid('scope', { region: scope.region ?? '', city: scope.city ?? '' })}>
      <Text className='muted'>范围</Text>
      {me.role === 'national' && (
        <Select label='地区' testId='scope-region' value={scope.region ?? ''} options={regionOptions} onChange={(region) => onChange({ region: region || null, city: null })} />
      )}
      {me.role !== 'city' && cities.length > 0 && (
        <Select label='地市' testId='scope-city' value={scope.city ?? ''} options={cityOptions} onChange={(city) => onChange({ region: scope.region, city: city || null })} />
      )}
      {me.role === 'city' && <Text className='bureau-scope-fixed'>{scopeLabel(scope)}</Text>}
    </View>
  );
}

/**
 * The frame of every workbench page: the account, the campaign chosen, the sections the role
 * may open and (on scoped pages) the region or city chosen. Sends a visitor without a staff
 * login to the login page; renders the page only once everything it needs is known.
 */
export function BureauShell({ section, nationalOnly = false, scoped = false, children }: BureauShellProps) {
  const loggedIn = staffSession.isLoggedIn();
  useEffect(() => {
    if (!loggedIn) void Taro.reLaunch({ url: bureauRoutes.login() });
  }, [loggedIn]);
  const { data, error, loading, reload } = useAsync(() => (loggedIn ? loadStaffContext() : new Promise<never>(() => undefined)), [loggedIn]);
  const [campaignId, setCampaignId] = useState<string | null>(null);
  const [scope, setScopeState] = useState<ScopeChoice | null>(null);

  const campaign = data ? (data.campaigns.find((c) => c.id === campaignId) ?? chosenCampaign(data.campaigns)) : null;
  const currentScope = data ? (scope ?? chosenScope(data.me)) : null;

  const logout = async () => {
    await staffApi.logout();
    clearStaffData();
    forgetStaffContext();
    void Taro.reLaunch({ url: bureauRoutes.login() });
  };

  const header = (
    <View className='bureau-header'>
      <View className='bureau-header-top'>
        <View className='bureau-brand'>
          <Text className='bureau-title'>知识产权局工作台</Text>
          <Text className='bureau-subtitle'>创新管理与知识产权国际标准测评</Text>
        </View>
        {data && (
          <View className='bureau-account'>
            <Text className='bureau-role' {...tid('staff-role', { role: data.me.role })}>
              {data.me.displayName} · {roleLabels[data.me.role]} · {scopeLabel({ region: data.me.regionCode, city: data.me.cityCode })}
            </Text>
            {campaign && (
              <Select
                label='测评活动'
                testId='campaign-select'
                value={campaign.id}
                options={data.campaigns.map((c) => ({ value: c.id, label: `${c.name}（${campaignStateLabels[c.state]}）` }))}
                onChange={(id) => {
                  rememberCampaign(id);
                  setCampaignId(id);
                }}
              />
            )}
            <Text className='bureau-logout' onClick={() => void logout()} {...pressable()} {...tid('logout')}>
              退出登录
            </Text>
          </View>
        )}
      </View>
      {data && (
        <ScrollView scrollX className='bureau-nav'>
          <View className='bureau-nav-inner'>
            {navItems
              .filter((item) => !item.national || data.me.role === 'national')
              .map((item) => (
                <Text
                  key={item.section}
                  className={`bureau-nav-item ${item.section === section ? 'active' : ''}`}
                  onClick={() => item.section !== section && switchTo(item.url)}
                  {...pressable({ role: 'link', current: item.section === section })}
                  {...tid(`nav-${item.section}`, { active: item.section === section })}
                >
                  {item.label}
                </Text>
              ))}
          </View>
        </ScrollView>
      )}
    </View>
  );

  let body: ReactNode;
  if (!loggedIn || (loading && !data)) body = <LoadingView />;
  else if (!data || !currentScope) body = <ErrorView error={error} onRetry={reload} />;
  else if (nationalOnly && data.me.role !== 'national') body = <EmptyView text='此功能仅供国家知识产权局使用。' />;
  else if (!campaign) {
    // The first campaign is created here: until then no page has anything to show.
    body = data.me.role === 'national' ? <CampaignForm campaign={null} /> : <EmptyView text='还没有测评活动。国家知识产权局创建活动后，这里会显示各企业的测评情况。' />;
  }
  else {
    const setScope = (next: ScopeChoice) => {
      rememberScope(next);
      setScopeState(next);
    };
    body = (
      <>
        {scoped && <ScopeBar me={data.me} scope={currentScope} onChange={setScope} />}
        {children({ me: data.me, campaigns: data.campaigns, campaign, scope: currentScope, scopeQuery: scopeParams(data.me, currentScope), setScope })}
      </>
    );
  }

  return (
    <View className='bureau' {...tid(`bureau-${section}`)}>
      {header}
      <View className='bureau-page'>{body}</View>
    </View>
  );
}
