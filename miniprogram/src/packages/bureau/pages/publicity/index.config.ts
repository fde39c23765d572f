export default definePageConfig({ navigationBarTitleText: '公示与认定' });
