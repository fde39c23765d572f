import { Text, View } from '@tarojs/components';
import { tid } from '../../../../platform/testid';
import { BureauShell } from '../../components/BureauShell';
import { CampaignForm } from '../../components/CampaignForm';
import { ImportTool } from './ImportTool';
import { KeySheetTool } from './KeySheetTool';
import { StaffAccounts } from './StaffAccounts';

/**
 * National tools: the campaign's settings and a new campaign, the enterprise import (with its row
 * report), key sheets per region, bureau accounts. Key reset, extensions and QR codes are on each enterprise's detail page.
 */
export default function AdminPage() {
  return (
    <BureauShell section='admin' nationalOnly>
      {(staff) => (
        <View {...tid('admin')}>
          <Text className='bnotice'>当前活动：{staff.campaign.name}。导入和密钥发放都作用于这个活动；单个企业的密钥重置、延期和二维码在企业详情页。</Text>
          <CampaignForm key={staff.campaign.id} campaign={staff.campaign} />
          <CampaignForm campaign={null} />
          <ImportTool campaignId={staff.campaign.id} />
          <KeySheetTool campaignId={staff.campaign.id} />
          <StaffAccounts />
        </View>
      )}
    </BureauShell>
  );
}
