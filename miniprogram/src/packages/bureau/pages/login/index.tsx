import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { describeError } from '../../../../services/errorText';
import { inputLabel } from '../../../../platform/inputLabel';
import { tid } from '../../../../platform/testid';
import { staffApi } from '../../services/staffApi';
import { bureauRoutes } from '../../services/routes';
import { forgetStaffContext } from '../../services/staffContext';
import { staffSession } from '../../services/staffSession';
import '../../styles/bureau.scss';
import './index.scss';

/** The staff login: a bureau account's user name and password (accounts come from the national bureau). */
export default function StaffLoginPage() {
  const expired = useRouter().params.expired === '1';
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    if (!expired && staffSession.isLoggedIn()) void Taro.reLaunch({ url: bureauRoutes.overview() });
  }, [expired]);

  const login = async () => {
    setError(null);
    setFieldError(null);
    if (!username.trim()) return setFieldError('请填写用户名');
    if (!password) return setFieldError('请填写密码');
    setSubmitting(true);
    try {
      forgetStaffContext();
      await staffApi.login(username.trim(), password);
      await Taro.reLaunch({ url: bureauRoutes.overview() });
    } catch (failure) {
      setError(failure);
      setSubmitting(false);
    }
  };

  return (
    <View className='bureau staff-login' {...tid('staff-login')}>
      <View className='staff-login-card bcard'>
        <Text className='staff-login-title'>知识产权局工作台</Text>
        <Text className='bmuted'>创新管理与知识产权国际标准测评 · 地方知识产权局与国家知识产权局工作人员使用</Text>
        {expired && <Text className='bnotice warning'>登录已失效，请重新登录。</Text>}
        <View className='field staff-login-field'>
          <Text className='field-label'>用户名</Text>
          <Input
            className='binput'
            value={username}
            maxlength={40}
            placeholder='请输入用户名'
            onInput={(e) => setUsername(e.detail.value)}
            onConfirm={() => void login()}
            {...inputLabel('用户名')}
            {...tid('staff-username')}
          />
        </View>
        <View className='field staff-login-field'>
          <Text className='field-label'>密码</Text>
          <Input
            className='binput'
            password
            value={password}
            maxlength={200}
            placeholder='请输入密码'
            onInput={(e) => setPassword(e.detail.value)}
            onConfirm={() => void login()}
            {...inputLabel('密码')}
            {...tid('staff-password')}
          />
        </View>
        {fieldError && <Text className='inline-error'>{fieldError}</Text>}
        {error !== null && (
          <Text className='inline-error' {...tid('staff-login-error', { code: (error as { code?: string }).code ?? '' })}>
            {describeError(error)}
          </Text>
        )}
        <View className='staff-login-actions'>
          <Button type='primary' block loading={submitting} disabled={submitting} onClick={() => void login()} {...tid('staff-login-submit')}>
            登录
          </Button>
        </View>
        <Text className='bmuted staff-login-help'>账号由国家知识产权局统一开设；忘记密码请联系国家知识产权局重置。连续输错将暂时锁定。</Text>
      </View>
    </View>
  );
}
