export default definePageConfig({ navigationBarTitleText: '示范评审材料' });
