import { View, Text } from '@tarojs/components';

/**
 * Placeholder of the bureau subpackage (dashboards for local and national bureau staff come
 * here). It exists so the subpackage split is built and measured from the start.
 */
export default function BureauHomePage() {
  return (
    <View className='page'>
      <Text>知识产权局工作台建设中，请使用电脑浏览器访问管理端。</Text>
    </View>
  );
}
