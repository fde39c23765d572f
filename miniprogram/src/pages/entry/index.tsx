import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button, Tag } from '@nutui/nutui-react-taro';
import { isCampaignChoices, normalizeKey, type CampaignChoice, type EnterpriseLoginRequest, type EntryInfo } from '@assess/shared';
import { api } from '../../services/api';
import { describeError } from '../../services/errorText';
import { formatDeadline, formatPeriod } from '../../services/beijingTime';
import { validateUscc } from '../../services/engine';
import { routes } from '../../services/navigation';
import { session } from '../../services/session';
import { LoadingView } from '../../components/StateViews';
import { TextSizeSwitch } from '../../components/TextSizeSwitch';
import { inputLabel } from '../../platform/inputLabel';
import { pressable } from '../../platform/pressable';
import { readScene } from '../../platform/launch';
import { tid } from '../../platform/testid';
import './index.scss';

const stateLabels = { not_open: '未开始', open: '进行中', closed: '已关闭' } as const;
const stateTags = { not_open: 'warning', open: 'success', closed: 'danger' } as const;

function WindowCard({ info }: { info: EntryInfo }) {
  const { campaign, enterprise } = info;
  return (
    <View className='card entry-info' {...tid('entry-info', { state: campaign.state })}>
      <Text className='muted'>测评企业</Text>
      <Text className='entry-enterprise' {...tid('entry-enterprise')}>
        {enterprise.maskedName}
      </Text>
      <Text className='muted'>{enterprise.regionName}</Text>
      <View className='gap' />
      <View className='row-between'>
        <Text className='entry-campaign'>{campaign.name}</Text>
        <View className='entry-state' {...tid('entry-state')}>
          <Tag type={stateTags[campaign.state]}>{stateLabels[campaign.state]}</Tag>
        </View>
      </View>
      <Text className='muted'>
        测评时间：{formatPeriod(campaign.opensAt, campaign.closesAt)}（北京时间）
      </Text>
      {campaign.state === 'not_open' && <Text className='notice warning'>测评尚未开始，开始后方可作答；现在可以先登录，下载问卷准备材料。</Text>}
      {campaign.state === 'closed' && <Text className='notice danger'>测评系统已关闭，不能再作答；登录后可查看最终成绩。</Text>}
    </View>
  );
}

/** The key fits the enterprise in several campaigns (USCC login): the user picks which one to open. */
function CampaignChoices({ choices, disabled, onChoose }: { choices: CampaignChoice[]; disabled: boolean; onChoose(campaignId: string): void }) {
  return (
    <View className='card' {...tid('campaign-choices')}>
      <Text className='card-title'>请选择测评活动</Text>
      <Text className='muted'>贵企业参加了多个测评活动，请选择要进入的一个：</Text>
      {choices.map((choice) => (
        <View key={choice.campaignId} className='entry-choice'>
          <View className='row-between'>
            <Text className='entry-campaign'>{choice.name}</Text>
            <Tag type={stateTags[choice.state]}>{stateLabels[choice.state]}</Tag>
          </View>
          <Text className='muted'>关闭时间：{formatDeadline(choice.closesAt)}（北京时间）</Text>
          <Button type='primary' fill='outline' block disabled={disabled} onClick={() => onChoose(choice.campaignId)} {...tid('campaign-choice', { campaign: choice.campaignId })}>
            进入此测评
          </Button>
        </View>
      ))}
    </View>
  );
}

/**
 * The QR landing page and the login. A scanned code brings `scene`: the masked enterprise name
 * and the window are shown, and the key alone logs in. Without a scene (a PC browser) the
 * enterprise identifies itself with its 统一社会信用代码 and the key.
 */
export default function EntryPage() {
  const router = useRouter();
  const expired = router.params.expired === '1';
  // After an expired session, the code scanned last time still identifies the enterprise.
  const scene = readScene(router.params) ?? (expired ? session.lastScene() : null);

  const [info, setInfo] = useState<EntryInfo | null>(null);
  const [infoError, setInfoError] = useState<unknown>(null);
  const [loadingInfo, setLoadingInfo] = useState(Boolean(scene));
  const [mode, setMode] = useState<'scene' | 'uscc'>(scene ? 'scene' : 'uscc');
  const [key, setKey] = useState('');
  const [uscc, setUscc] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const [choices, setChoices] = useState<CampaignChoice[] | null>(null);

  useEffect(() => {
    // Already logged in, and not a scan of some other enterprise's code: straight to the home page.
    if (!expired && session.isLoggedIn() && (!scene || scene === session.scene())) {
      void Taro.reLaunch({ url: routes.home() });
      return;
    }
    if (!scene) return;
    api.entry(scene).then(
      (entry) => {
        setInfo(entry);
        setLoadingInfo(false);
      },
      (failure: unknown) => {
        setInfoError(failure);
        setLoadingInfo(false);
        setMode('uscc');
      },
    );
  }, [scene, expired]);

  const login = async (campaignId?: string) => {
    setError(null);
    setFieldError(null);
    const normalizedKey = normalizeKey(key);
    let body: EnterpriseLoginRequest;
    if (mode === 'uscc') {
      const checked = validateUscc(uscc);
      if (!checked.ok) return setFieldError(checked.message);
      if (!normalizedKey) return setFieldError('请填写密钥');
      body = campaignId ? { uscc: checked.uscc, key: normalizedKey, campaignId } : { uscc: checked.uscc, key: normalizedKey };
    } else {
      if (!scene) return;
      if (!normalizedKey) return setFieldError('请填写密钥');
      body = { scene, key: normalizedKey };
    }
    setSubmitting(true);
    try {
      const answer = await api.login(body, mode === 'scene' ? scene : null);
      if (isCampaignChoices(answer)) return setChoices(answer.choose);
      await Taro.reLaunch({ url: routes.home() });
    } catch (failure) {
      setError(failure);
    } finally {
      setSubmitting(false);
    }
  };

  if (loadingInfo) return <LoadingView text='正在读取二维码信息…' />;

  return (
    <View className='page entry'>
      <View className='entry-header'>
        <Text className='entry-title'>创新管理与知识产权国际标准测评</Text>
        <Text className='muted'>ISO 56005 / ISO 56002 · 国家知识产权优势企业和示范企业</Text>
      </View>

      {expired && <Text className='notice warning'>登录已失效，请重新登录。已填写的答案保存在本机和服务器上，不会丢失。</Text>}
      {infoError !== null && (
        <Text className='notice danger' {...tid('entry-info-error')}>
          {describeError(infoError)}。可改用统一社会信用代码和密钥登录。
        </Text>
      )}
      {info && mode === 'scene' && <WindowCard info={info} />}

      <View className='card'>
        <Text className='card-title'>{mode === 'scene' ? '输入密钥' : '统一社会信用代码登录'}</Text>
        {mode === 'uscc' && (
          <View className='field'>
            <Text className='field-label'>统一社会信用代码</Text>
            <Input
              className='field-input'
              value={uscc}
              maxlength={24}
              placeholder='18 位，如 91440300708461136T'
              onInput={(e) => setUscc(e.detail.value)}
              {...inputLabel('统一社会信用代码')}
              {...tid('login-uscc')}
            />
          </View>
        )}
        <View className='field'>
          <Text className='field-label'>密钥</Text>
          <Input
            className='field-input key'
            value={key}
            maxlength={24}
            placeholder='12 位字母和数字'
            onInput={(e) => setKey(e.detail.value)}
            onConfirm={() => void login()}
            {...inputLabel('密钥')}
            {...tid('login-key')}
          />
          <Text className='muted'>密钥随二维码一同下发，由字母和数字组成（不含易混淆的 0、O、1、I、L），不区分大小写。</Text>
        </View>
        {(fieldError || error !== null) && (
          <Text className='error-text login-error' {...{ role: 'alert' }} {...tid('login-error', { code: (error as { code?: string } | null)?.code ?? 'FIELD' })}>
            {fieldError ?? describeError(error)}
          </Text>
        )}
        <View className='gap' />
        <Button type='primary' block loading={submitting} disabled={submitting} onClick={() => void login()} {...tid('login-submit')}>
          {submitting ? '正在登录…' : '登录'}
        </Button>
      </View>

      {choices && mode === 'uscc' && <CampaignChoices choices={choices} disabled={submitting} onChoose={(campaignId) => void login(campaignId)} />}

      {scene && info && (
        <Text className='entry-switch' onClick={() => setMode(mode === 'scene' ? 'uscc' : 'scene')} {...pressable()} {...tid('login-switch')}>
          {mode === 'scene' ? '改用统一社会信用代码登录' : '返回扫码登录'}
        </Text>
      )}
      <Text className='muted entry-foot'>
        请如实填写测评信息。国家知识产权局将核对信息的真实性，弄虚作假的一经发现即取消相应资格。
      </Text>
      <Text className='entry-switch entry-staff' onClick={() => void Taro.navigateTo({ url: routes.staffLogin() })} {...pressable({ role: 'link' })} {...tid('staff-login-link')}>
        知识产权局工作人员登录
      </Text>
      <Text className='entry-switch entry-staff' onClick={() => void Taro.navigateTo({ url: routes.verify() })} {...tid('verify-link')}>
        校验回执文件
      </Text>
      <TextSizeSwitch />
    </View>
  );
}
