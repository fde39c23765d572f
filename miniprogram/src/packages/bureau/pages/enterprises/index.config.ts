export default definePageConfig({ navigationBarTitleText: '企业列表' });
