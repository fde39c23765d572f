export default definePageConfig({ navigationBarTitleText: '上报材料' });
