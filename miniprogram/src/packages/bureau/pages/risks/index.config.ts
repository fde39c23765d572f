export default definePageConfig({ navigationBarTitleText: '称号风险' });
