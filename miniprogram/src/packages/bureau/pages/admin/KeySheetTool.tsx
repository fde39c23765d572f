import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { regions } from '@assess/shared';
import { confirmAction } from '../../../../services/dialogs';
import { tid } from '../../../../platform/testid';
import { ActionButton } from '../../components/ActionButton';
import { NoteText } from '../../components/NoteText';
import { Select } from '../../components/Select/select';
import { Toggle } from '../../components/Toggle/toggle';
import { saveFile } from '../../platform/files';
import { useAction } from '../../hooks/useAction';
import { staffApi } from '../../services/staffApi';

const regionOptions = regions.map((r) => ({ value: r.code, label: r.name }));

/** Issues keys for one region's enterprises and downloads the printable key sheet (keys shown this once). */
export function KeySheetTool({ campaignId }: { campaignId: string }) {
  const [region, setRegion] = useState(regions[0]?.code ?? '');
  const [reissueAll, setReissueAll] = useState(false);
  const { busy, note, run } = useAction();

  const issue = async () => {
    const name = regions.find((r) => r.code === region)?.name ?? region;
    const ok = await confirmAction(
      '发放密钥',
      reissueAll
        ? `为${name}的全部企业重新生成密钥？旧密钥将立即失效，已登录的企业需要用新密钥重新登录。`
        : `为${name}尚无密钥的企业生成密钥，并下载密钥表？密钥只在这张表中出现一次，请妥善保管。`,
      '发放',
    );
    if (!ok) return;
    await run('busy', async () => saveFile(await staffApi.keySheet(campaignId, region, reissueAll), `密钥表-${name}.xlsx`));
  };

  return (
    <View className='bcard' {...tid('keysheet-tool')}>
      <View className='bcard-head'>
        <Text className='bcard-title'>密钥表</Text>
        <Text className='bmuted'>按地区发放密钥并导出可打印的密钥表（含登录链接），交地方局转发企业</Text>
      </View>
      <View className='toolbar'>
        <Select label='密钥单的地区' testId='keysheet-region' value={region} options={regionOptions} onChange={setRegion} />
        <Toggle checked={reissueAll} onChange={setReissueAll} label='全部重新生成（旧密钥作废）' testId='keysheet-reissue' />
        <ActionButton kind='primary' testId='keysheet-issue' busyText={busy ? '正在生成…' : null} onClick={() => void issue()}>
          发放并下载密钥表
        </ActionButton>
      </View>
      <NoteText note={note} testId='keysheet-note' />
    </View>
  );
}
